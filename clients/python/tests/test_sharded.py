"""metarena.make_vec over a list of addresses: one vector env spread over several real servers.

The runs over several servers are compared with one server's run bit for bit; the servers that
die are real `metarena serve` processes, killed or stopped mid-run.
"""
from __future__ import annotations

import gc
import signal
import socket
import threading
import time

import numpy as np
import pytest

import metarena
from conftest import REPO_ROOT, ServerProcess
from metarena import spaces as sp
from metarena.compat import ContextFeature
from metarena.sharded import (
    Block,
    ServerLostError,
    ShardedVectorEnv,
    ShardSpec,
    check_same_specs,
    dns_target,
    expand_addresses,
    merge_infos,
    spec_difference,
    split_blocks,
)

# The same env on two servers but for its time limit, to see the servers compared.
PLUGIN = """import corridor from {corridor!r};
export default {{ ...corridor, id: 'fixture/Shard-v0', maxEpisodeSteps: () => {limit} }};
"""


def start_servers(*argument_lists):
    """`metarena serve` processes, started at once."""
    out = [None] * len(argument_lists)
    errors = []

    def start(k, args):
        try:
            out[k] = ServerProcess(*args)
        except Exception as e:  # reported below, with the others stopped
            errors.append(e)

    threads = [threading.Thread(target=start, args=(k, args)) for k, args in enumerate(argument_lists)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        for s in out:
            if s is not None:
                s.stop()
        raise errors[0]
    return out


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """Two servers of the built-in envs, each with its own `fixture/Shard-v0` (time limit 10 vs 20)."""
    folder = tmp_path_factory.mktemp("plugins")
    corridor = (REPO_ROOT / "examples" / "corridor.ts").as_uri()
    args = []
    for limit in (10, 20):
        path = folder / f"shard-{limit}.mts"
        path.write_text(PLUGIN.format(corridor=corridor, limit=limit))
        args.append(("--plugin", str(path)))
    servers = start_servers(*args)
    yield servers
    for s in servers:
        s.stop()


@pytest.fixture()
def doomed():
    """A server of its own, for a test to kill or stop."""
    s = ServerProcess()
    yield s
    if s.proc.poll() is None:
        s.proc.send_signal(signal.SIGCONT)
        s.proc.kill()
        s.proc.wait()


def addresses(servers):
    return [s.address for s in servers]


def assert_same(a, b, path="result"):
    """Equal bit for bit: same structure, same dtypes and shapes, same bytes."""
    if isinstance(a, dict):
        assert isinstance(b, dict) and set(a) == set(b), f"{path}: keys {sorted(a)} vs {sorted(b) if isinstance(b, dict) else b!r}"
        for k in a:
            assert_same(a[k], b[k], f"{path}[{k!r}]")
    elif isinstance(a, (tuple, list)):
        assert type(a) is type(b) and len(a) == len(b), f"{path}: {a!r} vs {b!r}"
        for j, (x, y) in enumerate(zip(a, b)):
            assert_same(x, y, f"{path}[{j}]")
    elif isinstance(a, np.ndarray):
        assert isinstance(b, np.ndarray) and a.dtype == b.dtype and a.shape == b.shape, f"{path}: {a!r} vs {b!r}"
        if a.dtype == object:
            for j, (x, y) in enumerate(zip(a.tolist(), b.tolist())):
                assert_same(x, y, f"{path}[{j}]")
        else:
            assert a.tobytes() == b.tobytes(), f"{path}: {a!r} vs {b!r}"
    else:
        assert type(a) is type(b) and (a == b or (a != a and b != b)), f"{path}: {a!r} vs {b!r}"


def run(envs, calls, seed=3):
    """The results of the calls (``("reset", kwargs)`` or ``("step", None)`` with seeded random
    actions)."""
    rng = np.random.default_rng(seed)
    space = envs.single_action_space
    trace = []
    for what, kwargs in calls:
        if what == "reset":
            trace.append(envs.reset(**kwargs))
        else:
            if isinstance(space, sp.Discrete):
                actions = rng.integers(space.n, size=envs.num_envs)
            else:
                actions = rng.uniform(space.low, space.high, size=(envs.num_envs,) + space.shape).astype(space.dtype)
            trace.append((actions, envs.step(actions)))
    return trace


def steps(k):
    return [("step", None)] * k


def compare(env_id, num_envs, one_address, many_addresses, calls, **options):
    """The same calls against one server and spread over several: the same results, bit for bit."""
    with metarena.make_vec(env_id, num_envs, address=one_address, **options) as one, metarena.make_vec(env_id, num_envs, address=many_addresses, **options) as many:
        assert isinstance(many, ShardedVectorEnv) and isinstance(one, metarena.RemoteVectorEnv)
        assert [b.count for b in many.blocks] == [b.count for b in split_blocks(num_envs, len(many_addresses))]
        assert many.num_envs == num_envs
        assert many.single_observation_space == one.single_observation_space
        assert many.single_action_space == one.single_action_space
        assert many.observation_space == one.observation_space and many.action_space == one.action_space
        assert many.metadata == one.metadata and many.context_features == one.context_features
        assert many.max_episode_steps == one.max_episode_steps
        expected = run(one, calls)
        got = run(many, calls)
        assert_same(got, expected)
        return expected


# ---------------------------------------------------------------------------------------------


def test_split_blocks_gives_contiguous_blocks_of_nearly_equal_size_larger_first():
    assert split_blocks(256, 2) == [Block(0, 128), Block(128, 128)]
    assert split_blocks(7, 3) == [Block(0, 3), Block(3, 2), Block(5, 2)]
    assert split_blocks(5, 2) == [Block(0, 3), Block(3, 2)]
    assert split_blocks(2, 3) == [Block(0, 1), Block(1, 1)]
    assert split_blocks(4, 2, start=6) == [Block(6, 2), Block(8, 2)]


def test_a_run_over_two_servers_is_one_servers_run_bit_for_bit(pair):
    """CartPole-v1, 5 envs over 2 servers, next_step autoreset, ~50 random steps with short
    episodes (autoresets, metarena_episode), a context sampler, and resets with per-env seed
    lists, masks and contexts between them."""
    calls = [
        ("reset", dict(seed=11)),
        *steps(20),
        ("reset", dict(seed=[1, None, 3, None, 5], options={"reset_mask": np.array([True, False, True, True, False]), "contexts": [None, None, {"length": 0.7}, {"gravity": 5}, None]})),
        *steps(15),
        ("reset", dict(options={"context": {"masscart": 2}, "reset_mask": np.array([0, 0, 0, 1, 1])})),
        *steps(15),
    ]
    sampler = {"kind": "uniform_scale", "low": 0.5, "high": 1.5}
    trace = compare("CartPole-v1", 5, pair[0].address, addresses(pair), calls, context_sampler=sampler, max_episode_steps=8, episodes_per_trial=2)
    # the run had episodes end (with the statistics) and autoresets in both blocks
    ended = np.zeros(5, dtype=bool)
    for entry in trace:
        if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], tuple) and len(entry[1]) == 5:
            _, (_, _, terminated, truncated, info) = entry
            ended |= terminated | truncated
            if (terminated | truncated).any():
                assert info["_metarena_episode"].tolist() == (terminated | truncated).tolist()
    assert ended.all()
    # the masked reset's per-env contexts reached the envs of the second block
    masked_obs, masked_info = trace[21]
    assert masked_info["_context"].tolist() == [True, False, True, True, False]
    assert masked_info["context"]["gravity"][3] == 5 and masked_info["context"]["length"][2] == 0.7


