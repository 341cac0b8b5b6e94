"""Wire encoding without a server: specs, batches, hand-built step requests, info layout."""
from __future__ import annotations

import math

import numpy as np
import pytest

from metarena import spaces as sp
from metarena._proto import metarena_pb2 as pb
from metarena.codec import BatchCodec, build_make, decode_info, fill_reset, from_wire_json, step_request, to_wire_json, unbatch_info
from metarena.errors import MetarenaError


def box_msg(low, high, shape, dtype=pb.DTYPE_FLOAT32):
    return pb.Space(box=pb.BoxSpace(shape=shape, dtype=dtype, low=low, high=high))


def test_box_spec_keeps_infinities_and_dtype():
    space = sp.space_from_proto(box_msg([-1.0, -math.inf], [1.0, math.inf], [2]))
    assert isinstance(space, sp.Box)
    assert space.dtype == np.float32 and space.shape == (2,)
    assert space.low[1] == -np.inf and space.high[1] == np.inf
    assert not space.is_bounded() and space.is_bounded("below") is False
    sample = space.sample()
    assert sample.dtype == np.float32 and sample in space
    assert np.array([2.0, 0.0], dtype=np.float32) not in space


def test_dict_spec_keeps_wire_order_and_nests():
    msg = pb.Space(
        dict=pb.DictSpace(
            entries=[
                pb.DictSpaceEntry(key="obs", space=box_msg([0.0], [1.0], [1])),
                pb.DictSpaceEntry(key="context", space=pb.Space(tuple=pb.TupleSpace(spaces=[pb.Space(discrete=pb.DiscreteSpace(n=3, start=1))]))),
            ]
        )
    )
    space = sp.space_from_proto(msg)
    assert list(space.spaces) == ["obs", "context"]
    assert isinstance(space["context"], sp.Tuple)
    assert space["context"][0] == sp.Discrete(3, start=1)
    x = space.sample()
    assert x in space and 1 <= x["context"][0] <= 3


def test_batch_space_follows_gymnasium_layout():
    assert sp.batch_space(sp.Discrete(4, start=2), 3) == sp.MultiDiscrete([4, 4, 4], start=[2, 2, 2])
    boxes = sp.batch_space(sp.Box(-np.inf, 1.0, shape=(2,)), 3)
    assert boxes.shape == (3, 2) and boxes.dtype == np.float32 and np.all(boxes.low == -np.inf)
    md = sp.batch_space(sp.MultiDiscrete([2, 5]), 4)
    assert isinstance(md, sp.Box) and md.shape == (4, 2) and md.high[0, 1] == 4
    mb = sp.batch_space(sp.MultiBinary(3), 2)
    assert mb.shape == (2, 3) and mb.dtype == np.int8


def test_discrete_and_multidiscrete_elements_are_int64():
    assert isinstance(sp.Discrete(3).sample(), np.int64)
    assert sp.MultiDiscrete([2, 3], start=[1, 1]).sample().dtype == np.int64
    assert sp.Discrete(3, start=-1).contains(-1) and not sp.Discrete(3, start=-1).contains(2)
    s = sp.Discrete(5, seed=7)
    first = [s.sample() for _ in range(5)]
    s.seed(7)
    assert [s.sample() for _ in range(5)] == first


def test_step_request_bytes_parse_as_the_protobuf_message():
    codec = BatchCodec(sp.Box(-1.0, 1.0, shape=(2, 3)))
    actions = np.arange(24, dtype=np.float64).reshape(4, 2, 3) / 100
    raw = step_request(300, 7, codec.encode(actions, 4))
    req = pb.Request.FromString(raw)
    assert req.id == 300 and req.WhichOneof("payload") == "step"
    assert req.step.env_handle == 7
    t = req.step.actions.tensor
    assert t.dtype == pb.DTYPE_FLOAT32 and list(t.shape) == [4, 2, 3]
    np.testing.assert_array_equal(np.frombuffer(t.data, "<f4").reshape(4, 2, 3), actions.astype(np.float32))


def test_nested_actions_encode_in_key_order():
    space = sp.Dict([("b", sp.Discrete(3)), ("a", sp.Tuple([sp.MultiBinary(2), sp.MultiDiscrete([4])]))])
    codec = BatchCodec(space)
    value = pb.Value.FromString(codec.encode({"a": (np.array([[0, 1], [1, 1]]), np.array([[3], [2]])), "b": np.array([2, 0])}, 2))
    assert [e.key for e in value.dict.entries] == ["b", "a"]
    b = value.dict.entries[0].value.tensor
    assert b.dtype == pb.DTYPE_INT32 and np.frombuffer(b.data, "<i4").tolist() == [2, 0]
    mb, md = value.dict.entries[1].value.tuple.items
    assert list(mb.tensor.shape) == [2, 2] and np.frombuffer(md.tensor.data, "<i4").tolist() == [3, 2]


