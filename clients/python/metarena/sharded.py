"""``ShardedVectorEnv``: one ``gymnasium.vector.VectorEnv`` of n envs spread over several servers.

``metarena.make_vec(env_id, n, address=["host:port", ...])`` cuts the n envs into contiguous
blocks of nearly equal size (larger blocks first; with fewer envs than servers the last servers
hold none), one block per server, each block a ``RemoteVectorEnv`` of its own session. A step
sends every block its slice of the actions at once (one thread per block; gRPC releases the GIL
while it waits) and puts the answers back together in env order: observations, rewards,
terminations and truncations concatenated, infos merged into the layout one vector env of all
the envs gives (gymnasium's dict of arrays with ``"_" + key`` masks; nested dicts such as
``context``, ``metarena_episode`` and ``final_info`` merged key by key).

An address list entry is one server, except ``dns:NAME:PORT`` (also ``dns:///NAME:PORT``),
which stands for every address NAME resolves to, sorted (a Kubernetes headless Service answers
with one record per ready pod). A session stays on the backend it first went to and the
blocks' seeds depend on how many servers there are, so the client resolves the name itself and
opens one session per address. A single string address is not spread: ``make_vec`` then gives a
plain ``RemoteVectorEnv``, as before.

Seeds follow the envs, not the servers: the block starting at env s gets ``seed + s`` where the
whole vector env gets ``seed`` (``reset(seed=int)`` and the make option ``seed``), and its
slices of per-env seed lists, ``reset_mask`` and ``contexts``; so a run over several servers is
bit for bit the run of one server's vector env with the same seed and actions. Every server
must make the env with the same spaces, context features, time limit, autoreset mode and
episodes per trial, or the make fails with ``METARENA_NOT_SUPPORTED`` naming the two servers,
the field that differs and both values.

Actions are checked for the whole batch before any block steps, so an invalid action is
refused with the whole vector env's index (``actions[7]``) and no env moves; so is
``autoreset_mode="disabled"``'s rule that a finished env is reset first. Errors a block's server
raises are renumbered to whole-vector-env indices (``env 3``, ``seed[3]``,
``options.contexts[3]``). A reset that one server refuses may already have reset the envs of
the others.

A server that dies (its stream breaks or ends, or an answer is later than ``timeout`` seconds,
the per-call timeout of every session) loses its block. With ``on_server_lost="error"`` (the
default) that call and every later one raise ``ServerLostError`` (``METARENA_UNAVAILABLE``)
naming the address and the envs it held; the other blocks have already stepped. With
``on_server_lost="reconnect"`` the lost block is made again on the servers left (split over
them, least loaded first), without the make seed, and reset unseeded: the step reports those
envs truncated with ``info["server_lost"]`` set (same_step: ``final_obs`` is the new episode's
first observation, since the last one is gone; next_step: the following step returns the reset
observation and info, as an autoreset step does); a reset makes them again and resets them with
their slice of the reset arguments, ``info["server_lost"]`` set. When no server is left the
vector env fails with ``ServerLostError`` from then on.

Calls run one after another (a lock serializes calls from several threads). ``close()`` closes
every block; an env left open is ended without waiting when garbage-collected or at exit.
"""
from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import math
import re
import socket
import threading
from functools import partial
from typing import Any, Callable, Dict as TDict, List, NamedTuple, Optional, Sequence, Tuple

import numpy as np

from . import spaces as sp
from ._proto import metarena_pb2 as pb
from .codec import BatchCodec, build_make, fill_reset, unbatch_info
from .compat import AutoresetMode, ContextFeature, VectorEnvBase, autoreset_enum, make_env_spec, seeded_generator
from .errors import MetarenaError
from .session import DEFAULT_TIMEOUT
from .vector import RemoteVectorEnv

# What a vector env does when a server is lost.
ON_SERVER_LOST = ("error", "reconnect")
# The largest seed an env may get (seeds are integers in [0, 2^53)).
MAX_SEED = 2**53 - 1
# Codes of a failure that means the server was not reached (as opposed to a refusal).
_UNREACHABLE = ("METARENA_UNAVAILABLE", "METARENA_TIMEOUT")


def _invalid_option(field: str, message: str, allowed: str = "") -> MetarenaError:
    return MetarenaError("METARENA_INVALID_OPTION", message, field=field, allowed=allowed, status="INVALID_ARGUMENT")


# ---------------------------------------------------------------------------------------------
# Blocks
# ---------------------------------------------------------------------------------------------


class Block(NamedTuple):
    """A contiguous range of env indices: envs ``start`` … ``start + count - 1``."""

    start: int
    count: int

    @property
    def stop(self) -> int:
        return self.start + self.count

    def envs(self) -> List[int]:
        return list(range(self.start, self.stop))


class Placement(NamedTuple):
    """Where one block runs: its server's address and its envs."""

    address: str
    start: int
    count: int


def split_blocks(n: int, k: int, start: int = 0) -> List[Block]:
    """``n`` envs in ``min(n, k)`` contiguous blocks whose sizes differ by at most one, larger
    ones first (7 over 3: 3, 2, 2); no block is empty."""
    parts = min(n, k)
    base, extra = divmod(n, parts)
    out: List[Block] = []
    at = start
    for b in range(parts):
        count = base + (1 if b < extra else 0)
        out.append(Block(at, count))
        at += count
    return out


def describe_block(block: Block) -> str:
    """``env 3`` or ``envs 3–7``, for messages."""
    return f"env {block.start}" if block.count == 1 else f"envs {block.start}–{block.stop - 1}"


