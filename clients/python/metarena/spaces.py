"""Spaces of remote envs.

With gymnasium installed these are gymnasium's own classes (``gymnasium.spaces.Box`` …) and
``batch_space`` is gymnasium's. Without it, small stand-ins with the same interface are used:
``shape``, ``dtype``, ``seed``, ``np_random``, ``sample``, ``contains`` / ``in``, ``==``, plus
``low``/``high`` (Box), ``n``/``start`` (Discrete), ``nvec``/``start`` (MultiDiscrete), ``n``
(MultiBinary) and mapping / sequence access (Dict / Tuple), and elements of the same numpy
dtypes as gymnasium's (float32 for a float32 Box, int64 for Discrete and MultiDiscrete, int8 for
MultiBinary).

``space_from_proto`` turns a ``metarena.v1.Space`` message into one of these; infinite Box
limits stay infinite.
"""
from __future__ import annotations

from typing import Any, Dict as TDict, Iterable, Optional, Sequence

import numpy as np

try:  # pragma: no cover - depends on the machine
    import gymnasium as _gym
    from gymnasium import spaces as _gym_spaces
    from gymnasium.vector.utils import batch_space as _gym_batch_space

    HAVE_GYMNASIUM = True
except ImportError:  # gymnasium is optional
    _gym = None
    HAVE_GYMNASIUM = False


class Space:
    """Base of the stand-in spaces: a shape, a dtype and a seedable random generator."""

    def __init__(self, shape: Optional[Sequence[int]], dtype, seed: Optional[int] = None) -> None:
        self._shape = None if shape is None else tuple(int(d) for d in shape)
        self.dtype = None if dtype is None else np.dtype(dtype)
        self._np_random: Optional[np.random.Generator] = None
        if seed is not None:
            self.seed(seed)

    @property
    def shape(self):
        return self._shape

    @property
    def np_random(self) -> np.random.Generator:
        if self._np_random is None:
            self.seed()
        return self._np_random  # type: ignore[return-value]

    def seed(self, seed: Optional[int] = None):
        self._np_random = np.random.default_rng(seed)
        return [seed]

    def sample(self, mask: Any = None, probability: Any = None):
        raise NotImplementedError

    def contains(self, x: Any) -> bool:
        raise NotImplementedError

    def __contains__(self, x: Any) -> bool:
        return self.contains(x)

    @property
    def is_np_flattenable(self) -> bool:
        return True


class Box(Space):
    """Elements of ``shape`` within ``[low, high]`` (either may be infinite)."""

    def __init__(self, low, high, shape: Optional[Sequence[int]] = None, dtype=np.float32, seed: Optional[int] = None) -> None:
        dtype = np.dtype(dtype)
        if shape is None:
            shape = np.shape(low) if np.ndim(low) > 0 else np.shape(high)
        shape = tuple(int(d) for d in shape)
        super().__init__(shape, dtype, seed)
        low64 = np.broadcast_to(np.asarray(low, dtype=np.float64), shape)
        high64 = np.broadcast_to(np.asarray(high, dtype=np.float64), shape)
        if np.any(low64 > high64):
            raise ValueError(f"Box low must not exceed high, got low={low64} high={high64}")
        if np.issubdtype(dtype, np.integer):
            info = np.iinfo(dtype)
            low64 = np.where(np.isinf(low64), info.min, low64)
            high64 = np.where(np.isinf(high64), info.max, high64)
        self.low = low64.astype(dtype)
        self.high = high64.astype(dtype)
        self.bounded_below = np.isfinite(low64) if np.issubdtype(dtype, np.floating) else np.full(shape, True)
        self.bounded_above = np.isfinite(high64) if np.issubdtype(dtype, np.floating) else np.full(shape, True)

    def is_bounded(self, manner: str = "both") -> bool:
        below = bool(np.all(self.bounded_below))
        above = bool(np.all(self.bounded_above))
        if manner == "both":
            return below and above
        if manner == "below":
            return below
        if manner == "above":
            return above
        raise ValueError(f"manner must be 'both', 'below' or 'above', got {manner!r}")

    def sample(self, mask: Any = None, probability: Any = None) -> np.ndarray:
        if mask is not None or probability is not None:
            raise ValueError("Box.sample takes no mask or probability")
        rng = self.np_random
        if np.issubdtype(self.dtype, np.integer):
            low = self.low.astype(np.float64)
            high = self.high.astype(np.float64) + 1
            return np.floor(rng.uniform(low, high, size=self.shape)).clip(self.low, self.high).astype(self.dtype)
        low = self.low.astype(np.float64)
        high = self.high.astype(np.float64)
        out = np.empty(self.shape, dtype=np.float64)
        both = self.bounded_below & self.bounded_above
        only_low = self.bounded_below & ~self.bounded_above
        only_high = ~self.bounded_below & self.bounded_above
        neither = ~self.bounded_below & ~self.bounded_above
        out[both] = rng.uniform(low[both], high[both])
        out[only_low] = low[only_low] + rng.exponential(size=int(only_low.sum()))
        out[only_high] = high[only_high] - rng.exponential(size=int(only_high.sum()))
        out[neither] = rng.normal(size=int(neither.sum()))
        return out.astype(self.dtype)

    def contains(self, x: Any) -> bool:
        if not isinstance(x, np.ndarray):
            try:
                x = np.asarray(x, dtype=self.dtype)
            except (ValueError, TypeError):
                return False
        if x.shape != self.shape or not np.can_cast(x.dtype, self.dtype):
            return False
        return bool(np.all(x >= self.low) and np.all(x <= self.high))

    def __eq__(self, other: Any) -> bool:
        return (
            isinstance(other, Box)
            and self.shape == other.shape
            and self.dtype == other.dtype
            and np.array_equal(self.low, other.low)
            and np.array_equal(self.high, other.high)
        )

    def __repr__(self) -> str:
        def lim(a: np.ndarray) -> str:
            return str(a.flat[0]) if a.size and np.all(a == a.flat[0]) else str(a)

        return f"Box({lim(self.low)}, {lim(self.high)}, {self.shape}, {self.dtype})"


