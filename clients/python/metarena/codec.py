"""Between numpy / Python values and metarena.v1 messages.

Tensors are ``{dtype, shape, data}`` with little-endian, row-major, batch-first data: a batch is
read with one ``np.frombuffer`` and written with one ``tobytes``, never element by element.
Free-form values (env args, wrapper options, sampler parameters, extra info keys) travel as JSON
text in which non-finite numbers are ``{"$num": "NaN" | "Infinity" | "-Infinity"}`` and typed
arrays ``{"$typed": "Float32Array", "data": [...]}``.
"""
from __future__ import annotations

import json
import math
import sys
from typing import Any, Dict as TDict, List, Optional

import numpy as np

from . import spaces as sp
from ._proto import metarena_pb2 as pb
from .errors import MetarenaError

# metarena.v1.DType -> little-endian numpy dtypes
WIRE_DTYPES = {
    pb.DTYPE_FLOAT32: np.dtype("<f4"),
    pb.DTYPE_FLOAT64: np.dtype("<f8"),
    pb.DTYPE_INT32: np.dtype("<i4"),
    pb.DTYPE_INT8: np.dtype("i1"),
    pb.DTYPE_UINT8: np.dtype("u1"),
    pb.DTYPE_BOOL: np.dtype("?"),
    pb.DTYPE_INT64: np.dtype("<i8"),
}
_NUMPY_TO_WIRE = {
    np.dtype("float32"): pb.DTYPE_FLOAT32,
    np.dtype("float64"): pb.DTYPE_FLOAT64,
    np.dtype("int32"): pb.DTYPE_INT32,
    np.dtype("int8"): pb.DTYPE_INT8,
    np.dtype("uint8"): pb.DTYPE_UINT8,
    np.dtype("bool"): pb.DTYPE_BOOL,
    np.dtype("int64"): pb.DTYPE_INT64,
}
_MISSING = object()
_LITTLE_ENDIAN = sys.byteorder == "little"
_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1

# ---------------------------------------------------------------------------------------------
# Wire JSON
# ---------------------------------------------------------------------------------------------

_TYPED_NAMES = {
    "Float32Array": np.float32,
    "Float64Array": np.float64,
    "Int32Array": np.int32,
    "Int8Array": np.int8,
    "Uint8Array": np.uint8,
    "Int16Array": np.int16,
    "Uint16Array": np.uint16,
    "Uint32Array": np.uint32,
}


