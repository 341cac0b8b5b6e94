import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AgentEnvSpec } from '../../../src/agents/agent.ts';
import { runTrialBatch } from '../../../src/agents/eval/run-trials.ts';
import { createLearnerRegistry } from '../../../src/agents/learners.ts';
import { PPOLearner } from '../../../src/agents/ppo/learner.ts';
import { collectRollout, startRollout } from '../../../src/agents/ppo/rollout.ts';
import { rl2Learner } from '../../../src/agents/rl2/learner.ts';
import { type MakeVecOptions, MultiDiscrete, Rng, type VectorEnv, type VectorStepResult } from '../../../src/core/index.ts';
import { TransitionStream } from '../../../src/agents/transitions.ts';
import { GRU, initBackend } from '../../../src/nn/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import { runMain } from '../../cli/run-cli.ts';

const envs = createBuiltinRegistry();
const learners = createLearnerRegistry();
let root: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  root = await mkdtemp(join(tmpdir(), 'metarena-rl2-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** An `rl2` learner for `envId` made as `metarena train` makes it (options checked by the registry). */
async function create(envId: string, numEnvs: number, make: MakeVecOptions, given: Record<string, unknown>, seed = 1) {
  const env = envs.makeVec(envId, numEnvs, make);
  const spec: AgentEnvSpec = { envId, numEnvs, observationSpace: env.singleObservationSpace, actionSpace: env.singleActionSpace, contextSpace: env.contextSpace, maxEpisodeSteps: env.maxEpisodeSteps, episodesPerTrial: make.episodesPerTrial ?? 1, envArgs: make.args ?? {} };
  const learner = (await rl2Learner.create(spec, learners.options('rl2', given) as never, seed)) as PPOLearner;
  return { env, spec, learner };
}

/** `env` with every step result it returns pushed to `results` (and the actions it was sent to `sent`). */
function recording(env: VectorEnv, results: VectorStepResult[], sent: ArrayLike<number>[] = []): VectorEnv {
  return new Proxy(env, {
    get(target, key) {
      if (key === 'step') {
        return async (actions: unknown) => {
          const r = await target.step(actions as never);
          sent.push(Array.from(actions as ArrayLike<number>));
          results.push(r);
          return r;
        };
      }
      const v = Reflect.get(target, key, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

const small = { cellUnits: 8, numSteps: 12, seqLen: 6 };

describe('rl2 learner', () => {
  it('feeds one-hot obs, one-hot previous action, previous reward and done; a trial starts from action 0, reward 0, done 1 and with its memory reset', async () => {
    // TabularMDP: Discrete(4) states, Discrete(3) actions, 2-step episodes, 2 episodes per trial
    const make: MakeVecOptions = { args: { states: 4, actions: 3, horizon: 2 }, episodesPerTrial: 2, autoresetMode: 'same_step' };
    const { env, learner } = await create('TabularMDP-v0', 3, make, small);
    const results: VectorStepResult[] = [];
    const { stream, reset } = await TransitionStream.open(recording(env, results), { agent: 'rl2' }, 5, 0);
    const model = learner.model;
    const T = 12;
    const r = await collectRollout(model, startRollout(model, stream, model.inputs(reset.obs, 3)), T, new Rng(2), null, (obs, n) => model.inputs(obs, n));
    expect(r.width).toBe(4 + 3 + 2);
    const obsBefore = [reset.obs as Int32Array, ...results.slice(0, T - 1).map((s) => s.obs as Int32Array)];
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < 3; i++) {
        const row = Array.from(r.obs.subarray((t * 3 + i) * r.width, (t * 3 + i + 1) * r.width));
        const oneHot = [0, 0, 0, 0];
        oneHot[obsBefore[t][i]] = 1;
        expect(row.slice(0, 4)).toEqual(oneHot);
        // the step's first of a trial: after the reset, or after a step whose autoreset started trial 0 of a new task
        const info = t > 0 ? results[t - 1].info : undefined;
        const trialStart = t === 0 || ((info?._episode_in_trial as Uint8Array | undefined)?.[i] === 1 && (info!.episode_in_trial as Int32Array)[i] === 0);
        expect(r.keep![t * 3 + i]).toBe(trialStart ? 0 : 1);
        if (trialStart) {
          expect(row.slice(4)).toEqual([1, 0, 0, 0, 1]);
        } else {
          const prev = (t - 1) * 3 + i;
          const action = [0, 0, 0];
          action[r.actions[prev]] = 1;
          expect(row.slice(4)).toEqual([...action, Math.fround(r.rewards[prev]), r.done[prev]]);
        }
      }
    }
    // 2-step episodes, 2 per trial: episode ends at steps 1, 3, 5, …; trials start at steps 0, 4, 8
    expect(Array.from({ length: T }, (_, t) => r.done[t * 3])).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect(Array.from({ length: T }, (_, t) => r.keep![t * 3])).toEqual([0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1]);
    learner.dispose();
  });

  it('the trained policy carries its memory across the episodes of a trial and starts afresh at each trial (next_step autoreset, as metarena eval)', async () => {
    const make: MakeVecOptions = { args: { arms: 3 }, episodesPerTrial: 3 };
    const { learner } = await create('Bandit-v0', 2, make, small);
    const calls: { x: Float32Array; keep: Float32Array; state: Float32Array; out: Float32Array; next: Float32Array }[] = [];
    const forward = learner.model.forward.bind(learner.model);
    vi.spyOn(learner.model, 'forward').mockImplementation((x, n, memory) => {
      const outputs = forward(x, n, memory);
      calls.push({ x: x.slice(), keep: memory!.keep.slice(), state: memory!.state.slice(), out: outputs.out.slice(), next: outputs.state!.slice() });
      return outputs;
    });
    const play = envs.makeVec('Bandit-v0', 2, make);
    const results: VectorStepResult[] = [];
    const sent: ArrayLike<number>[] = [];
    // one trial per env by the eval harness (3 pulls, each followed by its reset step), then two more by hand
    await runTrialBatch(recording(play, results, sent), learner.policy({ deterministic: false, seed: 4 }), [11, 12], 3);
    const first = calls.length;
    const again = recording(play, results, sent);
    const reset = await again.reset({ seed: [13, 14] });
    const agent = learner.policy({ deterministic: false, seed: 4 });
    agent.start(reset);
    let obs = reset.obs;
    for (let t = 0; t < 12; t++) {
      const actions = await agent.act(obs);
      const result = await again.step(actions);
      await agent.observe(actions, result);
      obs = result.obs;
    }
    expect(calls).toHaveLength(first + 12);
    const S = learner.model.memory!.stateSize;
    const width = learner.model.stepInputs;
    for (const i of [0, 1]) {
      let trialStarts = 0;
      let lastPull: { action: number; reward: number } | undefined;
      for (let t = 0; t < calls.length; t++) {
        const c = calls[t];
        const inputs = Array.from(c.x.subarray(i * width + 1, (i + 1) * width));
        const prev = results[t - 1]?.info;
        const startsTrial = t === 0 || t === first || ((prev?._episode_in_trial as Uint8Array | undefined)?.[i] === 1 && (prev!.episode_in_trial as Int32Array)[i] === 0);
        if (startsTrial) {
          trialStarts++;
          expect(c.keep[i]).toBe(0);
          expect(inputs).toEqual([1, 0, 0, 0, 1]);
          // a fresh memory and the same inputs: the same outputs as the very first step
          expect(Array.from(c.out.subarray(i * 3, i * 3 + 3))).toEqual(Array.from(calls[0].out.subarray(i * 3, i * 3 + 3)));
        } else {
          // within a trial: the memory carried from the previous step, and the last pull's action and reward with done 1
          // (a reset step in between changes neither)
          expect(c.keep[i]).toBe(1);
          expect(Array.from(c.state.subarray(i * S, (i + 1) * S))).toEqual(Array.from(calls[t - 1].next.subarray(i * S, (i + 1) * S)));
          const action = [0, 0, 0];
          action[lastPull!.action] = 1;
          expect(inputs).toEqual([...action, lastPull!.reward, 1]);
        }
        if (results[t].terminated[i]) lastPull = { action: sent[t][i], reward: results[t].rewards[i] };
      }
      expect(trialStarts).toBe(3);
    }
    learner.dispose();
  });

  it('trains on Bandit n=10, k=5 in seconds to beat random clearly on held-out tasks; metarena eval plays the checkpoint, which resumes', async () => {
    const out = join(root, 'bandit');
    const settings = ['--set', 'cellUnits=32', '--set', 'learningRate=0.003', '--set', 'normAdvantages=true'];
    const train = (steps: number, ...extra: string[]) =>
      runMain(['train', '--agent', 'rl2', '--env', 'Bandit-v0', '--env-arg', 'arms=5', '--episodes-per-trial', '10', '--split', 'train', '--steps', String(steps), '--eval-episodes', '0', '--progress-every', '0', '--out', out, ...settings, ...extra]);
    const first = await train(25_600);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const resumed = await train(48_000, '--resume');
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/resuming Bandit-v0__rl2__\d+ from step 25600/);
    const evaluation = await runMain(['eval', '--env', 'Bandit-v0', '--env-arg', 'arms=5', '--episodes-per-trial', '10', '--split', 'test', '--trials', '500', '--agents', `checkpoint:dir=${out},random`, '--seed', '3', '--out', join(root, 'bandit-eval'), '--json']);
    expect(evaluation.code).toBe(0);
    const summary = JSON.parse(evaluation.stdout).agents as Record<string, { mean: number; n: number }>;
    const rl2 = summary[`checkpoint:dir=${out}`];
    expect(rl2.n).toBe(500);
    expect(summary.random.mean).toBeGreaterThan(4.6);
    expect(summary.random.mean).toBeLessThan(5.4);
    expect(rl2.mean).toBeGreaterThanOrEqual(5.6);
  });

  it.each(['lstm', 'gru-ln'])('saves and loads (%s): the loaded policy acts the same, memory included, and trains on', async (cell) => {
    const make: MakeVecOptions = { args: { arms: 4 }, episodesPerTrial: 4 };
    const { env, learner } = await create('Bandit-v0', 4, make, { ...small, cell }, 3);
    await learner.train(env, 96);
    const dir = join(root, `saved-${cell}`);
    await learner.save(dir);
    const { learner: loaded, name } = await learners.load(dir);
    expect(name).toBe('rl2');
    const copy = loaded as PPOLearner;
    expect(copy.name).toBe('rl2');
    // the policy's and the value network's cells, of the saved kind (gru-ln: a GRU with layer norms)
    const kind = cell === 'lstm' ? 'lstm' : 'gru';
    expect(copy.model.memory!.cells.map((c) => c.kind)).toEqual([kind, kind]);
    expect(copy.model.memory!.cells.map((c) => c instanceof GRU && c.norms !== undefined)).toEqual([cell === 'gru-ln', cell === 'gru-ln']);
    const seeds = [21, 22, 23, 24];
    const a = await runTrialBatch(envs.makeVec('Bandit-v0', 4, make), learner.policy({ deterministic: false, seed: 9 }), seeds, 4);
    const b = await runTrialBatch(envs.makeVec('Bandit-v0', 4, make), copy.policy({ deterministic: false, seed: 9 }), seeds, 4);
    expect(Array.from(b.episodeReturns)).toEqual(Array.from(a.episodeReturns));
    await copy.train(envs.makeVec('Bandit-v0', 4, make), 192);
    expect(copy.steps).toBe(192);
    learner.dispose();
    copy.dispose();
  });

  it('trains on Discrete and Box envs with trials (GridNavi, CartPole with a context sampler, PointRobot with a split) and refuses other action spaces', async () => {
    const cases: [string, MakeVecOptions][] = [
      ['GridNavi-v0', {}],
      ['CartPole-v1', { contextSampler: { kind: 'uniform_scale', low: 0.5, high: 1.5 }, episodesPerTrial: 2 }],
      ['PointRobot-v0', { split: 'train', episodesPerTrial: 2 }],
    ];
    for (const [envId, make] of cases) {
      const { env, spec, learner } = await create(envId, 2, make, small);
      expect(rl2Learner.fits(spec)).toBeUndefined();
      await learner.train(env, 48);
      expect(learner.steps).toBe(48);
      learner.dispose();
      await env.close();
    }
    const bandit = envs.makeVec('Bandit-v0', 1);
    const why = rl2Learner.fits({ envId: 'x', numEnvs: 1, observationSpace: bandit.singleObservationSpace, actionSpace: new MultiDiscrete([2, 3]), contextSpace: bandit.contextSpace, maxEpisodeSteps: 1, episodesPerTrial: 1, envArgs: {} });
    expect(why).toMatch(/^rl2: action space MultiDiscrete is not supported; allowed: Discrete, Box/);
    const cli = await runMain(['train', '--agent', 'rl2', '--env', 'CartPole-v1', '--steps', '10', '--set', 'memoryReset=episode', '--out', join(root, 'bad')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/memoryReset/);
  });
});