def test_integer_actions_out_of_int32_range_are_not_wrapped():
    codec = BatchCodec(sp.Discrete(2))
    t = pb.Value.FromString(codec.encode(np.array([0, 2**33]), 2)).tensor
    # sent as float64 so the server sees the real value and refuses it
    assert t.dtype == pb.DTYPE_FLOAT64 and np.frombuffer(t.data, "<f8")[1] == 2**33


def test_action_batch_of_wrong_size_is_refused_locally():
    codec = BatchCodec(sp.Box(-1.0, 1.0, shape=(3,)))
    with pytest.raises(MetarenaError) as e:
        codec.encode(np.zeros((4, 2)), 4)
    assert e.value.code == "METARENA_INVALID_ACTION" and "(4, 3)" in e.value.allowed


def test_wire_json_round_trips_non_finite_numbers_and_typed_arrays():
    text = to_wire_json({"x": [math.inf, -math.inf, 1.5], "y": np.float32(2.0), "z": np.arange(3)})
    assert '"$num":"Infinity"' in text
    assert from_wire_json(text) == {"x": [math.inf, -math.inf, 1.5], "y": 2.0, "z": [0, 1, 2]}
    typed = from_wire_json('{"$typed": "Float32Array", "data": [1, 2]}')
    assert typed.dtype == np.float32 and typed.tolist() == [1.0, 2.0]
    assert math.isnan(from_wire_json('{"$num": "NaN"}'))


def column(values, mask, dtype=pb.DTYPE_FLOAT64):
    np_dtype = {pb.DTYPE_FLOAT64: "<f8", pb.DTYPE_BOOL: "u1"}[dtype]
    return pb.Column(
        tensor=pb.Tensor(dtype=dtype, shape=[len(values)], data=np.asarray(values, dtype=np_dtype).tobytes()),
        mask=pb.Tensor(dtype=pb.DTYPE_UINT8, shape=[len(mask)], data=np.asarray(mask, dtype=np.uint8).tobytes()),
    )


def test_info_decodes_to_gymnasium_vector_layout():
    obs_space = sp.Box(-1.0, 1.0, shape=(2,))
    obs_codec = BatchCodec(obs_space)
    info = pb.Info(
        context=pb.Column(info=pb.Info(extra=[pb.Column(key="gravity", **{f: getattr(column([9.8, 0, 3.0], [1, 0, 1]), f) for f in ("tensor", "mask")})]), mask=column([0], [1, 0, 1]).mask),
        final_obs=pb.Column(
            batch=pb.Value(tensor=pb.Tensor(dtype=pb.DTYPE_FLOAT32, shape=[3, 2], data=np.array([[0, 0], [0.5, -0.5], [0, 0]], dtype="<f4").tobytes())),
            mask=column([0], [0, 1, 0]).mask,
        ),
        extra=[pb.Column(key="flag", **{f: getattr(column([1, 0, 0], [1, 1, 0], pb.DTYPE_BOOL), f) for f in ("tensor", "mask")}), pb.Column(key="note", json='["a", null, {"$num": "Infinity"}]')],
    )
    out = decode_info(info, obs_codec, 3)
    assert out["_context"].dtype == bool and out["_context"].tolist() == [True, False, True]
    assert out["context"]["gravity"].dtype == np.float64 and out["context"]["gravity"][2] == 3.0
    assert out["final_obs"].dtype == object and out["final_obs"][0] is None
    np.testing.assert_array_equal(out["final_obs"][1], np.array([0.5, -0.5], dtype=np.float32))
    assert out["flag"].dtype == bool and out["_flag"].tolist() == [True, True, False]
    assert out["note"].dtype == object and out["note"][2] == math.inf and "_note" not in out
    second = unbatch_info(out, 1)
    assert set(second) == {"flag", "note", "final_obs"} and second["flag"] is False and second["note"] is None
    single = unbatch_info(out, 0)
    assert single["context"] == {"gravity": 9.8} and single["flag"] is True and "final_obs" not in single


def sparse(indices, tensor=None, **data):
    idx = pb.Tensor(dtype=pb.DTYPE_INT32, shape=[len(indices)], data=np.asarray(indices, dtype="<i4").tobytes())
    return pb.Column(indices=idx, tensor=tensor, **data)