def _plain(value: Any) -> Any:
    """A JSON-ready copy of `value` with non-finite floats as {"$num": ...}."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if math.isfinite(v):
            return v
        return {"$num": "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")}
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str):
        return value
    if hasattr(value, "value") and isinstance(getattr(value, "value"), (str, int, float)):  # an enum
        return _plain(value.value)
    raise TypeError(f"cannot send {type(value).__name__} {value!r} as JSON")


def to_wire_json(value: Any) -> str:
    return json.dumps(_plain(value), allow_nan=False, separators=(",", ":"))


def _revive(obj: TDict[str, Any]) -> Any:
    if len(obj) == 1 and isinstance(obj.get("$num"), str):
        return float(obj["$num"].replace("Infinity", "inf"))
    if len(obj) == 2 and obj.get("$typed") in _TYPED_NAMES and isinstance(obj.get("data"), list):
        return np.asarray(obj["data"], dtype=_TYPED_NAMES[obj["$typed"]])
    return obj


def from_wire_json(text: str) -> Any:
    return json.loads(text, object_hook=_revive)


# ---------------------------------------------------------------------------------------------
# Tensors and batches
# ---------------------------------------------------------------------------------------------


def decode_tensor(t) -> np.ndarray:
    """A Tensor message as a writable numpy array of its own dtype and shape."""
    dtype = WIRE_DTYPES.get(t.dtype)
    if dtype is None:
        raise MetarenaError("METARENA_INTERNAL", f"the server sent a tensor of unknown dtype {t.dtype}", status="INTERNAL")
    a = np.frombuffer(bytearray(t.data), dtype=dtype)  # one copy, writable
    shape = t.shape
    return a if len(shape) == 1 else a.reshape(tuple(shape))


def _integer_payload(a: np.ndarray) -> np.ndarray:
    """Integer actions as int32 when exact, else as they are (the server names what is wrong)."""
    if a.dtype.kind in "iub":
        if a.dtype.itemsize < 4 or a.dtype == np.int32:
            return a.astype(np.int32, copy=False)
        if a.size == 0 or (a.min() >= _INT32_MIN and a.max() <= _INT32_MAX):
            return a.astype(np.int32)
        return a.astype(np.float64)
    if a.dtype.kind == "f":
        return a.astype(np.float64, copy=False)
    raise MetarenaError("METARENA_INVALID_ACTION", f"actions must be numbers, got an array of {a.dtype}", field="actions", status="INVALID_ARGUMENT")


class BatchCodec:
    """How batches of one space move to and from Value messages, worked out once per space.

    Decoded batches follow gymnasium's ``batch_space`` layout and dtypes: a float32 Box gives
    float32 ``[n, *shape]``, Discrete int64 ``[n]``, MultiDiscrete int64 ``[n, k]``, MultiBinary
    int8 ``[n, *shape]``, Dict a dict of batches, Tuple a tuple of batches.
    """

    def __init__(self, space) -> None:
        self.space = space
        self.parts: Optional[List[BatchCodec]] = None
        self.keys: Optional[List[str]] = None
        if isinstance(space, sp.Dict):
            self.keys = list(space.spaces.keys())
            self.parts = [BatchCodec(s) for s in space.spaces.values()]
        elif isinstance(space, sp.Tuple):
            self.parts = [BatchCodec(s) for s in space.spaces]
        elif isinstance(space, sp.Discrete):
            self.item_shape: tuple = ()
            self.dtype = np.dtype(np.int64)
        elif isinstance(space, (sp.Box, sp.MultiDiscrete, sp.MultiBinary)):
            self.item_shape = tuple(space.shape)
            self.dtype = np.dtype(space.dtype)
        else:
            raise TypeError(f"unsupported space {space!r}")
        self._tensor_heads: TDict[tuple, bytes] = {}
        if self.parts is None:
            self.item_size = int(np.prod(self.item_shape, dtype=np.int64))
            self.integer = not isinstance(space, sp.Box) or np.issubdtype(self.dtype, np.integer)

    # -- decoding ---------------------------------------------------------------------------

    def decode(self, value, n: int) -> Any:
        """A Value message of `n` elements as a batch (arrays are new and writable)."""
        if self.keys is not None:
            entries = {e.key: e.value for e in value.dict.entries}
            return {k: p.decode(entries[k], n) for k, p in zip(self.keys, self.parts)}  # type: ignore[arg-type]
        if self.parts is not None:
            return tuple(p.decode(v, n) for p, v in zip(self.parts, value.tuple.items))
        t = value.tensor
        wire = WIRE_DTYPES[t.dtype]
        if wire == self.dtype:
            out = np.frombuffer(bytearray(t.data), dtype=wire)  # one copy, writable
        else:
            out = np.frombuffer(t.data, dtype=wire).astype(self.dtype)
        return out.reshape((n,) + self.item_shape)

    def item(self, batch: Any, i: int) -> Any:
        """Element `i` of a decoded batch, as gymnasium's spaces give elements."""
        if self.keys is not None:
            return {k: p.item(batch[k], i) for k, p in zip(self.keys, self.parts)}  # type: ignore[arg-type]
        if self.parts is not None:
            return tuple(p.item(b, i) for p, b in zip(self.parts, batch))
        return batch[i].copy() if self.item_shape else batch[i]

    # -- encoding ---------------------------------------------------------------------------

    def encode(self, actions: Any, n: int, field: str = "actions") -> bytes:
        """A batch of `n` actions as a serialized Value message (see ``_field``)."""
        if self.keys is not None:
            if not isinstance(actions, dict):
                raise MetarenaError("METARENA_INVALID_ACTION", f"{field} must be a dict of batches with keys {', '.join(self.keys)}, got {type(actions).__name__}", field=field, status="INVALID_ARGUMENT")
            unknown = [k for k in actions if k not in self.keys]
            if unknown:
                raise MetarenaError("METARENA_INVALID_ACTION", f"{field} has unknown key {unknown[0]!r}; allowed: {', '.join(self.keys)}", field=f"{field}.{unknown[0]}", allowed=", ".join(self.keys), status="INVALID_ARGUMENT")
            entries = []
            for k, p in zip(self.keys, self.parts):  # type: ignore[arg-type]
                if k not in actions:
                    raise MetarenaError("METARENA_INVALID_ACTION", f"{field} lacks key {k!r}", field=f"{field}.{k}", status="INVALID_ARGUMENT")
                # DictValue.entries (1) of DictValueEntry {key (1), value (2)}
                entries.append(_field(1, _field(1, k.encode()) + _field(2, p.encode(actions[k], n, f"{field}.{k}"))))
            return _field(2, b"".join(entries))  # Value.dict
        if self.parts is not None:
            if not isinstance(actions, (tuple, list)) or len(actions) != len(self.parts):
                raise MetarenaError("METARENA_INVALID_ACTION", f"{field} must be a tuple of {len(self.parts)} batches", field=field, status="INVALID_ARGUMENT")
            items = [_field(1, p.encode(a, n, f"{field}[{j}]")) for j, (p, a) in enumerate(zip(self.parts, actions))]
            return _field(3, b"".join(items))  # Value.tuple of TupleValue.items (1)
        a = actions if isinstance(actions, np.ndarray) else np.asarray(actions)
        if a.shape != (n,) + self.item_shape:
            raise MetarenaError(
                "METARENA_INVALID_ACTION",
                f"{field} must have shape {(n,) + self.item_shape} for {n} envs of {self.space}, got shape {a.shape}",
                field=field,
                allowed=f"shape {(n,) + self.item_shape}",
                status="INVALID_ARGUMENT",
            )
        if self.integer:
            a = _integer_payload(a)
        elif a.dtype != self.dtype:
            if a.dtype.kind not in "fiub":
                raise MetarenaError("METARENA_INVALID_ACTION", f"{field} must be numbers, got an array of {a.dtype}", field=field, status="INVALID_ARGUMENT")
            a = a.astype(self.dtype)
        wire = _NUMPY_TO_WIRE[a.dtype]
        head = self._tensor_heads.get((wire, n))
        if head is None:
            # Tensor {dtype (1), shape (2, packed)}; the data field (3) follows
            shape = b"".join(_varint(d) for d in (n,) + self.item_shape)
            head = self._tensor_heads[(wire, n)] = b"\x08" + _varint(wire) + _field(2, shape)
        data = a.tobytes() if _LITTLE_ENDIAN else a.astype(a.dtype.newbyteorder("<")).tobytes()
        return _field(1, head + _field(3, data))  # Value.tensor


