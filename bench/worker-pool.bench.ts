/**
 * The worker pool (`serve --workers N`), client and server in separate processes (the server is
 * `bin/metarena.js serve` with the flags named; this process is the client).
 * - `halfcheetah64`: HalfCheetah-v0 ×64 over one gRPC session, env-steps/s lock-step (send a
 *   step, wait for its answer) and with 4 steps in flight, with `--workers 1` and with
 *   `--workers 2 --spread-min-envs 64` (the 64 envs in two blocks of 32, one per worker, stepped
 *   concurrently), and the ratio of the two.
 * - `cartpole_while_make4096`: step latency (p50, p99, max, in ms) of a CartPole-v1 session (1
 *   env, lock-step) while another session makes 4096 HalfCheetah-v0, with the default worker
 *   count and with `--workers 0` for contrast (there the make holds the I/O thread), and how
 *   long the make took.
 * - `lockstep_1env`: CartPole-v1, 1 env, lock-step: steps/s and p50 round trip (ms) with
 *   `--workers 0`, with the default worker count (one per core) and with it but
 *   `--worker-spin 0` (workers sleep after each answer: a thread wake-up per request).
 *
 * Actions are drawn up front, so acting costs nothing. On a 2-core machine the client and the
 * server's I/O thread share the cores with the workers, which caps what a second worker gains.
 */
import { availableParallelism } from 'node:os';
import { RemoteVectorEnv } from '../src/client/index.ts';
import { Rng } from '../src/core/index.ts';
import { spawnServer } from './remote.bench.ts';
import { median, round } from './stats.ts';

type Env = RemoteVectorEnv;

async function withServer<T>(args: string[], run: (grpc: string) => Promise<T>): Promise<T> {
  const server = await spawnServer(args);
  try {
    return await run(server.grpc);
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
  }
}

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** Env-steps/s of `env` over `seconds`, keeping `depth` steps in flight. */
async function throughput(env: Env, actions: Float32Array[], depth: number, seconds: number): Promise<number> {
  let t = 0;
  const next = () => actions[t++ % actions.length];
  for (let i = 0; i < 30; i++) await env.step(next());
  let steps = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  const inFlight: Promise<unknown>[] = [];
  for (let k = 0; k < depth; k++) inFlight.push(env.step(next()));
  while (performance.now() < until) {
    await inFlight.shift();
    steps += 1;
    inFlight.push(env.step(next()));
  }
  await Promise.all(inFlight);
  steps += depth;
  return Math.round((steps * env.numEnvs) / ((performance.now() - t0) / 1000));
}

async function halfCheetah64(flags: string[], seconds: number): Promise<{ lockstep: number; pipelined4: number }> {
  return withServer(flags, async (grpc) => {
    const env = (await RemoteVectorEnv.connect({ address: grpc }, 'HalfCheetah-v0', 64, { seed: 1 })) as Env;
    try {
      await env.reset({ seed: 1 });
      const rng = new Rng(0);
      const actions = Array.from({ length: 32 }, () => Float32Array.from({ length: 64 * 6 }, () => rng.uniform(-1, 1)));
      return { lockstep: await throughput(env, actions, 1, seconds), pipelined4: await throughput(env, actions, 4, seconds) };
    } finally {
      await env.close();
    }
  });
}

/** Lock-step round trips of a 1-env CartPole session: their durations in ms, until `stop()` is true. */
async function cartPoleLatencies(env: Env, stop: () => boolean, minSteps = 0): Promise<number[]> {
  const rng = new Rng(1);
  const actions = Array.from({ length: 64 }, () => Int32Array.of(rng.integer(2)));
  const out: number[] = [];
  for (let t = 0; !stop() || out.length < minSteps; t++) {
    const t0 = performance.now();
    await env.step(actions[t % actions.length]);
    out.push(performance.now() - t0);
  }
  return out;
}

async function whileMaking(flags: string[]): Promise<{ p50_ms: number; p99_ms: number; max_ms: number; steps: number; make_seconds: number }> {
  return withServer(flags, async (grpc) => {
    const cartpole = (await RemoteVectorEnv.connect({ address: grpc }, 'CartPole-v1', 1)) as Env;
    await cartpole.reset({ seed: 0 });
    await cartPoleLatencies(cartpole, () => true, 200);
    let made = false;
    const t0 = performance.now();
    const making = RemoteVectorEnv.connect({ address: grpc, timeoutMs: 600_000 }, 'HalfCheetah-v0', 4096).then(async (env) => {
      const seconds = (performance.now() - t0) / 1000;
      made = true;
      await env.close();
      return seconds;
    });
    // the make has started once its stream is open; a few steps later it is surely running
    const latencies = await cartPoleLatencies(cartpole, () => made, 20);
    const makeSeconds = await making;
    await cartpole.close();
    return { p50_ms: round(median(latencies), 3), p99_ms: round(quantile(latencies, 0.99), 3), max_ms: round(latencies.reduce((m, x) => Math.max(m, x), 0), 3), steps: latencies.length, make_seconds: round(makeSeconds, 2) };
  });
}

async function lockstep1(flags: string[], seconds: number): Promise<{ steps_per_s: number; p50_ms: number }> {
  return withServer(flags, async (grpc) => {
    const env = (await RemoteVectorEnv.connect({ address: grpc }, 'CartPole-v1', 1)) as Env;
    await env.reset({ seed: 0 });
    await cartPoleLatencies(env, () => true, 300);
    const until = performance.now() + seconds * 1000;
    const t0 = performance.now();
    const latencies = await cartPoleLatencies(env, () => performance.now() > until);
    const rate = Math.round(latencies.length / ((performance.now() - t0) / 1000));
    await env.close();
    return { steps_per_s: rate, p50_ms: round(median(latencies), 3) };
  });
}

export async function run(opts: { seconds: number }): Promise<Record<string, unknown>> {
  const seconds = Math.max(opts.seconds, 2);
  const one = await halfCheetah64(['--workers', '1'], seconds);
  const two = await halfCheetah64(['--workers', '2', '--spread-min-envs', '64'], seconds);
  const pooled = await whileMaking([]);
  const inProcess = await whileMaking(['--workers', '0']);
  const lockstepInProcess = await lockstep1(['--workers', '0'], seconds);
  const lockstepPooled = await lockstep1([], seconds);
  const lockstepSleeping = await lockstep1(['--worker-spin', '0'], seconds);
  return {
    default_workers: availableParallelism(),
    halfcheetah64: {
      unit: 'env-steps/s',
      workers1: one,
      workers2_spread: two,
      ratio_lockstep: round(two.lockstep / one.lockstep),
      ratio_pipelined4: round(two.pipelined4 / one.pipelined4),
    },
    cartpole_while_make4096: { default_workers: pooled, workers0: inProcess },
    lockstep_1env: { workers0: lockstepInProcess, default_workers: lockstepPooled, default_workers_spin0: lockstepSleeping },
  };
}
