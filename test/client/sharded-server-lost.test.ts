/**
 * A vector env spread over `metarena serve` processes, one of which dies mid-run: a clear
 * error for its envs and no hang, or (onServerLost: 'reconnect') the run goes on.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteVectorEnv, ServerLostError } from '../../src/client/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

interface Served {
  child: ChildProcess;
  address: string;
}

function serve(): Promise<Served> {
  const child = spawn(process.execPath, ['bin/metarena.js', 'serve', '--grpc', '127.0.0.1:0', '--ws', '127.0.0.1:0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening grpc=(\S+)/.exec(out);
      if (m) resolve({ child, address: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`metarena serve exited with ${code} before listening`)));
  });
}

function kill(s: Served, signal: NodeJS.Signals): Promise<void> {
  if (signal === 'SIGSTOP') {
    s.child.kill(signal);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
    s.child.once('exit', () => resolve());
    s.child.kill(signal);
  });
}

let served: Served[] = [];
beforeAll(async () => {
  served = await Promise.all([serve(), serve(), serve(), serve()]);
}, 60_000);
afterAll(async () => {
  await Promise.all(served.map((s) => kill(s, 'SIGKILL')));
});

const zeros = (n: number) => new Int32Array(n);

describe('a server of a spread vector env dies mid-run', () => {
  it('killed: its envs fail with METARENA_UNAVAILABLE naming the address and the envs, at once and on every later call', async () => {
    const [a, b] = served;
    const env = await RemoteVectorEnv.connect({ address: [a.address, b.address] }, 'CartPole-v1', 8);
    try {
      await env.reset({ seed: 1 });
      for (let t = 0; t < 3; t++) await env.step(zeros(8));
      await kill(b, 'SIGKILL');
      const began = Date.now();
      const err = await env.step(zeros(8)).catch((e: unknown) => e);
      expect(Date.now() - began).toBeLessThan(5000);
      expect(err).toBeInstanceOf(ServerLostError);
      const lost = err as ServerLostError;
      expect(lost.code).toBe('METARENA_UNAVAILABLE');
      expect(lost.message).toContain(`${b.address} (envs 4–7)`);
      expect(lost.envs).toEqual([4, 5, 6, 7]);
      expect(lost.servers).toEqual([{ address: b.address, envs: [4, 5, 6, 7] }]);
      await expect(env.step(zeros(8))).rejects.toBe(err);
      await expect(env.reset()).rejects.toBe(err);
    } finally {
      await env.close();
    }
  }, 20_000);

  it('hung (SIGSTOP, no answer and no broken connection): timeoutMs turns the wait into the same error', async () => {
    const [a, , , d] = served;
    const env = await RemoteVectorEnv.connect({ address: [d.address, a.address], timeoutMs: 1500 }, 'CartPole-v1', 3);
    try {
      await env.reset({ seed: 1 });
      await kill(d, 'SIGSTOP');
      const began = Date.now();
      const err = await env.step(zeros(3)).catch((e: unknown) => e);
      expect(Date.now() - began).toBeLessThan(6000);
      expect(err).toBeInstanceOf(ServerLostError);
      expect((err as ServerLostError).message).toContain(`${d.address} (envs 0–1)`);
      expect((err as ServerLostError).message).toContain('1500 ms');
    } finally {
      await env.close();
    }
  }, 20_000);

  it("onServerLost: 'reconnect' makes the lost envs again on the server left, reports them truncated, and the run goes on", async () => {
    const [a, , c] = served;
    const n = 6;
    const env = await RemoteVectorEnv.connect({ address: [a.address, c.address], onServerLost: 'reconnect' }, 'CartPole-v1', n);
    try {
      await env.reset({ seed: 3 });
      for (let t = 0; t < 2; t++) await env.step(zeros(n));
      await kill(c, 'SIGKILL');
      const r = await env.step(zeros(n));
      expect(Array.from(r.truncated)).toEqual([0, 0, 0, 1, 1, 1]);
      expect(Array.from(r.info._server_lost as Uint8Array)).toEqual([0, 0, 0, 1, 1, 1]);
      expect(Array.from(r.rewards)).toEqual([1, 1, 1, 0, 0, 0]);
      expect(env.blocks.every((blk) => blk.address === a.address)).toBe(true);
      expect(env.blocks.reduce((s, blk) => s + blk.count, 0)).toBe(n);
      // next_step: the following step is the remade envs' autoreset step (reset observation, reward 0)
      const next = await env.step(zeros(n));
      const obs = r.obs as Float32Array;
      expect(Array.from((next.obs as Float32Array).subarray(12))).toEqual(Array.from(obs.subarray(12)));
      expect(Array.from(next.rewards.subarray(3))).toEqual([0, 0, 0]);
      expect(next.info.server_lost).toBeUndefined();
      expect(Array.from((next.info._context as Uint8Array) ?? [])).toEqual([0, 0, 0, 1, 1, 1]);
      let steps = 0;
      for (let t = 0; t < 20; t++) {
        const s = await env.step(zeros(n));
        steps += s.rewards.reduce((x, y) => x + y, 0);
      }
      expect(steps).toBeGreaterThan(0);
      const again = await env.reset({ seed: 3 });
      expect((again.obs as Float32Array).length).toBe(4 * n);
    } finally {
      await env.close();
    }
  }, 20_000);
});