# ---------------------------------------------------------------------------------------------
# Addresses
# ---------------------------------------------------------------------------------------------

# Every address a host name resolves to (A and AAAA records).
Resolver = Callable[[str], Sequence[str]]


def system_resolver(host: str) -> List[str]:
    """The addresses ``host`` resolves to, as the system resolver answers."""
    return [info[4][0] for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)]


_DNS_TARGET = re.compile(r"^dns:(?://[^/]*/)?(.+)$")
_BRACKETED = re.compile(r"^\[([^\]]+)\]:(\d+)$")
_PLAIN = re.compile(r"^([^:]+):(\d+)$")


def dns_target(entry: str) -> Optional[Tuple[str, str]]:
    """``(host, port)`` of a ``dns:`` entry, or None for a plain address."""
    m = _DNS_TARGET.match(entry)
    if m is None:
        return None
    target = m.group(1)
    hp = _BRACKETED.match(target) or _PLAIN.match(target)
    if hp is None:
        raise _invalid_option("address", f"address {entry!r} must be dns:///name:port", "dns:///name:port")
    return hp.group(1), hp.group(2)


def _join_host_port(host: str, port: str) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def expand_addresses(entries: Any, *, resolve: Resolver = system_resolver, tls: bool = False) -> List[str]:
    """The servers of an address list, ``dns:`` entries replaced by the sorted addresses their
    names resolve to; plain entries stay as given."""
    if not isinstance(entries, (list, tuple)) or len(entries) == 0:
        raise _invalid_option("address", f"address must be 'host:port' or a non-empty list of them, got {entries!r}", "host:port, or a list of host:port")
    out: List[str] = []
    for k, entry in enumerate(entries):
        if not isinstance(entry, str) or not entry:
            raise _invalid_option(f"address[{k}]", f"address[{k}] must be 'host:port', got {entry!r}", "host:port")
        dns = dns_target(entry)
        if dns is None:
            out.append(entry)
            continue
        if tls:
            raise MetarenaError(
                "METARENA_NOT_SUPPORTED",
                f"address[{k}] {entry}: a dns: name is opened at each address it resolves to, which a TLS certificate does not name; list the servers' host names instead",
                field=f"address[{k}]",
                status="FAILED_PRECONDITION",
            )
        host, port = dns
        try:
            found = list(resolve(host))
        except OSError as e:
            raise MetarenaError("METARENA_UNAVAILABLE", f"address[{k}] {entry}: cannot resolve {host}: {e}", field=f"address[{k}]", status="UNAVAILABLE") from e
        unique = sorted(set(found))
        if not unique:
            raise MetarenaError("METARENA_UNAVAILABLE", f"address[{k}] {entry}: {host} resolves to no address", field=f"address[{k}]", status="UNAVAILABLE")
        out.extend(_join_host_port(h, port) for h in unique)
    return out


# ---------------------------------------------------------------------------------------------
# What must agree between the servers
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ShardSpec:
    """What one server made: the fields every block of a spread vector env must share."""

    env_id: str
    observation_space: Any
    action_space: Any
    context_features: Tuple[ContextFeature, ...]
    max_episode_steps: Optional[int]
    autoreset_mode: str
    episodes_per_trial: int


def shard_spec(env: RemoteVectorEnv) -> ShardSpec:
    """The spec of one block's vector env."""
    return ShardSpec(
        env_id=env.env_id,
        observation_space=env.single_observation_space,
        action_space=env.single_action_space,
        context_features=tuple(env.context_features),
        max_episode_steps=env.max_episode_steps,
        autoreset_mode=env.autoreset_mode,
        episodes_per_trial=env.episodes_per_trial,
    )


def space_key(space: Any) -> Any:
    """A value that is equal for two spaces exactly when they are the same space (bounds bit for
    bit, Dict keys in order), for gymnasium's spaces and the stand-ins alike."""
    if isinstance(space, sp.Dict):
        return ("Dict", tuple((k, space_key(s)) for k, s in space.spaces.items()))
    if isinstance(space, sp.Tuple):
        return ("Tuple", tuple(space_key(s) for s in space.spaces))
    if isinstance(space, sp.Box):
        return ("Box", tuple(space.shape), str(space.dtype), np.asarray(space.low).tobytes(), np.asarray(space.high).tobytes())
    if isinstance(space, sp.Discrete):
        return ("Discrete", int(space.n), int(space.start))
    if isinstance(space, sp.MultiDiscrete):
        return ("MultiDiscrete", np.asarray(space.nvec).tolist(), np.asarray(space.start).tolist())
    if isinstance(space, sp.MultiBinary):
        return ("MultiBinary", tuple(space.shape))
    return (type(space).__name__, repr(space))


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 120 else text[:120] + "…"


def spec_difference(a: ShardSpec, b: ShardSpec) -> Optional[str]:
    """``"<field>: <a's> vs <b's>"`` for the first field two servers' specs differ in, or None."""
    fields = (
        ("env id", a.env_id, b.env_id, a.env_id, b.env_id),
        ("observation space", space_key(a.observation_space), space_key(b.observation_space), a.observation_space, b.observation_space),
        ("action space", space_key(a.action_space), space_key(b.action_space), a.action_space, b.action_space),
        ("context features", a.context_features, b.context_features, [f.name for f in a.context_features], [f.name for f in b.context_features]),
        ("max episode steps", a.max_episode_steps, b.max_episode_steps, a.max_episode_steps, b.max_episode_steps),
        ("autoreset mode", a.autoreset_mode, b.autoreset_mode, a.autoreset_mode, b.autoreset_mode),
        ("episodes per trial", a.episodes_per_trial, b.episodes_per_trial, a.episodes_per_trial, b.episodes_per_trial),
    )
    for what, x, y, shown_x, shown_y in fields:
        if x != y:
            if what == "context features" and shown_x == shown_y:
                # same names: show the first feature that differs
                pair = next((p, q) for p, q in zip(a.context_features, b.context_features) if p != q)
                shown_x, shown_y = pair
            return f"{what}: {_short(shown_x)} vs {_short(shown_y)}"
    return None


