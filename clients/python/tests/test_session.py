"""Sessions left open: a script that never closes its envs, or dies of an exception or Ctrl-C,
exits at once, and the server frees the envs. Each script runs in its own interpreter."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

import metarena

from conftest import CLIENT_DIR, ServerProcess

# Far above what exiting takes (well under a second), far below a hang.
EXIT_TIMEOUT_S = 20


def run_script(body: str, address: str, **popen) -> subprocess.Popen:
    source = f"import sys\nsys.path.insert(0, {str(CLIENT_DIR)!r})\nimport metarena\nADDRESS = {address!r}\n" + textwrap.dedent(body)
    return subprocess.Popen([sys.executable, "-c", source], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ), **popen)


def finish(proc: subprocess.Popen):
    try:
        out, err = proc.communicate(timeout=EXIT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail(f"the script did not exit within {EXIT_TIMEOUT_S} s")
    return proc.returncode, out, err


def wait_for_envs(address: str, count: int) -> int:
    """The server's env count once it is `count` (it frees envs when it sees the stream end)."""
    deadline = time.monotonic() + 5
    while True:
        envs = metarena.get_stats(address).envs
        if envs == count or time.monotonic() > deadline:
            return envs
        time.sleep(0.05)


def test_a_script_that_never_closes_exits_at_once(address):
    before = metarena.get_stats(address).envs
    code, out, err = finish(
        run_script(
            """
            env = metarena.make("CartPole-v1", address=ADDRESS)
            env.reset(seed=0)
            envs = metarena.make_vec("CartPole-v1", 3, address=ADDRESS)
            envs.reset(seed=0)
            print("made")
            """,
            address,
        )
    )
    assert (code, out.strip()) == (0, "made"), err
    assert wait_for_envs(address, before) == before


def test_a_script_that_raises_exits_at_once(address):
    before = metarena.get_stats(address).envs
    code, _, err = finish(
        run_script(
            """
            env = metarena.make("CartPole-v1", address=ADDRESS)
            env.reset(seed=0)
            raise RuntimeError("the experiment failed")
            """,
            address,
        )
    )
    assert code == 1 and "RuntimeError: the experiment failed" in err
    assert wait_for_envs(address, before) == before


def test_ctrl_c_stops_a_script_waiting_on_a_stalled_server():
    server = ServerProcess()
    try:
        proc = run_script(
            """
            env = metarena.make("CartPole-v1", address=ADDRESS, timeout=None)
            env.reset(seed=0)
            print("ready", flush=True)
            sys.stdin.readline()
            print("stepping", flush=True)
            env.step(0)  # the server is stopped: no answer comes
            """,
            server.address,
            stdin=subprocess.PIPE,
        )
        assert proc.stdout.readline().strip() == "ready"
        os.kill(server.proc.pid, signal.SIGSTOP)
        proc.stdin.write("\n")
        proc.stdin.flush()
        assert proc.stdout.readline().strip() == "stepping"
        time.sleep(0.5)  # the step is sent and waiting for its answer
        proc.send_signal(signal.SIGINT)
        code, _, err = finish(proc)
        assert code != 0 and "KeyboardInterrupt" in err
    finally:
        os.kill(server.proc.pid, signal.SIGCONT)
        server.stop()
