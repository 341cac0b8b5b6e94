"""``RemoteVectorEnv``: a ``gymnasium.vector.VectorEnv`` whose envs run in a metarena server.

One Session stream per vector env; each ``reset``/``step`` is one request and one response
carrying the whole batch. Semantics are gymnasium's (≥ 1.0):

- ``reset(seed=s)`` seeds env i with ``s + i``; ``seed`` may also be a list (None = no reseed);
  ``options={"reset_mask": mask}`` resets only the envs where mask is True (the others keep
  their observation); ``options={"context": {...}}`` sets the context of the envs reset (a new
  trial), ``options={"contexts": [...]}`` one context (or None) per env.
- ``step(actions)`` returns ``(obs, rewards float64, terminations bool, truncations bool, infos)``.
- Autoreset mode (``metadata["autoreset_mode"]``): NEXT_STEP by default — the step after an
  episode ends resets that env, its action ignored and reward 0; SAME_STEP — the env is reset
  within the step that ended it, ``infos["final_obs"]`` / ``infos["final_info"]`` keep the end;
  DISABLED — finished envs must be reset with ``reset(options={"reset_mask": ...})``.
- Infos are dicts of arrays with ``"_" + key`` bool masks: ``context`` (one float64 array per
  feature), ``trial`` and ``episode_in_trial`` (int64) at resets, ``metarena_episode``
  (``return`` float64, ``length`` int64) when an episode ends. ``episode`` is left to
  gymnasium's ``RecordEpisodeStatistics``.
- ``reset(seed=s)`` with an int also seeds ``np_random`` as gymnasium's VectorEnv does; envs
  left open are ended without waiting at interpreter exit, and when garbage-collected.
"""
from __future__ import annotations

from typing import Any, Dict as TDict, List, Optional, Tuple

import numpy as np

from . import spaces as sp
from ._proto import metarena_pb2 as pb
from .catalog import EnvDescription, env_description
from .codec import AUTORESET_NAMES, BatchCodec, build_make, decode_info, fill_reset, step_request
from .compat import AutoresetMode, ContextFeature, VectorEnvBase, autoreset_enum, make_env_spec, seeded_generator
from .errors import MetarenaError
from .session import DEFAULT_TIMEOUT, Session


_F64 = np.dtype("<f8")


class RemoteVectorEnv(VectorEnvBase):
    """A batch of remote envs behind one session stream. Build it with ``metarena.make_vec``."""

    metadata: TDict[str, Any] = {"autoreset_mode": AutoresetMode.NEXT_STEP}
    render_mode = None

    def __init__(
        self,
        env_id: str,
        num_envs: int,
        *,
        address: Optional[str] = None,
        token: Optional[str] = None,
        timeout: Optional[float] = DEFAULT_TIMEOUT,
        credentials=None,
        **options: Any,
    ) -> None:
        if isinstance(num_envs, bool) or not isinstance(num_envs, (int, np.integer)) or num_envs < 1:
            raise MetarenaError("METARENA_INVALID_OPTION", f"num_envs must be a positive integer, got {num_envs!r}", field="num_envs", status="INVALID_ARGUMENT")
        self.closed = True  # until the env exists, so close() from __del__ is harmless
        make = build_make(env_id, int(num_envs), options)
        self._session = Session(address, token=token, timeout=timeout, credentials=credentials)
        try:
            response = self._session.call(pb.Request(make=make), f"make {env_id}")
        except BaseException:
            self._session.close()
            raise
        self.closed = False
        self._handle = response.make.env_handle
        spec = response.make.spec
        about = env_description(spec)
        self.num_envs = int(spec.num_envs) or int(num_envs)
        self.single_observation_space = about.observation_space
        self.single_action_space = about.action_space
        self.observation_space = sp.batch_space(self.single_observation_space, self.num_envs)
        self.action_space = sp.batch_space(self.single_action_space, self.num_envs)
        mode = AUTORESET_NAMES.get(spec.autoreset_mode, "next_step")
        self.autoreset_mode = mode
        self.metadata = {"autoreset_mode": autoreset_enum(mode)}
        self.context_features: List[ContextFeature] = about.context_features
        self.max_episode_steps: Optional[int] = about.max_episode_steps
        self.episodes_per_trial = about.episodes_per_trial
        self.description = about.description
        self.env_id = about.id or env_id
        made_with = dict(env_id=self.env_id, address=self._session.address, **options, num_envs=self.num_envs, vectorization_mode="vector_entry_point")
        self.spec = make_env_spec(self.env_id, self.max_episode_steps, made_with)
        self._obs_codec = BatchCodec(self.single_observation_space)
        self._action_codec = BatchCodec(self.single_action_space)
        self._np_random = None
        self._np_random_seed = None

    @property
    def address(self) -> str:
        return self._session.address

    # -- gymnasium API ----------------------------------------------------------------------

    def reset(self, *, seed: Any = None, options: Optional[TDict[str, Any]] = None) -> Tuple[Any, TDict[str, Any]]:
        request = pb.Request()
        r = request.reset
        r.env_handle = self._handle
        fill_reset(r, self.num_envs, seed, options)
        response = self._session.call(request, "reset").reset
        if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
            self._np_random, self._np_random_seed = seeded_generator(int(seed))
        n = self.num_envs
        return self._obs_codec.decode(response.obs, n), decode_info(response.info, self._obs_codec, n)

    def step(self, actions: Any) -> Tuple[Any, np.ndarray, np.ndarray, np.ndarray, TDict[str, Any]]:
        n = self.num_envs
        value = self._action_codec.encode(actions, n)
        handle = self._handle
        session = self._session
        request_id = session.send_serialized(lambda request_id: step_request(request_id, handle, value))
        s = session.receive(request_id, "step").step
        obs = self._obs_codec.decode(s.obs, n)
        rewards = np.frombuffer(bytearray(s.rewards.data), dtype=_F64)
        # UINT8 0/1 flags, viewed as bool
        terminated = np.frombuffer(bytearray(s.terminated.data), dtype=np.bool_)
        truncated = np.frombuffer(bytearray(s.truncated.data), dtype=np.bool_)
        info = decode_info(s.info, self._obs_codec, n) if s.HasField("info") else {}
        return obs, rewards, terminated, truncated, info

    def close(self, **kwargs: Any) -> None:
        """Frees the remote envs and ends the session. Harmless when called twice."""
        if getattr(self, "closed", True):
            return
        self.closed = True
        try:
            if not self._session.closed:
                try:
                    self._session.call(pb.Request(close=pb.CloseRequest(env_handle=self._handle)), "close")
                except MetarenaError:
                    pass  # the session ending frees the envs as well
        finally:
            self._session.close()

    def abandon(self) -> None:
        """Ends the session at once without a close request (the server frees the envs)."""
        if getattr(self, "closed", True):
            return
        self.closed = True
        self._session.abandon()

    def render(self):
        return None

    def describe(self) -> EnvDescription:
        """The server's description of this vector env, as made."""
        request = pb.Request()
        request.describe.env_handle = self._handle
        return env_description(self._session.call(request, "describe").describe.spec)

    def __enter__(self) -> "RemoteVectorEnv":
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
        return f"RemoteVectorEnv({self.spec.id if self.spec else '?'}, num_envs={getattr(self, 'num_envs', '?')}, address={getattr(self, 'address', '?')})"
