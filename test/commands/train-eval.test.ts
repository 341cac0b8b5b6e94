import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RewardNetModel } from '../../src/plugins/wrappers/reward-net.ts';
import { runMain } from '../cli/run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'metarena-train-eval-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let k = 0;
const outDir = () => join(root, `run-${k++}`);
const evalRows = (out: string) =>
  readFileSync(join(out, 'metrics.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((r) => r.kind === 'eval');

describe('metarena train: greedy evaluations', () => {
  it('judge the real reward under a RewardNet: --target-return -13 stops when the greedy path on CliffWalking is optimal', async () => {
    // an additive potential RN (mode 2) saved as a model, as the command uses it
    const model = join(root, 'rn-cliff');
    await RewardNetModel.random({ env: 'CliffWalking-v0', mode: 2, gamma: 0.99, info: [], observation: { kind: 'discrete', n: 48, start: 0 }, hidden: [32], activation: 'prelu' }, 7).save(model);
    const out = outDir();
    const wrapper = JSON.stringify({ id: 'RewardNet', model });
    const r = await runMain(['train', '--agent', 'q-learning', '--env', 'CliffWalking-v0', '--wrapper', wrapper, '--steps', '30000', '--eval-every', '500', '--eval-episodes', '1', '--target-return', '-13', '--set', 'alpha=0.5', '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const rows = evalRows(out);
    const last = rows[rows.length - 1];
    // the optimal path's real return, exactly: 13 steps of −1 (a shaped return would not be an integer)
    expect(last.eval_return).toBe(-13);
    expect(last.eval_reward).toBe('env_reward');
    expect(JSON.parse(r.stdout).steps).toBeLessThan(30000);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toMatchObject({ targetReached: true, evalReturn: -13 });
    // every earlier evaluation fell short of the target
    for (const row of rows.slice(0, -1)) expect(row.eval_return as number).toBeLessThan(-13);
  });

  it('end on CliffWalking (no time limit) at the default cap of 1000 steps, or at --eval-max-episode-steps, and say so', async () => {
    // after 10 steps of Q-learning the greedy policy walks into a wall or the cliff forever
    const out = outDir();
    const r = await runMain(['train', '--agent', 'q-learning', '--env', 'CliffWalking-v0', '--steps', '10', '--eval-episodes', '2', '--out', out]);
    expect(r.code).toBe(0);
    const [row] = evalRows(out);
    expect(row).toMatchObject({ eval_max_episode_steps: 1000, eval_truncated: 2, eval_reward: 'reward', eval_episodes: 2 });
    expect(row.eval_return as number).toBeLessThanOrEqual(-1000);
    const capped = outDir();
    expect((await runMain(['train', '--agent', 'q-learning', '--env', 'CliffWalking-v0', '--steps', '10', '--eval-episodes', '1', '--eval-max-episode-steps', '40', '--out', capped])).code).toBe(0);
    const [short] = evalRows(capped);
    expect(short).toMatchObject({ eval_max_episode_steps: 40, eval_truncated: 1 });
    expect(short.eval_return as number).toBeLessThanOrEqual(-40);
    expect(short.eval_return as number).toBeGreaterThanOrEqual(-40 * 100);
  });

  it("keep an env's own time limit, and refuse a bad --eval-max-episode-steps", async () => {
    const out = outDir();
    expect((await runMain(['train', '--agent', 'q-learning', '--env', 'TabularMDP-v0', '--steps', '200', '--eval-episodes', '2', '--out', out])).code).toBe(0);
    expect(evalRows(out)[0]).toMatchObject({ eval_max_episode_steps: 10, eval_truncated: 2 });
    const bad = outDir();
    const r = await runMain(['train', '--agent', 'q-learning', '--env', 'CliffWalking-v0', '--steps', '10', '--eval-max-episode-steps', '0', '--out', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error METARENA_INVALID_ARGUMENT: --eval-max-episode-steps must be an integer >= 1/);
    expect(existsSync(bad)).toBe(false);
  });
});
