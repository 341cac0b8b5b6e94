"""Stable-Baselines3 PPO on CartPole-v1 with rl-zoo's settings, through the metarena client or on
Gymnasium's own CartPole, timed.

    python3 clients/python/bench_sb3.py --backend metarena --address 127.0.0.1:50051
    python3 clients/python/bench_sb3.py --backend gymnasium
        [--timesteps 100000] [--seed 0] [--eval-episodes 20]

Needs gymnasium (< 1.1) and stable_baselines3 importable. Trains PPO (rl-zoo's CartPole-v1
hyperparameters, ``PPO_SETTINGS``; torch on one thread) on 8 envs: for ``metarena`` one remote
vector env (``metarena.sb3.make_vec_env``), for ``gymnasium`` SB3's ``make_vec_env`` (a
DummyVecEnv of Gymnasium's CartPole). Then evaluates the deterministic policy on the same
backend and prints one JSON line: ``train_seconds`` (wall-clock of ``learn``), ``mean_return``,
``solved`` (mean return >= 475, CartPole-v1's threshold), and the settings.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# rl-zoo (hyperparams/ppo.yml), CartPole-v1; learning_rate and clip_range are lin_0.001, lin_0.2
PPO_SETTINGS = {
    "n_envs": 8,
    "n_timesteps": 100_000,
    "n_steps": 32,
    "batch_size": 256,
    "gae_lambda": 0.8,
    "gamma": 0.98,
    "n_epochs": 20,
    "ent_coef": 0.0,
    "learning_rate": 0.001,
    "clip_range": 0.2,
}
# CartPole-v1's reward threshold
SOLVED_RETURN = 475.0


def linear(start: float):
    """rl-zoo's lin_<start>: falls linearly from start to 0 over training."""
    return lambda progress_remaining: progress_remaining * start


def make_envs(backend: str, n_envs: int, address: str, seed: int):
    if backend == "metarena":
        from metarena.sb3 import make_vec_env

        venv = make_vec_env("CartPole-v1", n_envs, address=address)
        venv.seed(seed)
        return venv
    from stable_baselines3.common.env_util import make_vec_env as sb3_make_vec_env

    return sb3_make_vec_env("CartPole-v1", n_envs=n_envs, seed=seed)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["metarena", "gymnasium"], required=True)
    parser.add_argument("--address", default=None, help="host:port of the server's gRPC face (metarena)")
    parser.add_argument("--timesteps", type=int, default=PPO_SETTINGS["n_timesteps"])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--eval-episodes", type=int, default=20)
    args = parser.parse_args(argv)

    import torch
    from stable_baselines3 import PPO
    from stable_baselines3.common.evaluation import evaluate_policy

    torch.set_num_threads(1)
    s = PPO_SETTINGS
    venv = make_envs(args.backend, s["n_envs"], args.address, args.seed)
    try:
        model = PPO(
            "MlpPolicy",
            venv,
            n_steps=s["n_steps"],
            batch_size=s["batch_size"],
            gae_lambda=s["gae_lambda"],
            gamma=s["gamma"],
            n_epochs=s["n_epochs"],
            ent_coef=s["ent_coef"],
            learning_rate=linear(s["learning_rate"]),
            clip_range=linear(s["clip_range"]),
            seed=args.seed,
            device="cpu",
        )
        start = time.perf_counter()
        model.learn(total_timesteps=args.timesteps)
        train_seconds = time.perf_counter() - start
    finally:
        venv.close()
    eval_env = make_envs(args.backend, 4, args.address, args.seed + 1000)
    try:
        mean_return, std_return = evaluate_policy(model, eval_env, n_eval_episodes=args.eval_episodes, deterministic=True)
    finally:
        eval_env.close()
    print(
        json.dumps(
            {
                "backend": args.backend,
                "timesteps": model.num_timesteps,
                "train_seconds": round(train_seconds, 2),
                "steps_per_s": round(model.num_timesteps / train_seconds),
                "mean_return": round(float(mean_return), 1),
                "std_return": round(float(std_return), 1),
                "solved": bool(mean_return >= SOLVED_RETURN),
                "seed": args.seed,
                "settings": {**s, "learning_rate": f"lin_{s['learning_rate']}", "clip_range": f"lin_{s['clip_range']}", "torch_threads": 1},
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
