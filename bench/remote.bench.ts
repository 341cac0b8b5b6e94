/**
 * Remote throughput, client and server in separate processes: the server is started as
 * `node bin/metarena.js serve --grpc 127.0.0.1:0 --ws 127.0.0.1:0` and this process is the client.
 *
 * Actions are uniformly random, drawn up front.
 * - `grpc_cartpole_256`: CartPole-v1, 256 envs per message over one gRPC stream, lock-step
 *   (send a step, wait for its answer) and pipelined (16 steps kept in flight on the same stream:
 *   each answer lets the next step go; the actions do not depend on the observations).
 * - `grpc_lockstep_1env` / `ws_lockstep_1env`: one env, one step per round trip.
 * - `python_vec256`: the Python client (`clients/python/bench.py`, Debian's /usr/bin/python3
 *   with python3-grpcio) stepping 256 CartPole envs lock-step, as a gymnasium VectorEnv.
 *
 * Figures are env-steps per second of wall-clock time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { RemoteVectorEnv } from '../src/client/index.ts';
import { Rng } from '../src/core/index.ts';
import type { ConnectOptions } from '../src/client/index.ts';

const BIN = fileURLToPath(new URL('../bin/metarena.js', import.meta.url));

/** Starts a server process and resolves once it prints its listening line. */
export function spawnServer(extraArgs: string[] = []): Promise<{ child: ChildProcess; grpc: string; ws: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--grpc', '127.0.0.1:0', '--ws', '127.0.0.1:0', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error(`server did not start within 60 s: ${err}`)), 60_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /metarena listening grpc=(\S+) ws=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, grpc: m[1], ws: m[2] });
      }
    });
    child.once('exit', (code) => fail(new Error(`server exited with ${code}: ${err}`)));
  });
}

async function measure(conn: ConnectOptions, numEnvs: number, depth: number, seconds: number): Promise<number> {
  const env = await RemoteVectorEnv.connect(conn, 'CartPole-v1', numEnvs);
  try {
    await env.reset({ seed: 0 });
    // random actions drawn up front (as clients/python/bench.py does), so acting costs nothing
    const rng = new Rng(0);
    const batches = Array.from({ length: 64 }, () => Int32Array.from({ length: numEnvs }, () => rng.integer(2)));
    let t = 0;
    const next = () => batches[t++ % batches.length];
    // warm-up
    for (let i = 0; i < 50; i++) await env.step(next());
    let steps = 0;
    const t0 = performance.now();
    const until = t0 + seconds * 1000;
    while (performance.now() < until) {
      if (depth === 1) {
        await env.step(next());
        steps += 1;
      } else {
        // a sliding window: the oldest answer lets one more step go
        const inFlight: Promise<unknown>[] = [];
        for (let k = 0; k < depth; k++) inFlight.push(env.step(next()));
        while (performance.now() < until) {
          await inFlight.shift();
          steps += 1;
          inFlight.push(env.step(next()));
        }
        await Promise.all(inFlight);
        steps += depth;
      }
    }
    return Math.round((steps * numEnvs) / ((performance.now() - t0) / 1000));
  } finally {
    await env.close();
  }
}

const PYTHON = '/usr/bin/python3';
const PYTHON_BENCH = fileURLToPath(new URL('../clients/python/bench.py', import.meta.url));

/** The Python client's figure, or why there is none (e.g. python3-grpcio not installed). */
function measurePython(address: string, seconds: number): Promise<number | string> {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, [PYTHON_BENCH, '--address', address, '--num-envs', '256', '--seconds', String(seconds)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', (e) => resolve(`not measured: ${e.message}`));
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line).python_vec256_steps_per_s as number);
      } catch {
        resolve(`not measured: ${PYTHON} exited with ${code}: ${err.trim().split('\n').pop() ?? ''}`);
      }
    });
  });
}

export async function run(opts: { seconds: number }): Promise<Record<string, unknown>> {
  const server = await spawnServer();
  try {
    const grpc: ConnectOptions = { address: server.grpc, transport: 'grpc' };
    const ws: ConnectOptions = { address: server.ws, transport: 'ws' };
    return {
      unit: 'env-steps/s',
      grpc_cartpole_256_lockstep: await measure(grpc, 256, 1, opts.seconds),
      grpc_cartpole_256_pipelined16: await measure(grpc, 256, 16, opts.seconds),
      grpc_lockstep_1env: await measure(grpc, 1, 1, opts.seconds),
      ws_lockstep_1env: await measure(ws, 1, 1, opts.seconds),
      ws_cartpole_256_lockstep: await measure(ws, 256, 1, opts.seconds),
      python_vec256: await measurePython(server.grpc, opts.seconds),
      targets: { grpc_cartpole_256: 1_000_000, grpc_lockstep_1env: 7_000, ws_lockstep_1env: 10_000, python_vec256: 300_000 },
    };
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
  }
}
