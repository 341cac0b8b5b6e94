"""metarena/<id> in gymnasium's registry: the built-in ids match a server's, and importing
metarena registers them without contacting any server."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import metarena
from metarena.compat import gymnasium_id

from conftest import CLIENT_DIR


def test_builtin_ids_are_the_envs_of_a_server_without_plugins(address):
    assert sorted(metarena.BUILTIN_ENV_IDS) == metarena.list_envs(address).ids()


def test_import_registers_the_ids_without_contacting_a_server():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.settimeout(0.5)
        address = "127.0.0.1:%d" % listener.getsockname()[1]
        script = (
            f"import sys, json; sys.path.insert(0, {str(CLIENT_DIR)!r})\n"
            "import metarena\n"
            "try:\n    import gymnasium\n    ids = sorted(i for i in gymnasium.registry if i.startswith('metarena/'))\n"
            "except ImportError:\n    ids = None\n"
            "print(json.dumps({'ids': ids, 'have': metarena.HAVE_GYMNASIUM}))\n"
        )
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=dict(os.environ, METARENA_ADDRESS=address), check=True)
        try:
            listener.accept()
            contacted = True
        except socket.timeout:
            contacted = False
    assert not contacted
    result = json.loads(out.stdout)
    if result["have"]:
        assert result["ids"] == sorted(gymnasium_id(i) for i in metarena.BUILTIN_ENV_IDS)
    else:
        assert result["ids"] is None and metarena.register_ids(["CartPole-v1"]) == []


def test_a_namespaced_server_id_becomes_one_gymnasium_name():
    from metarena.compat import gymnasium_id, make_env_spec

    assert gymnasium_id("CartPole-v1") == "metarena/CartPole-v1"
    assert gymnasium_id("lab/Maze-v0") == "metarena/lab.Maze-v0"
    spec = make_env_spec("lab/Maze-v0", None, {"env_id": "lab/Maze-v0"})
    assert spec.id == "metarena/lab.Maze-v0" and spec.kwargs["env_id"] == "lab/Maze-v0"
    if metarena.HAVE_GYMNASIUM:
        import gymnasium

        assert (spec.namespace, spec.name, spec.version) == ("metarena", "lab.Maze", 0)
        assert metarena.register_ids(["lab/Maze-v0"]) == ["metarena/lab.Maze-v0"]
        assert gymnasium.spec("metarena/lab.Maze-v0").kwargs == {"env_id": "lab/Maze-v0"}
        del gymnasium.registry["metarena/lab.Maze-v0"]
