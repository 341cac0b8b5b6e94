import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, initBackend, loadCheckpoint, readCheckpointArrays, saveCheckpoint, saveCheckpointArrays } from '../../src/nn/index.ts';
import { thrown } from '../thrown.ts';

let dir: string;
beforeAll(async () => {
  await initBackend({ log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'metarena-ckpt-format-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkpoint format without tfjs', () => {
  it('reads back what saveCheckpointArrays wrote, the same tensors loadCheckpoint reads', async () => {
    const d = join(dir, 'arrays');
    const arrays = {
      'net/0/kernel': { values: Float32Array.of(1.5, -2.25, 3, 0.1, 1e-30, -7), shape: [2, 3] },
      'net/0/bias': { values: Float32Array.of(0.5, Math.fround(Math.PI), -1), shape: [3] },
      scalar: { values: Float32Array.of(42), shape: [] },
    };
    await saveCheckpointArrays(d, { kind: 'probe', record: { gen: 3 } }, arrays);
    const read = readCheckpointArrays(d);
    expect(read.meta).toEqual({ kind: 'probe', record: { gen: 3 } });
    expect(Object.keys(read.arrays).sort()).toEqual(Object.keys(arrays).sort());
    for (const [k, a] of Object.entries(arrays)) {
      expect(Array.from(read.arrays[k].values), k).toEqual(Array.from(a.values));
      expect(read.arrays[k].shape).toEqual(a.shape);
    }
    const { tensors } = await loadCheckpoint(d);
    for (const [k, a] of Object.entries(arrays)) expect(Array.from(tensors[k].dataSync())).toEqual(Array.from(a.values));
    tf.dispose(Object.values(tensors));
  });

  it('names the directory and the field when there is no checkpoint, another format or another dtype', async () => {
    const missing = thrown(() => readCheckpointArrays(join(dir, 'nowhere'), 'args.model'));
    expect(missing.code).toBe('METARENA_INVALID_ARGUMENT');
    expect(missing.details.field).toBe('args.model');
    expect(missing.message).toContain(join(dir, 'nowhere'));
    const other = join(dir, 'other');
    await saveCheckpoint(other, { meta: {}, tensors: { a: tf.tensor1d([1, 2]) } });
    await writeFile(join(other, 'model.json'), JSON.stringify({ format: 'something-else', version: CHECKPOINT_VERSION, weightsManifest: [] }));
    expect(thrown(() => readCheckpointArrays(other)).message).toContain(`not a ${CHECKPOINT_FORMAT} v${CHECKPOINT_VERSION} file`);
    const ints = join(dir, 'ints');
    await saveCheckpoint(ints, { meta: {}, tensors: { steps: tf.tensor1d([3], 'int32') } });
    expect(thrown(() => readCheckpointArrays(ints)).message).toMatch(/"steps".*int32.*not float32/);
  });
});
