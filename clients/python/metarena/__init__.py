"""metarena: Gymnasium-compatible envs served by a metarena server, over gRPC.

    import metarena
    env = metarena.make("CartPole-v1", address="127.0.0.1:50051", context={"length": 0.8})
    obs, info = env.reset(seed=0)
    envs = metarena.make_vec("CartPole-v1", 256, address="127.0.0.1:50051")
    obs, info = envs.reset(seed=0)
    obs, rewards, terminations, truncations, infos = envs.step(envs.action_space.sample())

    gymnasium.make("metarena/CartPole-v1", address=...)   # ids registered by ``import metarena``

``address`` defaults to ``$METARENA_ADDRESS``, else 127.0.0.1:50051. ``make_vec`` also takes a
list of addresses (``["10.0.0.1:50051", "10.0.0.2:50051"]``, ``"dns:NAME:PORT"`` standing for
every address NAME resolves to): the envs are spread over the servers in contiguous blocks, one
session per server, stepped at once and seeded as one vector env (see ``metarena.sharded``).
The server's episode statistics arrive as ``info["metarena_episode"]`` (``return``, ``length``); ``info["episode"]``
is left to gymnasium's ``RecordEpisodeStatistics``.

Options of ``make`` / ``make_vec`` (all optional):
    args                 dict of env arguments, e.g. {"arms": 10}
    seed                 seed of the first reset that gives none (env i gets seed + i)
    context              dict feature -> value, fixed for every trial
    context_sampler      e.g. {"kind": "uniform_scale", "low": 0.2, "high": 2.2}; kinds:
                         default, uniform_scale, uniform, gaussian, list
    split                "train" | "test" (named, non-overlapping context lists)
    split_sizes          {"train": n, "test": m};  split_seed: seed of the split lists
    task_order           "random" | "cycle"
    episodes_per_trial   episodes that share one context / task
    max_episode_steps    overrides the env's time limit (0 disables it)
    wrappers             list of {"id": ..., **options}, innermost first
    autoreset_mode       make_vec only: "next_step" (default) | "same_step" | "disabled"
    token                bearer token, when the server asks for one
    timeout              seconds per call (default 60; None waits forever)
    on_server_lost       make_vec over a list of addresses only: "error" (default; a lost
                         server's envs fail every later call) | "reconnect" (made again on the
                         servers left, reported truncated with info["server_lost"])
    credentials          grpc.ChannelCredentials for a TLS server
"""
from __future__ import annotations

from typing import Any, List, Optional, Sequence, Union

from ._proto import metarena_pb2 as proto
from .catalog import EnvCatalog, EnvDescription, ServerStats, WrapperDescription, env_catalog, env_description, server_stats
from .codec import EPISODE_KEY, to_wire_json
from .compat import HAVE_GYMNASIUM, AutoresetMode, ContextFeature
from .env import RemoteEnv
from .errors import MetarenaError, MetarenaTimeoutError
from .registration import BUILTIN_ENV_IDS, register_envs, register_ids
from .session import DEFAULT_TIMEOUT, unary
from .sharded import ServerLostError, ShardedVectorEnv
from .vector import RemoteVectorEnv

__version__ = "0.1.0"


def make(env_id: str, address: Optional[str] = None, **options: Any) -> RemoteEnv:
    """One remote env as a ``gymnasium.Env`` (see the module doc for the options)."""
    return RemoteEnv(env_id, address=address, **options)


def make_vec(env_id: str, num_envs: int = 1, address: Union[None, str, Sequence[str]] = None, **options: Any) -> Union[RemoteVectorEnv, ShardedVectorEnv]:
    """``num_envs`` remote envs as a ``gymnasium.vector.VectorEnv``: over one stream for one
    address (a ``RemoteVectorEnv``), spread over the servers of a list (or tuple) of addresses
    in contiguous blocks (a ``ShardedVectorEnv``, which also takes ``on_server_lost``)."""
    if isinstance(address, (list, tuple)):
        return ShardedVectorEnv(env_id, num_envs, address=address, **options)
    if "on_server_lost" in options:
        raise MetarenaError(
            "METARENA_INVALID_OPTION",
            f"on_server_lost applies to a vector env spread over a list of addresses, got address={address!r}; with one server there is none to move the envs to",
            field="on_server_lost",
            allowed="with address=[...]",
            status="INVALID_ARGUMENT",
        )
    return RemoteVectorEnv(env_id, num_envs, address=address, **options)


def list_envs(address: Optional[str] = None, *, token: Optional[str] = None, timeout: Optional[float] = DEFAULT_TIMEOUT, credentials=None) -> EnvCatalog:
    """Every env (described for its default arguments) and wrapper the server knows."""
    return env_catalog(unary(address, "ListEnvs", proto.ListEnvsRequest(), proto.ListEnvsResponse, token=token, timeout=timeout, credentials=credentials))


def describe_env(env_id: str, address: Optional[str] = None, *, args: Optional[dict] = None, token: Optional[str] = None, timeout: Optional[float] = DEFAULT_TIMEOUT, credentials=None) -> EnvDescription:
    """One env described for the given arguments, without making it."""
    request = proto.DescribeEnvRequest(env_id=env_id, args_json=to_wire_json(args) if args else "")
    return env_description(unary(address, "DescribeEnv", request, proto.EnvSpec, token=token, timeout=timeout, credentials=credentials))


def get_stats(address: Optional[str] = None, *, token: Optional[str] = None, timeout: Optional[float] = DEFAULT_TIMEOUT, credentials=None) -> ServerStats:
    """The server's counters: open sessions, vector envs and envs, requests, memory."""
    return server_stats(unary(address, "GetStats", proto.StatsRequest(), proto.Stats, token=token, timeout=timeout, credentials=credentials))


register_ids(BUILTIN_ENV_IDS)


__all__: List[str] = [
    "make",
    "make_vec",
    "list_envs",
    "describe_env",
    "get_stats",
    "register_envs",
    "BUILTIN_ENV_IDS",
    "EPISODE_KEY",
    "EnvCatalog",
    "EnvDescription",
    "WrapperDescription",
    "ServerStats",
    "RemoteEnv",
    "RemoteVectorEnv",
    "ShardedVectorEnv",
    "ServerLostError",
    "MetarenaError",
    "MetarenaTimeoutError",
    "AutoresetMode",
    "ContextFeature",
    "HAVE_GYMNASIUM",
    "proto",
]
