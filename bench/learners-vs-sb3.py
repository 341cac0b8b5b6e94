"""The Stable-Baselines3 / PyTorch side of bench/learners-vs-sb3.bench.ts.

Each mode measures one figure with the settings the TypeScript side uses and prints one JSON
object on stdout. PyTorch runs on one CPU thread (torch.set_num_threads(1)).

  offpolicy  SAC or TD3 on Gymnasium's Pendulum-v1, [256, 256], batch 256, one update per env
             step: env steps (= updates) per second after learning starts, warm-up excluded
  dqn        DQN on CartPole-v1 with rl-zoo's settings: gradient updates per second
  dqn-stepwise
             DQN on CartPole-v1 with one update per env step, the settings (--settings, JSON
             in the TypeScript learner's names) of metarena evolve's SE inner agent: updates per
             second after --warmup steps (SB3's DQN: Huber loss, no Double DQN target, and a
             gradient-norm clip it always applies, set to 1e10)
  ppo        PPO on CartPole-v1 with rl-zoo's settings: training seconds until a greedy
             evaluation (20 episodes) averages >= 475, evaluation time excluded
  gru        one BPTT minibatch of a GRU-64 (torch.nn.GRU) with linear heads and an Adam step
  matmul     one 256x256 by 256x256 float32 matrix product (torch.mm)

Run with SB3 2.4.1 and Gymnasium 1.0.0 on PYTHONPATH.
"""
import argparse
import json
import time

import numpy as np
import torch

torch.set_num_threads(1)


class Clock:
    """Wall-clock between two marks, with pauses."""

    def __init__(self):
        self.total = 0.0
        self.started = None

    def start(self):
        self.started = time.perf_counter()

    def stop(self):
        if self.started is not None:
            self.total += time.perf_counter() - self.started
            self.started = None


def offpolicy(args):
    import gymnasium as gym
    from stable_baselines3 import SAC, TD3
    from stable_baselines3.common.callbacks import BaseCallback

    env = gym.make("Pendulum-v1")
    algo = {"sac": SAC, "td3": TD3}[args.algo]
    model = algo(
        "MlpPolicy",
        env,
        policy_kwargs={"net_arch": [256, 256]},
        batch_size=256,
        buffer_size=args.learning_starts + args.steps + 10,
        learning_starts=args.learning_starts,
        train_freq=1,
        gradient_steps=1,
        seed=args.seed,
        device="cpu",
    )
    warm = args.learning_starts + args.warmup

    class Mark(BaseCallback):
        t0 = None

        def _on_step(self):
            if self.num_timesteps == warm:
                Mark.t0 = time.perf_counter()
            return True

    model.learn(total_timesteps=warm + args.steps, callback=Mark())
    seconds = time.perf_counter() - Mark.t0
    return {"stepsPerSecond": args.steps / seconds, "steps": args.steps, "seconds": seconds}


def dqn(args):
    import gymnasium as gym
    from stable_baselines3 import DQN
    from stable_baselines3.common.callbacks import BaseCallback

    env = gym.make("CartPole-v1")
    model = DQN(
        "MlpPolicy",
        env,
        learning_rate=2.3e-3,
        batch_size=64,
        buffer_size=100_000,
        learning_starts=args.learning_starts,
        gamma=0.99,
        target_update_interval=10,
        train_freq=256,
        gradient_steps=128,
        exploration_fraction=0.16,
        exploration_final_eps=0.04,
        policy_kwargs={"net_arch": [256, 256]},
        seed=args.seed,
        device="cpu",
    )
    marks = {}

    class Mark(BaseCallback):
        def _on_step(self):
            if self.num_timesteps == args.learning_starts:
                marks["t0"] = time.perf_counter()
                marks["u0"] = self.model._n_updates
            return True

    model.learn(total_timesteps=args.learning_starts + args.steps, callback=Mark())
    seconds = time.perf_counter() - marks["t0"]
    updates = model._n_updates - marks["u0"]
    return {"updatesPerSecond": updates / seconds, "updates": updates, "envSteps": args.steps, "seconds": seconds}


def dqn_stepwise(args):
    import gymnasium as gym
    from stable_baselines3 import DQN
    from stable_baselines3.common.callbacks import BaseCallback

    s = json.loads(args.settings)
    total = args.warmup + args.steps
    env = gym.make("CartPole-v1")
    model = DQN(
        "MlpPolicy",
        env,
        learning_rate=s["learningRate"],
        batch_size=s["batchSize"],
        buffer_size=s["bufferSize"],
        learning_starts=s["learningStarts"],
        gamma=s["gamma"],
        tau=s["tau"],
        target_update_interval=s["targetUpdateInterval"],
        train_freq=s["trainFreq"],
        gradient_steps=s["gradientSteps"],
        # the same env step at which epsilon reaches its floor
        exploration_fraction=min(1.0, s["explorationFraction"] * s["totalSteps"] / total),
        exploration_initial_eps=s["explorationInitialEps"],
        exploration_final_eps=s["explorationFinalEps"],
        max_grad_norm=s["maxGradNorm"] if s["maxGradNorm"] > 0 else 1e10,
        policy_kwargs={"net_arch": s["hidden"]},
        seed=args.seed,
        device="cpu",
    )
    marks = {}

    class Mark(BaseCallback):
        def _on_step(self):
            if self.num_timesteps == args.warmup:
                marks["t0"] = time.perf_counter()
                marks["u0"] = self.model._n_updates
            return True

    model.learn(total_timesteps=total, callback=Mark())
    seconds = time.perf_counter() - marks["t0"]
    updates = model._n_updates - marks["u0"]
    return {"updatesPerSecond": updates / seconds, "updates": updates, "envSteps": args.steps, "seconds": seconds}


