/**
 * The checkpoint layout every learner writes (see `src/nn/checkpoint.ts` for the format):
 * metadata naming the learner (`meta.agent`) with its counters and Rng state, the network
 * variables by their keys, each optimizer's state under `optim/<name>/…` (`src/nn/optimizer-state.ts`)
 * and, for off-policy learners, the filled part of the replay buffer under `replay/…`.
 */
import * as tf from '@tensorflow/tfjs';
import { MetarenaError, show } from '../core/index.ts';
import { assignVariables, initBackend, loadCheckpoint, saveCheckpoint } from '../nn/index.ts';
import { optimizerTensors, restoreOptimizer } from '../nn/optimizer-state.ts';
import { type ReplayBuffer, type ReplayState, replayTensors, restoreReplay } from './replay-buffer.ts';

/** An optimizer and the variables it steps, in the order given to `tf.variableGrads`. */
export interface TrainedOptimizer {
  optimizer: tf.Optimizer;
  variables: tf.Variable[];
}

/** What a learner's checkpoint holds besides its own metadata. */
export interface LearnerTensors {
  /** Every network variable by checkpoint key. */
  variables: Record<string, tf.Variable>;
  optimizers?: Record<string, TrainedOptimizer>;
  /** A replay buffer to store (its counters go to `meta.replay`). */
  replay?: ReplayBuffer;
  /** Further tensors the learner owns (the caller keeps them). */
  extra?: tf.NamedTensorMap;
}

/** Writes `meta` (with `meta.agent`) and the tensors of `parts` to `dir`, atomically. */
export async function saveLearnerCheckpoint(dir: string, meta: { agent: string } & Record<string, unknown>, { variables, optimizers = {}, replay, extra = {} }: LearnerTensors): Promise<void> {
  const owned: tf.NamedTensorMap = {};
  for (const [name, { optimizer }] of Object.entries(optimizers)) Object.assign(owned, await optimizerTensors(optimizer, `optim/${name}`));
  if (replay) Object.assign(owned, replayTensors(replay));
  try {
    await saveCheckpoint(dir, { meta: { ...meta, replay: replay ? replay.state() : null }, tensors: { ...variables, ...extra, ...owned } });
  } finally {
    tf.dispose(Object.values(owned));
  }
}

/**
 * Reads a checkpoint written by one of the learners `agents` (`expected`, when given, must be
 * the one): `build` makes the learner from its metadata, `restore` copies the saved state into
 * it. A learner whose restore fails is disposed; the tensors are disposed afterwards.
 */
export async function loadLearnerCheckpoint<L extends { dispose(): void }>(
  dir: string,
  agents: readonly string[],
  expected: string | undefined,
  build: (meta: Record<string, unknown> & { agent: string }) => L,
  restore: (learner: L, meta: Record<string, unknown>, tensors: tf.NamedTensorMap) => void | Promise<void>,
): Promise<L> {
  await initBackend();
  const { meta, tensors } = await loadCheckpoint(dir);
  try {
    const agent = meta.agent;
    if (typeof agent !== 'string' || !agents.includes(agent) || (expected !== undefined && agent !== expected)) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `checkpoint in ${show(dir)} was written by ${show(agent)}, not ${expected ?? agents.join('/')}`, { field: 'checkpoint' });
    }
    const learner = build(meta as Record<string, unknown> & { agent: string });
    try {
      await restore(learner, meta, tensors);
    } catch (e) {
      learner.dispose();
      throw e;
    }
    return learner;
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

/** Copies the variables, optimizer states and replay contents of `parts` back from `tensors`. */
export async function restoreLearnerTensors(dir: string, meta: Record<string, unknown>, tensors: tf.NamedTensorMap, { variables, optimizers = {}, replay }: LearnerTensors): Promise<void> {
  assignVariables(variables, tensors, `checkpoint ${dir}`);
  for (const [name, { optimizer, variables: stepped }] of Object.entries(optimizers)) await restoreOptimizer(optimizer, tensors, stepped, `optim/${name}`);
  if (replay) restoreReplay(replay, tensors, meta.replay as ReplayState | null | undefined);
}
