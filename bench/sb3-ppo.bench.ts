/**
 * Stable-Baselines3 PPO solving CartPole-v1 through the Python client, next to the same run on
 * Gymnasium's own CartPole (issue 11). Both runs use rl-zoo's CartPole-v1 settings (8 envs,
 * 32 steps, batch 256, GAE 0.8, γ 0.98, 20 epochs, no entropy bonus, learning rate and clip
 * range decayed linearly from 1e-3 and 0.2, 1e5 steps; torch on one thread) and the same seed;
 * `clients/python/bench_sb3.py` does the training, one process per run, Gymnasium's first.
 *
 * - `metarena`: the 8 envs are one remote vector env (`metarena.sb3.make_vec_env`) on a server
 *   this bench starts (`node bin/metarena.js serve`), one message per step for the batch.
 * - `metarena_worker_spin0`: the same on a server whose workers sleep after each answer
 *   (`--worker-spin 0`), to show what polling costs or gains a client on the same cores.
 * - `gymnasium`: SB3's `make_vec_env("CartPole-v1", 8)`, a DummyVecEnv of Gymnasium's CartPole.
 *
 * Each run reports the wall-clock of `learn` and the mean return of 20 greedy episodes (solved:
 * ≥ 475). `wallclock_ratio` is metarena / gymnasium training seconds; the goal is ≤ 1.3.
 * Python is Debian's /usr/bin/python3 (`METARENA_PYTHON` overrides it) with Gymnasium 1.0.0 and
 * SB3 2.4.1 from `../shared/peers` on PYTHONPATH (`METARENA_PEERS` overrides the folder).
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { spawnServer } from './remote.bench.ts';
import type { BenchOptions } from './run.ts';
import { round } from './stats.ts';

export const slow = 'trains SB3 PPO on CartPole-v1 for 1e5 steps twice (through the client and on Gymnasium), a few minutes';

export const GOAL_RATIO = 1.3;
export const SEED = 0;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = resolve(ROOT, 'clients/python/bench_sb3.py');
const execFileAsync = promisify(execFile);

interface Sb3Run {
  backend: string;
  train_seconds: number;
  mean_return: number;
  solved: boolean;
  [key: string]: unknown;
}

/** One training run in its own Python process; `address`: the server's gRPC face, for the metarena backend. */
async function train(backend: 'metarena' | 'gymnasium', address?: string): Promise<Sb3Run> {
  const peers = process.env.METARENA_PEERS ?? resolve(ROOT, '../shared/peers');
  const python = process.env.METARENA_PYTHON ?? '/usr/bin/python3';
  const env = { ...process.env, PYTHONPATH: [`${peers}/gymnasium-1.0.0`, `${peers}/stable-baselines3-2.4.1`].join(':'), OMP_NUM_THREADS: '1' };
  const { stdout } = await execFileAsync(python, [SCRIPT, '--backend', backend, ...(address ? ['--address', address] : []), '--seed', String(SEED)], { env, maxBuffer: 1 << 24 });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as Sb3Run;
}

/** The metarena run on a server started with `flags`. */
async function onServer(flags: string[]): Promise<Sb3Run> {
  const server = await spawnServer(flags);
  try {
    return await train('metarena', server.grpc);
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
  }
}

export async function run(_opts: BenchOptions): Promise<Record<string, unknown>> {
  const gymnasium = await train('gymnasium');
  const metarena = await onServer([]);
  const sleeping = await onServer(['--worker-spin', '0']);
  const ratio = round(metarena.train_seconds / gymnasium.train_seconds);
  return {
    metarena,
    gymnasium,
    metarena_worker_spin0: sleeping,
    wallclock_ratio: ratio,
    wallclock_ratio_worker_spin0: round(sleeping.train_seconds / gymnasium.train_seconds),
    goal_ratio: GOAL_RATIO,
    meets_goal: ratio <= GOAL_RATIO,
    both_solved: metarena.solved && gymnasium.solved,
  };
}
