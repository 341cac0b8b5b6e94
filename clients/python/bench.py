"""Throughput of the Python client against a running metarena server.

    python3 clients/python/bench.py --address 127.0.0.1:50051 [--env CartPole-v1]
        [--num-envs 256] [--seconds 3]

Steps a vector env of --num-envs envs with random actions (drawn up front, so the agent costs
nothing) for about --seconds after a warm-up, and prints one JSON line:
{"python_vec256_steps_per_s": ...} (the key names the number of envs), plus the details.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import metarena  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--address", default="127.0.0.1:50051", help="host:port of the server's gRPC face")
    parser.add_argument("--env", default="CartPole-v1")
    parser.add_argument("--num-envs", type=int, default=256)
    parser.add_argument("--seconds", type=float, default=3.0, help="measuring time after the warm-up")
    parser.add_argument("--token", default=os.environ.get("METARENA_TOKEN"))
    args = parser.parse_args(argv)

    envs = metarena.make_vec(args.env, args.num_envs, address=args.address, token=args.token)
    try:
        envs.reset(seed=0)
        envs.action_space.seed(0)
        actions = [envs.action_space.sample() for _ in range(64)]
        for t in range(50):  # warm-up
            envs.step(actions[t % len(actions)])
        steps = 0
        start = time.perf_counter()
        deadline = start + args.seconds
        while True:
            for t in range(50):
                envs.step(actions[t % len(actions)])
            steps += 50
            now = time.perf_counter()
            if now >= deadline:
                break
        elapsed = now - start
    finally:
        envs.close()
    rate = steps * args.num_envs / elapsed
    print(
        json.dumps(
            {
                f"python_vec{args.num_envs}_steps_per_s": round(rate),
                "env": args.env,
                "num_envs": args.num_envs,
                "round_trips_per_s": round(steps / elapsed),
                "seconds": round(elapsed, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