def test_sparse_info_columns_decode_to_the_dense_layout():
    n = 6
    obs_codec = BatchCodec(sp.Box(-1.0, 1.0, shape=(2,)))
    g = pb.Tensor(dtype=pb.DTYPE_FLOAT64, shape=[2], data=np.array([9.8, 3.0], dtype="<f8").tobytes())
    flag = pb.Tensor(dtype=pb.DTYPE_BOOL, shape=[2], data=np.array([1, 0], dtype="u1").tobytes())
    obs = pb.Value(tensor=pb.Tensor(dtype=pb.DTYPE_FLOAT32, shape=[1, 2], data=np.array([[0.5, -0.5]], dtype="<f4").tobytes()))
    info = pb.Info(
        context=sparse([1, 4], info=pb.Info(extra=[sparse([1, 4], g, key="gravity")])),
        final_obs=sparse([5], batch=obs),
        extra=[sparse([0, 2], flag, key="flag"), sparse([3], key="note", json='["x"]')],
    )
    out = decode_info(info, obs_codec, n)
    assert out["_context"].tolist() == [False, True, False, False, True, False]
    assert out["context"]["gravity"].tolist() == [0, 9.8, 0, 0, 3.0, 0]
    assert out["context"]["_gravity"].tolist() == out["_context"].tolist()
    assert out["flag"].dtype == bool and out["flag"].tolist() == [True, False, False, False, False, False]
    assert out["_flag"].tolist() == [True, False, True, False, False, False]
    assert out["final_obs"][5].tolist() == [0.5, -0.5] and out["final_obs"][0] is None
    assert out["note"].tolist() == [None, None, None, "x", None, None]
    assert unbatch_info(out, 4) == {"context": {"gravity": 3.0}}
    with pytest.raises(MetarenaError, match="ascending env indices"):
        decode_info(pb.Info(extra=[sparse([3, 1], g, key="g")]), obs_codec, n)
    with pytest.raises(MetarenaError, match="3 entries for 2 indices|2 entries for 3 indices"):
        decode_info(pb.Info(extra=[sparse([0, 1, 2], g, key="g")]), obs_codec, n)


def test_make_request_carries_every_option():
    m = build_make(
        "CartPole-v1",
        4,
        {
            "args": {"x": 1},
            "seed": 5,
            "context": {"length": 0.8},
            "context_sampler": {"kind": "uniform_scale", "low": 0.2, "high": 2.2},
            "split": "test",
            "split_sizes": {"train": 10},
            "task_order": "cycle",
            "episodes_per_trial": 3,
            "max_episode_steps": 0,
            "wrappers": [{"id": "ContextObservation", "mode": "dict"}],
            "autoreset_mode": "same_step",
        },
    )
    assert m.env_id == "CartPole-v1" and m.num_envs == 4 and m.seed == 5
    assert from_wire_json(m.args_json) == {"x": 1} and dict(m.context) == {"length": 0.8}
    assert m.context_sampler.kind == "uniform_scale" and from_wire_json(m.context_sampler.params_json) == {"low": 0.2, "high": 2.2}
    assert m.split == pb.SPLIT_TEST and m.split_sizes.train == 10 and not m.split_sizes.HasField("test")
    assert m.task_order == pb.TASK_ORDER_CYCLE and m.episodes_per_trial == 3
    assert m.HasField("max_episode_steps") and m.max_episode_steps == 0
    assert m.wrappers[0].id == "ContextObservation" and from_wire_json(m.wrappers[0].options_json) == {"mode": "dict"}
    assert m.autoreset_mode == pb.AUTORESET_MODE_SAME_STEP
    with pytest.raises(MetarenaError) as e:
        build_make("CartPole-v1", 1, {"split": "validation"})
    assert e.value.code == "METARENA_INVALID_OPTION" and e.value.field == "split"


def test_reset_request_seeds_masks_and_contexts():
    r = pb.ResetRequest()
    fill_reset(r, 3, [1, None, 3], {"reset_mask": np.array([True, False, True]), "contexts": [{"length": 1.0}, None, None]})
    assert [s.HasField("seed") for s in r.seeds] == [True, False, True] and r.seeds[2].seed == 3
    assert list(r.mask) == [True, False, True]
    assert r.contexts[0].HasField("context") and not r.contexts[1].HasField("context")
    with pytest.raises(MetarenaError) as e:
        fill_reset(pb.ResetRequest(), 3, None, {"mask": [True] * 3})
    assert e.value.field == "options.mask" and "reset_mask" in e.value.allowed
    with pytest.raises(MetarenaError) as e:
        fill_reset(pb.ResetRequest(), 3, -1, None)
    assert e.value.code == "METARENA_INVALID_SEED"


def test_committed_message_classes_are_current(tmp_path):
    """gen_proto.sh regenerates metarena_pb2.py byte for byte from the proto."""
    import subprocess
    from pathlib import Path

    client = Path(__file__).resolve().parents[1]
    subprocess.run(["bash", str(client / "gen_proto.sh"), str(tmp_path)], check=True, timeout=60)
    committed = (client / "metarena" / "_proto" / "metarena_pb2.py").read_bytes()
    assert (tmp_path / "metarena_pb2.py").read_bytes() == committed
