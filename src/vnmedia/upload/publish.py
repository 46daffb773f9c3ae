"""``vnmedia publish DEST``: the listener's part of the output folder, copied to a web host.

DEST is a folder or any fsspec URL (``s3://bucket/show``, ``gs://…``, ``az://…``,
``sftp://host/path``, ``file://…``; the backends are optional extras). What is sent is
exactly what listeners need — each listed episode's MP3, transcripts and chapters, the
cover, ``index.html`` and ``feed.xml`` — never the cache, the lock, manifests or the report.

Listeners must never see a feed item whose file is missing, whenever the copy stops:

1. the destination is checked first (it exists, it can be written), so one that refuses
   fails before anything is sent;
2. media go first, then the cover and the page, and the feed last;
3. each file appears whole: object stores write objects whole, and elsewhere a file is
   sent under a temporary name and renamed;
4. files of episodes the feed no longer lists are deleted only after the new feed is there.

The publish record (``.vnmedia-published.json`` at DEST) keeps each sent file's SHA-256:
a file already there with the same content and size is not sent again, and only files
vnmedia sent are ever deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import PublishError
from ..publish.episode import EPISODES_DIR
from ..publish.site import FEED_FILE, PAGE_FILE, listed_episodes, transcript_suffixes
from ..settings import Settings

RECORD_FILE = ".vnmedia-published.json"
OBJECT_STORES = {"s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "memory"}
"""Protocols whose writes are whole-object: a reader sees the old object or the new one."""
COVER_FILES = ("cover.png", "cover.jpg")


@dataclass(frozen=True)
class SiteFile:
    """A file of the local site, as it must appear at the destination."""

    path: str
    """Relative to the site's root, with ``/``."""
    local: Path
    size: int
    digest: str


@dataclass
class PublishPlan:
    """What a publish does, in the order it does it."""

    send: list[SiteFile] = field(default_factory=list)
    unchanged: list[SiteFile] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)
    """Files of dropped episodes, deleted after the feed no longer names them."""

    def describe(self) -> list[str]:
        """One line per action (``--dry-run``)."""
        lines = [f"send {f.path} ({f.size:,} bytes)" for f in self.send]
        lines += [f"delete {path}" for path in self.delete]
        lines.append(f"{len(self.unchanged)} file(s) already there and unchanged")
        return lines


def site_files(settings: Settings) -> list[SiteFile]:
    """The listener's files of the output folder, in the order they must be sent."""
    output = Path(settings.output)
    names: list[str] = []
    for manifest, mp3 in listed_episodes(settings):
        names.append(f"{EPISODES_DIR}/{mp3.name}")
        for suffix in [*transcript_suffixes(mp3, manifest.slug), ".chapters.json"]:
            if (mp3.with_name(f"{manifest.slug}{suffix}")).is_file():
                names.append(f"{EPISODES_DIR}/{manifest.slug}{suffix}")
    names += [name for name in COVER_FILES if (output / name).is_file()]
    names += [PAGE_FILE, FEED_FILE]
    files = []
    for name in names:
        local = output / name
        if not local.is_file():
            raise PublishError(
                f"{local} is missing: run `vnmedia build` (or `vnmedia feed`) before publishing"
            )
        files.append(SiteFile(name, local, local.stat().st_size, _digest(local)))
    return files