def check_same_specs(env_id: str, addresses: Sequence[str], specs: Sequence[ShardSpec]) -> None:
    """Raises METARENA_NOT_SUPPORTED when a server makes ``env_id`` differently from the first."""
    for k in range(1, len(specs)):
        diff = spec_difference(specs[0], specs[k])
        if diff is not None:
            raise MetarenaError(
                "METARENA_NOT_SUPPORTED",
                f"the servers {addresses[0]} and {addresses[k]} make {env_id} differently ({diff}); a vector env spread over servers needs the same env on each",
                field=f"address[{k}]",
                allowed=f"servers that make {env_id} as {addresses[0]} does",
                status="FAILED_PRECONDITION",
            )


# ---------------------------------------------------------------------------------------------
# Actions: checked for the whole batch, as one server checks them
# ---------------------------------------------------------------------------------------------


def _show(v: Any) -> str:
    """A number as the server writes it in messages (JavaScript's number text)."""
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    f = float(v)
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "Infinity" if f > 0 else "-Infinity"
    if f.is_integer() and abs(f) < 1e21:
        return str(int(f))
    return repr(f)


def _invalid_action(field: str, message: str, allowed: str) -> MetarenaError:
    return MetarenaError("METARENA_INVALID_ACTION", message, field=field, allowed=allowed, status="INVALID_ARGUMENT")


def _first_bad(bad: np.ndarray) -> Tuple[int, int]:
    """(env, entry) of the first True of an [n, k] array, in env order."""
    i, j = np.argwhere(bad)[0]
    return int(i), int(j)


def _check_box_bounds(space: Any, values: np.ndarray, field: str) -> None:
    v = values.astype(np.float64)
    low = np.asarray(space.low, dtype=np.float64).reshape(-1)
    high = np.asarray(space.high, dtype=np.float64).reshape(-1)
    with np.errstate(invalid="ignore"):
        ok = (v >= low) & (v <= high)  # NaN is neither
    if ok.all():
        return
    i, j = _first_bad(~ok)
    x = v[i, j]
    bounds = f"[{_show(low[j])}, {_show(high[j])}]"
    what = "is NaN" if math.isnan(x) else f"{_show(x)} is outside {bounds}"
    raise _invalid_action(f"{field}[{i}][{j}]", f"{field}[{i}][{j}] {what}", bounds)


# the integer array the server reads an integer space's actions into
def _server_integer_dtype(space: Any) -> np.dtype:
    if isinstance(space, sp.MultiBinary):
        return np.dtype(np.int8)
    if isinstance(space, sp.Box):
        return np.dtype(space.dtype)
    return np.dtype(np.int32)


def _check_leaf(space: Any, a: np.ndarray, n: int, field: str) -> np.ndarray:
    flat = a.reshape(n, -1)
    if isinstance(space, sp.Box) and np.dtype(space.dtype).kind == "f":
        values = flat.astype(space.dtype, copy=False)
        _check_box_bounds(space, values, field)
        return values.reshape(a.shape)
    # integers: what does not survive the server's integer array is refused first, in env order
    limits = np.iinfo(_server_integer_dtype(space))
    v = flat.astype(np.float64) if flat.dtype.kind == "f" else flat.astype(np.int64)
    with np.errstate(invalid="ignore"):
        exact = (v >= limits.min) & (v <= limits.max)
        if v.dtype.kind == "f":
            exact &= np.isfinite(v) & (v == np.floor(v))
    if not exact.all():
        i, j = _first_bad(~exact)
        raise _invalid_action(f"{field}[{i}]", f"{field}[{i}] must be integers, got {_show(v[i, j])}", str(space))
    if isinstance(space, sp.Discrete):
        lo, hi = int(space.start), int(space.start) + int(space.n) - 1
        bad = (v < lo) | (v > hi)
        if bad.any():
            i, _ = _first_bad(bad)
            raise _invalid_action(f"{field}[{i}]", f"{field}[{i}] must be an integer in [{lo}, {hi}], got {_show(v[i, 0])}", str(space))
    elif isinstance(space, sp.MultiDiscrete):
        start = np.asarray(space.start, dtype=np.int64).reshape(-1)
        top = start + np.asarray(space.nvec, dtype=np.int64).reshape(-1) - 1
        bad = (v < start) | (v > top)
        if bad.any():
            i, j = _first_bad(bad)
            raise _invalid_action(f"{field}[{i}][{j}]", f"{field}[{i}][{j}] must be an integer in [{start[j]}, {top[j]}], got {_show(v[i, j])}", str(space))
    elif isinstance(space, sp.MultiBinary):
        bad = (v != 0) & (v != 1)
        if bad.any():
            i, j = _first_bad(bad)
            raise _invalid_action(f"{field}[{i}][{j}]", f"{field}[{i}][{j}] must be 0 or 1, got {_show(v[i, j])}", "0 or 1")
    elif isinstance(space, sp.Box):
        _check_box_bounds(space, v, field)
    return a


