"""Errors raised by the client: every failure carries a stable metarena error code.

A request the server refuses comes back in-band with its code (e.g. ``METARENA_UNKNOWN_ENV``),
the gRPC status name (e.g. ``NOT_FOUND``), and, where known, the field at fault and what is
allowed. Transport failures (server unreachable, stream ended, missing token) and timeouts are
mapped to the same error type so a caller needs only one ``except`` clause.
"""
from __future__ import annotations

from typing import Optional

import grpc

# google.rpc.Code numbers, as in the `Status` enum of the proto.
STATUS_NAMES = {
    0: "OK",
    1: "CANCELLED",
    2: "UNKNOWN",
    3: "INVALID_ARGUMENT",
    4: "DEADLINE_EXCEEDED",
    5: "NOT_FOUND",
    6: "ALREADY_EXISTS",
    7: "PERMISSION_DENIED",
    8: "RESOURCE_EXHAUSTED",
    9: "FAILED_PRECONDITION",
    10: "ABORTED",
    11: "OUT_OF_RANGE",
    12: "UNIMPLEMENTED",
    13: "INTERNAL",
    14: "UNAVAILABLE",
    15: "DATA_LOSS",
    16: "UNAUTHENTICATED",
}

# The metarena code used when only a status is known (a stream-level gRPC status).
_CODE_OF_STATUS = {
    "CANCELLED": "METARENA_UNAVAILABLE",
    "INVALID_ARGUMENT": "METARENA_INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED": "METARENA_TIMEOUT",
    "NOT_FOUND": "METARENA_UNKNOWN_ENV",
    "ALREADY_EXISTS": "METARENA_DUPLICATE_ID",
    "RESOURCE_EXHAUSTED": "METARENA_LIMIT_EXCEEDED",
    "FAILED_PRECONDITION": "METARENA_NOT_SUPPORTED",
    "UNIMPLEMENTED": "METARENA_NOT_SUPPORTED",
    "INTERNAL": "METARENA_INTERNAL",
    "UNAVAILABLE": "METARENA_UNAVAILABLE",
    "UNAUTHENTICATED": "METARENA_UNAUTHENTICATED",
}


class MetarenaError(Exception):
    """A failed metarena call.

    Attributes:
        code: stable metarena error code, e.g. ``METARENA_INVALID_CONTEXT``.
        status: gRPC status name, e.g. ``INVALID_ARGUMENT``.
        message: human-readable text naming the field and what is allowed.
        field: the request field at fault (``context.gravity``, ``actions[3]``), or ``""``.
        allowed: what would have been accepted, or ``""``.
        plugin, hook: the env or wrapper (and its hook) an error inside a plugin came from.
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status: str = "",
        field: str = "",
        allowed: str = "",
        plugin: str = "",
        hook: str = "",
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.status = status
        self.field = field
        self.allowed = allowed
        self.plugin = plugin
        self.hook = hook


class MetarenaTimeoutError(MetarenaError, TimeoutError):
    """No answer within the call's timeout. The session is closed; make a new env to go on."""

    def __init__(self, message: str) -> None:
        super().__init__("METARENA_TIMEOUT", message, status="DEADLINE_EXCEEDED")


def error_from_proto(msg) -> MetarenaError:
    """A ``metarena.v1.Error`` message as a MetarenaError."""
    status = STATUS_NAMES.get(int(msg.status), "INTERNAL")
    code = msg.code or _CODE_OF_STATUS.get(status, "METARENA_INTERNAL")
    return MetarenaError(
        code,
        msg.message,
        status=status,
        field=msg.field,
        allowed=msg.allowed,
        plugin=msg.plugin,
        hook=msg.hook,
    )


def error_from_rpc(err: grpc.RpcError, address: str, what: str) -> MetarenaError:
    """A transport-level gRPC failure as a MetarenaError naming the server and the call."""
    code_fn = getattr(err, "code", None)
    details_fn = getattr(err, "details", None)
    status_code: Optional[grpc.StatusCode] = code_fn() if callable(code_fn) else None
    details = details_fn() if callable(details_fn) else str(err)
    status = status_code.name if status_code is not None else "UNAVAILABLE"
    message = details or status
    # unary calls carry "METARENA_CODE: message" in their status details
    head, sep, rest = message.partition(": ")
    if sep and head.startswith("METARENA_") and " " not in head:
        code, message = head, rest
    else:
        code = _CODE_OF_STATUS.get(status, "METARENA_INTERNAL")
    if status == "UNAVAILABLE":
        message = f"cannot reach the metarena server at {address} ({what}): {message}"
    elif status == "DEADLINE_EXCEEDED" and code == "METARENA_TIMEOUT":
        message = f"{what} at {address}: {message}"
    return MetarenaError(code, message, status=status)
