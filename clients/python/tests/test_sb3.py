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


@pytest.mark.parametrize("env_id", ["CartPole-v1", "Pendulum-v1", "TabularMDP-v0", "HalfCheetah-v0"])
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
