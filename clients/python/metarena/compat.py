"""Gymnasium when it is importable, same-shaped stand-ins when it is not.

``EnvBase`` / ``VectorEnvBase`` are ``gymnasium.Env`` / ``gymnasium.vector.VectorEnv`` when
gymnasium is installed; otherwise small base classes that give the same attributes and helpers
(``np_random``, ``unwrapped``, ``metadata``, ``spec``, ``render_mode``, context-manager use).
``AutoresetMode`` is ``gymnasium.vector.AutoresetMode`` where it exists (gymnasium ≥ 1.1).
``make_env_spec`` gives ``env.spec`` (gymnasium's ``EnvSpec`` with the ``metarena/<id>`` id and
the options the env was made with) and ``seeded_generator`` the ``np_random`` of a seeded reset,
both as gymnasium makes them.
"""
from __future__ import annotations

import dataclasses
import enum
from typing import Any, Dict as TDict, Optional, Tuple

import numpy as np

try:  # pragma: no cover - depends on the machine
    import gymnasium as _gym
    from gymnasium.vector import VectorEnv as _GymVectorEnv
except ImportError:
    _gym = None
    _GymVectorEnv = None

try:  # pragma: no cover - gymnasium >= 1.1
    from gymnasium.vector import AutoresetMode as _GymAutoresetMode  # type: ignore[attr-defined]
except ImportError:
    _GymAutoresetMode = None


class _AutoresetMode(enum.Enum):
    """When a finished sub-env of a vector env is reset (gymnasium's names and values)."""

    NEXT_STEP = "NextStep"
    SAME_STEP = "SameStep"
    DISABLED = "Disabled"


AutoresetMode = _GymAutoresetMode if _GymAutoresetMode is not None else _AutoresetMode


def autoreset_enum(name: str):
    """The AutoresetMode member for 'next_step' | 'same_step' | 'disabled'."""
    return AutoresetMode[name.upper()]


@dataclasses.dataclass(frozen=True)
class ContextFeature:
    """One context feature of an env: its default and inclusive bounds (±inf when unbounded)."""

    name: str
    default: float
    lower: float
    upper: float
    unit: str = ""
    description: str = ""
    integer: bool = False


# Gymnasium ids of metarena envs are "metarena/<server id>".
NAMESPACE = "metarena"


def gymnasium_id(env_id: str) -> str:
    """The gymnasium id of a server's env id: ``metarena/CartPole-v1``; a server id's own
    namespace joins the name with a dot (``lab/Maze-v0`` -> ``metarena/lab.Maze-v0``), as a
    gymnasium id has one namespace."""
    return f"{NAMESPACE}/{env_id.replace('/', '.')}"


def seeded_generator(seed: Optional[int]) -> Tuple[np.random.Generator, Any]:
    """``(generator, seed)`` as gymnasium's ``utils.seeding.np_random`` makes them."""
    if _gym is not None:  # pragma: no cover - depends on the machine
        from gymnasium.utils import seeding

        return seeding.np_random(seed)
    sequence = np.random.SeedSequence(seed)
    return np.random.Generator(np.random.PCG64(sequence)), sequence.entropy


@dataclasses.dataclass
class RemoteEnvSpec:
    """What ``env.spec`` holds when gymnasium's EnvSpec is not available."""

    id: str
    entry_point: str = "metarena:make"
    vector_entry_point: str = "metarena:make_vec"
    max_episode_steps: Optional[int] = None
    kwargs: TDict[str, Any] = dataclasses.field(default_factory=dict)
    nondeterministic: bool = False
    additional_wrappers: Tuple[Any, ...] = ()

    def make(self, **kwargs: Any) -> Any:
        """A new env made like the one this spec describes (``kwargs`` override its options)."""
        import metarena

        options = {k: v for k, v in {**self.kwargs, **kwargs}.items() if k not in ("num_envs", "vectorization_mode")}
        return metarena.make(**options)


def make_env_spec(env_id: str, max_episode_steps: Optional[int], kwargs: TDict[str, Any]) -> Any:
    """The spec of an env made with ``metarena.make(**kwargs)`` (``kwargs`` holds ``env_id``,
    ``address`` and the options): gymnasium's EnvSpec, so that ``env.spec.make()`` and
    ``gymnasium.make(env.spec)`` make it again, or a RemoteEnvSpec without gymnasium."""
    if _gym is not None:  # pragma: no cover - depends on the machine
        from gymnasium.envs.registration import EnvSpec

        return EnvSpec(
            id=gymnasium_id(env_id),
            entry_point="metarena:make",
            vector_entry_point="metarena:make_vec",
            max_episode_steps=max_episode_steps,
            kwargs=dict(kwargs),
            order_enforce=False,
            disable_env_checker=True,
        )
    return RemoteEnvSpec(id=gymnasium_id(env_id), max_episode_steps=max_episode_steps, kwargs=dict(kwargs))


class _Common:
    """What both stand-in base classes share."""

    metadata: TDict[str, Any] = {}
    spec: Any = None
    render_mode: Optional[str] = None
    _np_random: Optional[np.random.Generator] = None
    _np_random_seed: Optional[int] = None

    @property
    def np_random(self) -> np.random.Generator:
        """A generator for the caller's own use (the envs themselves are seeded on the server)."""
        if self._np_random is None:
            self._np_random, self._np_random_seed = seeded_generator(None)
        return self._np_random

    @np_random.setter
    def np_random(self, value: np.random.Generator) -> None:
        self._np_random = value

    @property
    def np_random_seed(self) -> Optional[int]:
        return self._np_random_seed

    @property
    def unwrapped(self):
        return self

    def render(self):
        return None

    def close(self, **kwargs: Any) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *args: Any) -> bool:
        self.close()
        return False

    def get_wrapper_attr(self, name: str) -> Any:
        return getattr(self, name)

    def __str__(self) -> str:
        return repr(self)


class _StandInEnv(_Common):
    """gymnasium.Env's shape: observation_space, action_space, reset, step, close."""

    observation_space: Any
    action_space: Any


class _StandInVectorEnv(_Common):
    """gymnasium.vector.VectorEnv's shape: batched spaces, single_* spaces, num_envs, closed."""

    num_envs: int
    observation_space: Any
    action_space: Any
    single_observation_space: Any
    single_action_space: Any
    closed: bool = False


EnvBase = _gym.Env if _gym is not None else _StandInEnv
VectorEnvBase = _GymVectorEnv if _GymVectorEnv is not None else _StandInVectorEnv
HAVE_GYMNASIUM = _gym is not None
