"""The client as real Gymnasium sees it: check_env on every env, RecordEpisodeStatistics over
make and make_vec (CleanRL's loop), gymnasium.make / make_vec of the registered ids and specs.

Runs whenever gymnasium imports; scripts/test.sh runs it with Gymnasium 1.0.0 and 1.3.0.
"""
from __future__ import annotations

import numpy as np
import pytest

gym = pytest.importorskip("gymnasium")
from gymnasium.utils.env_checker import check_env  # noqa: E402

import metarena  # noqa: E402
from metarena.compat import gymnasium_id  # noqa: E402

# Bandit-v0 ends every episode with its one pull, and its time limit of one step truncates that
# step as well (as gymnasium's TimeLimit would); check_env asserts that a first step does not
# truncate, so Bandit-v0 is checked without the limit (its episodes still end by termination).
CHECK_OPTIONS = {"Bandit-v0": {"max_episode_steps": 0}}


@pytest.mark.parametrize("env_id", metarena.BUILTIN_ENV_IDS)
def test_check_env_passes(address, env_id):
    with metarena.make(env_id, address=address, **CHECK_OPTIONS.get(env_id, {})) as env:
        check_env(env)  # includes env.spec.make() and closing that env twice


def test_reset_seed_sets_np_random_as_gymnasium_does(address):
    from gymnasium.utils import seeding

    with metarena.make("CartPole-v1", address=address) as env, metarena.make_vec("CartPole-v1", 2, address=address) as envs:
        env.reset(seed=7)
        envs.reset(seed=7)
        expected, _ = seeding.np_random(7)
        for e in (env, envs):
            assert e.unwrapped.np_random_seed == 7
            assert e.unwrapped._np_random.bit_generator.state == expected.bit_generator.state


def test_gymnasium_make_vec_of_a_vector_envs_spec(address):
    with metarena.make_vec("CartPole-v1", 3, address=address, autoreset_mode="same_step") as envs:
        again = gym.make_vec(envs.spec)
        try:
            assert isinstance(again, metarena.RemoteVectorEnv) and again.num_envs == 3
            assert again.metadata["autoreset_mode"] == metarena.AutoresetMode.SAME_STEP
        finally:
            again.close()


def test_record_episode_statistics_over_make(address):
    env = gym.wrappers.RecordEpisodeStatistics(metarena.make("CartPole-v1", address=address))
    try:
        env.reset(seed=0)
        total, steps = 0.0, 0
        while True:
            _, reward, terminated, truncated, info = env.step(1)
            total += reward
            steps += 1
            if terminated or truncated:
                break
        assert info["episode"]["r"] == total and info["episode"]["l"] == steps
        assert info["metarena_episode"] == {"return": total, "length": steps}
    finally:
        env.close()


def test_record_episode_statistics_over_make_vec_as_cleanrl_reads_it(address):
    envs = gym.wrappers.vector.RecordEpisodeStatistics(metarena.make_vec("CartPole-v1", 4, address=address))
    try:
        envs.reset(seed=1)
        envs.action_space.seed(1)
        finished = 0
        for _ in range(300):
            _, _, _, _, infos = envs.step(envs.action_space.sample())
            if "episode" in infos:
                ended = infos["_episode"]
                assert ended.tolist() == infos["_metarena_episode"].tolist()
                np.testing.assert_allclose(infos["episode"]["r"][ended], infos["metarena_episode"]["return"][ended])
                np.testing.assert_array_equal(infos["episode"]["l"][ended], infos["metarena_episode"]["length"][ended])
                finished += int(ended.sum())
        assert finished > 4
    finally:
        envs.close()


def test_gymnasium_make_of_a_registered_id(address):
    assert {gymnasium_id(i) for i in metarena.BUILTIN_ENV_IDS} <= set(gym.registry)
    env = gym.make("metarena/CartPole-v1", address=address, context={"length": 0.6})
    try:
        assert isinstance(env.unwrapped, metarena.RemoteEnv) and env.spec.id == "metarena/CartPole-v1"
        _, info = env.reset(seed=0)
        assert info["context"]["length"] == 0.6
        check_env(env.unwrapped)
    finally:
        env.close()


def test_gymnasium_make_vec_takes_the_address_from_the_environment(address, monkeypatch):
    monkeypatch.setenv("METARENA_ADDRESS", address)
    envs = gym.make_vec("metarena/CartPole-v1", num_envs=3)
    try:
        assert isinstance(envs, metarena.RemoteVectorEnv) and envs.num_envs == 3 and envs.address == address
        obs, _ = envs.reset(seed=0)
        assert obs.shape == (3, 4)
    finally:
        envs.close()
    synced = gym.make_vec("metarena/CartPole-v1", num_envs=2, vectorization_mode="sync")
    try:
        obs, _ = synced.reset(seed=0)
        assert obs.shape == (2, 4)
    finally:
        synced.close()


def test_register_envs_adds_the_servers_ids(address):
    del gym.registry["metarena/Toy-v0"]
    assert metarena.register_envs(address) == ["metarena/Toy-v0"]
    assert metarena.register_envs(address) == []
    env = gym.make("metarena/Toy-v0", address=address)
    env.close()
