"""The PyTorch side of bench/rl2-vs-torch.bench.ts: RL² training throughput of a one-file recurrent
PPO in the style of CleanRL's ppo_atari_lstm.py, doing the work the `rl2` learner does on
Bandit-v0 (arms 5, 10 pulls per trial, 16 envs), and printing one JSON object on stdout.

- The bandit, in numpy: per env, arm probabilities p_i ~ U(0, 1) drawn at every trial, a pull
  pays 1 with probability p_a, else 0, and ends its episode. As in metarena's vector env under
  `next_step` autoreset, the step after a pull only resets the env (no reward, not learned from),
  so a trial of 10 pulls is 20 env steps; the reset after the 10th pull starts the next trial.
  Env steps are counted as the TypeScript side counts them (reset steps included); pulls are
  half of them.
- Inputs (RL², Duan et al. 2016; lucaslingle/pytorch_rl2 preprocessing/tabular.py): the
  observation (Box(0, 0, (1,)): always 0), the one-hot previous action, the previous reward and
  the previous done flag; at a trial's first step action 0, reward 0, done 1. A reset step
  keeps the inputs of the pull before it.
- Networks: a torch.nn.GRU(8, units) followed by a linear policy head and a separate
  torch.nn.GRU(8, units) followed by a linear value head (orthogonal heads, gains 0.01 and 1).
  Both cells step at every env step, reset steps included; their state is carried across the
  trial's episodes and reset to zero at its first step.
- Rollout: `steps` steps per env, acting step by step (torch.no_grad, Categorical sampling),
  storing the inputs, both cells' states before every step and the keep mask.
- GAE (gamma, lambda) over the whole trial: reset rows are passed over, a trial's last pull
  does not bootstrap; returns = advantages + values.
- Update: the rollout cut into sequences of `seq-len` steps per env, `epochs` passes of
  `minibatches` shuffled minibatches of sequences, each unrolled step by step from its stored
  initial states with the stored resets; clipped surrogate, squared-error value loss (× 0.5 ×
  vf-coef), entropy bonus, advantages standardised over the minibatch's valid rows, means over
  valid rows; Adam (eps 1e-5) with the learning rate decayed linearly over `total-steps`, global
  gradient-norm clipping.

One warm-up rollout and update, then `rollouts` timed ones: env steps per second over the timed
rollouts and updates together, and the median milliseconds of a rollout and of an update.
PyTorch runs on one CPU thread (torch.set_num_threads(1)).
"""
import argparse
import json
import time

import numpy as np
import torch

torch.set_num_threads(1)


class Bandits:
    """`n` Bernoulli bandits of `arms` arms, `pulls` pulls per trial, under next_step autoreset."""

    def __init__(self, n, arms, pulls, rng):
        self.n, self.arms, self.pulls, self.rng = n, arms, pulls, rng
        self.p = rng.random((n, arms))
        self.episode = np.zeros(n, dtype=np.int64)
        self.pending = np.zeros(n, dtype=bool)
        self.rows = np.arange(n)

    def step(self, actions):
        """Rewards, valid (a pull, not a reset step) and, per env, whether a new trial starts."""
        valid = ~self.pending
        rewards = np.where(valid, self.rng.random(self.n) < self.p[self.rows, actions], False).astype(np.float32)
        resets = self.pending
        self.episode[resets] += 1
        new_trial = resets & (self.episode == self.pulls)
        self.episode[new_trial] = 0
        count = int(new_trial.sum())
        if count:
            self.p[new_trial] = self.rng.random((count, self.arms))
        # every pull ends its episode: the env's next step only resets it
        self.pending = valid
        return rewards, valid, new_trial


def layer_init(layer, std):
    torch.nn.init.orthogonal_(layer.weight, std)
    torch.nn.init.constant_(layer.bias, 0.0)
    return layer


