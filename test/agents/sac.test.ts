import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { LearnerPlugin } from '../../src/agents/learner.ts';
import { sacLearner } from '../../src/agents/sac.ts';
import { initBackend } from '../../src/nn/index.ts';
import { expectLearnsPendulum, expectNoTensorLeak, expectOptionErrors, expectResumeMatches } from './off-policy-checks.ts';

const plugin = sacLearner as unknown as LearnerPlugin;
let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-sac-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Small and fast: Pendulum's effective torque range, tiny nets and batches. */
const SMALL = { hidden: [64, 64], batchSize: 64, learningStarts: 500, bufferSize: 10_000, actionBound: 2, logEvery: 500 };

describe('sac', () => {
  it('learns Pendulum-v1: the greedy policy beats a uniform random policy by a clear margin', async () => {
    await expectLearnsPendulum(plugin, SMALL, [1500, 3000], [500, 1000, 1500, 2000, 2500, 3000]);
  }, 240_000);

  it('resumes from a checkpoint: same actions, same Adam state, counters and buffer; the next update matches', async () => {
    await expectResumeMatches(plugin, SMALL, dir, 1);
  }, 60_000);

  it('does not leak tensors across updates and actions', async () => {
    await expectNoTensorLeak(plugin, SMALL);
  }, 30_000);

  it('rejects bad options with coded errors naming the field, and envs without Box actions', async () => {
    await expectOptionErrors(plugin);
  });
});
