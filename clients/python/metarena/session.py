"""The transport: one bidirectional ``/metarena.v1.Metarena/Session`` stream per session.

Requests are serialized in the calling thread and handed to gRPC as bytes; responses arrive as
bytes and are parsed in the calling thread, so no generated gRPC stubs are needed. Every call
waits at most ``timeout`` seconds: a watchdog thread cancels the stream when an answer is late,
and the call raises MetarenaTimeoutError instead of hanging. Unary calls (ListEnvs, DescribeEnv,
GetStats) use the same channel with a gRPC deadline.

The address is the caller's, else ``$METARENA_ADDRESS``, else 127.0.0.1:50051. Sessions left
open are ended at interpreter exit without waiting for the server, so a script that never
closes its envs (or dies of an exception) exits at once.
"""
from __future__ import annotations

import atexit
import os
import queue
import threading
import time
import weakref
from typing import Any, Callable, Optional, Sequence, Tuple

import grpc

from ._proto import metarena_pb2 as pb
from .errors import MetarenaError, MetarenaTimeoutError, error_from_proto, error_from_rpc

SERVICE = "/metarena.v1.Metarena/"
DEFAULT_ADDRESS = "127.0.0.1:50051"
# Where make / list_envs / ... connect when no address is given.
ADDRESS_VARIABLE = "METARENA_ADDRESS"
# Seconds a call may take by default; None waits forever.
DEFAULT_TIMEOUT = 60.0
_MAX_MESSAGE_BYTES = 256 * 1024 * 1024
_END = object()


def resolve_address(address: Optional[str]) -> str:
    """`address`, else $METARENA_ADDRESS, else DEFAULT_ADDRESS."""
    if address is None:
        return os.environ.get(ADDRESS_VARIABLE) or DEFAULT_ADDRESS
    if not isinstance(address, str) or not address:
        raise MetarenaError("METARENA_INVALID_OPTION", f"address must be 'host:port', got {address!r}", field="address", allowed="host:port", status="INVALID_ARGUMENT")
    return address


# Sessions still open. At interpreter exit they are ended without waiting for the server (its
# end of the stream frees their envs): by then gRPC's threads may be gone, and a call that waits
# for an answer would wait forever.
_open_sessions: "weakref.WeakSet[Session]" = weakref.WeakSet()


@atexit.register
def _end_open_sessions() -> None:
    for session in list(_open_sessions):
        session.abandon()


def open_channel(address: str, credentials: Optional[grpc.ChannelCredentials] = None) -> grpc.Channel:
    options = [
        ("grpc.max_receive_message_length", _MAX_MESSAGE_BYTES),
        ("grpc.max_send_message_length", _MAX_MESSAGE_BYTES),
    ]
    if credentials is not None:
        return grpc.secure_channel(address, credentials, options=options)
    return grpc.insecure_channel(address, options=options)


def _metadata(token: Optional[str]) -> Optional[Sequence[Tuple[str, str]]]:
    return (("authorization", f"Bearer {token}"),) if token else None


def _check_timeout(timeout: Optional[float]) -> Optional[float]:
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise MetarenaError("METARENA_INVALID_OPTION", f"timeout must be a positive number of seconds or None, got {timeout!r}", field="timeout", status="INVALID_ARGUMENT")
    return float(timeout)


def _with_id(request: "pb.Request", request_id: int) -> bytes:
    request.id = request_id
    return request.SerializeToString()


