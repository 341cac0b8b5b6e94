"""``metarena/<id>`` ids in gymnasium's registry.

``import metarena`` registers the envs every metarena server has built in (``BUILTIN_ENV_IDS``,
known here without asking a server, so importing stays fast and offline), each with
``metarena.make`` as its entry point and ``metarena.make_vec`` as its vector entry point:

    gymnasium.make("metarena/CartPole-v1", address="127.0.0.1:50051")
    gymnasium.make_vec("metarena/CartPole-v1", num_envs=8)       # address from $METARENA_ADDRESS

Envs of plugins a server loads are registered with ``register_envs(address)``, which asks that
server for its ids. No time limit is registered: the server truncates episodes itself.
"""
from __future__ import annotations

from typing import Iterable, List, Optional

from .compat import HAVE_GYMNASIUM, gymnasium_id

# The envs of a server started without plugins (`metarena envs`), in its order.
BUILTIN_ENV_IDS = (
    "CartPole-v1",
    "Pendulum-v1",
    "Acrobot-v1",
    "MountainCar-v0",
    "MountainCarContinuous-v0",
    "Bandit-v0",
    "TabularMDP-v0",
    "GridNavi-v0",
    "CliffWalking-v0",
    "HalfCheetah-v0",
    "Hopper-v0",
    "Walker2d-v0",
    "Swimmer-v0",
    "Ant-v0",
    "InvertedPendulum-v0",
    "PointRobot-v0",
    "PointRobotSparse-v0",
    "Toy-v0",
    # learned synthetic environments of the envs above (a random SE without `model`)
    "Synthetic/CartPole-v1",
    "Synthetic/Pendulum-v1",
    "Synthetic/Acrobot-v1",
    "Synthetic/MountainCar-v0",
    "Synthetic/MountainCarContinuous-v0",
    "Synthetic/HalfCheetah-v0",
    "Synthetic/Hopper-v0",
    "Synthetic/Walker2d-v0",
    "Synthetic/Swimmer-v0",
    "Synthetic/Ant-v0",
    "Synthetic/InvertedPendulum-v0",
    "Synthetic/PointRobot-v0",
    "Synthetic/PointRobotSparse-v0",
    "Synthetic/Toy-v0",
)


def register_ids(env_ids: Iterable[str]) -> List[str]:
    """Registers ``metarena/<id>`` for each server env id not registered yet; returns the
    gymnasium ids registered now. Without gymnasium there is no registry: returns []."""
    if not HAVE_GYMNASIUM:
        return []
    import gymnasium

    added = []
    for env_id in env_ids:
        name = gymnasium_id(env_id)
        if name in gymnasium.registry:
            continue
        gymnasium.register(id=name, entry_point="metarena:make", vector_entry_point="metarena:make_vec", kwargs={"env_id": env_id})
        added.append(name)
    return added


def register_envs(address: Optional[str] = None, **call_options) -> List[str]:
    """Registers every env the server at ``address`` lists (plugins' envs included); returns the
    gymnasium ids registered now. ``call_options``: token, timeout, credentials."""
    from . import list_envs

    return register_ids(list_envs(address, **call_options).ids())
