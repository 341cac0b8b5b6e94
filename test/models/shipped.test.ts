/**
 * The models shipped in `models/` still load and do what `models/README.md` says they do, with
 * the commands it gives (shortened where a full run would be long).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Box, Rng, type WrapperSpec } from '../../src/core/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { runMain } from '../cli/run-cli.ts';

const registry = createBuiltinRegistry();
const MODELS = new URL('../../models/', import.meta.url);

function shippedWrapper(file: string): WrapperSpec {
  return JSON.parse(readFileSync(new URL(file, MODELS), 'utf8')) as WrapperSpec;
}

describe('evolved reservoirs', () => {
  it.each([
    ['reservoir-cartpole-masked.json', 'CartPole-v1', [1, 3]],
    ['reservoir-pendulum-masked.json', 'Pendulum-v1', [2]],
  ])('%s is the Reservoir wrapper of one 100-unit reservoir over the masked %s', (file, envId, drop) => {
    const spec = shippedWrapper(file);
    expect(spec.id).toBe('Reservoir');
    const env = registry.make(envId, { wrappers: [{ id: 'MaskObservation', drop }, spec] });
    expect((env.observationSpace as Box).shape).toEqual([100]);
    const { obs } = env.reset({ seed: 0 });
    const next = env.step(env.actionSpace.sample(new Rng(1))).obs as Float32Array;
    expect(next).not.toEqual(obs);
    expect(next.every((x) => Math.abs(x) <= 1)).toBe(true);
    env.close();
  });
});

/** Env steps until q-learning's greedy policy walks the optimal path, as models/README.md runs it. */
async function cliffSteps(wrappers: string[], seed: number): Promise<number> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const out = mkdtempSync(join(tmpdir(), 'metarena-cliff-'));
  try {
    const run = await runMain([
      'train', '--agent', 'q-learning', '--env', 'CliffWalking-v0', ...wrappers.flatMap((w) => ['--wrapper', w]),
      '--target-return', '-13', '--steps', '20000', '--eval-every', '10', '--eval-episodes', '1', '--seed', String(seed),
      '--out', out, '--set', 'alpha=1', '--set', 'gamma=0.8', '--set', 'epsilon=0.01', '--json', '--progress-every', '0',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const line = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as { steps: number; evalReturn: number };
    expect(line.evalReturn).toBe(-13);
    return line.steps;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

describe('rn-cliff-mode2', () => {
  it('Q-learning with the shipped reward network walks the optimal path in under half the steps it takes without', async () => {
    const rn = JSON.stringify({ id: 'RewardNet', model: 'models/rn-cliff-mode2' });
    for (const seed of [101, 102]) {
      const [withRn, without] = [await cliffSteps([rn], seed), await cliffSteps([], seed)];
      expect(withRn * 2, `seed ${seed}: ${withRn} with the RN, ${without} without`).toBeLessThan(without);
    }
  }, 60_000);
});
