import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { serveSpinning, SpinBudget } from '../../src/server/spin-wait.ts';
import { RemoteVectorEnv } from '../../src/client/index.ts';
import { startLoopbackServer } from './harness.ts';

const until = async (done: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 1));
  return done();
};

describe('SpinBudget', () => {
  it('polls twice the last gap, at most maxMs, and not at all after a gap longer than maxMs', () => {
    const b = new SpinBudget(0.5);
    expect(b.ms).toBe(0);
    b.gap(0.1);
    expect(b.ms).toBeCloseTo(0.2);
    b.gap(0.4);
    expect(b.ms).toBe(0.5);
    b.gap(0.5);
    expect(b.ms).toBe(0.5);
    b.gap(0.51);
    expect(b.ms).toBe(0);
    b.gap(0.05);
    expect(b.ms).toBeCloseTo(0.1);
    const never = new SpinBudget(0);
    never.gap(0);
    expect(never.ms).toBe(0);
  });
});

describe('serveSpinning', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => {
    for (const c of channels.splice(0)) {
      c.port1.close();
      c.port2.close();
    }
  });
  const channel = () => {
    const c = new MessageChannel();
    channels.push(c);
    return c;
  };

  it('takes messages that come while it polls without a wake-up, in order', async () => {
    const { port1, port2 } = channel();
    let t = 0;
    const seen: number[] = [];
    // each answer is followed at once by the next request (a lock-step client without latency)
    const counts = serveSpinning<number>(port2, (m) => {
      seen.push(m);
      if (m < 6) port1.postMessage(m + 1);
    }, 0.5, () => (t += 0.001));
    port1.postMessage(1);
    expect(await until(() => seen.length === 6)).toBe(true);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(counts).toEqual({ woken: 1, polled: 5 });
  });

  it('sleeps after a poll that finds nothing, and with maxMs 0 never polls', async () => {
    const { port1, port2 } = channel();
    let t = 0;
    let calls = 0;
    const seen: number[] = [];
    const counts = serveSpinning<number>(port2, (m) => seen.push(m), 0.5, () => {
      calls += 1;
      return (t += 0.01);
    });
    port1.postMessage(1);
    expect(await until(() => seen.length === 1)).toBe(true);
    // it polled (the clock was read past the answer) and gave up within the budget
    expect(calls).toBeGreaterThan(3);
    expect(calls).toBeLessThan(200);
    port1.postMessage(2);
    expect(await until(() => seen.length === 2)).toBe(true);
    expect(counts).toEqual({ woken: 2, polled: 0 });

    const other = channel();
    let reads = 0;
    const never = serveSpinning<number>(other.port2, (m) => {
      seen.push(m);
      if (m < 12) other.port1.postMessage(m + 1);
    }, 0, () => (reads += 1));
    other.port1.postMessage(10);
    expect(await until(() => seen.length === 5)).toBe(true);
    expect(never).toEqual({ woken: 3, polled: 0 });
    // without a budget the clock is read only to measure gaps: twice per message
    expect(reads).toBe(1 + 2 * 3);
  });

  it('gives the event loop a turn within an endless stream of messages', async () => {
    const { port1, port2 } = channel();
    let t = 0;
    let seen = 0;
    let stop = false;
    // every clock read takes 0.2 ms, so a 20 ms slice of handling ends after 50 messages
    const counts = serveSpinning<number>(port2, (m) => {
      seen += 1;
      if (!stop) port1.postMessage(m + 1);
    }, 0.5, () => (t += 0.2));
    let timerRan = false;
    setTimeout(() => {
      timerRan = true;
      stop = true;
    }, 0);
    port1.postMessage(1);
    expect(await until(() => timerRan)).toBe(true);
    expect(counts.polled).toBeGreaterThan(0);
    expect(counts.woken).toBeGreaterThan(1);
    expect(seen).toBe(counts.woken + counts.polled);
  });
});

describe('a worker pool with and without polling', () => {
  it('answers lock-step requests the same either way', async () => {
    const results: number[][] = [];
    for (const workerSpinMicros of [0, 500]) {
      const server = await startLoopbackServer({ workers: 1, workerSpinMicros });
      try {
        const env = await RemoteVectorEnv.connect({ address: server.grpcAddress }, 'CartPole-v1', 2);
        await env.reset({ seed: 3 });
        const rewards: number[] = [];
        for (let i = 0; i < 50; i++) {
          const r = await env.step(Int32Array.of(i % 2, (i >> 1) % 2));
          rewards.push(r.rewards[0], r.rewards[1], Number(r.terminated[0]), (r.obs as Float32Array)[0]);
        }
        await env.close();
        results.push(rewards);
      } finally {
        await server.close();
      }
    }
    expect(results[1]).toEqual(results[0]);
  });
});
