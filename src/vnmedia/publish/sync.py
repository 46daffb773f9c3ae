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

Before anything is sent, the feed and page are made for DEST's public address (its base URL:
``--base-url``, the config's ``[publish."DEST"]`` table, or the one remembered from an
earlier publish to DEST), and a feed whose links or owner address no listener or directory
could use is refused, with what to set.

The publish record (``.vnmedia-published.json`` in the output folder, never at DEST where
listeners would see it) keeps, per destination, its base URL and each sent file's SHA-256:
a file already there with the same content and size is not sent again, and only files
vnmedia sent are ever deleted. It is written only when it changes.
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
from ..runtime.files import write_if_changed
from ..runtime.resilience import causes
from ..settings import DEFAULT_BASE_URL, Settings
from ..site.address import placeholder_email, unreachable_host
from ..site.check import FolderSite, check_feed
from ..site.episode import EPISODES_DIR, WORDS_SUFFIX
from ..site.layout import CONTENT_TYPES, DECK_FILE, FEED_FILE
from ..site.rebuild import listed_episodes, site_documents, transcript_suffixes
from .notify import notify_directories

RECORD_FILE = ".vnmedia-published.json"
OBJECT_STORES = {"s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "memory"}
"""Protocols whose writes are whole-object: a reader sees the old object or the new one."""
FEED_MAX_AGE = 300
"""Seconds a cache may keep the feed and page: apps and directories see a new episode soon."""
MEDIA_MAX_AGE = 7 * 86400
"""Seconds a cache may keep an episode's files: they change only when it is rebuilt."""


@dataclass(frozen=True)
class SiteFile:
    """A file of the site, as it must appear at the destination."""

    path: str
    """Relative to the site's root, with ``/``."""
    local: Path | None
    """The file in the output folder, or ``None`` for one made at publish time (``data``)."""
    size: int
    digest: str
    data: bytes | None = None

    @property
    def headers(self) -> dict[str, str]:
        """``Content-Type`` and ``Cache-Control`` the site's server should send."""
        suffix = posixpath.splitext(self.path)[1]
        age = MEDIA_MAX_AGE if self.path.startswith(f"{EPISODES_DIR}/") else FEED_MAX_AGE
        return {
            "Content-Type": CONTENT_TYPES.get(suffix, "application/octet-stream"),
            "Cache-Control": f"public, max-age={age}",
        }


@dataclass
class PublishPlan:
    """What a publish does, in the order it does it."""

    base_url: str = ""
    """The public address the sent feed's links are built on."""
    send: list[SiteFile] = field(default_factory=list)
    unchanged: list[SiteFile] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)
    """Files of dropped episodes, deleted after the feed no longer names them."""
    notes: list[str] = field(default_factory=list)
    """What the producer should know (a base URL that changed, one that was not used)."""
    warnings: list[str] = field(default_factory=list)
    """What went wrong without failing the publish (a directory that was not pinged)."""

    @property
    def feed_changed(self) -> bool:
        """Whether this publish sends a new feed (directories are told then)."""
        return any(f.path == FEED_FILE for f in self.send)

    def describe(self) -> list[str]:
        """One line per action (``--dry-run``)."""
        lines = [f"base URL {self.base_url}"]
        lines += [f"send {f.path} ({f.size:,} bytes)" for f in self.send]
        lines += [f"delete {path}" for path in self.delete]
        lines.append(f"{len(self.unchanged)} file(s) already there and unchanged")
        return lines


def site_files(settings: Settings) -> list[SiteFile]:
    """The listener's files, in the order they must be sent: the episodes' files from the
    output folder, then the cover, page and feed made for ``settings.base_url``."""
    output = Path(settings.output)
    episodes = listed_episodes(settings)
    if not episodes:
        raise PublishError(
            f"{output} holds no episode to publish: run `vnmedia build` first; nothing was sent"
        )
    files = []
    for manifest, mp3 in episodes:
        names = [mp3.name]
        for suffix in [*transcript_suffixes(mp3, manifest.slug), ".chapters.json", WORDS_SUFFIX]:
            if (mp3.with_name(f"{manifest.slug}{suffix}")).is_file():
                names.append(f"{manifest.slug}{suffix}")
        for name in names:
            local = mp3.with_name(name)
            files.append(
                SiteFile(f"{EPISODES_DIR}/{name}", local, local.stat().st_size, _digest(local))
            )
    deck = output / DECK_FILE
    if deck.is_file():  # `build --cards`: the flashcards the page links to
        files.append(SiteFile(DECK_FILE, deck, deck.stat().st_size, _digest(deck)))
    for name, data in site_documents(
        settings, episodes
    ).items():  # cover, page, feed: in this order
        files.append(SiteFile(name, None, len(data), hashlib.sha256(data).hexdigest(), data))
    return files


