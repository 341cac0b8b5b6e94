import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlatMlp, initBackend, loadCheckpoint, saveCheckpoint } from '../../../src/nn/index.ts';
import { SYNTHETIC_MODEL_KIND, SyntheticModel, type SyntheticModelSpec } from '../../../src/plugins/synthetic/index.ts';
import { thrown } from '../../thrown.ts';

const CARTPOLE: SyntheticModelSpec = { env: 'CartPole-v1', stateSize: 4, action: { kind: 'discrete', n: 2, start: 0 }, hidden: [83], activation: 'leakyrelu' };
const PENDULUM: SyntheticModelSpec = { env: 'Pendulum-v1', stateSize: 3, action: { kind: 'box', size: 1 }, hidden: [16, 8], activation: 'prelu' };

let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-se-model-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SyntheticModel', () => {
  it('has three networks over [one-hot action, state] with one shared parameter vector', () => {
    const m = SyntheticModel.random(CARTPOLE, 1);
    // inputs 2 (one-hot) + 4 (state); hidden 83; outputs 4, 1, 1
    const count = (out: number) => 6 * 83 + 83 + 83 * out + out;
    expect(m.params.length).toBe(count(4) + 2 * count(1));
    expect(SyntheticModel.parameterCount(CARTPOLE)).toBe(m.params.length);
    expect([m.state.sizes, m.reward.sizes, m.done.sizes]).toEqual([
      [6, 83, 4],
      [6, 83, 1],
      [6, 83, 1],
    ]);
    expect(m.state.params.buffer).toBe(m.params.buffer);
    expect(m.done.params.byteOffset).toBe(4 * (count(4) + count(1)));
    // perturbing the shared vector changes the networks
    const before = m.reward.forward([1, 0, 0, 0, 0, 0])[0];
    m.params[count(4) + 6 * 83] += 1; // the reward network's first hidden bias
    expect(m.reward.forward([1, 0, 0, 0, 0, 0])[0]).not.toBe(before);
  });

  it('steps as the three networks applied to [one-hot(a), s], or [a, s] for a Box action', () => {
    const m = SyntheticModel.random(CARTPOLE, 2);
    const s = [0.01, -0.2, 0.03, 0.4];
    const next = new Float64Array(4);
    const { reward, done } = m.step(s, 1, next);
    const x = [0, 1, ...s];
    expect(Array.from(next)).toEqual(Array.from(m.state.forward(x)));
    expect(reward).toBe(m.reward.forward(x)[0]);
    expect(done).toBe(m.done.forward(x)[0]);
    const p = SyntheticModel.random(PENDULUM, 3);
    const out = new Float64Array(3);
    const r = p.step([1, 0, 0.5], Float32Array.of(-1.5), out);
    expect(r.reward).toBe(p.reward.forward([-1.5, 1, 0, 0.5])[0]);
    expect(Array.from(out)).toEqual(Array.from(p.state.forward([-1.5, 1, 0, 0.5])));
  });

  it('is drawn reproducibly from its seed, each network from its own stream', () => {
    expect(Array.from(SyntheticModel.random(CARTPOLE, 5).params)).toEqual(Array.from(SyntheticModel.random(CARTPOLE, 5).params));
    expect(Array.from(SyntheticModel.random(CARTPOLE, 5).params)).not.toEqual(Array.from(SyntheticModel.random(CARTPOLE, 6).params));
    const m = SyntheticModel.random(CARTPOLE, 5);
    expect(Array.from(m.reward.params.subarray(0, 20))).not.toEqual(Array.from(m.done.params.subarray(0, 20)));
  });

  it('round-trips through the learners checkpoint format with env, sizes and the training record', async () => {
    const m = SyntheticModel.random(PENDULUM, 7);
    m.state.slopes[0] = 0.125;
    m.record = { command: 'metarena evolve se --env Pendulum-v1', generations: 3, fitness: [-1200, -900, -700] };
    const d = join(dir, 'pendulum');
    await m.save(d);
    const back = SyntheticModel.load(d, { env: 'Pendulum-v1', stateSize: 3, action: { kind: 'box', size: 1 } });
    expect(back.spec).toEqual(m.spec);
    expect(Array.from(back.params)).toEqual(Array.from(m.params));
    expect(Array.from(back.state.slopes)).toEqual([0.125, 0.25]);
    expect(back.record).toEqual(m.record);
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    expect(back.step([0.3, -0.1, 2], [0.7], a)).toEqual(m.step([0.3, -0.1, 2], [0.7], b));
    expect(Array.from(a)).toEqual(Array.from(b));
    // the same files load with src/nn's loadCheckpoint, keyed as FlatMlp/Mlp keys
    const { meta, tensors } = await loadCheckpoint(d);
    expect(meta).toMatchObject({ kind: SYNTHETIC_MODEL_KIND, env: 'Pendulum-v1', stateSize: 3, action: { kind: 'box', size: 1 }, hidden: [16, 8], activation: 'prelu', record: m.record });
    expect(Object.keys(tensors).sort()).toEqual(Object.keys(m.namedArrays()).sort());
    expect(Array.from(tensors['reward/2/bias'].dataSync())).toEqual(Array.from(m.reward.namedArrays()['reward/2/bias'].values));
    tf.dispose(Object.values(tensors));
  });

  it('refuses a missing directory, a checkpoint of something else, an SE of another env or other sizes, naming the directory', async () => {
    const missing = thrown(() => SyntheticModel.load(join(dir, 'does-not-exist'), CARTPOLE));
    expect(missing.code).toBe('METARENA_INVALID_ARGUMENT');
    expect(missing.details.field).toBe('args.model');
    expect(missing.message).toContain(join(dir, 'does-not-exist'));

    const learner = join(dir, 'learner');
    const net = new FlatMlp({ inputs: 4, hidden: [8], outputs: 2, activation: 'tanh', name: 'q' });
    await saveCheckpoint(learner, { meta: { agent: 'double-dqn' }, tensors: { 'q/0/kernel': tf.tensor2d(net.namedArrays()['q/0/kernel'].values, [4, 8]) } });
    expect(thrown(() => SyntheticModel.load(learner, CARTPOLE)).message).toMatch(/learner.*"double-dqn", not a synthetic env/);

    const acrobotDir = join(dir, 'acrobot');
    await SyntheticModel.random({ env: 'Acrobot-v1', stateSize: 6, action: { kind: 'discrete', n: 3, start: 0 }, hidden: [167], activation: 'prelu' }, 0).save(acrobotDir);
    const other = thrown(() => SyntheticModel.load(acrobotDir, CARTPOLE));
    expect(other.message).toContain(acrobotDir);
    expect(other.message).toContain('is a synthetic env for Acrobot-v1, not for CartPole-v1');

    const wrongSizes = join(dir, 'sizes');
    await SyntheticModel.random({ ...CARTPOLE, stateSize: 5 }, 0).save(wrongSizes);
    expect(thrown(() => SyntheticModel.load(wrongSizes, CARTPOLE)).message).toMatch(/state size 5.*CartPole-v1 has 4/);
  });
});