def ppo(args):
    import gymnasium as gym
    from stable_baselines3 import PPO
    from stable_baselines3.common.callbacks import BaseCallback
    from stable_baselines3.common.env_util import make_vec_env

    def linear(start):
        return lambda progress_remaining: progress_remaining * start

    env = make_vec_env("CartPole-v1", n_envs=8, seed=args.seed)
    model = PPO(
        "MlpPolicy",
        env,
        n_steps=32,
        batch_size=256,
        gae_lambda=0.8,
        gamma=0.98,
        n_epochs=20,
        ent_coef=0.0,
        learning_rate=linear(1e-3),
        clip_range=linear(0.2),
        seed=args.seed,
        device="cpu",
    )
    eval_env = gym.vector.SyncVectorEnv([lambda: gym.make("CartPole-v1") for _ in range(4)])
    clock = Clock()
    state = {"next_eval": args.eval_every, "solved": False, "eval_return": float("nan")}

    def evaluate():
        returns = []
        obs, _ = eval_env.reset(seed=10_000 + args.seed)
        running = np.zeros(4)
        quota = [args.eval_episodes // 4 + (1 if i < args.eval_episodes % 4 else 0) for i in range(4)]
        done_envs = [0] * 4
        while len(returns) < args.eval_episodes:
            action, _ = model.predict(obs, deterministic=True)
            obs, reward, terminated, truncated, _ = eval_env.step(action)
            running += reward
            for i in range(4):
                if terminated[i] or truncated[i]:
                    if done_envs[i] < quota[i]:
                        returns.append(running[i])
                        done_envs[i] += 1
                    running[i] = 0
        return float(np.mean(returns))

    class EvalStop(BaseCallback):
        """Evaluates before every rollout once eval_every steps have passed; stops when solved."""

        def _on_training_start(self):
            clock.start()

        def _on_rollout_start(self):
            if self.num_timesteps >= state["next_eval"]:
                clock.stop()
                state["eval_return"] = evaluate()
                state["next_eval"] += args.eval_every
                state["solved"] = state["eval_return"] >= 475
                clock.start()

        def _on_step(self):
            return not state["solved"]

    model.learn(total_timesteps=args.budget, callback=EvalStop())
    clock.stop()
    return {"secondsToSolve": clock.total, "steps": int(model.num_timesteps), "solved": state["solved"], "evalReturn": state["eval_return"]}


def gru(args):
    torch.manual_seed(args.seed)
    T, B, I, H = args.seq, args.batch, args.inputs, 64
    cell = torch.nn.GRU(I, H)
    heads = torch.nn.Linear(H, 3)
    params = list(cell.parameters()) + list(heads.parameters())
    opt = torch.optim.Adam(params, lr=3e-4)
    xs = torch.randn(T, B, I)
    masks = (torch.rand(T, B) > 0.05).float()
    target = torch.randn(T, B, 3)

    def minibatch():
        # masked unroll: a mask of 0 resets the state before that step, as the TypeScript GRU does
        h = torch.zeros(1, B, H)
        outs = []
        for t in range(T):
            h = h * masks[t].view(1, B, 1)
            out, h = cell(xs[t : t + 1], h)
            outs.append(out)
        y = heads(torch.cat(outs, 0))
        loss = ((y - target) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()

    for _ in range(args.warmup):
        minibatch()
    times = []
    for _ in range(args.repeats):
        t = time.perf_counter()
        minibatch()
        times.append(time.perf_counter() - t)
    return {"msPerMinibatch": 1000 * float(np.median(times)), "repeats": args.repeats}


def matmul(args):
    a = torch.randn(256, 256)
    b = torch.randn(256, 256)
    for _ in range(20):
        torch.mm(a, b)
    times = []
    for _ in range(args.repeats):
        t = time.perf_counter()
        torch.mm(a, b)
        times.append(time.perf_counter() - t)
    return {"msPerMatMul": 1000 * float(np.median(times)), "repeats": args.repeats}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["offpolicy", "dqn", "dqn-stepwise", "ppo", "gru", "matmul"])
    p.add_argument("--algo", default="sac")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--steps", type=int, default=500)
    p.add_argument("--warmup", type=int, default=50)
    p.add_argument("--learning-starts", type=int, default=500)
    p.add_argument("--budget", type=int, default=100_000)
    p.add_argument("--eval-every", type=int, default=2048)
    p.add_argument("--eval-episodes", type=int, default=20)
    p.add_argument("--seq", type=int, default=32)
    p.add_argument("--batch", type=int, default=60)
    p.add_argument("--inputs", type=int, default=8)
    p.add_argument("--repeats", type=int, default=30)
    p.add_argument("--settings", default="{}")
    args = p.parse_args()
    out = {"offpolicy": offpolicy, "dqn": dqn, "dqn-stepwise": dqn_stepwise, "ppo": ppo, "gru": gru, "matmul": matmul}[args.mode](args)
    out["torchThreads"] = torch.get_num_threads()
    out["torch"] = torch.__version__
    print(json.dumps(out))


if __name__ == "__main__":
    main()
