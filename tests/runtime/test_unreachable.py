"""Why a host could not be reached, said in the same words by the engines ("cannot reach
HOST (...)") and the web client ("cannot connect (...)"): one classifier,
``runtime.resilience.why_unreachable``, over real sockets on 127.0.0.1."""

from __future__ import annotations

import errno
import socket
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from vnmedia import load_settings
from vnmedia.engines import translators
from vnmedia.errors import EngineError
from vnmedia.runtime.cache import Cache
from vnmedia.runtime.resilience import Guards, RetryPolicy, why_unreachable
from vnmedia.sources.fetch import FetchError, WebClient

pytest.importorskip("openai")


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens: connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def resetting_port() -> Iterator[int]:
    """A server that accepts every connection and resets it at once (an RST, no reply)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            conn.recv(65536)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield int(server.getsockname()[1])
    stop.set()
    server.close()
    thread.join(5)


def engine_error(port: int) -> str:
    engine = translators.create(
        "llm",
        load_settings(llm_url=f"http://127.0.0.1:{port}/v1", llm_model="m", config=None),
    )
    with pytest.raises(EngineError) as caught:
        engine.translate_batch(["Xin chào."], "vi", "en")
    assert caught.value.retryable
    return str(caught.value)


def fetch_error(port: int, tmp_path: Path) -> FetchError:
    guards = Guards(rate=1000, policy=RetryPolicy(attempts=1), sleep=lambda _: None)
    client = WebClient(Cache(tmp_path / "cache"), guards, contact="tin@example.vn")
    with pytest.raises(FetchError) as caught:
        client.get(f"http://127.0.0.1:{port}/a.htm")
    assert caught.value.retryable
    return caught.value


def test_a_refused_connection_in_the_words_of_both_callers(tmp_path):
    port = closed_port()
    assert f"cannot reach 127.0.0.1:{port} (the connection was refused): check the network" in (
        engine_error(port)
    )
    assert "cannot connect (the connection was refused)" in str(fetch_error(port, tmp_path))


def test_a_reset_connection_in_the_web_clients_words(tmp_path, resetting_port):
    assert "cannot connect (the connection was reset)" in str(fetch_error(resetting_port, tmp_path))


def raised_from(*chain: BaseException) -> BaseException:
    """The first of ``chain`` raised from the second, from the third..."""
    for outer, inner in zip(chain, chain[1:], strict=False):
        outer.__cause__ = inner
    return chain[0]


class ClientError(Exception):
    """A client library's wrapper, whose class says nothing of the network."""


@pytest.mark.parametrize(
    ("error", "why"),
    [
        (
            raised_from(ClientError("x"), socket.gaierror(-2, "unknown")),
            "its name does not resolve",
        ),
        (raised_from(ClientError("x"), ConnectionRefusedError()), "the connection was refused"),
        (raised_from(ClientError("x"), ConnectionResetError()), "the connection was reset"),
        (raised_from(ClientError("x"), TimeoutError()), "no answer in time"),
        (
            raised_from(ClientError("x"), OSError(errno.ENETUNREACH, "no route")),
            "the network is unreachable",
        ),
        (ClientError("[Errno -2] Name or service not known"), "its name does not resolve"),
        (ClientError("Temporary failure in name resolution"), "its name does not resolve"),
        (ClientError("[Errno 111] Connection refused"), "the connection was refused"),
        (ClientError("Connection reset by peer"), "the connection was reset"),
        (ClientError("[Errno 101] Network is unreachable"), "the network is unreachable"),
        (ClientError("read timed out"), "no answer in time"),
        (raised_from(ClientError("outer"), ValueError("inner")), "ClientError"),
    ],
)
def test_the_causes_told_apart(error, why):
    assert why_unreachable(error) == why


def test_a_cause_found_through_the_context_too():
    try:
        try:
            raise ConnectionRefusedError
        except ConnectionRefusedError:
            raise ClientError("while connecting") from None  # no __cause__; a __context__
    except ClientError as caught:
        caught.__suppress_context__ = False
        assert why_unreachable(caught) == "the connection was refused"