class Destination:
    """A publish destination through fsspec."""

    def __init__(self, url: str, *, opener: Callable[[str], tuple[Any, str]] | None = None):
        self.url = url
        try:
            import fsspec  # an optional extra's backend may be missing: say which

            self.fs, root = (opener or fsspec.core.url_to_fs)(url)
            self.root: str = str(root)
        except ImportError as exc:
            raise PublishError(
                f"publishing to {url} needs {exc.name or 'its fsspec backend'}: "
                "pip install 'vnmedia[s3]' (or [gcs], [azure], [sftp])"
            ) from exc
        except (ValueError, OSError) as exc:
            raise PublishError(f"cannot use {url} as a destination: {exc}") from exc
        protocol = self.fs.protocol
        protocols = {protocol} if isinstance(protocol, str) else set(protocol)
        self.whole_objects = bool(protocols & OBJECT_STORES)

    def _full(self, path: str) -> str:
        return posixpath.join(self.root.rstrip("/"), path) if self.root else path

    def check(self) -> dict[str, str]:
        """Fail unless the destination can be read and written; returns its publish record."""
        try:
            if not self.whole_objects:
                self.fs.makedirs(self.root, exist_ok=True)
            else:
                # A listing, not exists(): exists() says False for a missing bucket, missing
                # credentials and an unreachable service alike, and a listing's reply names
                # the service's reason (a HEAD request's has no body to name it in).
                try:
                    self.fs.ls(self.root)
                except FileNotFoundError as missing:
                    if "NoSuchBucket" in _names(missing):
                        bucket = self.root.split("/")[0]
                        raise FileNotFoundError(f"bucket {bucket!r} does not exist") from None
                    # else: the bucket is there, the show's folder not yet
            record = self.read_record()
            # Writing the record back is the write check: nothing of the site is sent yet.
            self.write_record(record)
        except Exception as exc:  # each backend raises its own: told apart by _reason
            if not _destination_failure(exc):
                raise
            raise PublishError(
                f"{self.url} refuses: {_reason(exc, self.url)}; nothing was sent"
            ) from exc
        return record

    def read_record(self) -> dict[str, str]:
        """Path → SHA-256 of the files vnmedia sent here before."""
        try:
            with self.fs.open(self._full(RECORD_FILE), "rb") as handle:
                data = json.loads(handle.read().decode("utf-8"))
        except FileNotFoundError:
            return {}
        except ValueError:
            return {}  # damaged: every file is sent again, which is safe
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def write_record(self, record: dict[str, str]) -> None:
        """Store the publish record (whole)."""
        self.put_bytes(RECORD_FILE, json.dumps(record, indent=1, sort_keys=True).encode())

    def sizes(self) -> dict[str, int]:
        """Size of every file under the destination, by relative path."""
        try:
            found = self.fs.find(self.root, detail=True)
        except FileNotFoundError:
            return {}
        prefix = self.root.rstrip("/") + "/" if self.root else ""
        return {
            name[len(prefix) :]: int(info.get("size") or 0)
            for name, info in found.items()
            if name.startswith(prefix)
        }

    def put(self, file: SiteFile) -> None:
        """Send one file so that it appears whole."""
        self._put(lambda target: self.fs.put_file(str(file.local), target), file.path)

    def put_bytes(self, path: str, data: bytes) -> None:
        """Store ``data`` at ``path`` so that it appears whole."""
        self._put(lambda target: self.fs.pipe_file(target, data), path)

    def _put(self, write: Callable[[str], None], path: str) -> None:
        target = self._full(path)
        if self.whole_objects:
            write(target)
            return
        self.fs.makedirs(posixpath.dirname(target) or ".", exist_ok=True)
        temporary = posixpath.join(
            posixpath.dirname(target), f".{posixpath.basename(target)}.vnmedia-partial"
        )
        write(temporary)
        self.fs.mv(temporary, target)

    def delete(self, path: str) -> None:
        """Remove one file (gone already is fine)."""
        with contextlib.suppress(FileNotFoundError):
            self.fs.rm_file(self._full(path))


def plan_publish(
    files: list[SiteFile], record: dict[str, str], there: dict[str, int]
) -> PublishPlan:
    """What to send (new or changed), what is already there, and what to delete after."""
    plan = PublishPlan()
    for file in files:
        same = record.get(file.path) == file.digest and there.get(file.path) == file.size
        (plan.unchanged if same else plan.send).append(file)
    wanted = {f.path for f in files}
    plan.delete = sorted(p for p in record if p not in wanted and p in there)
    return plan


