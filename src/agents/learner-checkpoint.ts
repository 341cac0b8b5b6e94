/**
 * The checkpoint layout every learner writes (see `src/nn/checkpoint.ts` for the format):
 * metadata naming the learner (`agent`, `seed`, `observationSpace`, `actionSpace`, `options`)
 * with its counters and Rng state (`training`), the network variables by their keys, each
 * optimizer's state under `optim/<name>/…` (`src/nn/optimizer-state.ts`) and, for off-policy
 * learners, the filled part of the replay buffer under `replay/…` (its counters in `replay`).
 */
import * as tf from '@tensorflow/tfjs';
import { MetarenaError, type Rng, type Space, show, spaceFromJSON } from '../core/index.ts';
import { assignVariables, initBackend, loadCheckpoint, restoreRng, rngState, saveCheckpoint } from '../nn/index.ts';
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

/** What names a learner in its checkpoint. */
export interface LearnerIdentity {
  readonly name: string;
  readonly seed: number;
  readonly observationSpace: Space;
  readonly actionSpace: Space;
  readonly options: unknown;
  readonly rng: Rng;
}

/** A checkpoint's metadata as read back: the identity (spaces rebuilt) and the counters. */
export interface SavedLearner<T> {
  agent: string;
  seed: number;
  observationSpace: Space;
  actionSpace: Space;
  options: unknown;
  training: T;
  meta: Record<string, unknown>;
}

/**
 * Writes the checkpoint of `learner` to `dir`, atomically: its identity, its `training`
 * counters with the Rng state, `extraMeta`, and the tensors of `parts`.
 */
export async function saveLearnerCheckpoint(dir: string, learner: LearnerIdentity, training: Record<string, unknown>, { variables, optimizers = {}, replay, extra = {} }: LearnerTensors, extraMeta: Record<string, unknown> = {}): Promise<void> {
  await initBackend();
  const meta = {
    agent: learner.name,
    seed: learner.seed,
    observationSpace: learner.observationSpace.toJSON(),
    actionSpace: learner.actionSpace.toJSON(),
    options: learner.options,
    training: { ...training, rng: rngState(learner.rng) },
    ...extraMeta,
  };
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
export async function loadLearnerCheckpoint<L extends { dispose(): void; readonly rng: Rng }, T = Record<string, unknown>>(
  dir: string,
  agents: readonly string[],
  expected: string | undefined,
  build: (saved: SavedLearner<T>) => L,
  restore: (learner: L, saved: SavedLearner<T>, tensors: tf.NamedTensorMap) => void | Promise<void>,
): Promise<L> {
  await initBackend();
  const { meta, tensors } = await loadCheckpoint(dir);
  try {
    const agent = meta.agent;
    if (typeof agent !== 'string' || !agents.includes(agent) || (expected !== undefined && agent !== expected)) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `checkpoint in ${show(dir)} was written by ${show(agent)}, not ${expected ?? agents.join('/')}`, { field: 'checkpoint' });
    }
    const saved: SavedLearner<T> = {
      agent,
      seed: meta.seed as number,
      observationSpace: spaceFromJSON(meta.observationSpace, 'checkpoint.observationSpace'),
      actionSpace: spaceFromJSON(meta.actionSpace, 'checkpoint.actionSpace'),
      options: meta.options,
      training: meta.training as T,
      meta,
    };
    const learner = build(saved);
    try {
      await restore(learner, saved, tensors);
      restoreRng(learner.rng, (meta.training as { rng?: unknown } | undefined)?.rng);
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
