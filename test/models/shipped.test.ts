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

/** Env steps until `metarena train`'s greedy evaluations reach `target` on the real reward, as models/README.md runs it. */
async function stepsToTarget(args: string[], wrappers: string[], target: number, seed: number): Promise<number> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const out = mkdtempSync(join(tmpdir(), 'metarena-steps-'));
  try {
    const run = await runMain([
      'train', ...args, ...wrappers.flatMap((w) => ['--wrapper', w]), '--target-return', String(target),
      '--seed', String(seed), '--out', out, '--json', '--progress-every', '0',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const line = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as { steps: number; evalReturn: number };
    expect(line.evalReturn).toBeGreaterThanOrEqual(target);
    return line.steps;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const CLIFF = ['--agent', 'q-learning', '--env', 'CliffWalking-v0', '--steps', '20000', '--eval-every', '10', '--eval-episodes', '1', '--set', 'alpha=1', '--set', 'gamma=0.8', '--set', 'epsilon=0.01'];
const cliffSteps = (wrappers: string[], seed: number) => stepsToTarget(CLIFF, wrappers, -13, seed);

/** The CartPole RN's inner DDQN (RN_PRESETS['CartPole-v1']) as models/README.md trains it. */
const CARTPOLE_DDQN = [
  '--agent', 'double-dqn', '--env', 'CartPole-v1', '--steps', '30000', '--eval-every', '200', '--eval-episodes', '10',
  ...['trainFreq=1', 'gradientSteps=1', 'targetUpdateInterval=1', 'loss=mse', 'maxGradNorm=0', 'explorationFraction=1', 'hidden=64', 'learningRate=0.003', 'batchSize=192', 'gamma=0.99', 'tau=0.01', 'explorationInitialEps=0.8', 'explorationFinalEps=0.03', 'totalSteps=2000', 'learningStarts=20', 'bufferSize=100000'].flatMap((s) => ['--set', s]),
];

describe('rn-cliff-mode2', () => {
  it('Q-learning with the shipped reward network walks the optimal path in under half the steps it takes without', async () => {
    const rn = JSON.stringify({ id: 'RewardNet', model: 'models/rn-cliff-mode2' });
    for (const seed of [101, 102]) {
      const [withRn, without] = [await cliffSteps([rn], seed), await cliffSteps([], seed)];
      expect(withRn * 2, `seed ${seed}: ${withRn} with the RN, ${without} without`).toBeLessThan(without);
    }
  }, 60_000);
});

describe('rn-cartpole-mode1', () => {
  it('DDQN on the shipped exclusive-potential reward network (mode 1, no real reward) balances the pole in under half the steps it takes on the real reward', async () => {
    const rn = JSON.stringify({ id: 'RewardNet', model: 'models/rn-cartpole-mode1' });
    for (const seed of [101, 102]) {
      const [withRn, without] = [await stepsToTarget(CARTPOLE_DDQN, [rn], 195, seed), await stepsToTarget(CARTPOLE_DDQN, [], 195, seed)];
      expect(withRn * 2, `seed ${seed}: ${withRn} with the RN, ${without} without`).toBeLessThan(without);
    }
  }, 120_000);
});