def _varint(v: int) -> bytes:
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def _field(number: int, payload: bytes) -> bytes:
    """A length-delimited protobuf field (wire type 2): tag, length, payload."""
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def step_request(request_id: int, env_handle: int, actions_value: bytes) -> bytes:
    """A serialized Request {id, step: StepRequest {env_handle, actions}}, built without message
    objects: the hot path of a vector env's step."""
    step = b"\x08" + _varint(env_handle) + _field(2, actions_value)
    return b"\x08" + _varint(request_id) + _field(4, step)


# ---------------------------------------------------------------------------------------------
# Info
# ---------------------------------------------------------------------------------------------


def _object_array(values: List[Any]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


# The server's episode statistics (info.episode on the wire) arrive under this key: "episode"
# belongs to gymnasium's RecordEpisodeStatistics, which refuses to overwrite it.
EPISODE_KEY = "metarena_episode"
# Info fields that count (sent as FLOAT64), delivered as int64.
_COUNT_FIELDS = ("trial", "episode_in_trial")


def decode_info(msg, obs_codec: BatchCodec, n: int, _seen: Optional[TDict[bytes, np.ndarray]] = None) -> TDict[str, Any]:
    """An Info message in gymnasium's vector layout: ``info[key]`` has one entry per env and
    ``info["_" + key]`` is the bool mask of the envs that reported it. Numbers are float64
    arrays (``trial``, ``episode_in_trial`` and ``metarena_episode.length`` int64), flags bool
    arrays, nested dicts (``context``, ``metarena_episode``, ``final_info``) dicts of the same
    layout, ``final_obs`` an object array of observations (None where masked out). Sparse
    columns (env indices and their entries) come out dense, zeros where masked out."""
    seen: TDict[bytes, np.ndarray] = {} if _seen is None else _seen
    out: TDict[str, Any] = {}
    for fd, col in msg.ListFields():
        if fd.name == "extra":
            for c in col:
                _decode_column(c, c.key, out, obs_codec, n, seen)
        elif fd.name == "episode":
            _decode_column(col, EPISODE_KEY, out, obs_codec, n, seen)
            stats = out[EPISODE_KEY]
            if isinstance(stats, dict) and "length" in stats:
                stats["length"] = _counts(stats["length"])
        else:
            _decode_column(col, fd.name, out, obs_codec, n, seen)
            if fd.name in _COUNT_FIELDS:
                out[fd.name] = _counts(out[fd.name])
    return out


def _counts(value: Any) -> Any:
    """A float64 column of whole numbers as int64."""
    return value.astype(np.int64) if isinstance(value, np.ndarray) and value.dtype.kind == "f" else value


def _decode_column(col, key: str, out: TDict[str, Any], obs_codec: BatchCodec, n: int, seen: TDict[bytes, np.ndarray]) -> None:
    # one pass over the fields that are set (faster than WhichOneof + HasField per column)
    value: Any = _MISSING
    mask: Optional[np.ndarray] = None
    indices: Optional[np.ndarray] = None
    batch = None
    json_list = False
    for fd, field_value in col.ListFields():
        number = fd.number
        if number == 2:  # tensor
            value = decode_tensor(field_value)
        elif number == 6:  # mask: UINT8 0/1, viewed as bool
            mask = np.frombuffer(bytearray(field_value.data), dtype=np.bool_)
        elif number == 7:  # sparse form: the envs that reported the key
            indices = _decode_indices(field_value, key, n, seen)
        elif number == 3:  # info
            value = decode_info(field_value, obs_codec, n, seen)
        elif number == 4:  # batch of observations
            batch = field_value
        elif number == 5:  # json
            value = from_wire_json(field_value)
            json_list = isinstance(value, list)
    m = n
    if indices is not None:
        m = len(indices)
        mask = np.zeros(n, dtype=np.bool_)
        mask[indices] = True
    if batch is not None:
        decoded = obs_codec.decode(batch, m)
        items: List[Any] = [None] * n
        for k in range(m):
            i = int(indices[k]) if indices is not None else k
            if mask is None or mask[i]:
                items[i] = obs_codec.item(decoded, k)
        value = _object_array(items)
    elif indices is not None and json_list and len(value) != m:
        raise MetarenaError("METARENA_INTERNAL", f"info.{key} has {len(value)} entries for {m} indices", status="INTERNAL")
    elif json_list and len(value) == m:
        if indices is not None:
            items = [None] * n
            for k, i in enumerate(indices.tolist()):
                items[i] = value[k]
            value = items
        value = _object_array(value)
    elif indices is not None and isinstance(value, np.ndarray):
        if value.shape[:1] != (m,):
            raise MetarenaError("METARENA_INTERNAL", f"info.{key} has {value.shape[0] if value.ndim else 0} entries for {m} indices", status="INTERNAL")
        dense = np.zeros((n,) + value.shape[1:], dtype=value.dtype)
        dense[indices] = value
        value = dense
    if value is _MISSING:
        raise MetarenaError("METARENA_INTERNAL", f"info.{key} has no data", status="INTERNAL")
    out[key] = value
    if mask is not None:
        out["_" + key] = mask


def _decode_indices(t, key: str, n: int, seen: TDict[bytes, np.ndarray]) -> np.ndarray:
    """The env indices of a sparse column, checked once per distinct list in a message (the
    columns of one nested dict, e.g. every context feature, share theirs)."""
    data = t.data
    idx = seen.get(data)
    if idx is not None:
        return idx
    idx = decode_tensor(t)
    if idx.dtype != np.int32 or idx.ndim != 1 or len(idx) > n:
        raise MetarenaError("METARENA_INTERNAL", f"info.{key}.indices must be at most {n} INT32 env indices", status="INTERNAL")
    if len(idx):
        ordered = idx.tolist()
        if ordered[0] < 0 or ordered[-1] >= n or any(b <= a for a, b in zip(ordered, ordered[1:])):
            raise MetarenaError("METARENA_INTERNAL", f"info.{key}.indices must be ascending env indices in [0, {n})", status="INTERNAL")
    seen[data] = idx
    return idx


def unbatch_info(info: TDict[str, Any], i: int) -> TDict[str, Any]:
    """The info of env `i` alone from a vector info (only the keys env `i` reported)."""
    out: TDict[str, Any] = {}
    for key, value in info.items():
        if key.startswith("_") and key[1:] in info:
            continue
        mask = info.get("_" + key)
        if mask is not None and not mask[i]:
            continue
        if isinstance(value, dict):
            out[key] = unbatch_info(value, i)
        elif isinstance(value, np.ndarray):
            v = value[i]
            out[key] = v.item() if isinstance(v, np.generic) else v
        else:
            out[key] = value
    return out


# ---------------------------------------------------------------------------------------------
# Requests
# ---------------------------------------------------------------------------------------------

SPLITS = {"train": pb.SPLIT_TRAIN, "test": pb.SPLIT_TEST}
TASK_ORDERS = {"random": pb.TASK_ORDER_RANDOM, "cycle": pb.TASK_ORDER_CYCLE}
AUTORESET_MODES = {
    "next_step": pb.AUTORESET_MODE_NEXT_STEP,
    "same_step": pb.AUTORESET_MODE_SAME_STEP,
    "disabled": pb.AUTORESET_MODE_DISABLED,
}
AUTORESET_NAMES = {v: k for k, v in AUTORESET_MODES.items()}

# Options of make() / make_vec() that shape the MakeRequest.
MAKE_OPTIONS = (
    "args",
    "seed",
    "context",
    "context_sampler",
    "split",
    "split_sizes",
    "split_seed",
    "task_order",
    "episodes_per_trial",
    "max_episode_steps",
    "wrappers",
    "autoreset_mode",
)


def _option_error(field: str, message: str, allowed: str = "") -> MetarenaError:
    return MetarenaError("METARENA_INVALID_OPTION", message, field=field, allowed=allowed, status="INVALID_ARGUMENT")


def autoreset_name(mode: Any) -> str:
    """'next_step' | 'same_step' | 'disabled' from a string or an AutoresetMode enum member."""
    name = getattr(mode, "name", mode)
    key = str(name).lower().replace("-", "_")
    key = {"nextstep": "next_step", "samestep": "same_step"}.get(key, key)
    if key not in AUTORESET_MODES:
        raise _option_error("autoreset_mode", f"autoreset_mode must be one of {', '.join(AUTORESET_MODES)}, got {mode!r}", ", ".join(AUTORESET_MODES))
    return key


def _check_seed(seed: Any, field: str) -> int:
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)) or not 0 <= int(seed) < 2**53:
        raise MetarenaError("METARENA_INVALID_SEED", f"{field} must be an integer in [0, 2^53), got {seed!r}", field=field, allowed="integers in [0, 2^53)", status="INVALID_ARGUMENT")
    return int(seed)


