"""list_envs / describe_env / get_stats / describe(): plain Python objects, not protobuf messages."""
from __future__ import annotations

import pytest

import metarena
from metarena import spaces as sp


def test_unary_calls_describe_the_catalog(address):
    listing = metarena.list_envs(address)
    assert isinstance(listing, metarena.EnvCatalog)
    ids = [e.id for e in listing.envs]
    assert "CartPole-v1" in ids and ids == sorted(ids) and listing.ids() == ids
    assert "ContextObservation" in [w.id for w in listing.wrappers]
    assert all(isinstance(w.options_schema, dict) for w in listing.wrappers)
    spec = metarena.describe_env("Bandit-v0", address, args={"arms": 7})
    assert isinstance(spec, metarena.EnvDescription)
    assert spec.action_space == sp.Discrete(7) and spec.args_schema["arms"]["default"] == 5
    assert spec.max_episode_steps == 1 and type(spec.episodes_per_trial) is int
    cartpole = next(e for e in listing.envs if e.id == "CartPole-v1")
    assert cartpole.max_episode_steps == 500 and "gravity" in [f.name for f in cartpole.context_features]
    assert isinstance(metarena.get_stats(address), metarena.ServerStats)
    with pytest.raises(metarena.MetarenaError) as e:
        metarena.describe_env("Nope-v0", address)
    assert e.value.code == "METARENA_UNKNOWN_ENV" and e.value.status == "NOT_FOUND"


def test_a_made_env_describes_itself_as_made(address):
    with metarena.make_vec("Bandit-v0", 2, address=address, args={"arms": 3}, episodes_per_trial=4) as envs:
        about = envs.describe()
        assert isinstance(about, metarena.EnvDescription)
        assert about.id == "Bandit-v0" and about.action_space == sp.Discrete(3) and about.episodes_per_trial == 4
