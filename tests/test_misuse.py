"""Misusing vnmedia on purpose, as a new user would: the real command, in a child process,
over a table of bad inputs and hostile environments (read-only folders for a user without
root, a full disk, no network, wrong types, cut-off files, destinations that refuse).

Each row asserts the exit code, the one line that says what went wrong, that nothing is
half-written, and that the output of the run before is intact (or, for a bad command line,
that no output folder was made at all). Every exit code of the README's table is produced
by at least one row. Rows that need what the machine lacks (root to mount a tmpfs or drop
privileges, a network namespace) are skipped with the reason.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from filelock import FileLock

import vnmedia

pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "input"
MEMORY = SAMPLE / "translations.tsv"
SOURCE = Path(vnmedia.__file__).resolve().parents[1]
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
OFFLINE = ["--tts", "espeak", "--translator", "none", "--memory", str(MEMORY), "-j", "1"]
# A planted bug (the feed stage divides by zero), to see what a bug looks like to a user.
BUGGY = (
    "import vnmedia.pipeline.run as p; p.publish_site = lambda *args: 1 / 0; "
    "from vnmedia.cli import main; main()"
)


@dataclass
class Place:
    """Where one row runs: its folder, its output folder, and how the command is run."""

    root: Path
    env: dict[str, str]
    prefix: list[str] = field(default_factory=list)
    """Put before the command: a user without root, no network."""
    python: list[str] = field(default_factory=lambda: [sys.executable, "-m", "vnmedia"])
    lock: FileLock | None = None
    """Held by the test while the row runs (another build's lock)."""

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def inbox(self) -> Path:
        """The sample, where the run before read it (so an unchanged rerun is one)."""
        return self.root.parent / "before" / "in"


PUBLIC = ["--base-url", "https://podcast.example.vn/show"]
"""A public address for the publishing rows: a feed for localhost is refused before them."""


@dataclass(frozen=True)
class Case:
    """One misuse: what is done, and what a producer must then read."""

    name: str
    args: list[str]
    """``{in}``, ``{out}`` and ``{root}`` stand for the row's folders."""
    code: int
    says: str
    """A regular expression the one line must match."""
    before: bool = False
    """Build the output first (the run before), and check this one leaves it intact."""
    setup: Callable[[Place], None] | None = None


def nobody(place: Place) -> None:
    """Run as a user without root: chmod then binds (root passes every permission)."""
    if shutil.which("setpriv") is None or os.geteuid() != 0:
        pytest.skip("dropping root needs setpriv and root")
    tried = subprocess.run(
        [*NOBODY, sys.executable, "-c", "import vnmedia"],
        env=place.env,
        cwd="/",
        capture_output=True,
        text=True,
        check=False,
    )
    if tried.returncode != 0:  # a checkout or venv under a folder only root may enter
        pytest.skip(f"a user without root cannot run vnmedia from here: {tried.stderr[-200:]}")
    place.prefix = NOBODY
    for path in [place.root, *place.root.rglob("*")]:
        os.chown(path, 65534, 65534, follow_symlinks=False)


def read_only_episodes(place: Place) -> None:
    nobody(place)
    (place.out / "episodes").chmod(0o555)


def read_only_cache(place: Place) -> None:
    nobody(place)
    (place.out / ".cache").chmod(0o555)
    for folder in (place.out / ".cache").iterdir():
        folder.chmod(0o555)


def no_network(place: Place) -> None:
    """A network namespace of its own: not even a route out."""
    probe = subprocess.run(["unshare", "--net", "true"], capture_output=True, check=False)
    if shutil.which("unshare") is None or probe.returncode != 0:
        pytest.skip("no network namespace here (unshare --net needs root)")
    place.prefix = ["unshare", "--net"]


def full_disk(place: Place) -> None:
    """The output folder on a 256 kB tmpfs: the sample's episode alone is 650 kB."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    place.out.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(place.out)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")


def config_file(text: str) -> Callable[[Place], None]:
    def write(place: Place) -> None:
        (place.root / "vnmedia.toml").write_text(text, encoding="utf-8")

    return write


def environment(**values: str) -> Callable[[Place], None]:
    def change(place: Place) -> None:
        place.env.update(values)

    return change


def odd_inputs(place: Place) -> None:
    """An empty file, a binary one, a JSONL record cut off mid-string, beside the sample."""
    odd = place.root / "odd"
    odd.mkdir()
    (odd / "empty.txt").write_bytes(b"")
    (odd / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (odd / "cut.jsonl").write_text('{"title": "Tin", "body": "Đoạn mộ', encoding="utf-8")


def two_articles(place: Place) -> None:
    """The sample and a second article the memory has no English for."""
    two = place.root / "two"
    shutil.copytree(SAMPLE, two, ignore=shutil.ignore_patterns("*.tsv"))
    text = (SAMPLE / "thu-vien-cong-dong.txt").read_text(encoding="utf-8")
    (two / "hue.txt").write_text(text.replace("Đà Nẵng", "Huế"), encoding="utf-8")


def held_lock(place: Place) -> None:
    place.lock = FileLock(str(place.out / ".vnmedia.lock"), timeout=0)
    place.lock.acquire()


def both(*setups: Callable[[Place], None]) -> Callable[[Place], None]:
    def each(place: Place) -> None:
        for setup in setups:
            setup(place)

    return each


def planted_bug(place: Place) -> None:
    place.python = [sys.executable, "-c", BUGGY]


def s3_with(credentials: str) -> Callable[[Place], None]:
    """An S3 endpoint (moto's server) and the credentials a row has: ``none``, ``unknown``
    (a key the service does not know), ``limited`` (known, no policy), ``admin``."""

    def use(place: Place) -> None:
        server = pytest.importorskip("moto.server")
        pytest.importorskip("s3fs")
        # No instance-metadata lookups for credentials: they would only add timeouts.
        place.env.update(
            s3_server(server), AWS_DEFAULT_REGION="us-east-1", AWS_EC2_METADATA_DISABLED="true"
        )
        keys = S3_KEYS.get(credentials)
        if keys:
            place.env.update(AWS_ACCESS_KEY_ID=keys[0], AWS_SECRET_ACCESS_KEY=keys[1])

    return use


S3_KEYS: dict[str, tuple[str, str]] = {"unknown": ("AKIAUNKNOWN0000000000", "wrong")}
_S3: dict[str, str] = {}
_SERVERS: list[object] = []


def s3_server(server: object) -> dict[str, str]:
    """One moto server for the module, that checks every request's signature and policy:
    a user with no policy (``limited``) and one allowed everything (``admin``)."""
    if _S3:
        return _S3
    import boto3

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    running = server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)  # type: ignore[attr-defined]
    running.start()
    _SERVERS.append(running)
    common = {"endpoint_url": url, "region_name": "us-east-1"}
    setup = {**common, "aws_access_key_id": "setup", "aws_secret_access_key": "setup"}
    boto3.client("s3", **setup).create_bucket(Bucket="misuse-show")
    iam = boto3.client("iam", **setup)
    for user in ("limited", "admin"):
        iam.create_user(UserName=user)
        key = iam.create_access_key(UserName=user)["AccessKey"]
        S3_KEYS[user] = (key["AccessKeyId"], key["SecretAccessKey"])
    iam.put_user_policy(
        UserName="admin",
        PolicyName="all",
        PolicyDocument='{"Version": "2012-10-17", "Statement": '
        '[{"Effect": "Allow", "Action": "*", "Resource": "*"}]}',
    )
    # From now on every request must be signed by a known key and allowed by a policy.
    import requests

    requests.post(f"{url}/moto-api/reset-auth", data=b"0", timeout=10).raise_for_status()
    _S3["AWS_ENDPOINT_URL"] = url
    return _S3


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


BUILD = ["build", "{in}", "-o", "{out}"]
CASES = [
    Case("the sample with its memory, offline", [*BUILD, *OFFLINE], 0, ""),
    Case("a rerun over unchanged input", [*BUILD, *OFFLINE], 0, "", before=True),
    Case(
        "warnings from worker processes",
        ["build", "{root}/two", "-o", "{out}", *OFFLINE, "--executor", "processes", "-j", "2"],
        0,
        r"WARNING: 'Huế: .*': \d of \d texts left without English",
        setup=two_articles,
    ),
    Case(
        "empty, binary and cut-off files beside an article",
        ["build", "{in}", "{root}/odd", "-o", "{out}", *OFFLINE],
        1,
        r"failed: \S+/odd/cut\.jsonl: line 1: not JSON",
        setup=odd_inputs,
    ),
    Case("a bitrate that is not one", [*BUILD, *OFFLINE, "--bitrate", "abc"], 2,
         r"--bitrate 'abc' is not an MP3 bitrate"),
    Case("an impossible date", [*BUILD, *OFFLINE, "--episode", "run", "--date", "2026-13-45"],
         2, r"--date '2026-13-45' is not a date"),
    Case("a date without a bulletin", [*BUILD, *OFFLINE, "--date", "2026-12-01"], 2,
         r"--date .* needs --episode run"),
    Case("an engine that does not exist", [*BUILD, "--tts", "nonesuch"], 2,
         r"--tts 'nonesuch' is not a TTS engine: choose one of auto, .*espeak"),
    Case("a voice the engine lacks", [*BUILD, *OFFLINE, "--voice-vi", "nonesuch"], 2,
         r"--voice-vi 'nonesuch' is not an espeak-ng voice"),
    Case("a word where a number goes", [*BUILD, *OFFLINE, "--jobs", "two"], 2,
         r"Invalid value for '-j' / '--jobs'"),
    Case("a base URL without a scheme", [*BUILD, *OFFLINE, "--base-url", "example.org"], 2,
         r"--base-url 'example.org' is not a web address"),
    Case("a destination no backend knows", [*BUILD, *OFFLINE, "--publish", "nope://x"], 2,
         r"--publish 'nope://x' is not a folder or a destination URL"),
    Case("an output folder inside a file", ["build", "{in}", "-o", "{root}/notes.txt/out",
         *OFFLINE], 2, r"--output '\S+/notes\.txt/out' cannot be a folder: \S+ is a file",
         setup=lambda place: (place.root / "notes.txt").write_text("notes")),
    Case("an intro that is not audio", [*BUILD, *OFFLINE, "--intro", "{root}/intro.mp3"], 2,
         r"--intro '\S+/intro\.mp3' is not audio vnmedia can read \(.+\)$",
         setup=lambda place: (place.root / "intro.mp3").write_text("not audio")),
    Case("an encoding that does not exist", [*BUILD, *OFFLINE, "--encoding", "klingon"], 2,
         r"--encoding 'klingon' is not a known text encoding"),
    Case(
        "nothing but files with no article",
        ["build", "{root}/odd/empty.txt", "{root}/odd/binary.txt", "-o", "{out}", *OFFLINE],
        3,
        r"failed: \S+/odd/empty\.txt: empty file",
        setup=odd_inputs,
    ),
    Case("a config value of the wrong type", [*BUILD, *OFFLINE], 4,
         r"pause_paragraph 'long' is not a valid int \(in vnmedia\.toml\)",
         setup=config_file('pause_paragraph = "long"\n')),
    Case("a bad bitrate in the config file", [*BUILD, "--tts", "espeak"], 4,
         r"bitrate 'abc' is not an MP3 bitrate.*\(in vnmedia\.toml\)",
         setup=config_file('bitrate = "abc"\n')),
    Case("a bad value in the environment", [*BUILD, *OFFLINE], 4,
         r"pause_lang 'long' is not a valid int \(from VNMEDIA_PAUSE_LANG\)",
         setup=environment(VNMEDIA_PAUSE_LANG="long")),
    Case("an input that does not exist", ["build", "{root}/nowhere", "-o", "{out}", *OFFLINE],
         4, r"input \S+/nowhere does not exist"),
    Case("an input inside a folder this user may not enter",
         ["build", "{root}/private/a.txt", "-o", "{out}", *OFFLINE], 4,
         r"input \S+/private/a\.txt cannot be read \(Permission denied\): check its "
         r"permissions", setup=both(nobody, lambda place: (place.root / "private").mkdir(0o700))),
    Case("a text the memory lacks, with no translator",
         ["translate", "Một câu không có trong bộ nhớ.", "--translator", "none"], 5,
         r"not in the translation memory"),
    Case("an online voice with no network",
         ["speak", "Xin chào", "--tts", "gtts", "-o", "{root}/hello.mp3"], 5,
         r"gtts: cannot reach translate\.google\.com \(.+\): check the network",
         setup=both(no_network, environment(VNMEDIA_RETRIES="0"))),
    Case("an online voice with no network, in a build",
         [*BUILD, *OFFLINE, "--tts", "edge", "--retries", "0"], 3,
         r"to retry: .*: edge: cannot reach speech\.platform\.bing\.com \(.+\): check the "
         r"network, or --tts espeak speaks offline", setup=no_network),
    Case("a second build into the same folder", [*BUILD, *OFFLINE], 6,
         r"another vnmedia build is writing into", before=True, setup=held_lock),
    Case("publishing with no credentials",
         ["publish", "s3://misuse-show/show", "-o", "{out}", *PUBLIC], 7,
         r"refuses: no valid credentials .*: set AWS_PROFILE", before=True,
         setup=s3_with("none")),
    Case("publishing with a key the service does not know",
         ["publish", "s3://misuse-show/show", "-o", "{out}", *PUBLIC], 7,
         r"refuses: no valid credentials \(.*InvalidAccessKeyId", before=True,
         setup=s3_with("unknown")),
    Case("publishing with a key that may not write",
         ["publish", "s3://misuse-show/show", "-o", "{out}", *PUBLIC], 7,
         r"refuses: permission denied .*: these credentials may not write there",
         before=True, setup=s3_with("limited")),
    Case("publishing to a bucket that does not exist",
         ["publish", "s3://no-such-bucket/show", "-o", "{out}", *PUBLIC], 7,
         r"refuses: not found \(.*bucket does not exist\): check its name", before=True,
         setup=s3_with("admin")),
    Case("publishing with no network",
         ["publish", "s3://misuse-show/show", "-o", "{out}", *PUBLIC], 7,
         r"refuses: unreachable .*: check the network", before=True,
         setup=both(s3_with("admin"), no_network)),
    Case("publishing a feed whose links point at this machine",
         ["publish", "{root}/www/show", "-o", "{out}"], 7,
         r"not publishing to \S+/www/show: the feed's links would point at "
         r"http://localhost:8000.*--base-url.*nothing was sent", before=True),
    Case("publishing to a folder this user may not write",
         ["publish", "{root}/www/show", "-o", "{out}", *PUBLIC], 7,
         r"refuses: permission denied .*: this user may not write in that folder",
         before=True, setup=both(lambda place: (place.root / "www").mkdir(mode=0o555), nobody)),
    Case("a read-only episodes folder", [*BUILD, *OFFLINE, "--pause-lang", "500"], 8,
         r"cannot write in \S+/out/episodes: no permission to write there", before=True,
         setup=read_only_episodes),
    Case("a read-only cache", [*BUILD, *OFFLINE, "--pause-lang", "500"], 8,
         r"cannot write in \S+/out/\.cache: no permission to write there", before=True,
         setup=read_only_cache),
    Case("emptying a read-only cache", ["cache", "clear", "-o", "{out}"], 8,
         r"cannot write in \S+/out/\.cache: no permission", before=True,
         setup=read_only_cache),
    Case("speaking into a folder this user may not write",
         ["speak", "Xin chào", "--tts", "espeak", "-o", "{root}/ro/hello.mp3"], 8,
         r"cannot write hello\.mp3 in \S+/ro: no permission to write there: make the folder "
         r"writable", setup=both(lambda place: (place.root / "ro").mkdir(mode=0o555), nobody)),
    Case("an output folder inside one this user may not enter",
         ["build", "{in}", "-o", "{root}/private/out", *OFFLINE], 8,
         r"cannot write .* in \S+/private(/out)?: no permission to write there",
         setup=both(nobody, lambda place: (place.root / "private").mkdir(mode=0o700))),
    Case("a full disk", [*BUILD, *OFFLINE], 8,
         r"cannot write .*: no space left on the device", setup=full_disk),
    Case("a bug", [*BUILD, *OFFLINE], 70,
         r"internal error: ZeroDivisionError: .*rerun with --debug", before=True,
         setup=planted_bug),
]  # fmt: skip


@pytest.fixture(scope="module")
def workspace() -> Iterator[Path]:
    """A folder every user may enter (pytest's own is root's alone), with the run before:
    the sample built into ``before/out``."""
    base = Path(tempfile.mkdtemp(prefix="vnmedia-misuse-"))
    base.chmod(0o755)
    shutil.copytree(SAMPLE, base / "before" / "in")
    done = run(Place(base / "before", clean_env()), [*BUILD, *OFFLINE])
    assert done.returncode == 0, done.stderr
    yield base
    if _S3:  # moto's state is the process's: other tests' servers start empty, unsigned
        import requests

        requests.post(f"{_S3['AWS_ENDPOINT_URL']}/moto-api/reset-auth", data=b"inf", timeout=10)
        requests.post(f"{_S3['AWS_ENDPOINT_URL']}/moto-api/reset", timeout=10)
        for server in _SERVERS:
            server.stop()  # type: ignore[attr-defined]
    for mount in sorted(base.rglob("out"), reverse=True):
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, check=False)
    shutil.rmtree(base, ignore_errors=True)


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VNMEDIA_", "AWS_"))}
    env["PYTHONPATH"] = str(SOURCE)
    return env


def run(place: Place, args: list[str]) -> subprocess.CompletedProcess[str]:
    folders = {"{in}": place.inbox, "{out}": place.out, "{root}": place.root}
    argv = [re.sub(r"\{\w+\}", lambda m: str(folders[m.group(0)]), a) for a in args]
    return subprocess.run(
        [*place.prefix, *place.python, "-q", *argv],
        cwd=place.root,
        env=place.env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def snapshot(out: Path) -> dict[str, bytes]:
    """What listeners get, and what the next build reads: episodes, feed, page, cover."""
    if not out.is_dir():
        return {}
    files = [*out.glob("episodes/*"), *out.glob("*.xml"), *out.glob("*.html"), *out.glob("*.png")]
    return {str(p.relative_to(out)): p.read_bytes() for p in files if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_misuse_gets_one_clear_line_and_loses_nothing(case: Case, workspace: Path) -> None:
    place = Place(workspace / re.sub(r"\W+", "-", case.name), clean_env())
    place.root.mkdir()
    place.root.chmod(0o755)
    place.env["HOME"] = str(place.root)  # no ~/.aws, no ~/.config of the machine's
    if case.args[0] == "publish":  # an owner directories take: only the address may fail
        place.env["VNMEDIA_SHOW_OWNER_EMAIL"] = "podcast@baomoi.example.vn"
    if case.before:
        shutil.copytree(workspace / "before" / "out", place.out, symlinks=True)
    if case.setup:
        case.setup(place)
    before = snapshot(place.out)
    report = place.out / "report.json"
    old_report = report.read_bytes() if report.is_file() else None

    done = run(place, case.args)

    if place.lock is not None:
        place.lock.release()
    assert done.returncode == case.code, done.stderr
    assert "Traceback" not in done.stderr
    assert " object at 0x" not in done.stderr  # no library's repr in a message
    lines = done.stderr.splitlines()
    # Every line is vnmedia's, the same whatever runs the articles: no bare library line.
    for line in lines:
        assert re.match(r"vnmedia: |\d+ episode\(s\) written", line), line
    problems = [
        line
        for line in lines
        if line.startswith(("vnmedia: error:", "vnmedia: internal error:", "vnmedia: failed:"))
        or line.startswith("vnmedia: to retry:")
    ]
    warnings = [line for line in lines if line.startswith("vnmedia: WARNING:")]
    if case.code == 0:
        assert problems == [], done.stderr
        # Warned only when a text has no English: the sample's memory has all of it.
        assert all(re.search(case.says, w) for w in warnings) if case.says else not warnings
        assert bool(warnings) == bool(case.says), done.stderr
    elif case.code in (1, 3):
        assert any(re.search(case.says, line) for line in problems), done.stderr
        for line in problems:  # each failure names its file once
            source = line.split(": ")[2]
            assert line.count(source) == 1, line
    else:
        assert len(problems) == 1, done.stderr  # one line, once
        assert re.search(case.says, problems[0]), problems[0]
    # Nothing half-written: no temporary left, every episode with its manifest.
    if place.out.is_dir():
        leftovers = [p.name for p in place.out.rglob("*") if ".tmp" in p.name or ".probe" in p.name]
        assert leftovers == []
        for mp3 in place.out.glob("episodes/*.mp3"):
            assert mp3.with_suffix(".json").is_file(), mp3
    if case.code == 2 and not case.before:
        assert not place.out.exists()  # a bad command line makes nothing
    if case.before:
        assert snapshot(place.out) == before  # the run before is intact
    if case.code == 3:
        # Nothing built: no empty feed, page or cover in a new output folder.
        assert not [p for p in ("feed.xml", "index.html", "cover.png") if (place.out / p).exists()]
    stopped = case.code in (8, 70) and case.args[0] == "build"
    if stopped and old_report is not None and report.is_file():
        assert report.read_bytes() != old_report  # never the report of the run before
        assert json.loads(report.read_text(encoding="utf-8"))["stopped"]  # and it says why


def test_every_exit_code_of_the_readme_is_met_by_a_row() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("| code | meaning |") :].split("\n\n")[0]
    codes = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.MULTILINE)}
    assert codes == {0, 1, 2, 3, 4, 5, 6, 7, 8, 70}
    assert codes <= {case.code for case in CASES}