def destination_key(destination: str) -> str:
    """How a destination is named in the record and the config: a URL as given, a folder
    by its absolute path."""
    if "://" in destination and not destination.startswith("file://"):
        return destination.rstrip("/")
    return str(Path(destination.removeprefix("file://")).expanduser().resolve())


class PublishRecord:
    """The output folder's record of every destination: its base URL and the files sent."""

    def __init__(self, output: Path) -> None:
        self.path = output / RECORD_FILE
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}  # none yet, or damaged: every file is sent again, which is safe
        sites = data.get("destinations") if isinstance(data, dict) else None
        self.sites: dict[str, dict[str, Any]] = sites if isinstance(sites, dict) else {}

    def base_url(self, key: str) -> str | None:
        """The base URL remembered for a destination."""
        url = self.sites.get(key, {}).get("base_url")
        return url if isinstance(url, str) and url else None

    def files(self, key: str) -> dict[str, str]:
        """Path → SHA-256 of the files vnmedia sent to a destination."""
        files = self.sites.get(key, {}).get("files")
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}

    def save(self, key: str, base_url: str, files: dict[str, str]) -> None:
        """Store a destination's entry; the file is written only when its content changes."""
        self.sites[key] = {"base_url": base_url, "files": dict(sorted(files.items()))}
        data = {"destinations": dict(sorted(self.sites.items()))}
        text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
        write_if_changed(self.path, text.encode("utf-8"))


def public_base_url(
    settings: Settings, key: str, given: str | None, remembered: str | None
) -> tuple[str, list[str]]:
    """The base URL to publish ``key`` with, and notes for the producer.

    ``--base-url`` wins, then the config's ``[publish."DEST"]``, then the one remembered
    from the last publish there, then the global ``base_url`` when it was set: a base URL
    once given for a destination is never undone by a later build or publish.
    """
    configured = {destination_key(dest): url for dest, url in settings.publish_sites}
    chosen = given or configured.get(key) or remembered
    notes = []
    if chosen is None:
        chosen = settings.base_url
    elif settings.base_url not in (DEFAULT_BASE_URL, chosen) and not given:
        notes.append(
            f"base_url {settings.base_url} is not used for {key}: its base URL is {chosen}; "
            f"to change it: vnmedia publish {key} --base-url {settings.base_url}"
        )
    if remembered and chosen.rstrip("/") != remembered.rstrip("/"):
        notes.append(
            f"the base URL of {key} changes from {remembered} to {chosen}: apps subscribed "
            "to the old feed address keep reading it (redirect it to the new one)"
        )
    return chosen.rstrip("/"), notes


