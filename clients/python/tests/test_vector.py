"""metarena.make_vec: gymnasium.vector.VectorEnv semantics over one stream, against a real server."""
from __future__ import annotations

import numpy as np
import pytest

import metarena
from metarena import spaces as sp

N = 4


def run_until_an_env_ends(envs, actions=1, limit=600):
    """Steps with a constant action until some env ends; returns the step's results."""
    for _ in range(limit):
        result = envs.step(np.full(envs.num_envs, actions))
        if np.any(result[2] | result[3]):
            return result
    raise AssertionError("no episode ended")


def test_batched_spaces_dtypes_and_metadata(address):
    with metarena.make_vec("CartPole-v1", N, address=address) as envs:
        assert envs.num_envs == N
        assert envs.single_action_space == sp.Discrete(2)
        assert envs.action_space == sp.MultiDiscrete([2] * N)
        assert envs.observation_space.shape == (N, 4) and envs.observation_space.dtype == np.float32
        assert envs.metadata["autoreset_mode"] == metarena.AutoresetMode.NEXT_STEP
        obs, info = envs.reset(seed=0)
        assert obs.shape == (N, 4) and obs.dtype == np.float32 and obs in envs.observation_space
        assert info["_context"].dtype == bool and info["_context"].all()
        assert info["context"]["gravity"].dtype == np.float64 and info["context"]["gravity"].shape == (N,)
        obs, rewards, terminated, truncated, info = envs.step(envs.action_space.sample())
        assert rewards.dtype == np.float64 and rewards.shape == (N,)
        assert terminated.dtype == bool and truncated.dtype == bool
        assert obs.flags.writeable and rewards.flags.writeable


def test_reset_seed_s_seeds_env_i_with_s_plus_i(address):
    with metarena.make_vec("CartPole-v1", N, address=address) as envs, metarena.make("CartPole-v1", address=address) as env:
        obs, _ = envs.reset(seed=40)
        for i in range(N):
            single, _ = env.reset(seed=40 + i)
            np.testing.assert_array_equal(obs[i], single)
        again, _ = envs.reset(seed=[43, None, 40, None])
        np.testing.assert_array_equal(again[0], obs[3])
        np.testing.assert_array_equal(again[2], obs[0])


def test_next_step_autoreset_resets_on_the_following_step(address):
    with metarena.make_vec("CartPole-v1", N, address=address) as envs:
        envs.reset(seed=1)
        envs.step(np.array([0, 1, 0, 1]))  # the envs drift apart
        obs, rewards, terminated, truncated, info = run_until_an_env_ends(envs)
        ended = terminated | truncated
        assert info["_metarena_episode"].tolist() == ended.tolist()
        assert np.all(info["metarena_episode"]["return"][ended] == info["metarena_episode"]["length"][ended])
        assert info["metarena_episode"]["length"].dtype == np.int64 and "episode" not in info
        obs, rewards, terminated, truncated, info = envs.step(np.ones(N, dtype=np.int64))
        # the finished envs were reset: their action ignored, reward 0, a new episode in the info
        assert np.all(rewards[ended] == 0) and not np.any(terminated[ended])
        assert info["_context"].tolist() == ended.tolist()
        # one episode per trial (CartPole's default): each reset starts trial 1
        assert info["trial"][ended].tolist() == [1] * int(ended.sum())
        assert info["episode_in_trial"][ended].tolist() == [0] * int(ended.sum())
        assert info["episode_in_trial"].dtype == np.int64 and info["trial"].dtype == np.int64
        assert np.all(np.abs(obs[ended]) <= 0.05)


def test_same_step_autoreset_keeps_the_end_in_final_obs(address):
    with metarena.make_vec("CartPole-v1", N, address=address) as nxt, metarena.make_vec("CartPole-v1", N, address=address, autoreset_mode="same_step") as same:
        assert same.metadata["autoreset_mode"] == metarena.AutoresetMode.SAME_STEP
        nxt.reset(seed=2)
        same.reset(seed=2)
        while True:
            end_obs, _, terminated, truncated, _ = nxt.step(np.ones(N, dtype=np.int64))
            obs, rewards, t2, u2, info = same.step(np.ones(N, dtype=np.int64))
            assert terminated.tolist() == t2.tolist()
            ended = terminated | truncated
            if ended.any():
                break
        i = int(np.flatnonzero(ended)[0])
        assert info["_final_obs"].tolist() == ended.tolist() and info["_final_info"].tolist() == ended.tolist()
        assert info["final_obs"][i].dtype == np.float32
        np.testing.assert_array_equal(info["final_obs"][i], end_obs[i])
        assert info["final_info"]["_metarena_episode"][i] and info["final_info"]["metarena_episode"]["length"][i] > 0
        assert info["_context"][i]  # the new episode's reset info
        assert np.all(np.abs(obs[i]) <= 0.05)
        for j in np.flatnonzero(~ended):
            assert info["final_obs"][j] is None


