"""``RemoteEnv``: a ``gymnasium.Env`` running in a metarena server.

It holds a one-env vector env with autoreset disabled, so episodes end exactly as in-process:
``step`` after the end of an episode needs a ``reset`` first. Observations are elements of
``observation_space`` (a float32 array for a float32 Box, an int64 scalar for Discrete, a dict
for Dict, a tuple for Tuple); rewards are Python floats and terminated/truncated Python bools.

``reset(seed=s, options={"context": {...}})`` seeds the env with s (and ``np_random``, as
``gymnasium.Env.reset`` does) and starts a new trial in the given context. Info keys: ``context``
(feature -> float), ``trial`` and ``episode_in_trial`` (ints) at reset, ``metarena_episode``
(``return`` float, ``length`` int) when an episode ends, plus any key of the env. ``episode`` is
left to gymnasium's ``RecordEpisodeStatistics``.

``env.spec`` is a gymnasium ``EnvSpec`` with the id ``metarena/<id>`` and the options the env was
made with (``env_id`` and ``address`` among them), so ``env.spec.make()`` makes the same env again.
"""
from __future__ import annotations

from typing import Any, Dict as TDict, List, Optional, Tuple

import numpy as np

from .codec import unbatch_info
from .compat import ContextFeature, EnvBase, make_env_spec, seeded_generator
from .errors import MetarenaError
from .session import DEFAULT_TIMEOUT
from .vector import RemoteVectorEnv


class RemoteEnv(EnvBase):
    """One remote env. Build it with ``metarena.make``."""

    metadata: TDict[str, Any] = {"render_modes": []}
    render_mode = None

    def __init__(
        self,
        env_id: str,
        *,
        address: Optional[str] = None,
        token: Optional[str] = None,
        timeout: Optional[float] = DEFAULT_TIMEOUT,
        credentials=None,
        **options: Any,
    ) -> None:
        if "autoreset_mode" in options:
            raise MetarenaError("METARENA_INVALID_OPTION", "autoreset_mode applies to make_vec(), not make(): a single env is reset by the caller", field="autoreset_mode", status="INVALID_ARGUMENT")
        self._vec: Optional[RemoteVectorEnv] = None
        self._vec = RemoteVectorEnv(env_id, 1, address=address, token=token, timeout=timeout, credentials=credentials, autoreset_mode="disabled", **options)
        vec = self._vec
        self.observation_space = vec.single_observation_space
        self.action_space = vec.single_action_space
        self.context_features: List[ContextFeature] = vec.context_features
        self.max_episode_steps = vec.max_episode_steps
        self.episodes_per_trial = vec.episodes_per_trial
        self.description = vec.description
        self.env_id = vec.env_id
        self.spec = make_env_spec(vec.env_id, vec.max_episode_steps, dict(env_id=vec.env_id, address=vec.address, **options))
        self.metadata = {"render_modes": []}
        self._np_random = None
        self._np_random_seed = None
        self._obs_codec = vec._obs_codec
        self._action_codec = vec._action_codec

    @property
    def address(self) -> str:
        return self._vec.address if self._vec else ""

    def reset(self, *, seed: Optional[int] = None, options: Optional[TDict[str, Any]] = None) -> Tuple[Any, TDict[str, Any]]:
        if options and "reset_mask" in options:
            raise MetarenaError("METARENA_INVALID_ARGUMENT", "options.reset_mask applies to vector envs; a single env always resets", field="options.reset_mask", allowed="context", status="INVALID_ARGUMENT")
        if options and "contexts" in options:
            raise MetarenaError("METARENA_INVALID_ARGUMENT", "options.contexts applies to vector envs; use options.context", field="options.contexts", allowed="context", status="INVALID_ARGUMENT")
        obs, info = self._env().reset(seed=seed, options=options)
        if seed is not None:
            self._np_random, self._np_random_seed = seeded_generator(seed)
        return self._obs_codec.item(obs, 0), unbatch_info(info, 0)

    def step(self, action: Any) -> Tuple[Any, float, bool, bool, TDict[str, Any]]:
        batch = _add_batch_dim(self._action_codec, action)
        obs, rewards, terminated, truncated, info = self._env().step(batch)
        return self._obs_codec.item(obs, 0), float(rewards[0]), bool(terminated[0]), bool(truncated[0]), unbatch_info(info, 0)

    def close(self) -> None:
        if self._vec is not None:
            self._vec.close()

    def abandon(self) -> None:
        """Ends the session at once without a close request (the server frees the env)."""
        if self._vec is not None:
            self._vec.abandon()

    def render(self):
        return None

    def _env(self) -> RemoteVectorEnv:
        if self._vec is None or self._vec.closed:
            raise MetarenaError("METARENA_CLOSED", "the env is closed", status="FAILED_PRECONDITION")
        return self._vec

    def __del__(self) -> None:
        # never a call that waits: a finalizer may run where no answer can arrive
        try:
            self.abandon()
        except Exception:
            pass

    def __repr__(self) -> str:
        return f"RemoteEnv({self.spec.id if getattr(self, 'spec', None) else '?'}, address={self.address})"


def _add_batch_dim(codec, action: Any) -> Any:
    """One action as a batch of one, following the structure of the space."""
    if codec.keys is not None:
        if not isinstance(action, dict):
            raise MetarenaError("METARENA_INVALID_ACTION", f"action must be a dict with keys {', '.join(codec.keys)}, got {type(action).__name__}", field="action", status="INVALID_ARGUMENT")
        out = dict(action)  # unknown keys pass through, for the encoder to name them
        for k, p in zip(codec.keys, codec.parts):
            if k in action:
                out[k] = _add_batch_dim(p, action[k])
        return out
    if codec.parts is not None:
        if not isinstance(action, (tuple, list)):
            raise MetarenaError("METARENA_INVALID_ACTION", f"action must be a tuple of {len(codec.parts)} elements, got {type(action).__name__}", field="action", status="INVALID_ARGUMENT")
        return tuple(_add_batch_dim(p, a) for p, a in zip(codec.parts, action)) if len(action) == len(codec.parts) else tuple(action)
    return np.asarray(action)[None, ...]
