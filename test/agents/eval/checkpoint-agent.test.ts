import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type LoadedCheckpoint, checkpointAgentPlugin, loadCheckpointAgents } from '../../../src/agents/eval/checkpoint-agent.ts';
import { createLearnerRegistry } from '../../../src/agents/learners.ts';
import { AgentRegistry } from '../../../src/agents/registry.ts';
import type { AgentPlugin } from '../../../src/agents/agent.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import { runMain } from '../../cli/run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'metarena-checkpoint-agent-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('checkpoint:dir=PATH as an eval agent', () => {
  it('plays a trained learner in metarena eval, the same on a rerun; bad dirs and spaces fail before any work', async () => {
    const trained = join(root, 'q');
    expect((await runMain(['train', '--agent', 'q-learning', '--env', 'TabularMDP-v0', '--steps', '3000', '--out', trained, '--eval-episodes', '0'])).code).toBe(0);
    const args = ['eval', '--env', 'TabularMDP-v0', '--episodes-per-trial', '2', '--trials', '6', '--agents', `checkpoint:dir=${trained},random`, '--seed', '4', '--json'];
    const r = await runMain([...args, '--out', join(root, 'e1')]);
    expect(r.stderr).toBe('');
    const summary = JSON.parse(r.stdout);
    expect(summary.agents[`checkpoint:dir=${trained}`].n).toBe(6);
    const again = await runMain([...args, '--out', join(root, 'e2')]);
    expect(JSON.parse(again.stdout)).toEqual(summary);

    const missing = await runMain(['eval', '--env', 'TabularMDP-v0', '--trials', '2', '--agents', `checkpoint:dir=${join(root, 'none')}`, '--out', join(root, 'e3')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no checkpoint in/);
    const otherSpaces = await runMain(['eval', '--env', 'Bandit-v0', '--trials', '2', '--agents', `checkpoint:dir=${trained}`, '--out', join(root, 'e4')]);
    expect(otherSpaces.code).toBe(2);
    expect(otherSpaces.stderr).toMatch(/cannot act in Bandit-v0: the q-learning checkpoint was trained with observation space/);
    expect(existsSync(join(root, 'e3')) || existsSync(join(root, 'e4'))).toBe(false);
  });

  it("creates agents that act as the loaded learner's greedy policy", async () => {
    const trained = join(root, 'dqn');
    expect((await runMain(['train', '--agent', 'dqn', '--env', 'CartPole-v1', '--steps', '600', '--num-envs', '2', '--set', 'learningStarts=200', '--set', 'hidden=8', '--out', trained, '--eval-episodes', '0'])).code).toBe(0);
    const learners = createLearnerRegistry();
    const loaded = new Map<string, LoadedCheckpoint>();
    const agents = new AgentRegistry([checkpointAgentPlugin(loaded) as unknown as AgentPlugin]);
    const choice = agents.parse(`checkpoint:dir=${trained}`);
    await loadCheckpointAgents(learners, [choice], loaded);
    const env = createBuiltinRegistry().makeVec('CartPole-v1', 3);
    const reset = await env.reset({ seed: 1 });
    const spec = { envId: 'CartPole-v1', numEnvs: 3, observationSpace: env.singleObservationSpace, actionSpace: env.singleActionSpace, contextSpace: env.contextSpace, maxEpisodeSteps: 500, episodesPerTrial: 1, envArgs: {} };
    const agent = agents.create(choice, spec, 0);
    agent.start(reset);
    const { learner } = await learners.load(trained);
    expect(await agent.act(reset.obs)).toEqual(await learner.policy().act(reset.obs));
    learner.dispose();
    for (const c of loaded.values()) c.learner.dispose();
  });
});
