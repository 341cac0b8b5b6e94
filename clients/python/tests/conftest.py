"""Fixtures: real metarena servers started from the repository root, stopped at teardown."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

CLIENT_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = CLIENT_DIR.parents[1]
sys.path.insert(0, str(CLIENT_DIR))

LISTENING = re.compile(r"metarena listening grpc=(\S+) ws=(\S+)")
START_TIMEOUT_S = 60


class ServerProcess:
    """A `metarena serve` child process on free loopback ports."""

    def __init__(self, *extra_args: str) -> None:
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("node is not on PATH: the tests need it to start a metarena server")
        env = {k: v for k, v in os.environ.items() if k != "METARENA_TOKEN"}
        self.proc = subprocess.Popen(
            [node, "bin/metarena.js", "serve", "--grpc", "127.0.0.1:0", "--ws", "127.0.0.1:0", *extra_args],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.stderr: list = []
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        self.address = self._wait_listening()

    def _drain_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.stderr.append(line)

    def _wait_listening(self) -> str:
        found: dict = {}
        ready = threading.Event()

        def read() -> None:
            assert self.proc.stdout is not None
            for line in self.proc.stdout:
                m = LISTENING.search(line)
                if m and not ready.is_set():
                    found["grpc"] = m.group(1)
                    ready.set()
            ready.set()  # the server exited

        threading.Thread(target=read, daemon=True).start()
        ready.wait(START_TIMEOUT_S)
        if "grpc" not in found:
            self.stop()
            raise RuntimeError("metarena serve did not print its listening line; stderr:\n" + "".join(self.stderr))
        return found["grpc"]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="session")
def server():
    s = ServerProcess()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def address(server) -> str:
    return server.address


@pytest.fixture(scope="session")
def token_server():
    s = ServerProcess("--token", "sesame")
    yield s
    s.stop()
