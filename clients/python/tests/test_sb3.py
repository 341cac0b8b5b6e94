"""Stable-Baselines3 over the client: its env checker, and short PPO and SAC runs.

Runs whenever stable_baselines3 imports (scripts/test.sh pairs SB3 2.4.1 with Gymnasium 1.0.0,
the newest Gymnasium it accepts). Step counts are small: these prove the libraries accept the
envs and train through them, not that they learn.
"""
from __future__ import annotations

import pytest

sb3 = pytest.importorskip("stable_baselines3")
import torch  # noqa: E402  (SB3 needs it)
from stable_baselines3.common.env_checker import check_env  # noqa: E402

import metarena  # noqa: E402

torch.set_num_threads(1)


@pytest.mark.parametrize("env_id", metarena.BUILTIN_ENV_IDS)
def test_sb3_check_env_passes(address, env_id):
    with metarena.make(env_id, address=address) as env:
        check_env(env, warn=True)


def test_ppo_learns_through_the_client(address):
    with metarena.make("CartPole-v1", address=address) as env:
        model = sb3.PPO("MlpPolicy", env, n_steps=128, batch_size=64, n_epochs=2, seed=0, device="cpu")
        model.learn(total_timesteps=256)
        assert model.num_timesteps == 256
        # SB3's Monitor wrapper recorded the episodes, under the "episode" key it owns
        assert len(model.ep_info_buffer) > 0 and all(e["l"] > 0 for e in model.ep_info_buffer)
        action, _ = model.predict(env.reset(seed=0)[0], deterministic=True)
        assert env.action_space.contains(action.item())


def test_sac_learns_through_the_client(address):
    with metarena.make("Pendulum-v1", address=address) as env:
        model = sb3.SAC("MlpPolicy", env, learning_starts=64, batch_size=32, seed=0, device="cpu", policy_kwargs={"net_arch": [32, 32]})
        model.learn(total_timesteps=256)
        assert model.num_timesteps == 256 and model.replay_buffer.size() == 256
        assert len(model.ep_info_buffer) == 1  # 256 steps hold one 200-step episode
        action, _ = model.predict(env.reset(seed=0)[0], deterministic=True)
        assert action in env.action_space


def test_metarena_vec_env_follows_sb3s_autoreset(address):
    import numpy as np
    from metarena.sb3 import MetarenaVecEnv, make_vec_env

    venv = make_vec_env("CartPole-v1", 4, address=address, max_episode_steps=30)
    try:
        inner = venv.venv
        assert isinstance(inner, MetarenaVecEnv) and venv.num_envs == 4
        venv.seed(3)
        first = venv.reset()
        assert first.shape == (4, 4) and inner.reset_infos[0]["trial"] == 0
        ended = None
        for _ in range(30):
            obs, rewards, dones, infos = venv.step(np.zeros(4, dtype=np.int64))
            if dones.any():
                ended = int(np.argmax(dones))
                break
        assert ended is not None and rewards.dtype == np.float32
        info = infos[ended]
        assert info["terminal_observation"] in inner.observation_space and not np.array_equal(info["terminal_observation"], obs[ended])
        assert info["TimeLimit.truncated"] is False and info["episode"]["l"] == info["metarena_episode"]["length"]
        assert inner.reset_infos[ended]["trial"] == 1
        model = sb3.PPO("MlpPolicy", venv, n_steps=32, batch_size=64, n_epochs=1, seed=0, device="cpu")
        model.learn(total_timesteps=256)
        assert model.num_timesteps == 256 and len(model.ep_info_buffer) > 0
    finally:
        venv.close()
    short = make_vec_env("CartPole-v1", 2, address=address, max_episode_steps=4, monitor=False)
    try:
        short.reset()
        for t in range(4):  # alternating pushes keep the pole up for 4 steps: the time limit ends them
            _, _, dones, infos = short.step(np.full(2, t % 2))
        assert dones.all() and all(i["TimeLimit.truncated"] is True for i in infos)
    finally:
        short.close()
    with metarena.make_vec("CartPole-v1", 2, address=address) as envs:
        with pytest.raises(metarena.MetarenaError) as e:
            MetarenaVecEnv(envs)
        assert e.value.field == "autoreset_mode"