def _context_map(target, context: Any, field: str) -> None:
    if not isinstance(context, dict):
        raise MetarenaError("METARENA_INVALID_CONTEXT", f"{field} must be a dict of feature -> number, got {type(context).__name__}", field=field, status="INVALID_ARGUMENT")
    for name, value in context.items():
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise MetarenaError("METARENA_INVALID_CONTEXT", f"{field}.{name} must be a number, got {value!r}", field=f"{field}.{name}", status="INVALID_ARGUMENT")
        target[str(name)] = float(value)


def build_make(env_id: str, num_envs: int, options: TDict[str, Any]) -> "pb.MakeRequest":
    """A MakeRequest from make()'s keyword options (see MAKE_OPTIONS)."""
    unknown = [k for k in options if k not in MAKE_OPTIONS]
    if unknown:
        allowed = ", ".join(MAKE_OPTIONS + ("address", "token", "timeout", "credentials"))
        raise TypeError(f"unknown option {unknown[0]!r}; allowed: {allowed}")
    m = pb.MakeRequest(env_id=str(env_id), num_envs=int(num_envs))
    o = options
    if o.get("args") is not None:
        if not isinstance(o["args"], dict):
            raise _option_error("args", f"args must be a dict of env arguments, got {o['args']!r}")
        m.args_json = to_wire_json(o["args"])
    if o.get("seed") is not None:
        m.seed = _check_seed(o["seed"], "seed")
    if o.get("context") is not None:
        _context_map(m.context, o["context"], "context")
    sampler = o.get("context_sampler")
    if sampler is not None:
        if isinstance(sampler, str):
            sampler = {"kind": sampler}
        if not isinstance(sampler, dict) or not isinstance(sampler.get("kind"), str):
            raise _option_error("context_sampler", f"context_sampler must be a dict with a kind, e.g. {{'kind': 'uniform_scale', 'low': 0.2, 'high': 2.2}}, got {sampler!r}", "default, uniform_scale, uniform, gaussian, list")
        params = {k: v for k, v in sampler.items() if k != "kind"}
        m.context_sampler.kind = sampler["kind"]
        m.context_sampler.params_json = to_wire_json(params)
    if o.get("split") is not None:
        if o["split"] not in SPLITS:
            raise _option_error("split", f"split must be 'train' or 'test', got {o['split']!r}", "train, test")
        m.split = SPLITS[o["split"]]
    sizes = o.get("split_sizes")
    if sizes is not None:
        if not isinstance(sizes, dict) or any(k not in ("train", "test") for k in sizes):
            raise _option_error("split_sizes", f"split_sizes must be a dict with keys train and/or test, got {sizes!r}", "train, test")
        if sizes.get("train") is not None:
            m.split_sizes.train = int(sizes["train"])
        if sizes.get("test") is not None:
            m.split_sizes.test = int(sizes["test"])
        m.split_sizes.SetInParent()
    if o.get("split_seed") is not None:
        m.split_seed = _check_seed(o["split_seed"], "split_seed")
    if o.get("task_order") is not None:
        if o["task_order"] not in TASK_ORDERS:
            raise _option_error("task_order", f"task_order must be 'random' or 'cycle', got {o['task_order']!r}", "random, cycle")
        m.task_order = TASK_ORDERS[o["task_order"]]
    for name in ("episodes_per_trial", "max_episode_steps"):
        v = o.get(name)
        if v is not None:
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 0:
                raise _option_error(name, f"{name} must be a non-negative integer, got {v!r}")
            setattr(m, name, int(v))
    wrappers = o.get("wrappers")
    if wrappers is not None:
        for i, w in enumerate(wrappers):
            if isinstance(w, str):
                w = {"id": w}
            if not isinstance(w, dict) or not isinstance(w.get("id"), str):
                raise _option_error(f"wrappers[{i}]", f"wrappers[{i}] must be a dict with an id, e.g. {{'id': 'ContextObservation'}}, got {w!r}")
            spec = m.wrappers.add()
            spec.id = w["id"]
            spec.options_json = to_wire_json({k: v for k, v in w.items() if k != "id"})
    if o.get("autoreset_mode") is not None:
        m.autoreset_mode = AUTORESET_MODES[autoreset_name(o["autoreset_mode"])]
    return m


