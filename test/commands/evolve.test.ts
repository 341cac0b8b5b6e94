import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RewardNetModel } from '../../src/plugins/wrappers/reward-net.ts';
import { SyntheticModel } from '../../src/plugins/synthetic/synthetic-model.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { runMain } from '../cli/run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'metarena-evolve-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let k = 0;
const outDir = () => join(root, `run-${k++}`);
const registry = createBuiltinRegistry();

const rows = (out: string) =>
  readFileSync(join(out, 'metrics.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const memberFitness = (out: string) => rows(out).filter((r) => r.kind === 'member').map((r) => [r.generation, r.member, r.tag, r.fitness]);
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

// a cheap RN evolution: Q-learning on CliffWalking-v0 (mode 2), at most 3000 steps per member
const rnArgs = (out: string, ...extra: string[]) => ['evolve', 'rn', '--env', 'CliffWalking-v0', '--out', out, '--population', '2', '--set', 'trainSteps=3000', '--progress-every', '0', ...extra];

describe('metarena evolve', () => {
  it('rn: evolves on 2 worker processes, writes metrics, curve, run record, command and a RewardNet model that train loads', async () => {
    const out = outDir();
    const r = await runMain([...rnArgs(out, '--generations', '2', '--workers', '2', '--seed', '4'), '--json']);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed).toMatchObject({ generations: 2, model: join(out, 'model') });
    for (const f of ['run.json', 'command.txt', 'state.json', 'metrics.jsonl', 'metrics.csv', 'fitness-curve.svg', 'summary.json', 'model/model.json']) expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, 'fitness-curve.svg'), 'utf8')).toMatch(/^<svg/);
    const all = rows(out);
    const members = all.filter((x) => x.kind === 'member');
    // 2 generations × 2 members × (plus, minus)
    expect(members).toHaveLength(8);
    for (const m of members) {
      expect(m.error).toBeNull();
      // objective steps: −(steps trained) − 100·max(0, −13 − test return)
      expect(m.fitness).toBe(-(m.train_steps as number) - 100 * Math.max(0, -13 - (m.test_return as number)));
    }
    const gens = all.filter((x) => x.kind === 'generation');
    expect(gens.map((g) => g.generation)).toEqual([0, 1]);
    expect(gens[0]).toMatchObject({ evaluations: 4, failed: 0, step_size: 0.1 });
    const csv = readFileSync(join(out, 'metrics.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(all.length + 1);
    const command = readFileSync(join(out, 'command.txt'), 'utf8').trim();
    expect(command).toBe(`metarena evolve rn --env CliffWalking-v0 --out ${out} --generations 2 --population 2 --seed 4 --set trainSteps=3000`);
    expect(json(join(out, 'run.json'))).toMatchObject({ kind: 'rn', envs: ['CliffWalking-v0'], seed: 4, command, settings: { population: 2, sigma: 0.1, alpha: 0.5, solvedReturn: -13, objective: 'steps', agent: { agent: 'q-learning', options: { alpha: 1, gamma: 0.8, epsilon: 0.01 } } } });
    // the delivered RN: the NES mean ψ after the last generation, saved with the agent's γ and the run's record
    const model = RewardNetModel.load(join(out, 'model'));
    expect(model.spec).toMatchObject({ env: 'CliffWalking-v0', mode: 2, gamma: 0.8, hidden: [32], activation: 'prelu' });
    expect(Array.from(model.params)).toEqual(json(join(out, 'state.json')).state.nes.params);
    expect(model.record).toMatchObject({ command, generations: 2, generation: 2 });
    expect(json(join(out, 'summary.json'))).toMatchObject({ kind: 'rn', generations: 2, model: 'model', generation: 2, fitness: null });
    // the check: train with the RN stops when the greedy path judged by the real reward is optimal
    const train = outDir();
    const t = await runMain(['train', '--agent', 'q-learning', '--env', 'CliffWalking-v0', '--wrapper', JSON.stringify({ id: 'RewardNet', model: join(out, 'model') }), '--steps', '20000', '--eval-every', '200', '--eval-episodes', '1', '--target-return', '-13', '--out', train, '--json']);
    expect(t.code).toBe(0);
    expect(JSON.parse(t.stdout).evalReturn).toBe(-13);
  });

  it('gives the same generations with --workers 1, 2 and 0 (in process)', async () => {
    const results = [];
    for (const workers of ['1', '2', '0']) {
      const out = outDir();
      expect((await runMain(rnArgs(out, '--generations', '1', '--workers', workers, '--seed', '8'))).code).toBe(0);
      results.push({ fitness: memberFitness(out), state: json(join(out, 'state.json')).state });
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('--resume continues a run to the generation an uninterrupted run reaches, and refuses other settings naming them', async () => {
    const whole = outDir();
    expect((await runMain(rnArgs(whole, '--generations', '3', '--workers', '0'))).code).toBe(0);
    const cut = outDir();
    expect((await runMain(rnArgs(cut, '--generations', '1', '--workers', '0'))).code).toBe(0);
    const resumed = await runMain(rnArgs(cut, '--generations', '3', '--workers', '0', '--resume'));
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`resuming rn CliffWalking-v0 from generation 1 of 3 (${cut})`);
    expect(memberFitness(cut)).toEqual(memberFitness(whole));
    expect(json(join(cut, 'state.json')).state).toEqual(json(join(whole, 'state.json')).state);
    expect(RewardNetModel.load(join(cut, 'model')).params).toEqual(RewardNetModel.load(join(whole, 'model')).params);
    const other = await runMain(['evolve', 'rn', '--env', 'CliffWalking-v0', '--out', cut, '--population', '3', '--set', 'trainSteps=2000', '--resume']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--resume: the evolution in .* has other settings: .*--set trainSteps: 3000 → 2000.*--population 2 → 3/);
    const again = await runMain(rnArgs(cut, '--generations', '3'));
    expect(again.stderr).toMatch(/error METARENA_INVALID_ARGUMENT: --out .* already holds an evolution; pass --resume/);
  });

  it('se: a tiny evolution on CartPole-v1 delivers an SE that Synthetic/CartPole-v1 loads', async () => {
    const out = outDir();
    const r = await runMain(['evolve', 'se', '--env', 'CartPole-v1', '--out', out, '--generations', '1', '--population', '2', '--workers', '0', '--set', 'trainSteps=60', '--set', 'testEpisodes=2', '--set', 'centerEvaluations=1', '--set', 'agent.learningStarts=30', '--set', 'agent.batchSize=16']);
    expect(r.code).toBe(0);
    const members = rows(out).filter((x) => x.kind === 'member');
    expect(members.map((m) => m.tag)).toEqual(['plus', 'minus', 'plus', 'minus', 'center']);
    for (const m of members) {
      expect(m.train_steps).toBe(60);
      // the mean of 2 greedy CartPole-v1 episodes
      expect(m.fitness as number).toBeGreaterThanOrEqual(8);
      expect(m.fitness).toBe(m.test_return);
    }
    expect(json(join(out, 'run.json')).settings).toMatchObject({ sigma: 0.0124, alpha: 0.148, agent: { agent: 'double-dqn', options: { hidden: [57], batchSize: 16, learningStarts: 30, learningRate: 3.04e-4 } }, spec: { hidden: [83], activation: 'leakyrelu' } });
    // the delivered SE is the centre ψ (its one evaluation is the best centre so far)
    const center = members.find((m) => m.tag === 'center')!;
    expect(json(join(out, 'summary.json'))).toMatchObject({ generation: 0, fitness: center.fitness });
    const model = SyntheticModel.load(join(out, 'model'));
    expect(model.record).toMatchObject({ kind: 'se', generation: 0, trainSteps: 60, agent: { agent: 'double-dqn', options: { batchSize: 16, learningStarts: 30 } } });
    const env = registry.make('Synthetic/CartPole-v1', { args: { model: join(out, 'model') } });
    const first = env.reset({ seed: 1 });
    expect(env.observationSpace.contains(first.obs)).toBe(true);
    expect(typeof env.step(0).reward).toBe('number');

    // train on it: the inner agent's options and budget are the defaults, --set overrides them, evaluations play the real env
    const run = join(out, 'train');
    const t = await runMain(['train', '--agent', 'double-dqn', '--env', 'Synthetic/CartPole-v1', '--env-arg', `model=${join(out, 'model')}`, '--out', run, '--eval-episodes', '2', '--set', 'learningRate=0.001', '--progress-every', '0', '--json']);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stderr).toContain('double-dqn options default to those the SE was evolved with');
    expect(JSON.parse(t.stdout).steps).toBe(60);
    expect(json(join(run, 'run.json'))).toMatchObject({ env: 'Synthetic/CartPole-v1', evalEnv: 'CartPole-v1', options: { hidden: [57], batchSize: 16, learningStarts: 30, learningRate: 0.001, totalSteps: 2000 } });
    const evals = rows(run).filter((x) => x.kind === 'eval');
    expect(evals.length).toBeGreaterThan(0);
    const played = await runMain(['eval', '--env', 'CartPole-v1', '--agents', `checkpoint:dir=${run}`, '--trials', '2', '--out', join(out, 'eval')]);
    expect(played.code, played.stderr).toBe(0);
    // another learner keeps its own defaults; an env without a model has no default budget
    const dqn = await runMain(['train', '--agent', 'dqn', '--env', 'Synthetic/CartPole-v1', '--env-arg', `model=${join(out, 'model')}`, '--out', join(out, 'dqn'), '--steps', '40', '--eval-episodes', '1', '--progress-every', '0']);
    expect(dqn.code, dqn.stderr).toBe(0);
    expect(json(join(out, 'dqn', 'run.json')).options.batchSize).not.toBe(16);
    const noSteps = await runMain(['train', '--agent', 'dqn', '--env', 'CartPole-v1', '--out', join(out, 'none')]);
    expect(noSteps.code).not.toBe(0);
    expect(noSteps.stderr).toMatch(/--steps is required/);
  });

  it('an evolution whose every evaluation failed delivers nothing and says why', async () => {
    const out = outDir();
    const r = await runMain(['evolve', 'reservoir', '--env', 'Pendulum-v1', '--out', out, '--generations', '1', '--population', '2', '--workers', '0', '--set', 'trainSteps=64', '--set', 'seeds=1', '--set', 'agent.numSteps=32', '--set', 'agent.numMinibatches=1', '--set', 'agent.updateEpochs=1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/no candidate to deliver after 1 generations \(every evaluation failed\)/);
    expect(rows(out).filter((x) => x.kind === 'member').map((m) => m.error)).toEqual([expect.stringMatching(/no episode of Pendulum-v1 ended in 64 training steps/), expect.stringMatching(/no episode/)]);
    expect(existsSync(join(out, 'reservoir.json'))).toBe(false);
  });

  it('reservoir: a tiny CMA-ES run on masked CartPole-v1 writes the wrapper options as reservoir.json, usable as --wrapper', async () => {
    const out = outDir();
    const r = await runMain(['evolve', 'reservoir', '--env', 'CartPole-v1', '--out', out, '--generations', '1', '--population', '2', '--workers', '0', '--set', 'trainSteps=256', '--set', 'seeds=2', '--set', 'units=12', '--set', 'agent.numSteps=64', '--set', 'agent.numMinibatches=1', '--set', 'agent.updateEpochs=1']);
    expect(r.code).toBe(0);
    const members = rows(out).filter((x) => x.kind === 'member');
    expect(members).toHaveLength(2);
    for (const m of members) expect(m.fitness as number).toBeGreaterThan(0);
    const wrapper = json(join(out, 'reservoir.json'));
    expect(wrapper.id).toBe('Reservoir');
    expect(Object.keys(wrapper.reservoirs[0]).sort()).toEqual(['inputScaling', 'leakRate', 'spectralRadius', 'units']);
    const { spectralRadius, leakRate, inputScaling } = wrapper.reservoirs[0];
    expect(spectralRadius >= 1e-4 && spectralRadius <= 1e2 && leakRate >= 1e-2 && leakRate <= 1 && inputScaling >= 0.1 && inputScaling <= 10).toBe(true);
    // the delivered point is the better of the two members
    expect(json(join(out, 'summary.json')).fitness).toBe(Math.max(...members.map((m) => m.fitness as number)));
    expect(json(join(out, 'run.json')).settings).toMatchObject({ envs: [{ env: 'CartPole-v1', drop: [1, 3], random: null, target: null }], names: ['spectralRadius', 'leakRate', 'inputScaling'], lower: [1e-4, 1e-2, 0.1], upper: [1e2, 1, 10] });
    const env = registry.make('CartPole-v1', { wrappers: [{ id: 'MaskObservation', drop: [1, 3] }, wrapper] });
    expect(env.observationSpace.shape).toEqual([12]);
  });

  it('a member whose worker is killed (--job-timeout) gets no fitness and an error line; the generation is logged, and with no member scored nothing is delivered', async () => {
    const out = outDir();
    const r = await runMain([...rnArgs(out, '--generations', '1', '--workers', '2', '--job-timeout', '0.05')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/no candidate to deliver after 1 generations \(every evaluation failed\)/);
    const members = rows(out).filter((x) => x.kind === 'member');
    expect(members).toHaveLength(4);
    for (const m of members) {
      expect(m.fitness).toBeNull();
      expect(m.error).toMatch(/timed out after 0\.05 s \(worker killed\)/);
    }
    expect(r.stderr).toMatch(/error: generation 0 member 0 \(plus\): timed out/);
    expect(rows(out).find((x) => x.kind === 'generation')).toMatchObject({ failed: 4, best: null });
    expect(existsSync(join(out, 'model', 'model.json'))).toBe(false);
  });

  it.each([
    [['evolve', 'xx', '--env', 'CartPole-v1'], 'METARENA_INVALID_ARGUMENT', /the kind must be one of se, rn, reservoir, got "xx"/],
    [['evolve', 'se', '--env', 'CartPol-v1'], 'METARENA_UNKNOWN_ENV', /CartPole-v1/],
    [['evolve', 'se', '--env', 'CliffWalking-v0'], 'METARENA_INVALID_ARGUMENT', /--env CliffWalking-v0 cannot have a synthetic env: it has an observation space that is not a float Box/],
    [['evolve', 'se', '--env', 'CartPole-v1', '--generations', '0'], 'METARENA_INVALID_ARGUMENT', /--generations must be an integer >= 1/],
    [['evolve', 'se', '--env', 'CartPole-v1', '--population', '1'], 'METARENA_INVALID_ARGUMENT', /--population must be an integer >= 2/],
    [['evolve', 'se', '--env', 'CartPole-v1', '--workers', '-1'], 'METARENA_INVALID_ARGUMENT', /--workers must be an integer >= 0/],
    [['evolve', 'se', '--env', 'CartPole-v1', '--job-timeout', 'x'], 'METARENA_INVALID_ARGUMENT', /--job-timeout must be a number of seconds >= 0/],
    [['evolve', 'se', '--env', 'CartPole-v1', '--set', 'sigmaa=1'], 'METARENA_INVALID_OPTION', /unknown argument "sigmaa" \(did you mean sigma\?\)/],
    [['evolve', 'se', '--env', 'CartPole-v1', '--set', 'sigma=-1'], 'METARENA_INVALID_OPTION', /--set\.sigma must be a number/],
    [['evolve', 'se', '--env', 'CartPole-v1', '--set', 'agent.learningRat=1'], 'METARENA_INVALID_OPTION', /--set agent\. \(double-dqn\): unknown argument "learningRat"/],
    [['evolve', 'se', '--env', 'CartPole-v1', '--set', 'agent=dqm'], 'METARENA_INVALID_OPTION', /unknown learner "dqm" \(did you mean dqn\?\)/],
    [['evolve', 'se', '--env', 'Pendulum-v1'], 'METARENA_INVALID_ARGUMENT', /Pendulum-v1 has no reference inner agent here: give one with --set agent=NAME/],
    [['evolve', 'rn', '--env', 'CliffWalking-v0', '--remote', 'localhost:1'], 'METARENA_NOT_SUPPORTED', /evolve rn --remote: a reward network candidate cannot be sent as make options/],
    [['evolve', 'rn', '--env', 'Acrobot-v1', '--set', 'agent=double-dqn'], 'METARENA_INVALID_ARGUMENT', /--set solvedReturn must be a number \(Acrobot-v1 has no reference value\)/],
    [['evolve', 'rn', '--env', 'CliffWalking-v0', '--set', 'mode=3'], 'METARENA_INVALID_OPTION', /mode 3 .* needs info keys/],
    [['evolve', 'reservoir', '--env', 'CartPole-v1,Pendulum-v1'], 'METARENA_INVALID_ARGUMENT', /several --env ids .* need --set normalization .*; CartPole-v1 has none/],
    [['evolve', 'reservoir', '--env', 'Acrobot-v1'], 'METARENA_INVALID_ARGUMENT', /--env Acrobot-v1: no velocity indices are known to mask/],
    [['evolve', 'reservoir', '--env', 'CartPole-v1', '--set', 'drop=7'], 'METARENA_INVALID_OPTION', /MaskObservation: drop\[0\] = 7 is not an index/],
    [['evolve', 'reservoir', '--env', 'CartPole-v1', '--set', 'srMin=10', '--set', 'srMax=1'], 'METARENA_INVALID_ARGUMENT', /--set srMin \(10\) must be below srMax \(1\)/],
    [['evolve', 'reservoir', '--env', 'CartPole-v1', '--set', 'agent=q-learning'], 'METARENA_INVALID_OPTION', /learner q-learning cannot train in CartPole-v1 with a reservoir/],
    [['evolve', 'rn', '--env', 'CliffWalking-v0', '--resume'], 'METARENA_INVALID_ARGUMENT', /holds no evolution to resume/],
  ])('refuses bad arguments before any work: %j', async (args, code, message) => {
    const out = outDir();
    const r = await runMain([...args, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error ${code}:`);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('names its kinds and options in --help', async () => {
    const help = await runMain(['evolve', '--help']);
    for (const word of ['se, rn, reservoir', '--generations', '--population', '--workers', '--resume', '--set', '--remote', '--job-timeout']) expect(help.stdout).toContain(word);
  });
});