def address_problems(settings: Settings, key: str) -> list[str]:
    """What makes the feed unusable by listeners or directories, each with what to set."""
    problems = []
    why = unreachable_host(settings.base_url)
    if why:
        problems.append(
            f"the feed's links would point at {settings.base_url}, which {why}: give the "
            "destination's public address with --base-url https://… (remembered afterwards) "
            f'or in vnmedia.toml as [publish."{key}"] base_url = "https://…"'
        )
    if placeholder_email(settings.show_owner_email):
        problems.append(
            f"the owner's e-mail {settings.show_owner_email or '(empty)'} is a placeholder "
            'that directories refuse: set [show] owner_email = "you@your-domain" in vnmedia.toml'
        )
    return problems


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
        self.protocols = {protocol} if isinstance(protocol, str) else set(protocol)
        self.whole_objects = bool(self.protocols & OBJECT_STORES)

    def _full(self, path: str) -> str:
        return posixpath.join(self.root.rstrip("/"), path) if self.root else path

    def check(self) -> None:
        """Fail unless the destination exists (a folder is made)."""
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
        except Exception as exc:  # each backend raises its own: told apart by _reason
            if not _destination_failure(exc):
                raise
            raise PublishError(
                f"{self.url} refuses: {_reason(exc, self.url)}; nothing was sent"
            ) from exc

    def read_old_record(self) -> dict[str, str] | None:
        """The record earlier versions kept at the destination (where listeners saw it):
        path → SHA-256, or ``None`` when there is none."""
        try:
            with self.fs.open(self._full(RECORD_FILE), "rb") as handle:
                data = json.loads(handle.read().decode("utf-8"))
        except (FileNotFoundError, ValueError):
            return None
        except Exception as exc:  # the first request of a publish: say why it was refused
            if not _destination_failure(exc):
                raise
            raise PublishError(
                f"{self.url} refuses: {_reason(exc, self.url)}; nothing was sent"
            ) from exc
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

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

    def _object_headers(self, file: SiteFile) -> dict[str, Any]:
        """The backend's arguments that set an object's Content-Type and Cache-Control."""
        headers = file.headers
        if self.protocols & {"s3", "s3a"}:  # s3fs passes them to PutObject
            return {
                "ContentType": headers["Content-Type"],
                "CacheControl": headers["Cache-Control"],
            }
        if self.protocols & {"gs", "gcs"}:  # gcsfs
            return {
                "content_type": headers["Content-Type"],
                "fixed_key_metadata": {"cache_control": headers["Cache-Control"]},
            }
        return {}

    def put(self, file: SiteFile) -> None:
        """Send one file so that it appears whole, with its headers on an object store."""
        options = self._object_headers(file)
        if file.data is not None:
            data = file.data
            self._put(lambda target: self.fs.pipe_file(target, data, **options), file.path)
        else:
            local = str(file.local)
            self._put(lambda target: self.fs.put_file(local, target, **options), file.path)

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
    base_url: str | None = None,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
    opener: Callable[[str], tuple[Any, str]] | None = None,
) -> PublishPlan:
    """Copy the site in ``settings.output`` to ``destination`` (see the module's steps).

    ``base_url`` is the destination's public address (``--base-url``); without it, the
    configured or remembered one. Raises :class:`PublishError`, with nothing sent, when the
    feed would point listeners nowhere.
    """
    key = destination_key(destination)
    records = PublishRecord(Path(settings.output))
    public, notes = public_base_url(settings, key, base_url, records.base_url(key))
    settings = settings.with_overrides(base_url=public)
    problems = address_problems(settings, key)
    if problems:
        raise PublishError(
            f"not publishing to {destination}: " + "; ".join(problems) + "; nothing was sent"
        )
    files = site_files(settings)
    documents = {f.path: f.data for f in files if f.data is not None}
    site = FolderSite(Path(settings.output), public, documents)
    errors = [
        p for p in check_feed(documents[FEED_FILE], site, published=True) if p.severity == "error"
    ]
    if errors:
        raise PublishError(
            f"not publishing to {destination}: directories would refuse the show or listeners "
            "could not play it: "
            + "; ".join(f"{p.where}: {p.what} ({p.fix})" for p in errors)
            + "; nothing was sent"
        )
    target = Destination(destination, opener=opener)
    if not dry_run:
        target.check()  # a listing first: its refusal names the reason (credentials, …)
    old_record = target.read_old_record()
    record = {**(old_record or {}), **records.files(key)}
    plan = plan_publish(files, record, target.sizes())
    plan.base_url, plan.notes = public, notes
    if dry_run:
        return plan
    try:
        for file in plan.send:  # media, then cover and page, the feed last
            try:
                target.put(file)
            except OSError as exc:
                if file is plan.send[0]:
                    raise PublishError(
                        f"{destination} refuses: {_reason(exc, destination)}; nothing was sent"
                    ) from exc
                raise
            record[file.path] = file.digest
            if progress:
                progress(f"sent {file.path}")
        # The new feed is in place: the record goes before the deletions, so that a publish
        # stopped among them still knows what to delete next time.
        records.save(key, public, record)
        for path in plan.delete:
            target.delete(path)
            record.pop(path, None)
            if progress:
                progress(f"deleted {path}")
        if old_record is not None:  # the record now lives in the output folder, unseen
            target.delete(RECORD_FILE)
    except Exception as exc:  # each backend raises its own: told apart by _reason
        if not _destination_failure(exc):
            raise
        raise PublishError(
            f"publishing to {destination} stopped: {_reason(exc, destination)}; the site there is "
            "consistent (the old feed or the new one, with all their files): run publish again"
        ) from exc
    finally:
        # Whatever stopped it, the record says what is there: a file sent is not sent again,
        # and one that only vnmedia put there can be deleted later.
        records.save(key, public, record)
    if plan.feed_changed:
        done, plan.warnings = notify_directories(settings, f"{public}/{FEED_FILE}")
        for line in done:
            if progress:
                progress(line)
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


def _names(exc: BaseException) -> set[str]:
    """The class names along ``exc``'s causes, and the service's error codes (botocore)."""
    names = set()
    for cause in causes(exc):
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
    innermost = causes(exc)[-1]
    names = _names(exc)
    detail = str(innermost) or type(innermost).__name__
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
