"""Retries wait as they should: Retry-After honoured, backoff growing; writes are atomic."""

from __future__ import annotations

from pathlib import Path

import pytest

from vnmedia.errors import EngineError, ServiceRefusingError
from vnmedia.runtime.files import atomic_path, remove_stale_temporaries, write_json
from vnmedia.runtime.resilience import Deadline, RetryPolicy, ServiceGuard


class FlakyService:
    """Refuses the first ``failures`` requests (retryably), then answers."""

    def __init__(self, failures: int, retry_after: float | None = None) -> None:
        self.failures = failures
        self.retry_after = retry_after
        self.requests = 0

    def __call__(self) -> str:
        self.requests += 1
        if self.requests <= self.failures:
            raise EngineError(
                "429 Too Many Requests", engine="fake", retryable=True, retry_after=self.retry_after
            )
        return "ok"


def retry_waits(service: FlakyService, policy: RetryPolicy) -> list[float]:
    """The waits between attempts, recorded by a fake sleep (no real time passes)."""
    slept: list[float] = []
    # The rate is so high that the limiter's own spacing (microseconds) is not a retry wait.
    guard = ServiceGuard("fake", rate=1e6, policy=policy, sleep=slept.append)
    assert guard.call(service) == "ok"
    return [s for s in slept if s > 0.01]


def test_retry_after_of_several_seconds_is_honoured():
    service = FlakyService(failures=3, retry_after=7.0)
    waits = retry_waits(service, RetryPolicy(attempts=5, initial_delay=0.1, max_delay=30))
    assert service.requests == 4
    assert len(waits) == 3 and all(wait >= 7.0 for wait in waits)


def test_retry_after_is_capped_by_the_longest_wait():
    waits = retry_waits(
        FlakyService(failures=1, retry_after=19), RetryPolicy(attempts=3, max_delay=20)
    )
    assert waits == [19]


def test_a_service_asking_for_a_longer_wait_than_the_cap_is_left_alone():
    service = FlakyService(failures=1, retry_after=3600)
    slept: list[float] = []
    guard = ServiceGuard("fake", rate=1e6, policy=RetryPolicy(max_delay=20), sleep=slept.append)

    with pytest.raises(EngineError, match="429"):
        guard.call(service)
    # Not asked again, neither by this call nor by the next: the work is left to retry.
    with pytest.raises(ServiceRefusingError, match="asked to wait 3,600 s") as refused:
        guard.call(service)
    assert refused.value.retryable and service.requests == 1
    assert not [s for s in slept if s > 0.01]


def test_no_retry_starts_past_the_deadline():
    service = FlakyService(failures=5, retry_after=5)
    slept: list[float] = []
    guard = ServiceGuard("fake", rate=1e6, policy=RetryPolicy(attempts=5), sleep=slept.append)

    with pytest.raises(EngineError, match="429"):
        guard.call(service, deadline=Deadline(3))
    assert service.requests == 1 and not [s for s in slept if s > 0.01]


@pytest.mark.parametrize("initial", [0.5, 2.0])
def test_backoff_grows_exponentially_with_bounded_jitter(initial):
    service = FlakyService(failures=4)
    waits = retry_waits(service, RetryPolicy(attempts=5, initial_delay=initial, max_delay=1000))
    assert len(waits) == 4
    for attempt, wait in enumerate(waits):
        floor = initial * 2**attempt
        assert floor <= wait <= floor + initial
    assert waits == sorted(waits) and waits[-1] > 4 * waits[0]


def test_atomic_path_writes_beside_the_file_and_renames_at_the_end(tmp_path: Path):
    target = tmp_path / "episode.mp3"
    with atomic_path(target) as temporary:
        temporary.write_bytes(b"half")
        # While the file is being written, nothing is at the published name.
        assert not target.exists()
        assert temporary.parent == tmp_path and temporary.name.startswith(".")
    assert target.read_bytes() == b"half"
    assert [p.name for p in tmp_path.iterdir()] == ["episode.mp3"]


def test_a_write_that_fails_leaves_nothing_behind(tmp_path: Path):
    target = tmp_path / "episode.mp3"
    target.write_bytes(b"old complete episode")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_bytes(b"new, half written")
        raise RuntimeError("killed mid-write")
    assert target.read_bytes() == b"old complete episode"
    assert [p.name for p in tmp_path.iterdir()] == ["episode.mp3"]


def test_json_is_written_as_readable_utf8(tmp_path: Path):
    path = tmp_path / "report.json"
    write_json(path, {"title": "Hà Nội mùa thu", "n": [1, 2]})
    raw = path.read_bytes()
    assert "Hà Nội mùa thu".encode() in raw  # not \u escapes
    assert raw.endswith(b"\n") and b'\n  "n": [' in raw  # one key a line, indented


def test_published_files_follow_the_umask(tmp_path: Path):
    path = tmp_path / "episode.json"
    write_json(path, {})
    # mkstemp makes owner-only files; a published file must be readable like any other.
    assert path.stat().st_mode & 0o777 == 0o666 & ~_current_umask()


def _current_umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_stale_temporaries_are_counted_and_only_they_are_removed(tmp_path: Path):
    episodes = tmp_path / "episodes"
    episodes.mkdir()
    kept = [episodes / "a.mp3", episodes / "a.json", tmp_path / ".hidden-but-ours"]
    stale = [
        episodes / ".a.mp3.x1y2.tmp.mp3",
        episodes / ".a.json.k9.tmp.json",
        tmp_path / ".report.json.zz.tmp.json",
    ]
    for path in kept + stale:
        path.write_bytes(b"x")
    assert remove_stale_temporaries(tmp_path) == 3
    assert all(p.exists() for p in kept) and not any(p.exists() for p in stale)
    assert remove_stale_temporaries(tmp_path) == 0