def test_same_step_autoreset_over_three_blocks_with_the_make_seed(pair):
    """final_obs and final_info of every block; the make option seed moves with the blocks."""
    many = [pair[0].address, pair[1].address, pair[0].address]  # three sessions, three blocks
    trace = compare("Pendulum-v1", 7, pair[1].address, many, [("reset", {}), *steps(8)], autoreset_mode="same_step", max_episode_steps=3, seed=40)
    ends = [entry[1][4] for entry in trace[1:] if entry[1][4].get("_final_obs", np.zeros(1, bool)).all()]
    assert ends, "no step ended every episode"
    assert ends[0]["final_info"]["_metarena_episode"].all()


def test_reset_seeds_and_masks_follow_the_envs(pair):
    """Each block gets its slice: env i of the whole vector env is reset as env i of one server."""
    with metarena.make_vec("CartPole-v1", 5, address=addresses(pair)) as envs, metarena.make("CartPole-v1", address=pair[1].address) as single:
        obs, _ = envs.reset(seed=100)
        for i in range(5):
            alone, _ = single.reset(seed=100 + i)
            np.testing.assert_array_equal(obs[i], alone)
        again, info = envs.reset(seed=[None, None, None, 100, None], options={"reset_mask": np.array([False, False, False, True, False])})
        np.testing.assert_array_equal(again[3], obs[0])
        np.testing.assert_array_equal(again[[0, 1, 2, 4]], obs[[0, 1, 2, 4]])
        assert info["_context"].tolist() == [False, False, False, True, False]
        _, info = envs.reset(options={"contexts": [None] * 4 + [{"length": 0.9}]})
        assert info["context"]["length"].tolist() == [0.5] * 4 + [0.9]