class Discrete(Space):
    """The integers ``start, …, start + n - 1``, as int64 scalars."""

    def __init__(self, n: int, seed: Optional[int] = None, start: int = 0) -> None:
        if int(n) <= 0:
            raise ValueError(f"Discrete n must be positive, got {n}")
        super().__init__((), np.int64, seed)
        self.n = np.int64(n)
        self.start = np.int64(start)

    def sample(self, mask: Any = None, probability: Any = None) -> np.int64:
        weights = mask if mask is not None else probability
        if weights is not None:
            w = np.asarray(weights, dtype=np.float64)
            if w.shape != (int(self.n),):
                raise ValueError(f"mask/probability must have shape ({int(self.n)},), got {w.shape}")
            if w.sum() <= 0:
                return self.start
            return np.int64(self.start + self.np_random.choice(int(self.n), p=w / w.sum()))
        return np.int64(self.start + self.np_random.integers(int(self.n)))

    def contains(self, x: Any) -> bool:
        if isinstance(x, (int, np.integer)):
            v = int(x)
        elif isinstance(x, np.ndarray) and x.shape == () and np.issubdtype(x.dtype, np.integer):
            v = int(x)
        else:
            return False
        return int(self.start) <= v < int(self.start + self.n)

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Discrete) and self.n == other.n and self.start == other.start

    def __repr__(self) -> str:
        return f"Discrete({int(self.n)})" if self.start == 0 else f"Discrete({int(self.n)}, start={int(self.start)})"


class MultiDiscrete(Space):
    """One integer per entry of ``nvec``: entry i in ``start[i], …, start[i] + nvec[i] - 1``."""

    def __init__(self, nvec, dtype=np.int64, seed: Optional[int] = None, start=None) -> None:
        nvec_a = np.asarray(nvec, dtype=dtype)
        super().__init__(nvec_a.shape, dtype, seed)
        if np.any(nvec_a <= 0):
            raise ValueError(f"MultiDiscrete nvec must be positive, got {nvec_a}")
        self.nvec = nvec_a
        self.start = np.zeros_like(nvec_a) if start is None else np.asarray(start, dtype=dtype)

    def sample(self, mask: Any = None, probability: Any = None) -> np.ndarray:
        if mask is not None or probability is not None:
            raise ValueError("this MultiDiscrete.sample takes no mask or probability")
        return (self.start + np.floor(self.np_random.random(self.nvec.shape) * self.nvec)).astype(self.dtype)

    def contains(self, x: Any) -> bool:
        if isinstance(x, Sequence):
            x = np.array(x)
        if not isinstance(x, np.ndarray) or x.shape != self.shape or not np.issubdtype(x.dtype, np.integer):
            return False
        return bool(np.all(self.start <= x) and np.all(x - self.start < self.nvec))

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, MultiDiscrete) and np.array_equal(self.nvec, other.nvec) and np.array_equal(self.start, other.start)

    def __repr__(self) -> str:
        return f"MultiDiscrete({self.nvec})" if not np.any(self.start) else f"MultiDiscrete({self.nvec}, start={self.start})"