class Agent(torch.nn.Module):
    def __init__(self, inputs, arms, units):
        super().__init__()
        self.actor_cell = torch.nn.GRU(inputs, units)
        self.critic_cell = torch.nn.GRU(inputs, units)
        self.actor_head = layer_init(torch.nn.Linear(units, arms), 0.01)
        self.critic_head = layer_init(torch.nn.Linear(units, 1), 1.0)

    @staticmethod
    def unroll(cell, xs, h, keep):
        """Outputs [T, B, H] of xs [T, B, I] from h [1, B, H]; keep [T, B] of 0 resets before that step."""
        outs = []
        for t in range(xs.shape[0]):
            h = h * keep[t].view(1, -1, 1)
            out, h = cell(xs[t : t + 1], h)
            outs.append(out)
        return torch.cat(outs, 0), h

    def forward(self, xs, ha, hc, keep):
        a, ha = self.unroll(self.actor_cell, xs, ha, keep)
        c, hc = self.unroll(self.critic_cell, xs, hc, keep)
        return self.actor_head(a), self.critic_head(c).squeeze(-1), ha, hc


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--num-envs", type=int, default=16)
    p.add_argument("--arms", type=int, default=5)
    p.add_argument("--pulls", type=int, default=10)
    p.add_argument("--units", type=int, default=64)
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--seq-len", type=int, default=20)
    p.add_argument("--epochs", type=int, default=8)
    p.add_argument("--minibatches", type=int, default=4)
    p.add_argument("--lr", type=float, default=0.002)
    p.add_argument("--total-steps", type=int, default=3_000_000)
    p.add_argument("--gamma", type=float, default=0.99)
    p.add_argument("--gae-lambda", type=float, default=0.3)
    p.add_argument("--clip-coef", type=float, default=0.1)
    p.add_argument("--ent-coef", type=float, default=0.01)
    p.add_argument("--vf-coef", type=float, default=0.5)
    p.add_argument("--max-grad-norm", type=float, default=0.5)
    p.add_argument("--rollouts", type=int, default=4)
    args = p.parse_args()

    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    n, T, A, H, L = args.num_envs, args.steps, args.arms, args.units, args.seq_len
    width = 1 + A + 2  # observation, one-hot previous action, previous reward, previous done
    env = Bandits(n, A, args.pulls, rng)
    agent = Agent(width, A, H)
    optimizer = torch.optim.Adam(agent.parameters(), lr=args.lr, eps=1e-5)
    num_updates = max(1, args.total_steps // (T * n))

    start_inputs = np.zeros(width - 1, dtype=np.float32)
    start_inputs[0] = 1.0  # action 0
    start_inputs[-1] = 1.0  # done
    state = {
        "memory": np.tile(start_inputs, (n, 1)),
        "ha": torch.zeros(1, n, H),
        "hc": torch.zeros(1, n, H),
        "keep": np.zeros(n, dtype=np.float32),
        "update": 0,
    }

    def step_inputs():
        return np.concatenate([np.zeros((n, 1), dtype=np.float32), state["memory"]], 1)

    def rollout():
        b = {
            "x": np.zeros((T, n, width), dtype=np.float32),
            "ha": torch.zeros(T, n, H),
            "hc": torch.zeros(T, n, H),
            "keep": np.zeros((T, n), dtype=np.float32),
            "actions": np.zeros((T, n), dtype=np.int64),
            "logp": np.zeros((T, n), dtype=np.float32),
            "values": np.zeros((T, n), dtype=np.float32),
            "rewards": np.zeros((T, n), dtype=np.float32),
            "valid": np.zeros((T, n), dtype=bool),
        }
        with torch.no_grad():
            for t in range(T):
                x = step_inputs()
                b["x"][t] = x
                b["ha"][t] = state["ha"][0]
                b["hc"][t] = state["hc"][0]
                b["keep"][t] = state["keep"]
                keep = torch.from_numpy(state["keep"]).view(1, n)
                logits, value, state["ha"], state["hc"] = agent(torch.from_numpy(x).view(1, n, width), state["ha"], state["hc"], keep)
                dist = torch.distributions.Categorical(logits=logits[0])
                action = dist.sample()
                b["actions"][t] = action.numpy()
                b["logp"][t] = dist.log_prob(action).numpy()
                b["values"][t] = value[0].numpy()
                actions = b["actions"][t]
                rewards, valid, new_trial = env.step(actions)
                b["rewards"][t] = rewards
                b["valid"][t] = valid
                # the memory inputs after a pull: its action, reward and done (every pull ends its episode)
                rows = np.flatnonzero(valid)
                state["memory"][rows] = 0.0
                state["memory"][rows, actions[rows]] = 1.0
                state["memory"][rows, A] = rewards[rows]
                state["memory"][rows, A + 1] = 1.0
                state["keep"] = np.ones(n, dtype=np.float32)
                state["keep"][new_trial] = 0.0
                state["memory"][new_trial] = start_inputs
            keep = torch.from_numpy(state["keep"]).view(1, n)
            _, last, _, _ = agent(torch.from_numpy(step_inputs()).view(1, n, width), state["ha"], state["hc"], keep)
        b["last_values"] = last[0].numpy()
        b["last_keep"] = state["keep"].copy()
        return b

    def gae(b):
        adv = np.zeros((T, n))
        returns = np.zeros((T, n))
        next_value = b["last_values"].astype(np.float64)
        next_adv = np.zeros(n)
        next_keep = b["last_keep"].astype(np.float64)
        for t in reversed(range(T)):
            valid, keep, values = b["valid"][t], b["keep"][t], b["values"][t]
            # a pull ends the return only at the trial's end (the memory starts afresh after it)
            ends = valid & (next_keep == 0)
            delta = b["rewards"][t] + args.gamma * np.where(ends, 0.0, next_value) - values
            a = delta + np.where(ends, 0.0, args.gamma * args.gae_lambda * next_adv)
            adv[t] = np.where(valid, a, 0.0)
            returns[t] = np.where(valid, a + values, values)
            next_value = np.where(valid, values, next_value)
            next_adv = np.where(valid, a, next_adv)
            next_keep = np.where(valid, keep, np.minimum(next_keep, keep))
        return adv, returns

    def update(b):
        state["update"] += 1
        frac = max(1.0 - (state["update"] - 1) / num_updates, 1.0 / num_updates)
        optimizer.param_groups[0]["lr"] = args.lr * frac
        adv, returns = gae(b)
        x = torch.from_numpy(b["x"])
        keep = torch.from_numpy(b["keep"])
        actions = torch.from_numpy(b["actions"])
        old_logp = torch.from_numpy(b["logp"])
        adv_t = torch.from_numpy(adv.astype(np.float32))
        ret_t = torch.from_numpy(returns.astype(np.float32))
        valid = torch.from_numpy(b["valid"].astype(np.float32))
        unit_env = np.repeat(np.arange(n), len(range(0, T, L)))
        unit_t0 = np.tile(np.arange(0, T, L), n)
        m = len(unit_env)
        mb_size = -(-m // args.minibatches)
        offsets = np.arange(L)[:, None]
        for _ in range(args.epochs):
            perm = rng.permutation(m)
            for start in range(0, m, mb_size):
                idx = perm[start : start + mb_size]
                envs, t0 = unit_env[idx], unit_t0[idx]
                ts = t0[None, :] + offsets  # [L, B]; padded past the rollout's end with weight 0
                inside = torch.from_numpy(ts < T).float()
                ts = np.minimum(ts, T - 1)
                tt, ee = torch.from_numpy(ts), torch.from_numpy(np.broadcast_to(envs, ts.shape).copy())
                w = valid[tt, ee] * inside
                logits, values, _, _ = agent(x[tt, ee], b["ha"][t0, envs][None], b["hc"][t0, envs][None], keep[tt, ee])
                count = w.sum()
                mb_adv = adv_t[tt, ee]
                mean = (w * mb_adv).sum() / count
                std = torch.sqrt((w * (mb_adv - mean) ** 2).sum() / torch.clamp(count - 1, min=1))
                mb_adv = (mb_adv - mean) / (std + 1e-8)
                dist = torch.distributions.Categorical(logits=logits)
                ratio = torch.exp(dist.log_prob(actions[tt, ee]) - old_logp[tt, ee])
                pg = torch.max(-mb_adv * ratio, -mb_adv * torch.clamp(ratio, 1 - args.clip_coef, 1 + args.clip_coef))
                denom = torch.clamp(count, min=1)
                pg_loss = (w * pg).sum() / denom
                v_loss = 0.5 * (w * (values - ret_t[tt, ee]) ** 2).sum() / denom
                entropy = (w * dist.entropy()).sum() / denom
                loss = pg_loss - args.ent_coef * entropy + args.vf_coef * v_loss
                optimizer.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(agent.parameters(), args.max_grad_norm)
                optimizer.step()

    update(rollout())  # warm-up
    rollout_times, update_times = [], []
    pulls = 0
    reward = 0.0
    started = time.perf_counter()
    for _ in range(args.rollouts):
        t = time.perf_counter()
        b = rollout()
        rollout_times.append(time.perf_counter() - t)
        pulls += int(b["valid"].sum())
        reward += float(b["rewards"].sum())
        t = time.perf_counter()
        update(b)
        update_times.append(time.perf_counter() - t)
    seconds = time.perf_counter() - started
    steps = args.rollouts * T * n
    print(
        json.dumps(
            {
                "stepsPerSecond": steps / seconds,
                "pullsPerSecond": pulls / seconds,
                "rolloutMs": 1000 * float(np.median(rollout_times)),
                "updateMs": 1000 * float(np.median(update_times)),
                "steps": steps,
                "seconds": seconds,
                "pulls": pulls,
                "meanPullReward": reward / pulls,
                "inputs": width,
                "torchThreads": torch.get_num_threads(),
                "torch": torch.__version__,
            }
        )
    )


if __name__ == "__main__":
    main()
