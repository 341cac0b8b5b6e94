"""What the unary calls return, as plain Python objects instead of protobuf messages.

``list_envs`` gives an ``EnvCatalog`` (``envs``: ``EnvDescription`` per env, ``wrappers``:
``WrapperDescription`` per wrapper), ``describe_env`` one ``EnvDescription``, ``get_stats`` a
``ServerStats``. Spaces are the client's spaces (gymnasium's when it is installed), schemas are
dicts, counts are ints.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Dict as TDict, List, Optional

from . import spaces as sp
from .codec import from_wire_json
from .compat import ContextFeature


@dataclasses.dataclass(frozen=True)
class EnvDescription:
    """One env as the server describes it (for the arguments it was described or made with)."""

    id: str
    description: str
    observation_space: Any
    action_space: Any
    context_features: List[ContextFeature]
    # steps after which an episode is truncated; None when unlimited
    max_episode_steps: Optional[int]
    # episodes that share one context / task
    episodes_per_trial: int
    # argument name -> {type, default, min?, max?, choices?, description}
    args_schema: TDict[str, Any]


@dataclasses.dataclass(frozen=True)
class WrapperDescription:
    """One server-side wrapper: its id and its options (name -> {type, default, ...})."""

    id: str
    description: str
    options_schema: TDict[str, Any]


@dataclasses.dataclass(frozen=True)
class EnvCatalog:
    """Every env (for its default arguments) and wrapper a server knows, envs sorted by id."""

    envs: List[EnvDescription]
    wrappers: List[WrapperDescription]

    def ids(self) -> List[str]:
        return [e.id for e in self.envs]


@dataclasses.dataclass(frozen=True)
class ServerStats:
    """A server's counters."""

    sessions: int
    vector_envs: int
    envs: int
    sessions_total: int
    requests_total: int
    errors_total: int
    rss_bytes: int
    heap_used_bytes: int
    uptime_seconds: float


def _schema(text: str) -> TDict[str, Any]:
    return from_wire_json(text) if text else {}


def env_description(msg) -> EnvDescription:
    """A ``metarena.v1.EnvSpec`` message as an EnvDescription."""
    return EnvDescription(
        id=msg.env_id,
        description=msg.description,
        observation_space=sp.space_from_proto(msg.observation_space, "observation_space"),
        action_space=sp.space_from_proto(msg.action_space, "action_space"),
        context_features=[ContextFeature(f.name, f.default_value, f.lower, f.upper, f.unit, f.description, f.integer) for f in msg.context_features],
        max_episode_steps=int(msg.max_episode_steps) if msg.HasField("max_episode_steps") else None,
        episodes_per_trial=int(msg.episodes_per_trial),
        args_schema=_schema(msg.args_schema_json),
    )


def env_catalog(msg) -> EnvCatalog:
    """A ``metarena.v1.ListEnvsResponse`` message as an EnvCatalog."""
    return EnvCatalog(
        envs=[env_description(e) for e in msg.envs],
        wrappers=[WrapperDescription(w.id, w.description, _schema(w.args_schema_json)) for w in msg.wrappers],
    )


def server_stats(msg) -> ServerStats:
    """A ``metarena.v1.Stats`` message as ServerStats (protobuf gives its numbers as int / float)."""
    return ServerStats(**{f.name: getattr(msg, f.name) for f in dataclasses.fields(ServerStats)})
