"""Rate limits, retries with backoff and circuit breakers around engine calls.

One :class:`ServiceGuard` per web service (Google, MyMemory, LibreTranslate) is shared by
every worker thread of a build: its rate limiter spaces request starts at least
``1 / rate`` seconds apart, retryable failures (429, 5xx, timeouts, connection errors) are
retried with exponential backoff and jitter (tenacity) honouring ``Retry-After``, and after
``breaker_threshold`` calls in a row have failed for good, the breaker opens and the build
stops asking that service: the remaining work is reported "to retry". A service that asks
for a longer wait than ``max_delay`` is left alone at once, the same way.
"""

from __future__ import annotations

import errno
import random
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TypeVar

from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt
from tenacity.stop import stop_base

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
    """No wait is longer than this: a service whose ``Retry-After`` asks for more is not
    asked again in this build (its work is left to retry)."""
    breaker_threshold: int = 3
    """Requests in a row that fail for good before the service is left alone."""


def retry_after(response: object, now: Callable[[], float] = time.time) -> float | None:
    """A reply's (or an HTTP error's) ``Retry-After`` in seconds: a number of seconds or an
    HTTP date (RFC 9110 allows both); ``None`` when it says neither."""
    headers = getattr(response, "headers", None) or {}
    value = str(headers.get("Retry-After", "")).strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:  # an HTTP date is always GMT
        return None
    return max(0.0, moment.timestamp() - now())


def causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and the errors it was raised from (``__cause__``, else ``__context__``),
    outermost first."""
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in found:
        found.append(current)
        current = current.__cause__ or current.__context__
    return found


_UNREACHABLE_WORDS = (
    ("name or service not known", "its name does not resolve"),
    ("name resolution", "its name does not resolve"),
    ("refused", "the connection was refused"),
    ("connection reset", "the connection was reset"),
    ("network is unreachable", "the network is unreachable"),
    ("timed out", "no answer in time"),
)
"""Words of a client library's message and what they mean, for causes whose class says
nothing (a library that re-raises with the socket error only in its text)."""


def why_unreachable(exc: BaseException) -> str:
    """Why a host could not be reached, in a few words ("its name does not resolve", "the
    connection was refused", ...), from the classes along ``exc``'s causes, else from their
    messages; the class name of ``exc`` when neither says. The one place that tells network
    causes apart, for the engines and the web client alike."""
    chain = causes(exc)
    for cause in chain:
        if isinstance(cause, socket.gaierror):
            return "its name does not resolve"
        if isinstance(cause, ConnectionRefusedError):
            return "the connection was refused"
        if isinstance(cause, ConnectionResetError):
            return "the connection was reset"
        if isinstance(cause, TimeoutError) or "Timeout" in type(cause).__name__:
            return "no answer in time"
        if isinstance(cause, OSError) and cause.errno == errno.ENETUNREACH:
            return "the network is unreachable"
    text = " ".join(str(cause) for cause in chain).lower()
    for words, why in _UNREACHABLE_WORDS:
        if words in text:
            return why
    return type(exc).__name__


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

    def at_least(self, seconds: float) -> None:
        """Space request starts at least ``seconds`` apart from now on."""
        with self._lock:
            last = self._next - self.interval  # the latest start reserved
            self.interval = max(self.interval, seconds)
            self._next = max(self._next, last + self.interval)

    def wait(self) -> float:
        """Block until this caller may start a request; the seconds waited."""
        with self._lock:  # reserve a slot under the lock, sleep outside it
            now = self._clock()
            slot = max(now, self._next)
            self._next = slot + self.interval
        if slot > now:
            self._sleep(slot - now)
        return slot - now


class Deadline:
    """When a request (all its tries included) must be over, ``time.monotonic()`` time.

    The waits of the rate limiter do not use it up: they are our own politeness, not the
    service's slowness (a site's Crawl-delay may well be longer than a deadline).
    """

    def __init__(self, seconds: float) -> None:
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        """Seconds left (negative when past)."""
        return self.at - time.monotonic()

    def extend(self, seconds: float) -> None:
        """Move the deadline ``seconds`` later."""
        self.at += seconds


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
        self._held_off: str | None = None
        """Why the service is left alone for the rest of the build, when it asked for it."""
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        """Whether the breaker has tripped: no more requests go out."""
        return (
            self._held_off is not None or self._failures_in_a_row >= self.policy.breaker_threshold
        )

    def space(self, seconds: float) -> None:
        """Start requests at least ``seconds`` apart from now on (a site's Crawl-delay)."""
        self.limiter.at_least(seconds)

    def call(self, request: Callable[[], T], deadline: Deadline | None = None) -> T:
        """Run ``request`` under the rate limit, retrying what is worth retrying.

        ``deadline`` bounds the retries: no retry starts when its wait would end after it.
        """
        if self.is_open:
            raise self._refusing()
        stop: stop_base = stop_after_attempt(self.policy.attempts)
        if deadline is not None:
            stop = stop | _StopBefore(deadline)
        retrying = Retrying(
            stop=stop,
            wait=self._wait,
            retry=retry_if_exception(self._retryable),
            before_sleep=self._count_retry,
            sleep=self._sleep,
            reraise=True,
        )
        try:
            result: T = retrying(self._limited, request, deadline)
        except EngineError as exc:
            if exc.retryable and not isinstance(exc, ServiceRefusingError):
                self._failed(exc)
            raise
        with self._lock:
            self._failures_in_a_row = 0
        return result

    def _failed(self, error: EngineError) -> None:
        with self._lock:
            self._failures_in_a_row += 1
            asked = error.retry_after or 0.0
            if asked > self.policy.max_delay and self._held_off is None:
                self._held_off = (
                    f"it asked to wait {asked:,.0f} s (longer than {self.policy.max_delay:g} s): "
                    "not asked again in this build; rerun it later to continue"
                )

    def _refusing(self) -> ServiceRefusingError:
        return ServiceRefusingError(self.service, self._failures_in_a_row, self._held_off)

    def _retryable(self, error: BaseException) -> bool:
        asked = getattr(error, "retry_after", None) or 0.0
        return _retryable(error) and asked <= self.policy.max_delay

    def _limited(self, request: Callable[[], T], deadline: Deadline | None) -> T:
        if self.is_open:  # another worker tripped the breaker while we waited
            raise self._refusing()
        waited = self.limiter.wait()
        if deadline is not None:
            deadline.extend(waited)
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


class _StopBefore(stop_base):
    """Stop when the coming wait would end after the deadline."""

    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline

    def __call__(self, retry_state: RetryCallState) -> bool:
        return (retry_state.upcoming_sleep or 0.0) >= self.deadline.remaining()


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

    def call(
        self, service: str | None, request: Callable[[], T], deadline: Deadline | None = None
    ) -> T:
        """Run ``request`` through ``service``'s guard (directly for local engines);
        ``deadline`` as for :meth:`ServiceGuard.call`."""
        if service is None:
            return request()
        return self.guard(service).call(request, deadline)

    def guard(self, service: str) -> ServiceGuard:
        """``service``'s guard, created on first use."""
        with self._lock:
            guard = self._guards.get(service)
            if guard is None:
                guard = ServiceGuard(service, self.rate, self.policy, self._sleep)
                self._guards[service] = guard
        return guard

    def retries(self) -> dict[str, int]:
        """Retries made per service."""
        return {name: g.retries for name, g in sorted(self._guards.items()) if g.retries}

    def refusing(self) -> list[str]:
        """Services whose breaker is open."""
        return sorted(name for name, g in self._guards.items() if g.is_open)