class MultiBinary(Space):
    """0/1 flags (int8) of shape ``n`` (an int or a shape)."""

    def __init__(self, n, seed: Optional[int] = None) -> None:
        shape = (int(n),) if np.isscalar(n) else tuple(int(d) for d in n)
        super().__init__(shape, np.int8, seed)
        self.n = n

    def sample(self, mask: Any = None, probability: Any = None) -> np.ndarray:
        if mask is not None or probability is not None:
            raise ValueError("this MultiBinary.sample takes no mask or probability")
        return self.np_random.integers(0, 2, size=self.shape, dtype=np.int8)

    def contains(self, x: Any) -> bool:
        if isinstance(x, Sequence):
            x = np.array(x)
        if not isinstance(x, np.ndarray) or x.shape != self.shape or not np.issubdtype(x.dtype, np.integer):
            return False
        return bool(np.all((x == 0) | (x == 1)))

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, MultiBinary) and self.shape == other.shape

    def __repr__(self) -> str:
        return f"MultiBinary({self.n})"


class Dict(Space):
    """An ordered mapping of named sub-spaces; elements are dicts with the same keys."""

    def __init__(self, spaces, seed: Optional[int] = None) -> None:
        # a mapping or a sequence of (key, space) pairs; the order is kept
        self.spaces = dict(spaces)
        super().__init__(None, None, None)
        if seed is not None:
            self.seed(seed)

    def seed(self, seed: Optional[int] = None):
        super().seed(seed)
        seeds = self._np_random.integers(np.iinfo(np.int32).max, size=len(self.spaces))  # type: ignore[union-attr]
        return [seed] + [s for sp, sd in zip(self.spaces.values(), seeds) for s in sp.seed(int(sd))]

    def sample(self, mask: Any = None, probability: Any = None) -> TDict[str, Any]:
        if mask is not None or probability is not None:
            raise ValueError("this Dict.sample takes no mask or probability")
        self.np_random  # seeds the sub-spaces on first use
        return {k: s.sample() for k, s in self.spaces.items()}

    def contains(self, x: Any) -> bool:
        return isinstance(x, dict) and x.keys() == self.spaces.keys() and all(x[k] in s for k, s in self.spaces.items())

    def __getitem__(self, key: str) -> Space:
        return self.spaces[key]

    def __iter__(self):
        return iter(self.spaces)

    def __len__(self) -> int:
        return len(self.spaces)

    def keys(self):
        return self.spaces.keys()

    def values(self):
        return self.spaces.values()

    def items(self):
        return self.spaces.items()

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Dict) and list(self.spaces.items()) == list(other.spaces.items())

    def __repr__(self) -> str:
        return "Dict(" + ", ".join(f"{k!r}: {s}" for k, s in self.spaces.items()) + ")"


class Tuple(Space):
    """A fixed sequence of sub-spaces; elements are tuples."""

    def __init__(self, spaces: Iterable[Space], seed: Optional[int] = None) -> None:
        self.spaces = tuple(spaces)
        super().__init__(None, None, None)
        if seed is not None:
            self.seed(seed)

    def seed(self, seed: Optional[int] = None):
        super().seed(seed)
        seeds = self._np_random.integers(np.iinfo(np.int32).max, size=len(self.spaces))  # type: ignore[union-attr]
        return [seed] + [s for sp, sd in zip(self.spaces, seeds) for s in sp.seed(int(sd))]

    def sample(self, mask: Any = None, probability: Any = None) -> tuple:
        if mask is not None or probability is not None:
            raise ValueError("this Tuple.sample takes no mask or probability")
        self.np_random
        return tuple(s.sample() for s in self.spaces)

    def contains(self, x: Any) -> bool:
        if isinstance(x, (list, np.ndarray)):
            x = tuple(x)
        return isinstance(x, tuple) and len(x) == len(self.spaces) and all(v in s for v, s in zip(x, self.spaces))

    def __getitem__(self, index: int) -> Space:
        return self.spaces[index]

    def __len__(self) -> int:
        return len(self.spaces)

    def __iter__(self):
        return iter(self.spaces)

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, Tuple) and self.spaces == other.spaces

    def __repr__(self) -> str:
        return "Tuple(" + ", ".join(str(s) for s in self.spaces) + ")"


