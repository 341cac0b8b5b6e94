/**
 * The checkpoint format's constants, and a synchronous reader of a checkpoint's float32 tensors
 * as typed arrays, without tfjs: env and wrapper plugins with learned parts (synthetic envs,
 * reward networks) load their weights inside `create`/`apply`, which are synchronous, and the
 * plugin layer does not load tfjs (its import alone costs most of a second at start-up).
 *
 * `checkpoint.ts` writes and reads the same files with tfjs (`saveCheckpoint`/`loadCheckpoint`):
 * `model.json` holds `{format, version, meta, weightsManifest}`; each manifest group's files,
 * concatenated, hold its tensors back to back in manifest order, as `tf.io.encodeWeights`
 * writes them (float32 little-endian, no quantization).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetarenaError, show } from '../core/index.ts';

export const CHECKPOINT_FORMAT = 'metarena-checkpoint';
export const CHECKPOINT_VERSION = 1;
export const CHECKPOINT_MODEL_FILE = 'model.json';

/** One tensor of a checkpoint, as a typed array (row-major) and its shape. */
export interface CheckpointArray {
  values: Float32Array;
  shape: readonly number[];
}

export interface CheckpointArrays {
  meta: Record<string, unknown>;
  arrays: Record<string, CheckpointArray>;
}

interface ManifestEntry {
  name?: unknown;
  shape?: unknown;
  dtype?: unknown;
  quantization?: unknown;
}

/**
 * Reads the checkpoint in `dir` (written by `saveCheckpoint`) synchronously. Every tensor must be
 * float32. `field` names the option that gave `dir` in errors (METARENA_INVALID_ARGUMENT): no
 * checkpoint there, not this format, a missing or short weights file, a tensor of another dtype.
 */
export function readCheckpointArrays(dir: string, field = 'checkpoint'): CheckpointArrays {
  const modelFile = join(dir, CHECKPOINT_MODEL_FILE);
  let text: string;
  try {
    text = readFileSync(modelFile, 'utf8');
  } catch (e) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: no checkpoint in ${show(dir)}: cannot read ${CHECKPOINT_MODEL_FILE} (${(e as Error).message})`, { field });
  }
  let model: { format?: unknown; version?: unknown; meta?: unknown; weightsManifest?: unknown };
  try {
    model = JSON.parse(text);
  } catch (e) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: ${show(modelFile)} is not JSON (${(e as Error).message})`, { field });
  }
  if (typeof model !== 'object' || model === null || model.format !== CHECKPOINT_FORMAT || model.version !== CHECKPOINT_VERSION || !Array.isArray(model.weightsManifest)) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: ${show(modelFile)} is not a ${CHECKPOINT_FORMAT} v${CHECKPOINT_VERSION} file`, { field });
  }
  const arrays: Record<string, CheckpointArray> = {};
  for (const group of model.weightsManifest as { paths?: unknown; weights?: unknown }[]) {
    if (!Array.isArray(group?.paths) || !Array.isArray(group.weights)) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: ${show(modelFile)} has a malformed weightsManifest`, { field });
    }
    let bytes: Buffer;
    try {
      bytes = Buffer.concat(group.paths.map((p) => readFileSync(join(dir, String(p)))));
    } catch (e) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: a weights file of ${show(dir)} cannot be read (${(e as Error).message})`, { field });
    }
    let offset = 0;
    for (const entry of group.weights as ManifestEntry[]) {
      const name = String(entry.name);
      const shape = entry.shape;
      if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
        throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: tensor ${show(name)} of ${show(dir)} has no valid shape`, { field });
      }
      if (entry.dtype !== 'float32' || entry.quantization !== undefined) {
        throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: tensor ${show(name)} of ${show(dir)} is ${show(entry.dtype)}${entry.quantization ? ' (quantized)' : ''}, not float32`, { field });
      }
      const count = shape.reduce((a: number, b: number) => a * b, 1);
      const end = offset + count * 4;
      if (end > bytes.length) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: the weights of ${show(dir)} end before tensor ${show(name)}`, { field });
      const values = new Float32Array(count);
      for (let i = 0; i < count; i++) values[i] = bytes.readFloatLE(offset + 4 * i);
      arrays[name] = { values, shape: Object.freeze([...shape]) };
      offset = end;
    }
  }
  const meta = typeof model.meta === 'object' && model.meta !== null && !Array.isArray(model.meta) ? (model.meta as Record<string, unknown>) : {};
  return { meta, arrays };
}
