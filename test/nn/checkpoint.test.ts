import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mlp, assignVariables, initBackend, loadCheckpoint, saveCheckpoint } from '../../src/nn/index.ts';

let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-nn-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkpoints', () => {
  it('round-trips an MLP: a fresh network loaded from disk computes the same outputs', async () => {
    const net = new Mlp({ inputs: 3, hidden: [8], outputs: 2, seed: 1, name: 'net' });
    const other = new Mlp({ inputs: 3, hidden: [8], outputs: 2, seed: 2, name: 'net' });
    const x = tf.tensor2d([1, 2, 3, -1, 0.5, 0], [2, 3]);
    const want = [...net.apply(x).dataSync()];
    expect([...other.apply(x).dataSync()]).not.toEqual(want);

    await saveCheckpoint(join(dir, 'mlp'), { meta: { note: 'probe' }, tensors: net.namedVariables() });
    const { meta, tensors } = await loadCheckpoint(join(dir, 'mlp'));
    expect(meta).toEqual({ note: 'probe' });
    assignVariables(other.namedVariables(), tensors);
    expect([...other.apply(x).dataSync()]).toEqual(want);
    tf.dispose(Object.values(tensors));
  });

  it('leaves model.json and one weights file after overwriting, and no temporary files', async () => {
    const d = join(dir, 'twice');
    await saveCheckpoint(d, { meta: {}, tensors: { a: tf.tensor1d([1, 2]) } });
    await saveCheckpoint(d, { meta: {}, tensors: { a: tf.tensor1d([3, 4]) } });
    const files = (await readdir(d)).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toBe('model.json');
    expect(files[1]).toMatch(/^weights-[0-9a-f]{16}\.bin$/);
    const { tensors } = await loadCheckpoint(d);
    expect([...tensors.a.dataSync()]).toEqual([3, 4]);
  });

  it('reports a missing checkpoint and a shape mismatch with coded errors', async () => {
    await expect(loadCheckpoint(join(dir, 'nothing-here'))).rejects.toMatchObject({ code: 'METARENA_INVALID_ARGUMENT' });
    const v = tf.variable(tf.zeros([3]));
    expect(() => assignVariables({ v }, { v: tf.zeros([4]) })).toThrow(/shape \[4\].*needs \[3\]/);
    expect(() => assignVariables({ v }, {})).toThrow(/missing/);
  });
});
