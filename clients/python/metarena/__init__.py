"""metarena: Gymnasium-compatible envs served by a metarena server, over gRPC.

    import metarena
    env = metarena.make("CartPole-v1", address="127.0.0.1:50051", context={"length": 0.8})
    obs, info = env.reset(seed=0)
    envs = metarena.make_vec("CartPole-v1", 256, address="127.0.0.1:50051")
    obs, info = envs.reset(seed=0)
    obs, rewards, terminations, truncations, infos = envs.step(envs.action_space.sample())

    gymnasium.make("metarena/CartPole-v1", address=...)   # ids registered by ``import metarena``

``address`` defaults to ``$METARENA_ADDRESS``, else 127.0.0.1:50051. The server's episode
statistics arrive as ``info["metarena_episode"]`` (``return``, ``length``); ``info["episode"]``
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
    credentials          grpc.ChannelCredentials for a TLS server
"""
from __future__ import annotations

from typing import Any, List, Optional

from ._proto import metarena_pb2 as proto
from .catalog import EnvCatalog, EnvDescription, ServerStats, WrapperDescription, env_catalog, env_description, server_stats
from .codec import EPISODE_KEY, to_wire_json
from .compat import HAVE_GYMNASIUM, AutoresetMode, ContextFeature
from .env import RemoteEnv
from .errors import MetarenaError, MetarenaTimeoutError
from .registration import BUILTIN_ENV_IDS, register_envs, register_ids
from .session import DEFAULT_TIMEOUT, unary
from .vector import RemoteVectorEnv

__version__ = "0.1.0"


def make(env_id: str, address: Optional[str] = None, **options: Any) -> RemoteEnv:
    """One remote env as a ``gymnasium.Env`` (see the module doc for the options)."""
    return RemoteEnv(env_id, address=address, **options)


def make_vec(env_id: str, num_envs: int = 1, address: Optional[str] = None, **options: Any) -> RemoteVectorEnv:
    """``num_envs`` remote envs as a ``gymnasium.vector.VectorEnv`` over one stream."""
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
    "MetarenaError",
    "MetarenaTimeoutError",
    "AutoresetMode",
    "ContextFeature",
    "HAVE_GYMNASIUM",
    "proto",
]
