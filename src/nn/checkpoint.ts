/**
 * Checkpoints in tfjs's weight format: a directory with `model.json` (our metadata plus a tfjs
 * `weightsManifest`) and one binary weights file written by `tf.io.encodeWeights`, so
 * `tf.io.decodeWeights` (or any tfjs loader that reads manifests) can read it back.
 *
 * Writes are atomic: the weights go to a new file named by its content hash, `model.json` is
 * written to a temporary name and renamed over the old one, and only then are weights files no
 * longer referenced removed. A reader sees either the old checkpoint or the new one, never a mix.
 *
 * `checkpoint-format.ts` holds the format's constants and reads the same files without tfjs;
 * `saveCheckpointArrays` writes typed arrays (the weights of plain-array networks) through here.
 *
 * `rngState`/`restoreRng` are the JSON codec of a seeded `Rng`'s state for checkpoint metadata.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { MetarenaError, type Rng, show } from '../core/index.ts';
import { CHECKPOINT_FORMAT, CHECKPOINT_MODEL_FILE as MODEL_FILE, CHECKPOINT_VERSION, type CheckpointArray } from './checkpoint-format.ts';

const WEIGHTS_PATTERN = /^weights-[0-9a-f]{16}\.bin$/;

export interface Checkpoint {
  /** What wrote it (e.g. `ppo`) and how to rebuild the networks: any JSON. */
  meta: Record<string, unknown>;
  tensors: tf.NamedTensorMap;
}

interface ModelJson {
  format: string;
  version: number;
  meta: Record<string, unknown>;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/** Writes `tensors` and `meta` to directory `dir` (created if missing), atomically. */
export async function saveCheckpoint(dir: string, { meta, tensors }: Checkpoint): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { data, specs } = await tf.io.encodeWeights(tensors);
  const bytes = new Uint8Array(data as ArrayBuffer);
  const weightsFile = `weights-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.bin`;
  const model: ModelJson = { format: CHECKPOINT_FORMAT, version: CHECKPOINT_VERSION, meta, weightsManifest: [{ paths: [weightsFile], weights: specs }] };
  const tmpSuffix = `.tmp-${process.pid}-${Date.now()}`;
  await writeFile(join(dir, weightsFile + tmpSuffix), bytes);
  await rename(join(dir, weightsFile + tmpSuffix), join(dir, weightsFile));
  await writeFile(join(dir, MODEL_FILE + tmpSuffix), `${JSON.stringify(model, null, 1)}\n`);
  await rename(join(dir, MODEL_FILE + tmpSuffix), join(dir, MODEL_FILE));
  for (const f of await readdir(dir)) {
    if (WEIGHTS_PATTERN.test(f) && f !== weightsFile) await rm(join(dir, f), { force: true });
  }
}

/** `saveCheckpoint` for tensors given as typed arrays with their shapes (float32). */
export async function saveCheckpointArrays(dir: string, meta: Record<string, unknown>, arrays: Record<string, CheckpointArray>): Promise<void> {
  const tensors: tf.NamedTensorMap = {};
  for (const [key, { values, shape }] of Object.entries(arrays)) tensors[key] = tf.tensor(values, [...shape], 'float32');
  try {
    await saveCheckpoint(dir, { meta, tensors });
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

/** Reads a checkpoint written by `saveCheckpoint`; the caller disposes the tensors. */
export async function loadCheckpoint(dir: string): Promise<Checkpoint> {
  let text: string;
  try {
    text = await readFile(join(dir, MODEL_FILE), 'utf8');
  } catch (e) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `no checkpoint in ${show(dir)}: cannot read ${MODEL_FILE} (${(e as Error).message})`, { field: 'checkpoint' });
  }
  const model = JSON.parse(text) as Partial<ModelJson>;
  if (model.format !== CHECKPOINT_FORMAT || model.version !== CHECKPOINT_VERSION || !Array.isArray(model.weightsManifest)) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${join(dir, MODEL_FILE)} is not a ${CHECKPOINT_FORMAT} v${CHECKPOINT_VERSION} file`, { field: 'checkpoint' });
  }
  const tensors: tf.NamedTensorMap = {};
  for (const group of model.weightsManifest) {
    const buffers = await Promise.all(group.paths.map((p) => readFile(join(dir, p))));
    const joined = Buffer.concat(buffers);
    const arrayBuffer = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength) as ArrayBuffer;
    Object.assign(tensors, tf.io.decodeWeights(arrayBuffer, group.weights));
  }
  return { meta: model.meta ?? {}, tensors };
}

/** Copies checkpoint tensors into the variables with the same keys; shapes must match. */
export function assignVariables(variables: Record<string, tf.Variable>, tensors: tf.NamedTensorMap, field = 'checkpoint'): void {
  for (const [key, v] of Object.entries(variables)) {
    const t = tensors[key];
    if (!t) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: tensor ${show(key)} is missing`, { field });
    if (t.shape.join('x') !== v.shape.join('x')) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: tensor ${show(key)} has shape [${t.shape}], the network needs [${v.shape}]`, { field });
    }
  }
  for (const [key, v] of Object.entries(variables)) v.assign(tensors[key]);
}

/** An Rng's state as JSON (NaN, the empty Gaussian spare, becomes null). */
export function rngState(rng: Rng): (number | null)[] {
  return rng.getState().map((v) => (Number.isNaN(v) ? null : v));
}

/** Restores a state written by `rngState`. */
export function restoreRng(rng: Rng, state: unknown, field = 'checkpoint.rng'): void {
  if (!Array.isArray(state) || state.length !== 5 || !state.every((v) => v === null || typeof v === 'number')) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field} must be 5 numbers (null for none), got ${show(state)}`, { field });
  }
  rng.setState(state.map((v) => (v === null ? Number.NaN : v)));
}