def fill_reset(r, num_envs: int, seed: Any, options: Optional[TDict[str, Any]]) -> None:
    """Fills a ResetRequest from gymnasium-style reset arguments.

    ``seed``: an int (env i gets seed + i) or a list of ints / None per env. ``options``:
    ``reset_mask`` (bool per env), ``context`` (feature -> value for every env reset),
    ``contexts`` (a context or None per env).
    """
    if seed is not None:
        if isinstance(seed, (list, tuple, np.ndarray)):
            if len(seed) != num_envs:
                raise MetarenaError("METARENA_INVALID_SEED", f"seed must be an integer or a list of {num_envs} seeds, got {len(seed)}", field="seed", status="INVALID_ARGUMENT")
            for i, s in enumerate(seed):
                slot = r.seeds.add()
                if s is not None:
                    slot.seed = _check_seed(s, f"seed[{i}]")
        else:
            r.seed = _check_seed(seed, "seed")
    if not options:
        return
    unknown = [k for k in options if k not in ("reset_mask", "context", "contexts")]
    if unknown:
        raise MetarenaError("METARENA_INVALID_ARGUMENT", f"unknown reset option {unknown[0]!r}; allowed: reset_mask, context, contexts", field=f"options.{unknown[0]}", allowed="reset_mask, context, contexts", status="INVALID_ARGUMENT")
    mask = options.get("reset_mask")
    if mask is not None:
        m = np.asarray(mask)
        if m.shape != (num_envs,) or m.dtype.kind not in "biu":
            raise MetarenaError("METARENA_INVALID_ARGUMENT", f"options.reset_mask must be {num_envs} booleans (one per env), got {mask!r}", field="options.reset_mask", allowed=f"{num_envs} booleans", status="INVALID_ARGUMENT")
        r.mask.extend(m.astype(bool).tolist())
    if options.get("context") is not None:
        _context_map(r.context.values, options["context"], "options.context")
        r.context.SetInParent()
    contexts = options.get("contexts")
    if contexts is not None:
        if len(contexts) != num_envs:
            raise MetarenaError("METARENA_INVALID_CONTEXT", f"options.contexts must be a list of {num_envs} contexts (or None), got {len(contexts)}", field="options.contexts", status="INVALID_ARGUMENT")
        for i, c in enumerate(contexts):
            slot = r.contexts.add()
            if c is not None:
                _context_map(slot.context.values, c, f"options.contexts[{i}]")
                slot.context.SetInParent()

