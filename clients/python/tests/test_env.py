"""metarena.make: one remote env with gymnasium.Env semantics, against a real server."""
from __future__ import annotations

import json
import shutil
import subprocess

import numpy as np
import pytest

import metarena
from metarena import spaces as sp

from conftest import REPO_ROOT


def test_spaces_and_dtypes_follow_gymnasium(address):
    with metarena.make("CartPole-v1", address=address) as env:
        assert isinstance(env.observation_space, sp.Box) and env.observation_space.dtype == np.float32
        assert env.observation_space.shape == (4,)
        assert env.action_space == sp.Discrete(2)
        assert env.spec.id == "metarena/CartPole-v1" and env.spec.max_episode_steps == 500
        assert "gravity" in [f.name for f in env.context_features]
        obs, info = env.reset(seed=3)
        assert obs.dtype == np.float32 and obs in env.observation_space
        obs, reward, terminated, truncated, info = env.step(env.action_space.sample())
        assert type(reward) is float and type(terminated) is bool and type(truncated) is bool


def test_reset_with_the_same_seed_repeats_the_episode(address):
    with metarena.make("CartPole-v1", address=address) as env:
        runs = []
        for _ in range(2):
            obs, _ = env.reset(seed=11)
            trajectory = [obs]
            for t in range(20):
                obs, *_ = env.step(t % 2)
                trajectory.append(obs)
            runs.append(np.stack(trajectory))
        np.testing.assert_array_equal(runs[0], runs[1])
        other, _ = env.reset(seed=12)
        assert not np.array_equal(other, runs[0][0])


def test_trajectory_equals_the_in_process_rollout(address):
    """The same seed and actions give bit-identical float32 observations over gRPC and in-process."""
    actions = [1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    out = subprocess.run(
        [shutil.which("node"), "bin/metarena.js", "rollout", "CartPole-v1", "--seed", "0", "--steps", "50", "--actions", json.dumps(actions), "--json"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    expected = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    assert len(expected) >= 10
    with metarena.make("CartPole-v1", address=address) as env:
        env.reset(seed=0)
        for t, step in enumerate(expected):
            obs, reward, terminated, truncated, _ = env.step(actions[t])
            np.testing.assert_array_equal(obs, np.asarray(step["obs"], dtype=np.float32))
            assert (reward, terminated, truncated) == (step["reward"], step["terminated"], step["truncated"])


def test_info_carries_context_trial_and_episode_statistics(address):
    with metarena.make("CartPole-v1", address=address, context={"length": 0.8}) as env:
        _, info = env.reset(seed=0)
        assert info["context"]["length"] == 0.8 and info["context"]["gravity"] == 9.8
        assert info["trial"] == 0 and info["episode_in_trial"] == 0
        assert type(info["trial"]) is int and type(info["episode_in_trial"]) is int
        total, steps = 0.0, 0
        while True:
            _, reward, terminated, truncated, info = env.step(1)
            total += reward
            steps += 1
            if terminated or truncated:
                break
            assert "metarena_episode" not in info
        assert info["metarena_episode"] == {"return": total, "length": steps}
        assert type(info["metarena_episode"]["length"]) is int and "episode" not in info
        _, info = env.reset(options={"context": {"length": 0.3, "masscart": 2.0}})
        assert info["context"]["length"] == 0.3 and info["context"]["masscart"] == 2.0


def test_stepping_a_finished_episode_needs_a_reset(address):
    with metarena.make("CartPole-v1", address=address) as env:
        env.reset(seed=0)
        done = False
        while not done:
            _, _, terminated, truncated, _ = env.step(1)
            done = terminated or truncated
        with pytest.raises(metarena.MetarenaError) as e:
            env.step(1)
        assert e.value.code == "METARENA_RESET_NEEDED" and e.value.status == "FAILED_PRECONDITION"
        env.reset()
        env.step(1)  # the session survives the refused request


def test_env_args_and_wrappers_shape_the_spaces(address):
    with metarena.make("Bandit-v0", address=address, args={"arms": 10}, episodes_per_trial=3) as env:
        assert env.action_space == sp.Discrete(10) and env.episodes_per_trial == 3
        env.reset(seed=0)
        _, _, terminated, _, info = env.step(np.int64(9))
        assert terminated and info["metarena_episode"]["length"] == 1
        _, info = env.reset()
        assert info["trial"] == 0 and info["episode_in_trial"] == 1
    wrappers = [{"id": "ContextObservation", "mode": "dict", "features": ["length", "gravity"]}]
    with metarena.make("CartPole-v1", address=address, wrappers=wrappers, context={"length": 0.7}) as env:
        assert isinstance(env.observation_space, sp.Dict) and list(env.observation_space.spaces) == ["obs", "context"]
        obs, _ = env.reset(seed=0)
        assert obs in env.observation_space
        np.testing.assert_array_equal(obs["context"], np.array([0.7, 9.8], dtype=np.float32))


def test_closed_env_refuses_calls_and_frees_its_session(address):
    before = metarena.get_stats(address)
    env = metarena.make("CartPole-v1", address=address)
    assert metarena.get_stats(address).envs >= before.envs + 1
    env.close()
    env.close()
    with pytest.raises(metarena.MetarenaError) as e:
        env.reset()
    assert e.value.code == "METARENA_CLOSED"
    assert metarena.get_stats(address).envs == before.envs


def test_reset_seed_seeds_np_random(address):
    with metarena.make("CartPole-v1", address=address) as env:
        env.reset(seed=5)
        first = env.np_random.random(3)
        assert env.np_random_seed == 5
        env.reset(seed=5)
        np.testing.assert_array_equal(env.np_random.random(3), first)
        env.reset(seed=6)
        assert not np.array_equal(env.np_random.random(3), first)


def test_address_comes_from_metarena_address(address, monkeypatch):
    monkeypatch.setenv("METARENA_ADDRESS", address)
    with metarena.make("CartPole-v1") as env:
        assert env.address == address and env.spec.kwargs["address"] == address
    assert "CartPole-v1" in metarena.list_envs().ids()


def test_pendulum_keeps_gymnasiums_spaces_unless_the_context_varies_the_torque(address):
    with metarena.make("Pendulum-v1", address=address) as env:
        assert env.action_space == sp.Box(-2.0, 2.0, (1,), np.float32)
        np.testing.assert_array_equal(env.observation_space.high, np.array([1.0, 1.0, 8.0], dtype=np.float32))
    sampler = {"kind": "uniform", "features": ["max_torque"], "bounds": {"max_torque": [1.0, 5.0]}}
    with metarena.make_vec("Pendulum-v1", 2, address=address, context_sampler=sampler) as envs:
        assert envs.single_action_space == sp.Box(-5.0, 5.0, (1,), np.float32)
    with metarena.make("Pendulum-v1", address=address, context={"max_torque": 3.0}) as env:
        assert env.action_space == sp.Box(-3.0, 3.0, (1,), np.float32)


def test_spec_makes_the_same_env_again(address):
    options = {"context": {"length": 0.7}, "episodes_per_trial": 2}
    with metarena.make("CartPole-v1", address=address, **options) as env:
        assert env.spec.id == "metarena/CartPole-v1"
        assert env.spec.kwargs == {"env_id": "CartPole-v1", "address": address, **options}
        again = env.spec.make()
        try:
            _, info = again.reset(seed=0)
            assert info["context"]["length"] == 0.7 and again.unwrapped.episodes_per_trial == 2
        finally:
            again.close()
