import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TabularQLearner, qLearningLearner, sarsaLearner } from '../../src/agents/tabular-q.ts';
import type { AgentEnvSpec } from '../../src/agents/agent.ts';
import type { LearnerPlugin } from '../../src/agents/learner.ts';
import { initBackend } from '../../src/nn/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { CLIFF_GOAL, CLIFF_START, isCliff } from '../../src/plugins/tabular/cliff-walking.ts';

const registry = createBuiltinRegistry();
let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-tabular-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function specOf(envId: string, numEnvs: number): AgentEnvSpec {
  const env = registry.makeVec(envId, numEnvs);
  return { envId, numEnvs, observationSpace: env.singleObservationSpace, actionSpace: env.singleActionSpace, contextSpace: env.contextSpace, maxEpisodeSteps: env.maxEpisodeSteps, episodesPerTrial: 1, envArgs: {} };
}

/** The cells the greedy policy visits from the start (at most 100 moves). */
function greedyPath(learner: TabularQLearner): number[] {
  const drow = [-1, 0, 1, 0];
  const dcol = [0, 1, 0, -1];
  const path = [CLIFF_START];
  let cell = CLIFF_START;
  while (cell !== CLIFF_GOAL && path.length < 100) {
    const a = learner.greedy(cell);
    const row = Math.min(3, Math.max(0, Math.floor(cell / 12) + drow[a]));
    const col = Math.min(11, Math.max(0, (cell % 12) + dcol[a]));
    cell = row * 12 + col;
    if (isCliff(cell)) cell = CLIFF_START;
    path.push(cell);
  }
  return path;
}

async function trainCliff(plugin: LearnerPlugin, seed: number): Promise<TabularQLearner> {
  const learner = (await plugin.create(specOf('CliffWalking-v0', 4), { alpha: 0.1, gamma: 1, epsilon: 0.1, initialQ: 0 }, seed)) as TabularQLearner;
  const env = registry.makeVec('CliffWalking-v0', 4);
  await learner.train(env, 100_000);
  return learner;
}

describe('tabular Q-learning and SARSA on CliffWalking-v0 (Sutton & Barto, Example 6.6)', () => {
  it('Q-learning learns the optimal path along the cliff edge, SARSA a safer, longer one', async () => {
    for (const seed of [1, 2, 3]) {
      const q = greedyPath(await trainCliff(qLearningLearner as unknown as LearnerPlugin, seed));
      const sarsa = greedyPath(await trainCliff(sarsaLearner as unknown as LearnerPlugin, seed));
      // both reach the goal
      expect(q.at(-1)).toBe(CLIFF_GOAL);
      expect(sarsa.at(-1)).toBe(CLIFF_GOAL);
      // Q-learning: 13 moves, all but the first and last on row 2, next to the cliff
      expect(q.length - 1).toBe(13);
      expect(q.filter((c) => c >= 25 && c <= 34)).toHaveLength(10);
      // SARSA: longer, and it keeps off most of the cliff-edge row
      expect(sarsa.length - 1).toBeGreaterThan(13);
      expect(sarsa.filter((c) => c >= 25 && c <= 34).length).toBeLessThan(5);
    }
  });

  it('acts the same after save and load, and resumes from the saved step count', async () => {
    const spec = specOf('CliffWalking-v0', 2);
    for (const plugin of [qLearningLearner, sarsaLearner] as unknown as LearnerPlugin[]) {
      const learner = (await plugin.create(spec, { alpha: 0.5, gamma: 1, epsilon: 0.1, initialQ: 0 }, 3)) as TabularQLearner;
      await learner.train(registry.makeVec('CliffWalking-v0', 2), 3_000);
      const path = join(dir, plugin.name);
      await learner.save(path);
      const loaded = (await plugin.load(path)) as TabularQLearner;
      expect(loaded.steps).toBe(learner.steps);
      expect(loaded.q).toEqual(learner.q);
      const obs = Int32Array.from({ length: 48 }, (_, i) => i);
      expect(await loaded.policy().act(obs)).toEqual(await learner.policy().act(obs));
      // the seeded exploring policy too
      expect(await loaded.policy({ deterministic: false, seed: 5 }).act(obs)).toEqual(await learner.policy({ deterministic: false, seed: 5 }).act(obs));
      await loaded.train(registry.makeVec('CliffWalking-v0', 2), 4_000);
      expect(loaded.steps).toBe(4_000);
      expect(loaded.q).not.toEqual(learner.q);
    }
    await expect(sarsaLearner.load(join(dir, 'q-learning'))).rejects.toThrow(/was written by "q-learning", not sarsa/);
  });

  it('does not fit Box observations', () => {
    expect(qLearningLearner.fits(specOf('CartPole-v1', 1))).toMatch(/needs Discrete observations and actions/);
    expect(sarsaLearner.fits(specOf('CliffWalking-v0', 1))).toBeUndefined();
  });
});
