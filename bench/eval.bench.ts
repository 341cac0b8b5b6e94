/**
 * `metarena eval` wall-clock and the baselines against the RL² paper (Duan et al. 2016, table 1).
 *
 * - `workload`: the 7 bandit baselines (random, greedy, eps-greedy, ucb1, ts, ots, gittins) ×
 *   1000 trials on Bandit-v0 with n = 100 pulls, k = 5 arms, in-process, exactly as the command
 *   runs it — the free parameters of eps-greedy, ucb1, ots and gittins tuned on training tasks
 *   first — results and plots written to a temp directory. Target: under 30 s.
 * - `published`: each row the issue names — bandit n=100,k=5 (from the workload), bandit
 *   n=10,k=5 (10,000 trials: a 1000-trial mean of TS still wanders ±2% around its expectation)
 *   and MDP n=10 (1000 trials) — with every agent's mean next to the published value.
 * The test split and seed 0 throughout; the workload is fixed, so `seconds` does not apply.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEval } from '../src/commands/eval.ts';
import { createBuiltinRegistry } from '../src/plugins/index.ts';
import type { BenchOptions } from './run.ts';

interface Row {
  name: string;
  env: string;
  episodesPerTrial: number;
  trials: number;
  agents: string[];
  published: Record<string, number>;
  /** Allowed relative difference from the published values. */
  tolerance: number;
}

const WORKLOAD: Row = {
  name: 'bandit n=100,k=5',
  env: 'Bandit-v0',
  episodesPerTrial: 100,
  trials: 1000,
  agents: ['random', 'greedy', 'eps-greedy', 'ucb1', 'ts', 'ots', 'gittins'],
  published: { random: 49.9, gittins: 78.3, ts: 74.7, ucb1: 78.0 },
  tolerance: 0.03,
};
const ROWS: Row[] = [
  { name: 'bandit n=10,k=5', env: 'Bandit-v0', episodesPerTrial: 10, trials: 10_000, agents: ['random', 'ts', 'ucb1', 'gittins'], published: { random: 5.0, gittins: 6.6, ts: 5.7, ucb1: 6.7 }, tolerance: 0.03 },
  { name: 'MDP n=10', env: 'TabularMDP-v0', episodesPerTrial: 10, trials: 1000, agents: ['random', 'psrl', 'ucrl2', 'beb'], published: { random: 100.1, psrl: 138.1, ucrl2: 146.6, beb: 150.2 }, tolerance: 0.05 },
];

type Results = { agents: Record<string, { mean: number; ci95: [number, number]; tuned: { option: string; value: number } | null }> };

async function evaluateRow(row: Row): Promise<{ seconds: number; agents: Record<string, unknown> }> {
  const out = mkdtempSync(join(tmpdir(), 'metarena-eval-bench-'));
  const registry = createBuiltinRegistry();
  try {
    const start = performance.now();
    await runEval(
      { registry: async () => registry, stdout: () => {}, stderr: () => {} },
      { env: row.env, trials: String(row.trials), episodesPerTrial: String(row.episodesPerTrial), agents: row.agents.join(','), seed: '0', split: 'test', out },
      false,
    );
    const seconds = (performance.now() - start) / 1000;
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
    const agents = Object.fromEntries(
      Object.entries(results.agents).map(([name, a]) => {
        const published = row.published[name];
        const diff = published === undefined ? undefined : a.mean / published - 1;
        return [
          name,
          {
            mean: a.mean,
            ci95: a.ci95,
            ...(a.tuned ? { tuned: `${a.tuned.option}=${a.tuned.value}` } : {}),
            ...(diff !== undefined ? { published, relativeDifference: Math.round(diff * 1e4) / 1e4, withinTolerance: Math.abs(diff) <= row.tolerance } : {}),
          },
        ];
      }),
    );
    return { seconds, agents };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function run(_opts: BenchOptions): Promise<Record<string, unknown>> {
  const workload = await evaluateRow(WORKLOAD);
  const published: Record<string, unknown> = { [WORKLOAD.name]: { trials: WORKLOAD.trials, tolerance: WORKLOAD.tolerance, agents: workload.agents } };
  for (const row of ROWS) {
    const r = await evaluateRow(row);
    published[row.name] = { trials: row.trials, tolerance: row.tolerance, agents: r.agents };
  }
  return {
    workload: `Bandit-v0 k=5, n=100, ${WORKLOAD.trials} trials × ${WORKLOAD.agents.length} agents, tuning included`,
    wallClockSeconds: workload.seconds,
    targetSeconds: 30,
    published,
  };
}