def check_actions(space: Any, actions: Any, n: int, field: str = "actions") -> Any:
    """A batch of ``n`` actions checked element by element against ``space`` with the rules and
    messages of the server, so that the whole batch is refused (naming the env) before any block
    steps. The layout (a dict, a tuple, shapes) has been checked by the batch codec; returns the
    batch as arrays (a float Box's in its dtype, as it is sent)."""
    if isinstance(space, sp.Dict):
        return {k: check_actions(s, actions[k], n, f"{field}.{k}") for k, s in space.spaces.items()}
    if isinstance(space, sp.Tuple):
        return tuple(check_actions(s, actions[j], n, f"{field}[{j}]") for j, s in enumerate(space.spaces))
    a = actions if isinstance(actions, np.ndarray) else np.asarray(actions)
    return _check_leaf(space, a, n, field)


def slice_batch(batch: Any, start: int, stop: int) -> Any:
    """Entries ``start … stop - 1`` of a batch (arrays: views, no copy)."""
    if isinstance(batch, dict):
        return {k: slice_batch(v, start, stop) for k, v in batch.items()}
    if isinstance(batch, tuple):
        return tuple(slice_batch(v, start, stop) for v in batch)
    return batch[start:stop]


def concat_batches(parts: Sequence[Any]) -> Any:
    """One batch from the blocks' batches, in block order."""
    first = parts[0]
    if isinstance(first, dict):
        return {k: concat_batches([p[k] for p in parts]) for k in first}
    if isinstance(first, tuple):
        return tuple(concat_batches([p[j] for p in parts]) for j in range(len(first)))
    return np.concatenate(parts, axis=0) if len(parts) > 1 else first


# ---------------------------------------------------------------------------------------------
# Infos
# ---------------------------------------------------------------------------------------------


def _is_mask(info: TDict[str, Any], key: str) -> bool:
    """Whether ``key`` of ``info`` is the mask of another key (``_context`` of ``context``)."""
    if not key.startswith("_") or key not in info or key[1:] not in info:
        return False
    value = info[key]
    return isinstance(value, np.ndarray) and value.dtype == np.bool_


def _column_kind(value: Any, count: int) -> Tuple[Any, ...]:
    if isinstance(value, dict):
        return ("dict",)
    if isinstance(value, np.ndarray) and value.ndim >= 1 and value.shape[0] == count:
        return ("array", value.dtype, value.shape[1:])
    return ("other",)


def _entry(value: Any, kind: Tuple[Any, ...], i: int) -> Any:
    """Env ``i``'s entry of a column, as that env reported it."""
    if kind[0] == "dict":
        return unbatch_info(value, i)
    v = value[i]
    return v.item() if isinstance(v, np.generic) else v


def merge_infos(parts: Sequence[Tuple[Block, TDict[str, Any]]], n: int) -> TDict[str, Any]:
    """The vector info of ``n`` envs from the blocks' vector infos, in the layout one vector env
    of all the envs gives: a column is an array of n entries (zeros, or None in object arrays,
    where a block did not report it), its mask ``"_" + key`` joined from the blocks' masks (True
    for a block that reported the key without one, False for a block that did not report it),
    nested dicts merged key by key. A key whose blocks disagree
    on the kind or dtype becomes an object array of each env's value; a value that is not one
    entry per env is taken from the first block that has it."""
    keys: List[str] = []
    seen = set()
    for _, info in parts:
        for key in info:
            if key not in seen and not _is_mask(info, key):
                seen.add(key)
                keys.append(key)
    out: TDict[str, Any] = {}
    for key in keys:
        having = [(b, info) for b, info in parts if key in info and not _is_mask(info, key)]
        kinds = [_column_kind(info[key], b.count) for b, info in having]
        masks = [info["_" + key] if _is_mask(info, "_" + key) else None for _, info in having]
        mask: Optional[np.ndarray] = None
        if any(m is not None for m in masks) or len(having) < len(parts):
            mask = np.zeros(n, dtype=np.bool_)
            for (b, _), m in zip(having, masks):
                mask[b.start : b.stop] = True if m is None else m[: b.count]
        first = kinds[0]
        if all(k == first for k in kinds):  # one kind (and for arrays one dtype and entry shape)
            if first[0] == "other":
                value: Any = having[0][1][key]
            elif first[0] == "dict":
                value = merge_infos([(b, info[key]) for b, info in having], n)
            else:
                dtype, tail = first[1], first[2]
                value = np.empty((n,) + tail, dtype=object) if dtype == object else np.zeros((n,) + tail, dtype=dtype)
                for b, info in having:
                    value[b.start : b.stop] = info[key]
        else:
            items: List[Any] = [None] * n
            for (b, info), kind, m in zip(having, kinds, masks):
                if kind[0] == "other":
                    raise MetarenaError("METARENA_INTERNAL", f"info.{key} is not one entry per env in the answer for {describe_block(b)}", field=f"info.{key}", status="INTERNAL")
                for i in range(b.count):
                    if m is None or m[i]:
                        items[b.start + i] = _entry(info[key], kind, i)
            value = np.empty(n, dtype=object)
            value[:] = items
        out[key] = value
        if mask is not None:
            out["_" + key] = mask
    return out


# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class LostServer:
    """A lost server's address and the envs (whole-vector-env indices) it held."""

    address: str
    envs: Tuple[int, ...]


class ServerLostError(MetarenaError):
    """Servers of a spread vector env that are gone, with the envs each held
    (``METARENA_UNAVAILABLE``). ``servers``: the LostServer entries; ``envs``: every env whose
    server is gone, ascending."""

    def __init__(self, servers: Sequence[LostServer], reason: str) -> None:
        which = ", ".join(f"{s.address} ({describe_block(Block(s.envs[0], len(s.envs)))})" for s in servers)
        plural = "s" if len(servers) > 1 else ""
        super().__init__("METARENA_UNAVAILABLE", f"lost the server{plural} {which}: {reason}", status="UNAVAILABLE", field="address")
        self.servers: Tuple[LostServer, ...] = tuple(servers)

    @property
    def envs(self) -> List[int]:
        return sorted(i for s in self.servers for i in s.envs)


