"""A metarena vector env as a Stable-Baselines3 ``VecEnv``: the whole batch in one message per
step, instead of one session per env under SB3's DummyVecEnv.

    from metarena.sb3 import make_vec_env
    venv = make_vec_env("CartPole-v1", 8, address="127.0.0.1:50051")   # VecMonitor(MetarenaVecEnv)
    model = stable_baselines3.PPO("MlpPolicy", venv).learn(100_000)

``MetarenaVecEnv`` needs ``autoreset_mode="same_step"`` (SB3's own semantics: a finished env is
reset within the step, its last observation in ``info["terminal_observation"]``, and
``info["TimeLimit.truncated"]`` says whether it was cut by the time limit). ``make_vec_env``
makes the vector env that way and adds SB3's ``VecMonitor``, which keeps the episode statistics
SB3 logs under ``info["episode"]``. Needs stable_baselines3 (imported only by this module).
"""
from __future__ import annotations

from typing import Any, Dict as TDict, List, Optional, Sequence

import numpy as np
from stable_baselines3.common.vec_env import VecEnv, VecMonitor

from .codec import unbatch_info
from .errors import MetarenaError
from .vector import RemoteVectorEnv


class MetarenaVecEnv(VecEnv):
    """SB3's VecEnv interface over one RemoteVectorEnv made with autoreset_mode="same_step"."""

    def __init__(self, envs: RemoteVectorEnv) -> None:
        if envs.autoreset_mode != "same_step":
            raise MetarenaError("METARENA_INVALID_OPTION", f"MetarenaVecEnv needs a vector env made with autoreset_mode='same_step' (SB3 resets finished envs within the step), got {envs.autoreset_mode!r}", field="autoreset_mode", allowed="same_step", status="INVALID_ARGUMENT")
        self.envs = envs
        self._actions: Optional[np.ndarray] = None
        super().__init__(envs.num_envs, envs.single_observation_space, envs.single_action_space)

    def reset(self):
        seeds = None if all(s is None for s in self._seeds) else list(self._seeds)
        options = self._options[0] if self._options[0] else None
        if any(o != self._options[0] for o in self._options):
            raise MetarenaError("METARENA_INVALID_ARGUMENT", "MetarenaVecEnv resets every env with the same options; set_options was given different ones per env", field="options", status="INVALID_ARGUMENT")
        obs, infos = self.envs.reset(seed=seeds, options=options)
        self.reset_infos = [unbatch_info(infos, i) for i in range(self.num_envs)]
        self._reset_seeds()
        self._reset_options()
        return obs

    def step_async(self, actions: np.ndarray) -> None:
        self._actions = actions

    def step_wait(self):
        obs, rewards, terminated, truncated, infos = self.envs.step(self._actions)
        dones = terminated | truncated
        per_env: List[TDict[str, Any]] = []
        for i in range(self.num_envs):
            if dones[i]:
                info = unbatch_info(infos["final_info"], i) if "final_info" in infos else {}
                info["terminal_observation"] = infos["final_obs"][i]
                self.reset_infos[i] = {k: v for k, v in unbatch_info(infos, i).items() if k not in ("final_obs", "final_info")}
            else:
                info = unbatch_info(infos, i) if infos else {}
            info["TimeLimit.truncated"] = bool(truncated[i] and not terminated[i])
            per_env.append(info)
        return obs, rewards.astype(np.float32), dones, per_env

    def close(self) -> None:
        self.envs.close()

    def _indices(self, indices) -> Sequence[int]:
        return self._get_indices(indices)

    def get_attr(self, attr_name: str, indices=None) -> List[Any]:
        """The vector env's attribute, once per env asked for (the envs share it)."""
        return [getattr(self.envs, attr_name)] * len(self._indices(indices))

    def set_attr(self, attr_name: str, value: Any, indices=None) -> None:
        setattr(self.envs, attr_name, value)

    def env_method(self, method_name: str, *method_args, indices=None, **method_kwargs) -> List[Any]:
        result = getattr(self.envs, method_name)(*method_args, **method_kwargs)
        return [result] * len(self._indices(indices))

    def env_is_wrapped(self, wrapper_class, indices=None) -> List[bool]:
        return [False] * len(self._indices(indices))

    def get_images(self):
        return [None] * self.num_envs


def make_vec_env(env_id: str, n_envs: int = 1, address: Optional[str] = None, *, monitor: bool = True, **options: Any) -> VecEnv:
    """``n_envs`` remote envs as one SB3 VecEnv (``options`` as for ``metarena.make_vec``;
    autoreset_mode is same_step), wrapped in ``VecMonitor`` unless ``monitor`` is False."""
    if "autoreset_mode" in options:
        raise MetarenaError("METARENA_INVALID_OPTION", "make_vec_env sets autoreset_mode='same_step' itself (SB3's semantics)", field="autoreset_mode", status="INVALID_ARGUMENT")
    venv = MetarenaVecEnv(RemoteVectorEnv(env_id, n_envs, address=address, autoreset_mode="same_step", **options))
    return VecMonitor(venv) if monitor else venv