def publish(
    settings: Settings,
    destination: str,
    *,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
    opener: Callable[[str], tuple[Any, str]] | None = None,
) -> PublishPlan:
    """Copy the site in ``settings.output`` to ``destination`` (see the module's steps)."""
    files = site_files(settings)
    target = Destination(destination, opener=opener)
    if dry_run:
        record, there = target.read_record(), target.sizes()
        return plan_publish(files, record, there)
    record = target.check()
    plan = plan_publish(files, record, target.sizes())
    try:
        for file in plan.send:  # media, then cover and page, the feed last
            target.put(file)
            record[file.path] = file.digest
            if progress:
                progress(f"sent {file.path}")
        # The new feed is in place: the record goes before the deletions, so that a publish
        # stopped among them still knows what to delete next time.
        target.write_record(record)
        for path in plan.delete:
            target.delete(path)
            record.pop(path, None)
            if progress:
                progress(f"deleted {path}")
        if plan.delete:
            target.write_record(record)
    except Exception as exc:  # each backend raises its own: told apart by _reason
        if not _destination_failure(exc):
            raise
        raise PublishError(
            f"publishing to {destination} stopped: {_reason(exc, destination)}; the site there is "
            "consistent (the old feed or the new one, with all their files): run publish again"
        ) from exc
    return plan


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_CREDENTIALS = {
    # Error classes and service codes that mean "who you are" failed, not "what you may do".
    "NoCredentialsError", "PartialCredentialsError", "InvalidAccessKeyId",
    "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired",
    "DefaultCredentialsError", "RefreshError", "ClientAuthenticationError",
    "AuthenticationException", "BadAuthenticationType", "PasswordRequiredException",
}  # fmt: skip
_UNREACHABLE = {
    "EndpointConnectionError", "ConnectTimeoutError", "ReadTimeoutError", "ConnectionError",
    "ConnectionRefusedError", "ConnectionResetError", "ClientConnectorError",
    "ClientConnectorDNSError", "ServerTimeoutError", "ServiceRequestError", "gaierror",
    "TimeoutError", "NoValidConnectionsError", "TransportError",
}  # fmt: skip
_NOT_FOUND = {"NoSuchBucket", "FileNotFoundError", "ResourceNotFoundError", "NotFound"}
_FIXES = {
    "credentials": {
        "s3": "set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (aws configure)",
        "gs": "run gcloud auth application-default login, or set GOOGLE_APPLICATION_CREDENTIALS",
        "az": "set AZURE_STORAGE_CONNECTION_STRING, or run az login",
        "sftp": "give ssh a key the server accepts (ssh-agent, ~/.ssh/config)",
        "": "give the destination's credentials",
    },
    "permission": "these credentials may not write there: grant write and list access to "
    "the destination",
    "folder permission": "this user may not write in that folder: fix its permissions, or "
    "publish elsewhere",
    "not found": "check its name, or create it first",
    "unreachable": "check the network (and AWS_ENDPOINT_URL or the host name), then publish again",
}


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and the errors it was raised from, outermost first."""
    causes: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in causes:
        causes.append(current)
        current = current.__cause__ or current.__context__
    return causes


def _names(exc: BaseException) -> set[str]:
    """The class names along ``exc``'s causes, and the service's error codes (botocore)."""
    names = set()
    for cause in _causes(exc):
        names.add(type(cause).__name__)
        response = getattr(cause, "response", None)
        if isinstance(response, dict):  # botocore's ClientError: the service's own code
            names.add(str(response.get("Error", {}).get("Code", "")))
    return names


def _destination_failure(exc: BaseException) -> bool:
    """Whether ``exc`` is the destination failing (an OSError, or a backend's error about
    credentials, reachability, permission or a missing bucket), not a bug of ours."""
    known = _CREDENTIALS | _UNREACHABLE | _NOT_FOUND | {"AccessDenied", "ClientError"}
    return isinstance(exc, OSError | ValueError) or bool(_names(exc) & known)


def _reason(exc: BaseException, url: str) -> str:
    """Why a destination failed, as one of: no valid credentials, no permission, not found,
    unreachable (each with its fix), else the backend's own words."""
    causes = _causes(exc)
    names = _names(exc)
    detail = str(causes[-1]) or type(causes[-1]).__name__
    protocol = url.partition("://")[0] if "://" in url else ""
    protocol = {"s3a": "s3", "gcs": "gs", "abfs": "az", "abfss": "az", "ssh": "sftp"}.get(
        protocol, protocol
    )
    if names & _CREDENTIALS:
        fixes = _FIXES["credentials"]
        assert isinstance(fixes, dict)
        return f"no valid credentials ({detail}): {fixes.get(protocol, fixes[''])}"
    if names & _UNREACHABLE:
        return f"unreachable ({detail}): {_FIXES['unreachable']}"
    if "PermissionError" in names or "AccessDenied" in names:
        fix = _FIXES["permission" if protocol not in ("", "file") else "folder permission"]
        return f"permission denied ({detail}): {fix}"
    if names & _NOT_FOUND:
        return f"not found ({detail}): {_FIXES['not found']}"
    return f"{type(exc).__name__}: {detail}"