# Per-env fields whose index an error of a block names, and the message patterns that carry it.
_INDEXED_FIELD = re.compile(r"^(actions|seed|options\.contexts|options\.mask|options\.reset_mask)\[(\d+)\]")
_INDEXED_TEXT = re.compile(r"\b(env |actions\[|seed\[|options\.contexts\[)(\d+)")


def shift_error_indices(e: BaseException, block: Block) -> BaseException:
    """An error one block's server raised, its env indices moved to the whole vector env's
    (``env 3`` and ``actions[3]`` of a block starting at env 4 become ``env 7``, ``actions[7]``)."""
    if not isinstance(e, MetarenaError) or block.start == 0:
        return e

    def shift(m: "re.Match[str]") -> str:
        return f"{m.group(1)}{int(m.group(2)) + block.start}"

    field = _INDEXED_FIELD.sub(lambda m: f"{m.group(1)}[{int(m.group(2)) + block.start}]", e.field, count=1)
    shifted = MetarenaError(e.code, _INDEXED_TEXT.sub(shift, e.message), status=e.status, field=field, allowed=e.allowed, plugin=e.plugin, hook=e.hook)
    shifted.__cause__ = e
    return shifted


# ---------------------------------------------------------------------------------------------
# Reset arguments
# ---------------------------------------------------------------------------------------------


def check_reset_args(num_envs: int, seed: Any, options: Optional[TDict[str, Any]]) -> None:
    """Checks reset arguments for the whole vector env before they are cut into blocks, so that
    errors name its indices: the checks of one vector env's reset, and an int seed whose last
    env's seed would pass the largest seed."""
    fill_reset(pb.ResetRequest(), num_envs, seed, options)
    if seed is not None and not isinstance(seed, (list, tuple, np.ndarray)):
        _check_first_seed(int(seed), num_envs, "seed")


def _check_first_seed(seed: int, num_envs: int, field: str) -> None:
    most = MAX_SEED - (num_envs - 1)
    if seed > most:
        raise MetarenaError(
            "METARENA_INVALID_SEED",
            f"{field} {seed} gives env {num_envs - 1} the seed {seed} + {num_envs - 1}, past the largest seed; with {num_envs} envs {field} must be at most {most}",
            field=field,
            allowed=f"integer in [0, {most}]",
            status="INVALID_ARGUMENT",
        )


def slice_reset_args(seed: Any, options: Optional[TDict[str, Any]], block: Block, reset_all: bool = False) -> TDict[str, Any]:
    """A block's ``reset`` keyword arguments: seeds follow the envs (an int seed becomes
    ``seed + block.start``), per-env seeds, ``reset_mask`` and ``contexts`` are sliced, a
    ``context`` goes to every block. ``reset_all``: no mask (every env of the block resets)."""
    start, stop = block.start, block.stop
    if seed is None:
        block_seed: Any = None
    elif isinstance(seed, (list, tuple, np.ndarray)):
        block_seed = list(seed[start:stop])
    else:
        block_seed = int(seed) + start
    block_options: Optional[TDict[str, Any]] = None
    if options:
        block_options = {}
        if options.get("reset_mask") is not None and not reset_all:
            block_options["reset_mask"] = np.asarray(options["reset_mask"])[start:stop]
        if options.get("context") is not None:
            block_options["context"] = options["context"]
        if options.get("contexts") is not None:
            block_options["contexts"] = list(options["contexts"])[start:stop]
    return {"seed": block_seed, "options": block_options}


# ---------------------------------------------------------------------------------------------
# The vector env
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(eq=False)
class _Part:
    address: str
    block: Block
    env: RemoteVectorEnv
    # next_step after a reconnect: the reset (obs, info) the next step returns for this block
    pending: Optional[Tuple[Any, TDict[str, Any]]] = None


def _ones(n: int) -> np.ndarray:
    return np.ones(n, dtype=np.bool_)


def _is_lost(part: _Part, e: BaseException) -> bool:
    """Whether a failed call means the block's server is gone: its session ended or broke (a
    refusal leaves the session open)."""
    return isinstance(e, MetarenaError) and part.env._session.closed


def _unreachable(e: BaseException) -> bool:
    return isinstance(e, MetarenaError) and e.code in _UNREACHABLE


_Outcome = Tuple[bool, Any]  # (True, result) or (False, exception)


