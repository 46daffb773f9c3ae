"""Rate limits, retries with backoff and circuit breakers around engine calls.

One :class:`ServiceGuard` per web service (Google, MyMemory, LibreTranslate) is shared by
every worker thread of a build: its rate limiter spaces request starts at least
``1 / rate`` seconds apart, retryable failures (429, 5xx, timeouts, connection errors) are
retried with exponential backoff and jitter (tenacity) honouring ``Retry-After``, and after
``breaker_threshold`` calls in a row have failed for good, the breaker opens and the build
stops asking that service: the remaining work is reported "to retry".
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from ..errors import EngineError, ServiceRefusingError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try before giving up on one request."""

    attempts: int = 5
    """Tries per request, the first included."""
    initial_delay: float = 0.5
    """Seconds before the first retry; doubles each time, plus jitter."""
    max_delay: float = 30.0
    """No wait is longer than this, whatever ``Retry-After`` says."""
    breaker_threshold: int = 3
    """Requests in a row that fail for good before the service is left alone."""


def retry_after(response: object) -> float | None:
    """A reply's (or an HTTP error's) ``Retry-After`` in seconds; dates are ignored."""
    headers = getattr(response, "headers", None) or {}
    try:
        return max(0.0, float(headers.get("Retry-After", "")))
    except ValueError:
        return None


def call_with_deadline(func: Callable[[], T], seconds: float, *, engine: str) -> T:
    """Run ``func`` and give up after ``seconds`` with a retryable EngineError.

    For libraries that offer no timeout of their own (deep-translator sends ``timeout=`` to
    Google as a query parameter, DESIGN.md). The call runs in a daemon thread: if it hangs,
    the thread is abandoned and cannot keep the process alive at exit.
    """
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = func()
        except BaseException as exc:  # handed to the caller's thread below
            outcome["error"] = exc

    worker = threading.Thread(target=run, name=f"{engine}-request", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise EngineError(f"no answer within {seconds:g} s", engine=engine, retryable=True)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


class Tally:
    """A thread-safe counter of named events (engine calls, cache hits)."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()

    def add(self, name: str, amount: int = 1) -> None:
        """Count ``amount`` more ``name`` events."""
        with self._lock:
            self._counts[name] = self._counts.get(name, 0) + amount

    def get(self, name: str) -> int:
        """How many ``name`` events so far."""
        return self._counts.get(name, 0)

    def as_dict(self) -> dict[str, int]:
        """All counts, sorted by name."""
        with self._lock:
            return dict(sorted(self._counts.items()))


SAFETY = 1.05
"""Request starts are spaced this much wider than 1/rate."""


class RateLimiter:
    """At most ``rate`` request starts per second, shared by all threads."""

    def __init__(
        self,
        rate: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        # 5 % under the rate: requests leave on time but arrive with jitter, and a service
        # counting them in a sliding window would refuse the ones that bunch up.
        self.interval = SAFETY / rate if rate > 0 else 0.0
        self._clock, self._sleep = clock, sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        """Block until this caller may start a request."""
        with self._lock:  # reserve a slot under the lock, sleep outside it
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + self.interval
        if slot > now:
            self._sleep(slot - now)


class ServiceGuard:
    """Rate limiting, retries and a circuit breaker for one service."""

    def __init__(
        self,
        service: str,
        rate: float,
        policy: RetryPolicy,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.service = service
        self.policy = policy
        self.limiter = RateLimiter(rate, sleep=sleep)
        self.retries = 0
        """Retries made (attempts beyond the first), for the report."""
        self._sleep = sleep
        self._failures_in_a_row = 0
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        """Whether the breaker has tripped: no more requests go out."""
        return self._failures_in_a_row >= self.policy.breaker_threshold

    def call(self, request: Callable[[], T]) -> T:
        """Run ``request`` under the rate limit, retrying what is worth retrying."""
        if self.is_open:
            raise ServiceRefusingError(self.service, self._failures_in_a_row)
        retrying = Retrying(
            stop=stop_after_attempt(self.policy.attempts),
            wait=self._wait,
            retry=retry_if_exception(_retryable),
            before_sleep=self._count_retry,
            sleep=self._sleep,
            reraise=True,
        )
        try:
            result: T = retrying(self._limited, request)
        except EngineError as exc:
            if exc.retryable:
                with self._lock:
                    self._failures_in_a_row += 1
            raise
        with self._lock:
            self._failures_in_a_row = 0
        return result

    def _limited(self, request: Callable[[], T]) -> T:
        if self.is_open:  # another worker tripped the breaker while we waited
            raise ServiceRefusingError(self.service, self._failures_in_a_row)
        self.limiter.wait()
        return request()

    def _wait(self, state: RetryCallState) -> float:
        # Exponential backoff with jitter, so that workers that failed together do not
        # come back together.
        initial = self.policy.initial_delay
        backoff = initial * 2 ** (state.attempt_number - 1) + random.uniform(0, initial)
        error = state.outcome.exception() if state.outcome else None
        asked = getattr(error, "retry_after", None) or 0.0
        return float(min(self.policy.max_delay, max(backoff, asked)))

    def _count_retry(self, state: RetryCallState) -> None:
        with self._lock:
            self.retries += 1


def _retryable(error: BaseException) -> bool:
    return (
        isinstance(error, EngineError)
        and error.retryable
        and not isinstance(error, ServiceRefusingError)
    )


class Guards:
    """The guards of one build, one per service, created on first use."""

    def __init__(
        self,
        rate: float,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.rate = rate
        self.policy = policy or RetryPolicy()
        self._sleep = sleep
        self._guards: dict[str, ServiceGuard] = {}
        self._lock = threading.Lock()

    def call(self, service: str | None, request: Callable[[], T]) -> T:
        """Run ``request`` through ``service``'s guard (directly for local engines)."""
        if service is None:
            return request()
        with self._lock:
            guard = self._guards.get(service)
            if guard is None:
                guard = ServiceGuard(service, self.rate, self.policy, self._sleep)
                self._guards[service] = guard
        return guard.call(request)

    def retries(self) -> dict[str, int]:
        """Retries made per service."""
        return {name: g.retries for name, g in sorted(self._guards.items()) if g.retries}

    def refusing(self) -> list[str]:
        """Services whose breaker is open."""
        return sorted(name for name, g in self._guards.items() if g.is_open)