def test_errors_name_the_env_of_the_whole_vector_env_as_one_server_does(pair):
    def failure(call):
        with pytest.raises(metarena.MetarenaError) as e:
            call()
        return (e.value.code, e.value.field, e.value.message, e.value.allowed)

    with metarena.make_vec("CartPole-v1", 5, address=pair[0].address) as one, metarena.make_vec("CartPole-v1", 5, address=addresses(pair)) as many:
        for envs in (one, many):
            envs.reset(seed=1)
        for bad, at in (([0, 1, 1, 5, 0], 3), ([0, 1, 1, 1.5, 0], 3), ([0, 0, 0, 0, -1], 4), ([7, 0, 0, 0, 1], 0)):
            expected = failure(lambda: one.step(np.array(bad)))
            assert expected[:2] == ("METARENA_INVALID_ACTION", f"actions[{at}]")
            assert failure(lambda: many.step(np.array(bad))) == expected
        expected = failure(lambda: one.step(np.zeros(4, dtype=np.int64)))
        assert failure(lambda: many.step(np.zeros(4, dtype=np.int64))) == expected
        # no env moved: the next steps are still equal
        for _ in range(3):
            assert_same(many.step(np.ones(5, dtype=np.int64)), one.step(np.ones(5, dtype=np.int64)))
        # a context the server refuses, in the second block: renumbered
        contexts = {"contexts": [None, None, None, {"gravity": -1}, None]}
        expected = failure(lambda: one.reset(options=contexts))
        assert expected[0] == "METARENA_CONTEXT_OUT_OF_BOUNDS" and expected[1] == "options.contexts[3].gravity"
        assert failure(lambda: many.reset(options=contexts)) == expected
        # reset arguments of another length, named for the whole vector env
        assert failure(lambda: many.reset(seed=[1, 2])) == failure(lambda: one.reset(seed=[1, 2]))
        assert failure(lambda: many.reset(options={"reset_mask": [True]})) == failure(lambda: one.reset(options={"reset_mask": [True]}))
        code, field, message, _ = failure(lambda: many.reset(seed=2**53 - 3))
        assert (code, field) == ("METARENA_INVALID_SEED", "seed") and "at most 9007199254740987" in message

    with metarena.make_vec("Pendulum-v1", 3, address=pair[0].address) as one, metarena.make_vec("Pendulum-v1", 3, address=addresses(pair)) as many:
        for envs in (one, many):
            envs.reset(seed=1)
        for bad in ([[0], [0], [5]], [[0], [0], [float("nan")]]):
            expected = failure(lambda: one.step(np.array(bad)))
            assert expected[1] == "actions[2][0]"
            assert failure(lambda: many.step(np.array(bad))) == expected


def test_autoreset_disabled_refuses_a_finished_env_before_any_server_steps(pair):
    with metarena.make_vec("CartPole-v1", 4, address=pair[0].address, autoreset_mode="disabled", max_episode_steps=2) as one, metarena.make_vec(
        "CartPole-v1", 4, address=addresses(pair), autoreset_mode="disabled", max_episode_steps=2
    ) as many:
        for envs in (one, many):
            envs.reset(seed=0)
            envs.step(np.zeros(4, dtype=np.int64))
            envs.step(np.zeros(4, dtype=np.int64))
        refusals = []
        for envs in (one, many):
            with pytest.raises(metarena.MetarenaError) as e:
                envs.step(np.zeros(4, dtype=np.int64))
            refusals.append((e.value.code, e.value.field, e.value.message))
        assert refusals[0][0] == "METARENA_RESET_NEEDED" and refusals[1] == refusals[0]
        assert_same(many.reset(options={"reset_mask": np.ones(4, dtype=bool)}), one.reset(options={"reset_mask": np.ones(4, dtype=bool)}))
        assert_same(many.step(np.ones(4, dtype=np.int64)), one.step(np.ones(4, dtype=np.int64)))