class ShardedVectorEnv(VectorEnvBase):
    """A batch of remote envs spread over several servers, one block of envs per server (see the
    module doc). Build it with ``metarena.make_vec(env_id, n, address=[...])``."""

    metadata: TDict[str, Any] = {"autoreset_mode": AutoresetMode.NEXT_STEP}
    render_mode = None

    def __init__(
        self,
        env_id: str,
        num_envs: int,
        *,
        address: Sequence[str],
        token: Optional[str] = None,
        timeout: Optional[float] = DEFAULT_TIMEOUT,
        credentials=None,
        on_server_lost: str = "error",
        **options: Any,
    ) -> None:
        self.closed = True  # until the blocks exist, so close() from __del__ is harmless
        self._parts: List[_Part] = []
        self._pool: Optional[cf.ThreadPoolExecutor] = None
        if on_server_lost not in ON_SERVER_LOST:
            raise _invalid_option("on_server_lost", f"on_server_lost must be error or reconnect, got {on_server_lost!r}", ", ".join(ON_SERVER_LOST))
        if isinstance(num_envs, bool) or not isinstance(num_envs, (int, np.integer)) or num_envs < 1:
            raise _invalid_option("num_envs", f"num_envs must be a positive integer, got {num_envs!r}", "integer ≥ 1")
        n = int(num_envs)
        build_make(env_id, n, options)  # the options are checked before any server is contacted
        if options.get("seed") is not None:
            _check_first_seed(int(options["seed"]), n, "seed")
        self._servers = expand_addresses(address, tls=credentials is not None)
        self._connect = dict(token=token, timeout=timeout, credentials=credentials)
        self._make_options = dict(options)
        self._requested_id = env_id
        self.on_server_lost = on_server_lost
        self._lost_addresses: set = set()
        self._failure: Optional[ServerLostError] = None
        self._lock = threading.Lock()
        self._pool_size = 0
        blocks = split_blocks(n, len(self._servers))
        self._ensure_pool(len(blocks))
        outcomes = self._run([partial(self._open, self._servers[k], b, self._block_options(b)) for k, b in enumerate(blocks)])
        made = [value for ok, value in outcomes if ok]
        failed = next((k for k, (ok, _) in enumerate(outcomes) if not ok), None)
        if failed is not None:
            self._close_envs(made)
            self._shutdown_pool()
            raise self._named_failure(self._servers[failed], outcomes[failed][1])
        try:
            check_same_specs(env_id, self._servers, [shard_spec(e) for e in made])
        except MetarenaError:
            self._close_envs(made)
            self._shutdown_pool()
            raise
        self._parts = [_Part(self._servers[k], b, made[k]) for k, b in enumerate(blocks)]
        self.closed = False
        first = made[0]
        self._spec = shard_spec(first)
        self.num_envs = n
        self.single_observation_space = first.single_observation_space
        self.single_action_space = first.single_action_space
        self.observation_space = sp.batch_space(self.single_observation_space, n)
        self.action_space = sp.batch_space(self.single_action_space, n)
        self.autoreset_mode = first.autoreset_mode
        self.metadata = {"autoreset_mode": autoreset_enum(first.autoreset_mode)}
        self.context_features: List[ContextFeature] = list(first.context_features)
        self.max_episode_steps: Optional[int] = first.max_episode_steps
        self.episodes_per_trial = first.episodes_per_trial
        self.description = first.description
        self.env_id = first.env_id
        made_with: TDict[str, Any] = dict(env_id=self.env_id, address=list(address), **options)
        if on_server_lost != "error":
            made_with["on_server_lost"] = on_server_lost
        made_with.update(num_envs=n, vectorization_mode="vector_entry_point")
        self.spec = make_env_spec(self.env_id, self.max_episode_steps, made_with)
        self._action_codec = BatchCodec(self.single_action_space)
        self._obs_codec = BatchCodec(self.single_observation_space)
        # autoreset_mode="disabled": True where an env finished and has not been reset since
        self._done = np.zeros(n, dtype=np.bool_)
        self._np_random = None
        self._np_random_seed = None

    # -- where the envs run -----------------------------------------------------------------

    @property
    def addresses(self) -> List[str]:
        """The servers, ``dns:`` entries resolved, in block order."""
        return list(self._servers)

    @property
    def blocks(self) -> List[Placement]:
        """Where each block runs: its server and its envs, in env order."""
        return [Placement(p.address, p.block.start, p.block.count) for p in self._parts]

    # -- gymnasium API ----------------------------------------------------------------------

    def reset(self, *, seed: Any = None, options: Optional[TDict[str, Any]] = None) -> Tuple[Any, TDict[str, Any]]:
        """Resets the envs as ``RemoteVectorEnv.reset`` does (``seed``: an int, env i getting
        seed + i, or one seed or None per env; ``options``: ``reset_mask``, ``context``,
        ``contexts``), every block with its slice, all blocks at once."""
        with self._lock:
            self._check_usable("reset")
            n = self.num_envs
            check_reset_args(n, seed, options)
            parts = list(self._parts)
            outcomes = self._run([partial(p.env.reset, **slice_reset_args(seed, options, p.block)) for p in parts])
            results: List[Tuple[Block, Any, TDict[str, Any]]] = []
            lost: List[Tuple[_Part, BaseException]] = []
            refused: Optional[BaseException] = None
            for p, (ok, value) in zip(parts, outcomes):
                p.pending = None
                if ok:
                    results.append((p.block, value[0], value[1]))
                elif _is_lost(p, value):
                    lost.append((p, value))
                elif refused is None:
                    refused = shift_error_indices(value, p.block)
            if lost:
                remade = self._replace(lost)
                again = self._run([partial(p.env.reset, **slice_reset_args(seed, options, p.block, reset_all=True)) for p in remade])
                for p, (ok, value) in zip(remade, again):
                    if ok:
                        c = p.block.count
                        results.append((p.block, value[0], {**value[1], "server_lost": _ones(c), "_server_lost": _ones(c)}))
                    elif refused is None:
                        refused = shift_error_indices(value, p.block)
            if refused is not None:
                raise refused
            mask = options.get("reset_mask") if options else None
            if mask is None:
                self._done[:] = False
            else:
                self._done[np.asarray(mask, dtype=bool)] = False
            if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
                self._np_random, self._np_random_seed = seeded_generator(int(seed))
            results.sort(key=lambda r: r[0].start)
            return concat_batches([r[1] for r in results]), merge_infos([(r[0], r[2]) for r in results], n)

    def step(self, actions: Any) -> Tuple[Any, np.ndarray, np.ndarray, np.ndarray, TDict[str, Any]]:
        """Checks the whole batch of actions, steps every block with its slice at once and returns
        ``(obs, rewards, terminations, truncations, infos)`` of all the envs in env order."""
        with self._lock:
            self._check_usable("step")
            n = self.num_envs
            space = self.single_action_space
            self._action_codec.encode(actions, n)  # the layout, with one vector env's messages
            batch = check_actions(space, actions, n)
            if self.autoreset_mode == "disabled" and self._done.any():
                i = int(np.flatnonzero(self._done)[0])
                raise MetarenaError(
                    "METARENA_RESET_NEEDED",
                    f"env {i} finished its episode; with autoreset_mode=disabled reset it with reset({{options: {{mask}}}})",
                    field=f"actions[{i}]",
                    status="FAILED_PRECONDITION",
                )
            parts = list(self._parts)
            calls = [partial(self._pending_step, p) if p.pending is not None else partial(p.env.step, slice_batch(batch, p.block.start, p.block.stop)) for p in parts]
            outcomes = self._run(calls)
            results: List[Tuple[Block, Tuple[Any, ...]]] = []
            lost: List[Tuple[_Part, BaseException]] = []
            refused: Optional[BaseException] = None
            for p, (ok, value) in zip(parts, outcomes):
                if ok:
                    results.append((p.block, value))
                elif _is_lost(p, value):
                    lost.append((p, value))
                elif refused is None:
                    refused = shift_error_indices(value, p.block)
            if lost:
                remade = self._replace(lost)
                again = self._run([p.env.reset for p in remade])
                for p, (ok, value) in zip(remade, again):
                    if ok:
                        results.append((p.block, self._lost_step(p, value)))
                    elif refused is None:
                        refused = shift_error_indices(value, p.block)
            if refused is not None:
                raise refused
            results.sort(key=lambda r: r[0].start)
            obs = concat_batches([r[1][0] for r in results])
            rewards = np.concatenate([r[1][1] for r in results]) if len(results) > 1 else results[0][1][1]
            terminated = np.concatenate([r[1][2] for r in results]) if len(results) > 1 else results[0][1][2]
            truncated = np.concatenate([r[1][3] for r in results]) if len(results) > 1 else results[0][1][3]
            info = merge_infos([(r[0], r[1][4]) for r in results], n)
            if self.autoreset_mode == "disabled":
                self._done = terminated | truncated
            return obs, rewards, terminated, truncated, info

    def close(self, **kwargs: Any) -> None:
        """Closes every block's session (the servers free the envs). Harmless when called twice."""
        if getattr(self, "closed", True):
            return
        with self._lock:
            if self.closed:
                return
            self.closed = True
            self._run([p.env.close for p in self._parts])
            self._shutdown_pool()

    def abandon(self) -> None:
        """Ends every block's session at once without waiting (the servers free the envs)."""
        if getattr(self, "closed", True):
            return
        self.closed = True
        for p in self._parts:
            p.env.abandon()
        self._shutdown_pool(wait=False)

    def render(self):
        return None

    def __enter__(self) -> "ShardedVectorEnv":
        return self

    def __exit__(self, *args: Any) -> bool:
        self.close()
        return False

    def __del__(self) -> None:
        # never a call that waits: a finalizer may run where no answer can arrive
        try:
            self.abandon()
        except Exception:
            pass

    def __repr__(self) -> str:
        env_id = getattr(self, "env_id", "?")
        return f"ShardedVectorEnv({env_id}, num_envs={getattr(self, 'num_envs', '?')}, address={getattr(self, '_servers', '?')})"

    # -- running the blocks -----------------------------------------------------------------

    def _ensure_pool(self, size: int) -> None:
        """A thread per block: a larger pool when there are more blocks than threads."""
        if self._pool is not None and size <= self._pool_size:
            return
        old = self._pool
        self._pool = cf.ThreadPoolExecutor(max_workers=max(1, size), thread_name_prefix="metarena-block")
        self._pool_size = max(1, size)
        if old is not None:
            old.shutdown(wait=False)

    def _shutdown_pool(self, wait: bool = True) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait)

    def _run(self, calls: Sequence[Callable[[], Any]]) -> List[_Outcome]:
        """Runs the calls at once, one thread each, and waits for all (each is bounded by its
        session's timeout): ``(True, result)`` or ``(False, exception)`` per call, in order."""
        if len(calls) == 1:
            try:
                return [(True, calls[0]())]
            except Exception as e:
                return [(False, e)]
        assert self._pool is not None
        futures = [self._pool.submit(c) for c in calls]
        try:
            cf.wait(futures)
        except BaseException:
            # interrupted (Ctrl-C): let the calls in flight end so that no session is ever used
            # by two threads at once, then give up
            cf.wait(futures)
            raise
        return [(True, f.result()) if f.exception() is None else (False, f.exception()) for f in futures]

    def _check_usable(self, what: str) -> None:
        if self.closed:
            raise MetarenaError("METARENA_CLOSED", f"{what}() after close()", field=what, status="FAILED_PRECONDITION")
        if self._failure is not None:
            raise self._failure

    def _block_options(self, block: Block) -> TDict[str, Any]:
        """A block's make options: the make seed moved to its first env."""
        seed = self._make_options.get("seed")
        return self._make_options if seed is None else {**self._make_options, "seed": int(seed) + block.start}

    def _open(self, address: str, block: Block, options: TDict[str, Any]) -> RemoteVectorEnv:
        return RemoteVectorEnv(self._requested_id, block.count, address=address, **self._connect, **options)

    @staticmethod
    def _named_failure(address: str, e: BaseException) -> BaseException:
        """A make failure that means the server was not reached, with its address in the message."""
        if _unreachable(e) and address not in e.message:  # type: ignore[attr-defined]
            named = MetarenaError(e.code, f"server {address}: {e.message}", status=e.status, field=e.field or "address", allowed=e.allowed)  # type: ignore[attr-defined]
            named.__cause__ = e
            return named
        return e

    def _close_envs(self, envs: Sequence[RemoteVectorEnv]) -> None:
        if envs:
            self._run([e.close for e in envs])

    def _pending_step(self, p: _Part) -> Tuple[Any, ...]:
        """next_step after a reconnect: the remade block's autoreset step (reset obs and info)."""
        assert p.pending is not None
        obs, info = p.pending
        p.pending = None
        c = p.block.count
        return obs, np.zeros(c), np.zeros(c, dtype=np.bool_), np.zeros(c, dtype=np.bool_), info

    def _lost_step(self, p: _Part, reset: Tuple[Any, TDict[str, Any]]) -> Tuple[Any, ...]:
        """A remade block's share of the step that lost its server: truncated, ``server_lost`` set."""
        obs, reset_info = reset
        c = p.block.count
        lost_info = {"server_lost": _ones(c), "_server_lost": _ones(c)}
        info: TDict[str, Any] = dict(lost_info)
        if self.autoreset_mode == "same_step":
            final_obs = np.empty(c, dtype=object)
            final_obs[:] = [self._obs_codec.item(obs, i) for i in range(c)]
            info = {**reset_info, "final_obs": final_obs, "_final_obs": _ones(c), "final_info": dict(lost_info), "_final_info": _ones(c), **lost_info}
        elif self.autoreset_mode == "next_step":
            p.pending = (obs, reset_info)
        return obs, np.zeros(c), np.zeros(c, dtype=np.bool_), _ones(c), info

    def _fail(self, lost: Sequence[_Part], reason: str, cause: BaseException, parts: Sequence[_Part]) -> None:
        """From now on every call raises ServerLostError; the blocks left are closed."""
        self._parts = sorted(parts, key=lambda q: q.block.start)
        self._close_envs([q.env for q in self._parts])
        self._failure = ServerLostError([LostServer(p.address, tuple(p.block.envs())) for p in lost], reason)
        self._failure.__cause__ = cause
        raise self._failure

    def _replace(self, lost: Sequence[Tuple[_Part, BaseException]]) -> List[_Part]:
        """Takes the lost blocks out. With ``reconnect`` each is made again on the servers left and
        the new parts are returned; otherwise, or when no server is left, the vector env fails
        with ServerLostError from now on."""
        lost_parts = [p for p, _ in lost]
        cause = lost[0][1]
        reason = cause.message if isinstance(cause, MetarenaError) else str(cause)
        for p in lost_parts:
            self._lost_addresses.add(p.address)
            p.env.close()  # its session is over: nothing is sent
        if self.on_server_lost != "reconnect":
            self._failure = ServerLostError([LostServer(p.address, tuple(p.block.envs())) for p in lost_parts], reason)
            self._failure.__cause__ = cause
            raise self._failure
        kept = [p for p in self._parts if p not in lost_parts]
        remade: List[_Part] = []
        options = {k: v for k, v in self._make_options.items() if k != "seed"}
        for p in lost_parts:
            todo = [p.block]
            while todo:
                live = [a for a in self._servers if a not in self._lost_addresses]
                if not live:
                    self._fail(lost_parts, f"{reason}; no server left to make its envs again", cause, kept + remade)
                load = {a: sum(q.block.count for q in kept + remade if q.address == a) for a in live}
                targets = sorted(live, key=lambda a: load[a])
                pieces = [piece for b in todo for piece in split_blocks(b.count, len(targets), b.start)]
                where = [targets[k % len(targets)] for k in range(len(pieces))]
                self._ensure_pool(len(kept) + len(remade) + len(pieces))
                outcomes = self._run([partial(self._open, a, piece, options) for a, piece in zip(where, pieces)])
                todo = []
                refused: Optional[Tuple[str, BaseException]] = None
                for address, piece, (ok, value) in zip(where, pieces, outcomes):
                    if ok:
                        remade.append(_Part(address, piece, value))
                        diff = spec_difference(self._spec, shard_spec(value))
                        if diff is not None and refused is None:
                            refused = (address, MetarenaError("METARENA_NOT_SUPPORTED", f"it makes {self.env_id} differently ({diff})", field="address", status="FAILED_PRECONDITION"))
                    elif _unreachable(value):
                        self._lost_addresses.add(address)
                        todo.append(piece)
                    elif refused is None:
                        refused = (address, value)
                if refused is not None:
                    address, why = refused
                    text = why.message if isinstance(why, MetarenaError) else str(why)
                    self._fail(lost_parts, f"{reason}; making its envs again on {address} failed: {text}", why, kept + remade)
        self._parts = sorted(kept + remade, key=lambda q: q.block.start)
        return remade


__all__ = [
    "ShardedVectorEnv",
    "ServerLostError",
    "LostServer",
    "Block",
    "Placement",
    "ShardSpec",
    "ON_SERVER_LOST",
    "split_blocks",
    "describe_block",
    "dns_target",
    "expand_addresses",
    "shard_spec",
    "spec_difference",
    "check_same_specs",
    "check_actions",
    "merge_infos",
    "shift_error_indices",
    "check_reset_args",
    "slice_reset_args",
]