class Session:
    """One open Session stream. Not thread-safe: use one session per thread."""

    def __init__(
        self,
        address: Optional[str] = None,
        *,
        token: Optional[str] = None,
        timeout: Optional[float] = DEFAULT_TIMEOUT,
        credentials: Optional[grpc.ChannelCredentials] = None,
    ) -> None:
        self.address = resolve_address(address)
        self.timeout = _check_timeout(timeout)
        self._channel = open_channel(self.address, credentials)
        self._requests: "queue.SimpleQueue[Any]" = queue.SimpleQueue()
        method = self._channel.stream_stream(SERVICE + "Session", request_serializer=None, response_deserializer=None)
        self._responses = method(self._request_iterator(), metadata=_metadata(token))
        self._next_id = 0
        self._closed = False
        self._broken: Optional[MetarenaError] = None
        # watchdog state: monotonic deadline of the call in flight, or None
        self._deadline: Optional[float] = None
        self._timed_out = False
        self._watchdog_stop = threading.Event()
        self._watchdog: Optional[threading.Thread] = None
        if self.timeout is not None:
            self._watchdog = threading.Thread(target=self._watch, name="metarena-timeout", daemon=True)
            self._watchdog.start()
        _open_sessions.add(self)

    def _request_iterator(self):
        while True:
            item = self._requests.get()
            if item is _END:
                return
            yield item

    def _watch(self) -> None:
        assert self.timeout is not None
        interval = max(0.005, min(0.05, self.timeout / 10))
        while not self._watchdog_stop.wait(interval):
            deadline = self._deadline
            if deadline is not None and time.monotonic() > deadline:
                self._timed_out = True
                self._responses.cancel()
                return

    @property
    def closed(self) -> bool:
        return self._closed

    # -- calls ------------------------------------------------------------------------------

    def send(self, request: "pb.Request") -> int:
        """Sends one request (its id is set here) without waiting; returns the id."""
        return self.send_serialized(lambda request_id: _with_id(request, request_id))

    def send_serialized(self, build: Callable[[int], bytes]) -> int:
        """Sends the bytes `build(id)` of one serialized Request without waiting; returns the id."""
        if self._broken is not None:
            raise self._broken
        if self._closed:
            raise MetarenaError("METARENA_CLOSED", "the session is closed", status="FAILED_PRECONDITION")
        request_id = self._next_id + 1
        data = build(request_id)
        self._next_id = request_id
        self._requests.put(data)
        return request_id

    def receive(self, expected_id: int, what: str) -> "pb.Response":
        """Waits for the answer to request `expected_id`; raises its in-band error, if any."""
        if self._broken is not None:
            raise self._broken
        if self.timeout is not None:
            self._deadline = time.monotonic() + self.timeout
        try:
            raw = next(self._responses)
        except grpc.RpcError as e:
            self._broken = self._transport_error(e, what)
            self._shutdown()
            raise self._broken from None
        except StopIteration:
            self._broken = MetarenaError("METARENA_UNAVAILABLE", f"the server at {self.address} ended the session during {what}", status="UNAVAILABLE")
            self._shutdown()
            raise self._broken from None
        finally:
            self._deadline = None
        response = pb.Response.FromString(raw)
        if response.id != expected_id:
            if response.WhichOneof("payload") == "error" and response.id == 0:
                raise error_from_proto(response.error)  # a request the server could not parse
            if 0 < response.id < expected_id:
                # the answer to a request whose caller stopped waiting (e.g. KeyboardInterrupt)
                return self.receive(expected_id, what)
            self._broken = MetarenaError("METARENA_INTERNAL", f"answer {response.id} arrived for request {expected_id} ({what})", status="INTERNAL")
            self._shutdown()
            raise self._broken
        if response.WhichOneof("payload") == "error":
            raise error_from_proto(response.error)
        return response

    def call(self, request: "pb.Request", what: str) -> "pb.Response":
        return self.receive(self.send(request), what)

    def _transport_error(self, e: grpc.RpcError, what: str) -> MetarenaError:
        if self._timed_out:
            return MetarenaTimeoutError(f"no answer to {what} from {self.address} within {self.timeout:g} s; the session was closed")
        return error_from_rpc(e, self.address, what)

    # -- closing ----------------------------------------------------------------------------

    def _shutdown(self) -> None:
        _open_sessions.discard(self)
        self._closed = True
        self._watchdog_stop.set()
        self._requests.put(_END)
        try:
            self._responses.cancel()
        except Exception:  # the call may already be over
            pass
        self._channel.close()

    def abandon(self) -> None:
        """Ends the stream and the channel at once, waiting for nothing: for finalizers and
        interpreter exit, where an answer may never come. The server frees the envs."""
        if not self._closed:
            self._shutdown()

    def close(self) -> None:
        """Ends the stream (the server frees the session's envs) and the channel."""
        if self._closed:
            return
        _open_sessions.discard(self)
        self._closed = True
        self._watchdog_stop.set()
        self._requests.put(_END)
        # the server answers the end of the stream by ending its side; wait briefly for that
        done = threading.Event()
        self._responses.add_done_callback(lambda _call: done.set())
        done.wait(1.0)
        try:
            self._responses.cancel()
        except Exception:
            pass
        self._channel.close()


def unary(address: Optional[str], method: str, request, response_type, *, token: Optional[str] = None, timeout: Optional[float] = DEFAULT_TIMEOUT, credentials: Optional[grpc.ChannelCredentials] = None):
    """One unary call on a fresh channel, errors as MetarenaError."""
    timeout = _check_timeout(timeout)
    address = resolve_address(address)
    channel = open_channel(address, credentials)
    try:
        call = channel.unary_unary(SERVICE + method, request_serializer=lambda m: m.SerializeToString(), response_deserializer=response_type.FromString)
        try:
            return call(request, timeout=timeout, metadata=_metadata(token))
        except grpc.RpcError as e:
            if e.code() == grpc.StatusCode.DEADLINE_EXCEEDED and timeout is not None:
                raise MetarenaTimeoutError(f"no answer to {method} from {address} within {timeout:g} s") from None
            raise error_from_rpc(e, address, method) from None
    finally:
        channel.close()
