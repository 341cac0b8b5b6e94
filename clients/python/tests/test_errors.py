"""Failures come back as MetarenaError with a stable code, and no call hangs."""
from __future__ import annotations

import socket
import threading
import time

import numpy as np
import pytest

import metarena


def test_unknown_env_is_not_found(address):
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.make("CartPol-v1", address=address)
    assert e.value.code == "METARENA_UNKNOWN_ENV" and e.value.status == "NOT_FOUND"
    assert "CartPole-v1" in e.value.message  # the closest id is suggested


def test_bad_context_names_the_feature(address):
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.make("CartPole-v1", address=address, context={"length": -1.0})
    assert e.value.code == "METARENA_CONTEXT_OUT_OF_BOUNDS" and e.value.status == "INVALID_ARGUMENT"
    assert e.value.field == "context.length" and e.value.allowed
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.make("CartPole-v1", address=address, context={"colour": 1.0})
    assert e.value.code == "METARENA_UNKNOWN_CONTEXT_FEATURE"
    with metarena.make("CartPole-v1", address=address) as env:
        with pytest.raises(metarena.MetarenaError) as e:
            env.reset(seed=0, options={"context": {"length": 1e9}})
        assert e.value.status == "INVALID_ARGUMENT" and "length" in e.value.field


def test_bad_actions_are_refused_and_the_session_goes_on(address):
    with metarena.make_vec("CartPole-v1", 3, address=address) as envs:
        envs.reset(seed=0)
        with pytest.raises(metarena.MetarenaError) as e:
            envs.step(np.array([0, 5, 1]))
        assert e.value.code == "METARENA_INVALID_ACTION" and e.value.status == "INVALID_ARGUMENT"
        with pytest.raises(metarena.MetarenaError) as e:
            envs.step(np.array([0, 1]))  # one action short: refused before sending
        assert e.value.code == "METARENA_INVALID_ACTION"
        with pytest.raises(metarena.MetarenaError) as e:
            envs.step(np.array([0.5, 1.0, 0.0]))
        assert e.value.code == "METARENA_INVALID_ACTION"
        with pytest.raises(metarena.MetarenaError) as e:
            envs.step(np.array([[0], [1], [1]]))  # the right count in the wrong shape
        assert e.value.code == "METARENA_INVALID_ACTION" and e.value.allowed == "shape (3,)"
        envs.step(np.array([0, 1, 1]))


def test_actions_of_the_wrong_shape_are_refused(address):
    with metarena.make_vec("HalfCheetah-v0", 2, address=address) as envs:
        envs.reset(seed=0)
        for shape in [(6, 2), (12,), (2, 6, 1)]:
            with pytest.raises(metarena.MetarenaError) as e:
                envs.step(np.zeros(shape, dtype=np.float32))
            assert e.value.code == "METARENA_INVALID_ACTION" and e.value.allowed == "shape (2, 6)"
        _, rewards, _, _, _ = envs.step(np.zeros((2, 6), dtype=np.float32))
        assert rewards.shape == (2,)


def test_unknown_options_are_named(address):
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.make_vec("CartPole-v1", 2, address=address, autoreset_mode="sometimes")
    assert e.value.code == "METARENA_INVALID_OPTION" and "same_step" in e.value.allowed
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.make("CartPole-v1", address=address, wrappers=[{"id": "NoSuchWrapper"}])
    assert e.value.code == "METARENA_UNKNOWN_WRAPPER"
    with pytest.raises(TypeError):
        metarena.make("CartPole-v1", address=address, colour="blue")


def test_unreachable_server_is_unavailable():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    start = time.monotonic()
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.make("CartPole-v1", address=f"127.0.0.1:{port}", timeout=10)
    assert e.value.code == "METARENA_UNAVAILABLE" and f"127.0.0.1:{port}" in e.value.message
    assert time.monotonic() - start < 5


def test_a_silent_server_times_out_instead_of_hanging():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    accepted = []

    def accept() -> None:  # accepts and never answers
        try:
            while True:
                accepted.append(listener.accept()[0])
        except OSError:
            pass

    threading.Thread(target=accept, daemon=True).start()
    try:
        start = time.monotonic()
        with pytest.raises(metarena.MetarenaTimeoutError) as e:
            metarena.make("CartPole-v1", address="127.0.0.1:%d" % listener.getsockname()[1], timeout=0.5)
        elapsed = time.monotonic() - start
        assert e.value.code == "METARENA_TIMEOUT" and isinstance(e.value, TimeoutError)
        assert 0.5 <= elapsed < 3
        with pytest.raises(metarena.MetarenaTimeoutError):
            metarena.get_stats("127.0.0.1:%d" % listener.getsockname()[1], timeout=0.3)
    finally:
        listener.close()
        for c in accepted:
            c.close()


def test_timeout_option_is_checked():
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.make("CartPole-v1", timeout=-1)
    assert e.value.field == "timeout"


def test_token_is_required_when_the_server_has_one(token_server):
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.make("CartPole-v1", address=token_server.address)
    assert e.value.code == "METARENA_UNAUTHENTICATED"
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.get_stats(token_server.address, token="wrong")
    assert e.value.code == "METARENA_UNAUTHENTICATED"
    with metarena.make("CartPole-v1", address=token_server.address, token="sesame") as env:
        obs, _ = env.reset(seed=0)
        assert obs.shape == (4,)
    assert metarena.get_stats(token_server.address, token="sesame").sessions_total >= 1