def test_disabled_autoreset_and_partial_reset(address):
    with metarena.make_vec("CartPole-v1", N, address=address, autoreset_mode="disabled") as envs:
        assert envs.metadata["autoreset_mode"] == metarena.AutoresetMode.DISABLED
        envs.reset(seed=3)
        envs.step(np.array([0, 1, 1, 0]))
        obs, _, terminated, truncated, _ = run_until_an_env_ends(envs)
        ended = terminated | truncated
        with pytest.raises(metarena.MetarenaError) as e:
            envs.step(np.ones(N, dtype=np.int64))
        assert e.value.code == "METARENA_RESET_NEEDED"
        new_obs, info = envs.reset(options={"reset_mask": ended})
        np.testing.assert_array_equal(new_obs[~ended], obs[~ended])
        assert info["_context"].tolist() == ended.tolist()
        envs.step(np.ones(N, dtype=np.int64))


def test_context_sampler_and_per_reset_contexts(address):
    sampler = {"kind": "uniform_scale", "low": 0.2, "high": 2.2, "features": ["length"]}
    with metarena.make_vec("CartPole-v1", 8, address=address, context_sampler=sampler) as envs:
        _, info = envs.reset(seed=0)
        lengths = info["context"]["length"]
        assert np.all((lengths >= 0.1) & (lengths <= 1.1)) and len(set(lengths.tolist())) == 8
        assert np.all(info["context"]["gravity"] == 9.8)
        _, info = envs.reset(options={"context": {"length": 0.25}})
        assert np.all(info["context"]["length"] == 0.25)
        contexts = [{"length": 0.3 + 0.1 * i} if i % 2 == 0 else None for i in range(8)]
        _, info = envs.reset(options={"contexts": contexts})
        assert info["context"]["length"][0] == 0.3 and info["context"]["length"][2] == pytest.approx(0.5)


def test_train_and_test_splits_do_not_share_contexts(address):
    common = dict(context_sampler={"kind": "uniform_scale", "low": 0.5, "high": 1.5}, split_sizes={"train": 4, "test": 4}, task_order="cycle")
    seen = {}
    for split in ("train", "test"):
        with metarena.make_vec("CartPole-v1", 4, address=address, split=split, **common) as envs:
            _, info = envs.reset(seed=0)
            seen[split] = set(info["context"]["length"].tolist())
    assert seen["train"] and seen["test"] and not (seen["train"] & seen["test"])


def test_close_frees_the_remote_envs(address):
    before = metarena.get_stats(address)
    envs = metarena.make_vec("CartPole-v1", 16, address=address)
    assert metarena.get_stats(address).envs == before.envs + 16
    envs.close()
    assert metarena.get_stats(address).envs == before.envs
    assert envs.closed


def test_an_abandoned_answer_does_not_confuse_the_next_call(address):
    """A caller interrupted while waiting (e.g. Ctrl-C) leaves an answer in flight; the next
    call skips it and gets its own."""
    from metarena.codec import step_request

    with metarena.make_vec("CartPole-v1", 2, address=address) as envs, metarena.make_vec("CartPole-v1", 2, address=address) as twin:
        envs.reset(seed=5)
        twin.reset(seed=5)
        value = envs._action_codec.encode(np.array([1, 1]), 2)
        envs._session.send_serialized(lambda request_id: step_request(request_id, envs._handle, value))  # never awaited
        twin.step(np.array([1, 1]))
        obs, *_ = envs.step(np.array([0, 0]))
        expected, *_ = twin.step(np.array([0, 0]))
        np.testing.assert_array_equal(obs, expected)
