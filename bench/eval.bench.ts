/**
 * `metarena eval` wall-clock: the 7 bandit baselines (random, greedy, eps-greedy, ucb1, ts, ots,
 * gittins) × 1000 trials on Bandit-v0 with n = 100 pulls, k = 5 arms, in-process, exactly as the
 * command runs it — the free parameters of eps-greedy, ucb1, ots and gittins tuned on training
 * tasks first (default tuning trials), results and plots written to a temp directory. The
 * workload is fixed, so `seconds` does not apply. Also reports each agent's mean return per
 * trial next to the RL² paper's (Duan et al. 2016, table 1) where it lists one.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEval } from '../src/commands/eval.ts';
import { createBuiltinRegistry } from '../src/plugins/index.ts';
import type { BenchOptions } from './run.ts';

const AGENTS = ['random', 'greedy', 'eps-greedy', 'ucb1', 'ts', 'ots', 'gittins'];
const PUBLISHED: Record<string, number> = { random: 49.9, gittins: 78.3, ts: 74.7, ucb1: 78.0 };
const TRIALS = 1000;

export async function run(_opts: BenchOptions): Promise<Record<string, unknown>> {
  const out = mkdtempSync(join(tmpdir(), 'metarena-eval-bench-'));
  const registry = createBuiltinRegistry();
  try {
    const start = performance.now();
    await runEval(
      { registry: () => registry, stdout: () => {}, stderr: () => {} },
      { env: 'Bandit-v0', trials: String(TRIALS), episodesPerTrial: '100', agents: AGENTS.join(','), seed: '0', out },
      false,
    );
    const seconds = (performance.now() - start) / 1000;
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as {
      agents: Record<string, { mean: number; ci95: [number, number]; tuned: { option: string; value: number } | null }>;
    };
    const agents = Object.fromEntries(
      Object.entries(results.agents).map(([name, a]) => [
        name,
        {
          mean: a.mean,
          ci95: a.ci95,
          ...(a.tuned ? { tuned: `${a.tuned.option}=${a.tuned.value}` } : {}),
          ...(PUBLISHED[name] !== undefined ? { published: PUBLISHED[name], relativeDifference: a.mean / PUBLISHED[name] - 1 } : {}),
        },
      ]),
    );
    return { workload: `Bandit-v0 k=5, n=100, ${TRIALS} trials × ${AGENTS.length} agents, tuning included`, wallClockSeconds: seconds, targetSeconds: 30, agents };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