def _standin_batch_space(space: Space, n: int) -> Space:
    """Gymnasium's ``batch_space`` layout for the stand-in spaces."""
    if isinstance(space, Box):
        rep = (n,) + (1,) * len(space.shape)
        return Box(np.tile(space.low, rep), np.tile(space.high, rep), dtype=space.dtype)
    if isinstance(space, Discrete):
        return MultiDiscrete(np.full((n,), space.n), start=np.full((n,), space.start))
    if isinstance(space, MultiDiscrete):
        rep = (n,) + (1,) * space.nvec.ndim
        return Box(np.tile(space.start, rep), np.tile(space.start + space.nvec - 1, rep), dtype=space.dtype)
    if isinstance(space, MultiBinary):
        return Box(0, 1, shape=(n,) + space.shape, dtype=np.int8)
    if isinstance(space, Dict):
        return Dict([(k, _standin_batch_space(s, n)) for k, s in space.spaces.items()])
    if isinstance(space, Tuple):
        return Tuple(_standin_batch_space(s, n) for s in space.spaces)
    raise TypeError(f"cannot batch {space!r}")


if HAVE_GYMNASIUM:  # pragma: no cover - depends on the machine
    Space = _gym_spaces.Space  # type: ignore[misc]
    Box = _gym_spaces.Box  # type: ignore[misc]
    Discrete = _gym_spaces.Discrete  # type: ignore[misc]
    MultiDiscrete = _gym_spaces.MultiDiscrete  # type: ignore[misc]
    MultiBinary = _gym_spaces.MultiBinary  # type: ignore[misc]
    Dict = _gym_spaces.Dict  # type: ignore[misc]
    Tuple = _gym_spaces.Tuple  # type: ignore[misc]
    batch_space = _gym_batch_space
else:
    batch_space = _standin_batch_space


# Box dtypes on the wire (metarena.v1.DType numbers).
BOX_DTYPES = {1: np.float32, 2: np.float64, 3: np.int32, 5: np.uint8}


def space_from_proto(msg, field: str = "space") -> Space:
    """A ``metarena.v1.Space`` message as a (gymnasium or stand-in) space."""
    kind = msg.WhichOneof("kind")
    if kind == "box":
        b = msg.box
        dtype = BOX_DTYPES.get(int(b.dtype))
        if dtype is None:
            raise ValueError(f"{field}.box.dtype {b.dtype} is not a Box dtype")
        shape = tuple(int(d) for d in b.shape)
        low = np.asarray(b.low, dtype=np.float64).reshape(shape)
        high = np.asarray(b.high, dtype=np.float64).reshape(shape)
        if np.issubdtype(dtype, np.integer):
            info = np.iinfo(dtype)
            low = np.clip(low, info.min, info.max)
            high = np.clip(high, info.min, info.max)
        return Box(low=low.astype(dtype), high=high.astype(dtype), shape=shape, dtype=dtype)
    if kind == "discrete":
        return Discrete(int(msg.discrete.n), start=int(msg.discrete.start))
    if kind == "multi_discrete":
        md = msg.multi_discrete
        start = list(md.start) if len(md.start) else [0] * len(md.nvec)
        return MultiDiscrete(np.asarray(md.nvec, dtype=np.int64), start=np.asarray(start, dtype=np.int64))
    if kind == "multi_binary":
        shape = [int(d) for d in msg.multi_binary.shape]
        return MultiBinary(shape[0] if len(shape) == 1 else shape)
    if kind == "dict":
        # a list of pairs keeps the wire order (gymnasium sorts the keys of a plain dict)
        return Dict([(e.key, space_from_proto(e.space, f"{field}.{e.key}")) for e in msg.dict.entries])
    if kind == "tuple":
        return Tuple(space_from_proto(s, f"{field}[{i}]") for i, s in enumerate(msg.tuple.spaces))
    raise ValueError(f"{field} has no kind")


__all__ = [
    "HAVE_GYMNASIUM",
    "Space",
    "Box",
    "Discrete",
    "MultiDiscrete",
    "MultiBinary",
    "Dict",
    "Tuple",
    "batch_space",
    "space_from_proto",
]