def test_servers_that_make_the_env_differently_are_refused(pair):
    before = [metarena.get_stats(a).envs for a in addresses(pair)]
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.make_vec("fixture/Shard-v0", 4, address=addresses(pair))
    err = e.value
    assert err.code == "METARENA_NOT_SUPPORTED" and err.field == "address[1]"
    assert f"the servers {pair[0].address} and {pair[1].address} make fixture/Shard-v0 differently (max episode steps: 10 vs 20)" in err.message
    # the envs made were freed again
    assert [metarena.get_stats(a).envs for a in addresses(pair)] == before
    # each server alone makes it
    with metarena.make_vec("fixture/Shard-v0", 2, address=[pair[1].address, pair[1].address]) as envs:
        assert envs.max_episode_steps == 20


def test_the_spec_check_names_the_field_and_both_values():
    features = (ContextFeature("length", 10.0, 2.0, 100.0, "cells"),)
    base = ShardSpec("acme/Corridor-v0", sp.Box(0, 100, shape=(1,)), sp.Discrete(2), features, 200, "next_step", 1)
    assert spec_difference(base, base) is None
    assert spec_difference(base, ShardSpec(**{**base.__dict__, "action_space": sp.Discrete(3)})) == "action space: Discrete(2) vs Discrete(3)"
    wider = ShardSpec(**{**base.__dict__, "observation_space": sp.Box(0, 101, shape=(1,))})
    assert spec_difference(base, wider).startswith("observation space: ")
    other_bounds = (ContextFeature("length", 10.0, 2.0, 50.0, "cells"),)
    assert "upper=50.0" in spec_difference(base, ShardSpec(**{**base.__dict__, "context_features": other_bounds}))
    assert spec_difference(base, ShardSpec(**{**base.__dict__, "autoreset_mode": "same_step"})) == "autoreset mode: 'next_step' vs 'same_step'"
    assert spec_difference(base, ShardSpec(**{**base.__dict__, "episodes_per_trial": 3})) == "episodes per trial: 1 vs 3"
    with pytest.raises(metarena.MetarenaError) as e:
        check_same_specs("acme/Corridor-v0", ["a:1", "b:2", "c:3"], [base, base, ShardSpec(**{**base.__dict__, "max_episode_steps": None})])
    assert e.value.code == "METARENA_NOT_SUPPORTED" and e.value.field == "address[2]"
    assert "the servers a:1 and c:3 make acme/Corridor-v0 differently (max episode steps: 200 vs None)" in e.value.message


def test_bad_addresses_options_and_unknown_envs(pair):
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.make_vec("CartPol-v1", 2, address=addresses(pair))
    assert e.value.code == "METARENA_UNKNOWN_ENV"
    for address, field in (([], "address"), ([pair[0].address, ""], "address[1]"), ([pair[0].address, 5], "address[1]")):
        with pytest.raises(metarena.MetarenaError) as e:
            metarena.make_vec("CartPole-v1", 2, address=address)
        assert (e.value.code, e.value.field) == ("METARENA_INVALID_OPTION", field)
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.make_vec("CartPole-v1", 2, address=addresses(pair), on_server_lost="retry")
    assert e.value.field == "on_server_lost" and e.value.allowed == "error, reconnect"
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.make_vec("CartPole-v1", 2, address=pair[0].address, on_server_lost="reconnect")
    assert e.value.code == "METARENA_INVALID_OPTION" and e.value.field == "on_server_lost"
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.make_vec("CartPole-v1", 3, address=addresses(pair), seed=2**53 - 2)
    assert e.value.code == "METARENA_INVALID_SEED"
    with pytest.raises(TypeError):
        metarena.make_vec("CartPole-v1", 2, address=addresses(pair), colour="blue")


def test_a_server_that_cannot_be_reached_is_named(pair):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        gone = f"127.0.0.1:{s.getsockname()[1]}"
    before = metarena.get_stats(pair[0].address).envs
    began = time.monotonic()
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.make_vec("CartPole-v1", 4, address=[pair[0].address, gone], timeout=5)
    assert time.monotonic() - began < 8
    assert e.value.code in ("METARENA_UNAVAILABLE", "METARENA_TIMEOUT") and gone in e.value.message
    assert metarena.get_stats(pair[0].address).envs == before


