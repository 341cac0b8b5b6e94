/**
 * `metarena evolve --queue` and `metarena worker`: a Redis (Debian's redis-server, started here on
 * a free port; `.ci/run` installs it) with `metarena worker` processes spawned through
 * bin/metarena.js, checked against single-process runs (`--workers 0`) of the same seed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalJob } from '../../src/agents/evolve/evaluator.ts';
import { parseQueueUrl } from '../../src/commands/evolve/queue-connection.ts';
import { QueueEvaluator } from '../../src/commands/evolve/queue-evaluator.ts';
import { QUEUE_NAME, decode, encode } from '../../src/commands/evolve/queue-protocol.ts';
import { RewardNetModel } from '../../src/plugins/wrappers/reward-net.ts';
import { BIN, runCli, runMain } from '../cli/run-cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'metarena-evolve-queue-'));
let k = 0;
const outDir = () => join(root, `run-${k++}`);

const rows = (out: string) =>
  readFileSync(join(out, 'metrics.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const members = (out: string) => rows(out).filter((r) => r.kind === 'member');
const memberFitness = (out: string) => members(out).map((r) => [r.generation, r.member, r.tag, r.seed, r.fitness, r.train_steps]);
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
// the cheap RN evolution of evolve.test.ts: Q-learning on CliffWalking-v0, at most 3000 steps per member
const rnArgs = (out: string, ...extra: string[]) => ['evolve', 'rn', '--env', 'CliffWalking-v0', '--out', out, '--population', '2', '--set', 'trainSteps=3000', '--progress-every', '0', ...extra];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A child's output lines, and a wait for one that matches. */
function lines(child: ChildProcess) {
  const seen: string[] = [];
  const waiters: { re: RegExp; resolve: (line: string) => void }[] = [];
  let buffer = '';
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const line of parts) {
      seen.push(line);
      for (const w of [...waiters]) {
        if (!w.re.test(line)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    seen,
    exited,
    /** The first line from line `from` on that matches `re`. */
    wait(re: RegExp, what: string, ms = 20_000, from = 0): Promise<string> {
      const found = seen.slice(from).find((l) => re.test(l));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms; output:\n${seen.join('\n')}`)), ms);
        waiters.push({ re, resolve: (line) => (clearTimeout(timer), resolve(line)) });
        void exited.then((code) => reject(new Error(`exited (${code}) before ${what}; output:\n${seen.join('\n')}`)));
      });
    },
  };
}

let redis: ChildProcess;
let url = '';
type WorkerProcess = { child: ChildProcess } & ReturnType<typeof lines>;
const workers: WorkerProcess[] = [];
// the single-process run that the queue runs must equal
let single = '';

/** A `metarena worker` on the test's Redis (1 evaluation at a time, locks of 1 s), serving. */
async function startWorker(): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [BIN, 'worker', '--queue', url, '--concurrency', '1', '--lock-timeout', '1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const worker = { child, ...lines(child) };
  workers.push(worker);
  await worker.wait(/^metarena worker: serving metarena-evolve on /, 'ready line');
  return worker;
}
const alive = () => workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);

beforeAll(async () => {
  const port = await freePort();
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const started = lines(redis);
  const missing = new Promise<never>((_, reject) => redis.on('error', (e) => reject(new Error(`cannot start redis-server (${e.message}): install it with apt-get install redis-server (.ci/run does)`))));
  await Promise.race([started.wait(/Ready to accept connections/, 'redis-server ready line', 10_000), missing]);
  url = `redis://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const w of alive()) w.child.kill('SIGKILL');
  redis?.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

describe('metarena evolve --queue', () => {
  it('the codec keeps float arrays bit for bit, non-finite numbers and @ strings', () => {
    const value = { a: new Float32Array([0.1, -0, Number.NaN, 3e38]), b: [Infinity, -Infinity, Number.NaN, 1.5], s: ['@f32:x', '@Infinity', 'plain'], d: new Float64Array([Math.PI]) };
    const back = decode(encode(value)) as typeof value;
    expect(back.a).toBeInstanceOf(Float32Array);
    expect(Array.from(new Uint32Array(back.a.buffer))).toEqual(Array.from(new Uint32Array(value.a.buffer)));
    expect(back.b).toEqual(value.b);
    expect(back.s).toEqual(value.s);
    expect(back.d).toEqual(value.d);
  });

  it('a job whose workers stop before answering is started again, and after its attempts fails as a killed member does', async () => {
    const evaluator = await QueueEvaluator.connect({ queue: parseQueueUrl(url), run: 'lost', attempts: 1, pollSeconds: 0.1 });
    const job: EvalJob = { id: '0:0', generation: 0, member: 0, tag: 'plus', seed: 5, candidate: { kind: 'params', params: new Float32Array([1, 2]) } };
    const evaluation = evaluator.evaluate({ kind: 'rn', options: {} }, [job]);
    // a worker that takes the job and stops: its lock (0.5 s) is never renewed
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    const gone = new Worker(QUEUE_NAME, null, { connection, lockDuration: 500, autorun: false });
    const taken = await gone.getNextJob('gone');
    expect(taken?.id).toMatch(/^lost\.g0\.m0\.plus\.[0-9a-f]{16}$/);
    await gone.close();
    connection.disconnect();
    // a real worker's stalled-job check puts it back; its second start is past attempts = 1
    const worker = await startWorker();
    const [result] = await evaluation;
    await evaluator.close();
    expect(result.id).toBe('0:0');
    expect(result.fitness).toBeNaN();
    expect(result.error).toBe('generation 0 member 0 (plus): lost 1 time (the workers that took it stopped before answering)');
    expect(worker.seen.some((l) => l.includes(`job ${taken!.id} (generation 0 member 0 plus): not started again`))).toBe(true);
  });

  it('two workers, one killed mid-generation: the run completes with the metrics and model of a single-process run', async () => {
    single = outDir();
    expect((await runMain(rnArgs(single, '--generations', '3', '--workers', '0', '--seed', '11'))).code).toBe(0);

    const [survivor] = alive().length ? alive() : [await startWorker()];
    const doomed = await startWorker();
    // killed as soon as it starts its first job (its evaluation process is still starting then)
    const killed = doomed.wait(/^job \S+ \(.*\) started \(start 1 of at most 3\)$/, 'job start', 60_000).then((line) => {
      doomed.child.kill('SIGKILL');
      return line.split(' ')[1];
    });
    killed.catch(() => {});
    const out = outDir();
    const run = await runMain(rnArgs(out, '--generations', '3', '--queue', url, '--seed', '11'));
    expect(run.code).toBe(0);
    const lost = await killed;
    expect(await doomed.exited).toBeNull();
    expect(doomed.seen.filter((l) => l.startsWith(`job ${lost} `))).toHaveLength(1);
    // the killed worker's job was started again on the other worker, and done there
    expect(survivor.seen.some((l) => l.startsWith(`job ${lost} `) && l.endsWith('started (start 2 of at most 3)'))).toBe(true);
    expect(survivor.seen.some((l) => l.startsWith(`job ${lost} `) && l.includes(' done: fitness '))).toBe(true);

    expect(memberFitness(out)).toHaveLength(12);
    expect(memberFitness(out)).toEqual(memberFitness(single));
    for (const m of members(out)) expect(m.error).toBeNull();
    expect(rows(out).filter((r) => r.kind === 'generation').map((r) => [r.best, r.median, r.failed])).toEqual(rows(single).filter((r) => r.kind === 'generation').map((r) => [r.best, r.median, r.failed]));
    expect(json(join(out, 'state.json')).state).toEqual(json(join(single, 'state.json')).state);
    expect(Array.from(RewardNetModel.load(join(out, 'model')).params)).toEqual(Array.from(RewardNetModel.load(join(single, 'model')).params));
    const { generation, fitness } = json(join(single, 'summary.json'));
    expect(json(join(out, 'summary.json'))).toMatchObject({ generations: 3, generation, fitness });
    // --queue is no setting of the run: the same command line as the single-process run's
    expect(readFileSync(join(out, 'command.txt'), 'utf8').replace(out, 'OUT')).toBe(readFileSync(join(single, 'command.txt'), 'utf8').replace(single, 'OUT'));
  });

  it('a run killed during a generation and resumed on the queue reuses the jobs done meanwhile (none runs twice) and gives the single-process result', async () => {
    const [worker] = alive();
    const from = worker.seen.length;
    const cut = outDir();
    // a progress line per result: the run has read a result when it prints one
    const killed = spawn(process.execPath, [BIN, ...rnArgs(cut, '--generations', '3', '--queue', url, '--seed', '11'), '--progress-every', '0.001'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = lines(killed);
    // killed once it has read the first result of generation 1 (generation 0 is checkpointed then)
    await output.wait(/^evolve rn generation 2\/3: 1\/4 evaluations$/, 'the first result of generation 1', 30_000);
    killed.kill('SIGKILL');
    const exited = output.exited;
    expect(await exited).toBeNull();
    expect(json(join(cut, 'state.json')).generation).toBe(1);
    const resumed = await runMain(rnArgs(cut, '--generations', '3', '--queue', url, '--seed', '11', '--resume'));
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain('resuming rn CliffWalking-v0 from generation 1 of 3');
    const starts = worker.seen.slice(from).filter((l) => / started \(start \d+ of at most 3\)$/.test(l)).map((l) => l.split(' ')[1]);
    expect(starts).toHaveLength(12);
    expect(new Set(starts).size).toBe(12);
    expect(memberFitness(cut)).toEqual(memberFitness(single));
    expect(json(join(cut, 'state.json')).state).toEqual(json(join(single, 'state.json')).state);
  });

  it('--resume on the queue continues a local run to the single-process result', async () => {
    const cut = outDir();
    expect((await runMain(rnArgs(cut, '--generations', '1', '--workers', '0', '--seed', '11'))).code).toBe(0);
    const resumed = await runMain(rnArgs(cut, '--generations', '3', '--queue', url, '--seed', '11', '--resume'));
    expect(resumed.code).toBe(0);
    expect(memberFitness(cut)).toEqual(memberFitness(single));
    expect(json(join(cut, 'state.json')).state).toEqual(json(join(single, 'state.json')).state);
  });

  it.each([
    [['--queue', 'localhost:6379'], 'METARENA_INVALID_ARGUMENT', /--queue must be a Redis URL such as redis:\/\/localhost:6379 \(the scheme must be redis: or rediss:, not localhost:\), got "localhost:6379"/],
    [['--queue', 'http://127.0.0.1:6379'], 'METARENA_INVALID_ARGUMENT', /--queue must be a Redis URL .*not http:/],
    [['--queue', 'redis://'], 'METARENA_INVALID_ARGUMENT', /--queue must be a Redis URL .*\(no host\)/],
    [['--queue', 'redis://127.0.0.1:6379', '--workers', '2'], 'METARENA_INVALID_ARGUMENT', /--workers and --queue exclude each other: with --queue the members run on `metarena worker --queue redis:\/\/127\.0\.0\.1:6379` processes/],
  ])('refuses %j before any work', async (extra, code, message) => {
    const out = outDir();
    const r = await runMain(rnArgs(out, ...extra));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error ${code}:`);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('Redis not reachable: evolve and worker say so, naming --queue, without waiting', async () => {
    const port = await freePort();
    const out = outDir();
    const started = performance.now();
    const r = await runMain(rnArgs(out, '--queue', `redis://:secret@127.0.0.1:${port}`));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`error METARENA_UNAVAILABLE: --queue redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}: cannot reach Redis \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\)`));
    expect(r.stderr).not.toContain('secret');
    expect(existsSync(out)).toBe(false);
    const w = await runCli(['worker', '--queue', `redis://127.0.0.1:${port}`]);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(new RegExp(`error METARENA_UNAVAILABLE: --queue redis://127\\.0\\.0\\.1:${port}: cannot reach Redis`));
    const bad = await runCli(['worker', '--queue', 'redis-host']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/error METARENA_INVALID_ARGUMENT: --queue must be a Redis URL/);
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('a worker stops on SIGTERM (exit 0) and names its options in --help', async () => {
    const [worker] = alive();
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(worker.seen.some((l) => l.startsWith('metarena worker: SIGTERM: taking no new job; 0 running'))).toBe(true);
    const help = await runMain(['worker', '--help']);
    for (const word of ['--queue', '--concurrency', '--lock-timeout']) expect(help.stdout).toContain(word);
    expect((await runMain(['evolve', '--help'])).stdout).toContain('--queue');
  });
});
