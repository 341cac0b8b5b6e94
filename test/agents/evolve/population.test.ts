import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CmaEsStrategy } from '../../../src/agents/evolve/cmaes-strategy.ts';
import { type Evaluator, type FitnessTask, InProcessEvaluator } from '../../../src/agents/evolve/evaluator.ts';
import { NesStrategy } from '../../../src/agents/evolve/nes-strategy.ts';
import { type MetricsRow, type PopulationCheckpoint, fitnessStats, readPopulationCheckpoint, rowsCsv, runPopulation } from '../../../src/agents/evolve/population.ts';
import { LocalPool } from '../../../src/agents/evolve/worker-pool.ts';
import { toyFitness } from './fixtures/toy-fitness.ts';

const root = mkdtempSync(join(tmpdir(), 'metarena-population-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let k = 0;
const outDir = () => join(root, `run-${k++}`);
const entry = fileURLToPath(new URL('./fixtures/toy-worker.ts', import.meta.url));

const sphere = (options: Record<string, unknown> = {}): FitnessTask => ({ kind: 'sphere', options: { target: 0, ...options } });
const nes = (params = [1, -1, 0.5, 2], state?: ConstructorParameters<typeof NesStrategy>[3]) => new NesStrategy(params, { population: 6, sigma: 0.1, alpha: 0.5, seed: 11 }, 1, state);
const rowsOf = (out: string) =>
  readFileSync(join(out, 'metrics.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as MetricsRow);
const fitnesses = (rows: readonly MetricsRow[]) => rows.filter((r) => r.kind === 'member').map((r) => [r.generation, r.member, r.tag, r.fitness]);
const norm = (x: ArrayLike<number>) => Math.sqrt(Array.from(x).reduce((s, v) => s + v * v, 0));

async function withPool<T>(workers: number, f: (pool: LocalPool) => Promise<T>, jobTimeout = 0): Promise<T> {
  const pool = new LocalPool({ entry, workers, jobTimeout });
  try {
    return await f(pool);
  } finally {
    await pool.close();
  }
}

describe('runPopulation', () => {
  it('moves NES towards the optimum of a sphere, on 2 worker processes, and writes its files', async () => {
    const out = outDir();
    const strategy = nes();
    const before = norm(strategy.nes.params);
    const outcome = await withPool(2, (pool) => runPopulation({ out, seed: 5, generations: 12, strategy, task: sphere(), evaluator: pool, title: 'sphere' }));
    expect(outcome.generations).toBe(12);
    expect(norm(strategy.nes.params)).toBeLessThan(0.5 * before);
    // the centre's fitness (one evaluation of ψ per generation) went up
    const gens = outcome.rows.filter((r) => r.kind === 'generation');
    expect(gens).toHaveLength(12);
    expect(gens[11].center_fitness as number).toBeGreaterThan(gens[0].center_fitness as number);
    expect(gens.every((r) => r.failed === 0 && r.evaluations === 13 && r.step_size === 0.1)).toBe(true);
    for (const r of gens) expect((r.best as number) >= (r.median as number) && (r.median as number) >= (r.worst as number)).toBe(true);
    // the jobs ran in two processes
    expect(new Set(outcome.rows.filter((r) => r.kind === 'member').map((r) => r.pid)).size).toBe(2);
    // the result: the best centre (the mean of its evaluations), and it is one of the ψ visited
    expect(outcome.result?.fitness).toBe(Math.max(...gens.map((r) => r.center_fitness as number)));
    for (const f of ['metrics.jsonl', 'metrics.csv', 'fitness-curve.svg', 'state.json']) expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, 'fitness-curve.svg'), 'utf8')).toMatch(/^<svg/);
    const csv = readFileSync(join(out, 'metrics.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(outcome.rows.length + 1);
    expect(csv[0].split(',')).toEqual(expect.arrayContaining(['kind', 'generation', 'member', 'tag', 'fitness', 'best', 'median', 'mean', 'worst', 'std', 'step_size', 'seconds']));
    expect(rowsOf(out)).toEqual(outcome.rows);
  });

  it('finds the optimum of a sphere in a log-spaced box with CMA-ES through the runner', async () => {
    const out = outDir();
    // the optimum of −Σ(x − 1)² at x = 1 inside [1e-2, 1e2]³
    const strategy = new CmaEsStrategy(['a', 'b', 'c'], { lower: [1e-2, 1e-2, 1e-2], upper: [1e2, 1e2, 1e2], log: true, seed: 3 });
    const outcome = await runPopulation({ out, seed: 1, generations: 40, strategy, task: sphere({ target: 1 }), evaluator: new InProcessEvaluator(toyFitness) });
    const best = outcome.result!;
    expect(best.candidate.kind).toBe('json');
    const x = best.candidate.kind === 'json' ? Object.values(best.candidate.value) : [];
    for (const v of x) expect(v as number).toBeCloseTo(1, 1);
    expect(best.fitness).toBeGreaterThan(-1e-2);
    const gens = outcome.rows.filter((r) => r.kind === 'generation');
    expect(gens[0].evaluations).toBe(7); // 4 + floor(3 ln 3)
    expect(gens[gens.length - 1].step_size as number).toBeLessThan(gens[0].step_size as number);
  });

  it('gives the same fitnesses with 1 worker as with 2 (seeds from run seed, generation and member)', async () => {
    const task = sphere({ noise: 0.3 });
    const one = outDir();
    const two = outDir();
    const a = await withPool(1, (pool) => runPopulation({ out: one, seed: 9, generations: 2, strategy: nes(), task, evaluator: pool }));
    const b = await withPool(2, (pool) => runPopulation({ out: two, seed: 9, generations: 2, strategy: nes(), task, evaluator: pool }));
    expect(fitnesses(a.rows)).toEqual(fitnesses(b.rows));
    // the noise is seeded per member: mirrored pairs share their seed, members and generations do not
    const rows = a.rows.filter((r) => r.kind === 'member');
    const seedOf = (g: number, m: number, tag: string) => rows.find((r) => r.generation === g && r.member === m && r.tag === tag)?.seed;
    expect(seedOf(0, 1, 'plus')).toBe(seedOf(0, 1, 'minus'));
    expect(seedOf(0, 1, 'plus')).not.toBe(seedOf(0, 2, 'plus'));
    expect(seedOf(0, 1, 'plus')).not.toBe(seedOf(1, 1, 'plus'));
    expect(readFileSync(join(one, 'state.json'), 'utf8').replace(/"seconds":[\d.]+/, '')).toBe(readFileSync(join(two, 'state.json'), 'utf8').replace(/"seconds":[\d.]+/, ''));
    // another run seed gives other fitnesses
    const c = await runPopulation({ out: outDir(), seed: 10, generations: 1, strategy: nes(), task, evaluator: new InProcessEvaluator(toyFitness) });
    expect(fitnesses(c.rows)).not.toEqual(fitnesses(a.rows).filter((r) => r[0] === 0));
  });

  it('resumes a killed run to the same generations as an uninterrupted one (NES and CMA-ES)', async () => {
    const task = sphere({ noise: 0.1, target: 0.5 });
    const evaluator: Evaluator = new InProcessEvaluator(toyFitness);
    const cma = (state?: unknown) => new CmaEsStrategy(['x', 'y'], { lower: [0.01, 0.01], upper: [10, 10], log: true, seed: 4, popSize: 5 }, state as never);
    for (const [make, restore] of [
      [() => nes(), (s: unknown) => nes(undefined, s as never)],
      [() => cma(), (s: unknown) => cma(s)],
    ] as const) {
      const whole = outDir();
      const full = await runPopulation({ out: whole, seed: 2, generations: 4, strategy: make(), task, evaluator });
      const killed = outDir();
      // killed after its second generation was checkpointed
      const kill = new Error('killed');
      await expect(
        runPopulation({
          out: killed,
          seed: 2,
          generations: 4,
          strategy: make(),
          task,
          evaluator,
          hooks: {
            onGeneration: ({ generation }) => {
              if (generation === 1) throw kill;
            },
          },
        }),
      ).rejects.toBe(kill);
      const start = readPopulationCheckpoint(killed) as PopulationCheckpoint;
      expect(start.generation).toBe(2);
      const resumed = await runPopulation({ out: killed, seed: 2, generations: 4, strategy: restore(start.state), task, evaluator, start });
      expect(resumed.generations).toBe(4);
      expect(fitnesses(resumed.rows)).toEqual(fitnesses(full.rows));
      expect(fitnesses(rowsOf(killed))).toEqual(fitnesses(full.rows));
      expect(JSON.stringify(readPopulationCheckpoint(killed)!.state)).toBe(JSON.stringify(readPopulationCheckpoint(whole)!.state));
      expect(resumed.result).toEqual(full.result);
    }
  });

  it('drops metrics rows written after the checkpoint when it resumes', async () => {
    const out = outDir();
    const evaluator = new InProcessEvaluator(toyFitness);
    await runPopulation({ out, seed: 1, generations: 2, strategy: nes(), task: sphere(), evaluator });
    const start = readPopulationCheckpoint(out)!;
    // as if the run had died after its third generation's metrics, before its checkpoint
    const moreRows = outDir();
    await runPopulation({ out: moreRows, seed: 1, generations: 3, strategy: nes(), task: sphere(), evaluator });
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(out, 'metrics.jsonl'), readFileSync(join(moreRows, 'metrics.jsonl')));
    const resumed = await runPopulation({ out, seed: 1, generations: 3, strategy: nes(undefined, start.state as never), task: sphere(), evaluator, start });
    expect(fitnesses(rowsOf(out))).toEqual(fitnesses(rowsOf(moreRows)));
    expect(resumed.rows.filter((r) => r.kind === 'generation').map((r) => r.generation)).toEqual([0, 1, 2]);
  });

  it('survives a member that ends its worker process, one that throws and one that hangs', async () => {
    const out = outDir();
    const task = sphere({ crash: ['0:1:minus'], fail: ['0:2:plus'], hang: ['1:0:plus'] });
    const outcome = await withPool(2, (pool) => runPopulation({ out, seed: 3, generations: 2, strategy: nes(), task, evaluator: pool }), 3);
    expect(outcome.generations).toBe(2);
    const members = outcome.rows.filter((r) => r.kind === 'member');
    const row = (g: number, m: number, tag: string) => members.find((r) => r.generation === g && r.member === m && r.tag === tag)!;
    expect(row(0, 1, 'minus').fitness).toBeNull();
    expect(row(0, 1, 'minus').error).toMatch(/generation 0 member 1 \(minus\): its worker died \(exit code 3\)/);
    expect(row(0, 2, 'plus').fitness).toBeNull();
    expect(row(0, 2, 'plus').error).toBe('member 0:2:plus fails on purpose');
    expect(row(1, 0, 'plus').error).toMatch(/timed out after 3 s/);
    // each member with one failed evaluation keeps the other one's fitness
    const gens = outcome.rows.filter((r) => r.kind === 'generation');
    expect(gens.map((r) => r.failed)).toEqual([2, 1]);
    expect(members.filter((r) => r.error === null).every((r) => typeof r.fitness === 'number')).toBe(true);
    // the dead workers were replaced: more than two processes served the run
    expect(new Set(members.map((r) => r.pid).filter((p) => p !== undefined)).size).toBeGreaterThan(2);
  });

  it('fails the evaluation with a coded error when the worker entry cannot start', async () => {
    const pool = new LocalPool({ entry: fileURLToPath(new URL('./fixtures/dead-worker.ts', import.meta.url)), workers: 1 });
    try {
      await expect(runPopulation({ out: outDir(), seed: 1, generations: 1, strategy: nes(), task: sphere(), evaluator: pool })).rejects.toMatchObject({ code: 'METARENA_INTERNAL', details: { field: 'workers' } });
    } finally {
      await pool.close();
    }
  });

  it('refuses a checkpoint of another strategy', async () => {
    const out = outDir();
    await runPopulation({ out, seed: 1, generations: 1, strategy: nes(), task: sphere(), evaluator: new InProcessEvaluator(toyFitness) });
    const start = readPopulationCheckpoint(out)!;
    const cma = new CmaEsStrategy(['x'], { lower: [1], upper: [2], seed: 1 });
    await expect(runPopulation({ out, seed: 1, generations: 2, strategy: cma, task: sphere(), evaluator: new InProcessEvaluator(toyFitness), start })).rejects.toMatchObject({ code: 'METARENA_INVALID_ARGUMENT', details: { field: '--resume' } });
  });
});

describe('fitnessStats and rowsCsv', () => {
  it('summarise the finite values and quote strings', () => {
    expect(fitnessStats([3, -Infinity, 1, 2, Number.NaN])).toEqual({ best: 3, median: 2, mean: 2, worst: 1, std: Math.sqrt(2 / 3) });
    expect(fitnessStats([-Infinity])).toEqual({ best: null, median: null, mean: null, worst: null, std: null });
    expect(rowsCsv([{ a: 1, b: 'x,y' }, { a: null, c: true }])).toBe('a,b,c\n1,"x,y",\n,,true\n');
  });
});