def test_a_killed_server_fails_that_call_and_every_later_one_naming_its_address_and_envs(pair, doomed):
    envs = metarena.make_vec("CartPole-v1", 8, address=[pair[0].address, doomed.address])
    try:
        envs.reset(seed=1)
        for _ in range(3):
            envs.step(np.zeros(8, dtype=np.int64))
        doomed.proc.kill()
        doomed.proc.wait()
        began = time.monotonic()
        with pytest.raises(ServerLostError) as e:
            envs.step(np.zeros(8, dtype=np.int64))
        assert time.monotonic() - began < 5
        err = e.value
        assert isinstance(err, metarena.MetarenaError) and err.code == "METARENA_UNAVAILABLE" and err.status == "UNAVAILABLE"
        assert f"{doomed.address} (envs 4–7)" in err.message
        assert err.envs == [4, 5, 6, 7] and [(s.address, s.envs) for s in err.servers] == [(doomed.address, (4, 5, 6, 7))]
        for call in (lambda: envs.step(np.zeros(8, dtype=np.int64)), lambda: envs.reset()):
            with pytest.raises(ServerLostError) as later:
                call()
            assert later.value is err
    finally:
        envs.close()
    assert envs.closed


def test_a_hung_server_turns_into_the_same_error_after_the_call_timeout(pair, doomed):
    envs = metarena.make_vec("CartPole-v1", 3, address=[doomed.address, pair[0].address], timeout=1.5)
    try:
        envs.reset(seed=1)
        doomed.proc.send_signal(signal.SIGSTOP)  # no answer and no broken connection
        began = time.monotonic()
        with pytest.raises(ServerLostError) as e:
            envs.step(np.zeros(3, dtype=np.int64))
        assert time.monotonic() - began < 6
        assert f"{doomed.address} (envs 0–1)" in e.value.message and "1.5 s" in e.value.message
    finally:
        envs.close()


def test_reconnect_makes_the_lost_envs_again_on_the_server_left(pair, doomed):
    n = 6
    envs = metarena.make_vec("CartPole-v1", n, address=[pair[0].address, doomed.address], on_server_lost="reconnect")
    try:
        assert envs.spec.kwargs["on_server_lost"] == "reconnect"
        envs.reset(seed=3)
        for _ in range(2):
            envs.step(np.zeros(n, dtype=np.int64))
        doomed.proc.kill()
        doomed.proc.wait()
        obs, rewards, terminated, truncated, info = envs.step(np.zeros(n, dtype=np.int64))
        assert truncated.tolist() == [False] * 3 + [True] * 3 and not terminated.any()
        assert info["_server_lost"].tolist() == [False] * 3 + [True] * 3 and info["server_lost"][3:].all()
        assert rewards.tolist() == [1, 1, 1, 0, 0, 0]
        assert {b.address for b in envs.blocks} == {pair[0].address} and sum(b.count for b in envs.blocks) == n
        # next_step: the following step is the remade envs' autoreset step (reset obs, reward 0)
        after, rewards, _, _, info = envs.step(np.zeros(n, dtype=np.int64))
        np.testing.assert_array_equal(after[3:], obs[3:])
        assert rewards[3:].tolist() == [0, 0, 0] and "server_lost" not in info
        assert info["_context"].tolist() == [False] * 3 + [True] * 3
        total = 0.0
        for _ in range(20):
            total += float(envs.step(np.zeros(n, dtype=np.int64))[1].sum())
        assert total > 0
        again, _ = envs.reset(seed=3)
        assert again.shape == (n, 4)
    finally:
        envs.close()


def test_close_frees_every_block_and_a_dropped_env_is_ended(pair):
    before = [metarena.get_stats(a).envs for a in addresses(pair)]
    envs = metarena.make_vec("CartPole-v1", 5, address=addresses(pair))
    assert [metarena.get_stats(a).envs for a in addresses(pair)] == [before[0] + 3, before[1] + 2]
    envs.close()
    envs.close()
    assert envs.closed and [metarena.get_stats(a).envs for a in addresses(pair)] == before
    with pytest.raises(metarena.MetarenaError) as e:
        envs.step(np.zeros(5, dtype=np.int64))
    assert e.value.code == "METARENA_CLOSED"
    dropped = metarena.make_vec("CartPole-v1", 5, address=addresses(pair))
    dropped.reset(seed=0)
    del dropped
    gc.collect()
    deadline = time.monotonic() + 5
    while [metarena.get_stats(a).envs for a in addresses(pair)] != before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [metarena.get_stats(a).envs for a in addresses(pair)] == before


