import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { LearnerPlugin } from '../../src/agents/learner.ts';
import { td3Learner } from '../../src/agents/td3.ts';
import { initBackend } from '../../src/nn/index.ts';
import { expectLearnsPendulum, expectNoTensorLeak, expectOptionErrors, expectResumeMatches } from './off-policy-checks.ts';

const plugin = td3Learner as unknown as LearnerPlugin;
let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-td3-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Small and fast: Pendulum's effective torque range, small nets and batches, a larger step size. */
const SMALL = { hidden: [64, 64], batchSize: 64, learningRate: 1e-3, explorationNoise: 0.2, learningStarts: 1000, bufferSize: 10_000, actionBound: 2, logEvery: 1000 };

describe('td3', () => {
  it('learns Pendulum-v1: the greedy policy beats a uniform random policy by a clear margin', async () => {
    await expectLearnsPendulum(plugin, SMALL, [3000, 6000], [1000, 2000, 3000, 4000, 5000, 6000]);
  }, 240_000);

  it('resumes from a checkpoint: same actions, same Adam state, counters and buffer; the next update matches', async () => {
    // the second update is a delayed actor update
    await expectResumeMatches(plugin, SMALL, dir, 2);
  }, 60_000);

  it('does not leak tensors across updates and actions', async () => {
    await expectNoTensorLeak(plugin, SMALL);
  }, 30_000);

  it('rejects bad options with coded errors naming the field, and envs without Box actions', async () => {
    await expectOptionErrors(plugin);
  });
});