def test_dns_entries_stand_for_every_address_the_name_resolves_to(pair):
    assert dns_target("dns:///metarena.default.svc:50051") == ("metarena.default.svc", "50051")
    assert dns_target("dns:metarena:50051") == ("metarena", "50051")
    assert dns_target("dns://8.8.8.8/metarena:50051") == ("metarena", "50051")
    assert dns_target("10.0.0.1:50051") is None
    with pytest.raises(metarena.MetarenaError, match="dns:///name:port"):
        dns_target("dns:///metarena")

    def resolve(host):
        return ["10.0.0.7", "10.0.0.3", "fd00::1", "10.0.0.3"] if host == "metarena" else []

    assert expand_addresses(["dns:///metarena:50051", "other:1"], resolve=resolve) == ["10.0.0.3:50051", "10.0.0.7:50051", "[fd00::1]:50051", "other:1"]
    with pytest.raises(metarena.MetarenaError, match="resolves to no address") as e:
        expand_addresses(["dns:///nothing:1"], resolve=resolve)
    assert e.value.code == "METARENA_UNAVAILABLE"
    with pytest.raises(metarena.MetarenaError) as e:
        expand_addresses(["dns:///metarena:1"], resolve=resolve, tls=True)
    assert e.value.code == "METARENA_NOT_SUPPORTED"
    port = pair[0].address.rsplit(":", 1)[1]
    with metarena.make_vec("CartPole-v1", 3, address=[f"dns:127.0.0.1:{port}", pair[1].address]) as envs:
        assert [b.address for b in envs.blocks] == [f"127.0.0.1:{port}", pair[1].address]
        obs, _ = envs.reset(seed=1)
        assert obs.shape == (3, 4)


def test_merging_the_blocks_infos_gives_one_vector_envs_layout():
    a = {"x": np.array([1.0, 2.0]), "_x": np.array([True, False]), "name": np.array(["p", None], dtype=object), "_name": np.array([True, False]), "nested": {"k": np.array([1, 2])}, "_nested": np.array([True, True])}
    b = {"x": np.array([3, 4]), "_x": np.array([False, True]), "flag": np.array([True]), "_flag": np.array([True])}
    merged = merge_infos([(Block(0, 2), a), (Block(2, 2), {k: v for k, v in b.items() if k != "flag" and k != "_flag"}), (Block(4, 1), {"flag": np.array([True]), "_flag": np.array([True])})], 5)
    # float64 in one block and int64 in another: each env's value as reported
    assert merged["x"].dtype == object and merged["x"].tolist() == [1.0, None, None, 4, None]
    assert merged["_x"].tolist() == [True, False, False, True, False]
    assert merged["name"].tolist() == ["p", None, None, None, None] and merged["_name"].tolist() == [True, False, False, False, False]
    assert merged["nested"]["k"].tolist() == [1, 2, 0, 0, 0] and merged["_nested"].tolist() == [True, True, False, False, False]
    assert merged["flag"].dtype == bool and merged["flag"].tolist() == [False] * 4 + [True] and merged["_flag"].tolist() == [False] * 4 + [True]
    # a key every env of one block reported without a mask, and another block not at all
    merged = merge_infos([(Block(0, 1), {"y": np.array([2.5])}), (Block(1, 2), {})], 3)
    assert merged["y"].tolist() == [2.5, 0, 0] and merged["_y"].tolist() == [True, False, False]


def test_gymnasium_sees_a_vector_env_and_makes_it_again_from_its_spec(pair):
    gym = pytest.importorskip("gymnasium")
    envs = gym.wrappers.vector.RecordEpisodeStatistics(metarena.make_vec("CartPole-v1", 4, address=addresses(pair)))
    try:
        assert isinstance(envs.unwrapped, gym.vector.VectorEnv)
        envs.reset(seed=1)
        envs.action_space.seed(1)
        finished = 0
        for _ in range(200):
            _, _, _, _, infos = envs.step(envs.action_space.sample())
            if "episode" in infos:
                ended = infos["_episode"]
                assert ended.tolist() == infos["_metarena_episode"].tolist()
                np.testing.assert_array_equal(infos["episode"]["l"][ended], infos["metarena_episode"]["length"][ended])
                finished += int(ended.sum())
        assert finished > 4
        again = gym.make_vec(envs.unwrapped.spec)
        try:
            assert isinstance(again, ShardedVectorEnv) and again.num_envs == 4 and again.addresses == addresses(pair)
        finally:
            again.close()
    finally:
        envs.close()
