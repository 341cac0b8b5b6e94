/**
 * A uniform experience replay buffer for off-policy learners (DQN family, SAC, TD3): a ring of
 * `capacity` transitions `(obs, action, reward, nextObs, terminated)` stored in flat Float32
 * arrays, filled a whole vector step at a time, sampled with replacement by a seeded Rng.
 *
 * `terminated` is stored, not `truncated`: a transition cut by a time limit still bootstraps
 * from `nextObs`, which must then be the episode's real final observation (`info.final_obs`
 * under `same_step`, or the observation the done step returned under `next_step`).
 *
 * `replayTensors`/`restoreReplay` are the checkpoint codec of a buffer's filled part.
 */
import * as tf from '@tensorflow/tfjs';
import { MetarenaError, type Rng, show } from '../core/index.ts';

/** A sampled minibatch, row-major: row i is one transition. */
export interface ReplaySample {
  size: number;
  obs: Float32Array;
  actions: Float32Array;
  rewards: Float32Array;
  nextObs: Float32Array;
  /** 1 where the episode terminated at this transition (no bootstrap), else 0. */
  terminated: Float32Array;
}

export interface ReplayState {
  capacity: number;
  obsSize: number;
  actionSize: number;
  /** Slots written so far (≤ capacity) and the next slot to write. */
  size: number;
  next: number;
}

export class ReplayBuffer {
  readonly obs: Float32Array;
  readonly actions: Float32Array;
  readonly rewards: Float32Array;
  readonly nextObs: Float32Array;
  readonly terminated: Float32Array;
  private count = 0;
  private cursor = 0;

  constructor(
    readonly capacity: number,
    readonly obsSize: number,
    readonly actionSize: number,
  ) {
    for (const [field, v] of [['capacity', capacity], ['obsSize', obsSize], ['actionSize', actionSize]] as const) {
      if (!Number.isSafeInteger(v) || v < 1) throw new MetarenaError('METARENA_INVALID_OPTION', `replay buffer ${field} must be a positive integer, got ${show(v)}`, { field });
    }
    this.obs = new Float32Array(capacity * obsSize);
    this.actions = new Float32Array(capacity * actionSize);
    this.rewards = new Float32Array(capacity);
    this.nextObs = new Float32Array(capacity * obsSize);
    this.terminated = new Float32Array(capacity);
  }

  /** Transitions held (at most `capacity`). */
  get size(): number {
    return this.count;
  }

  /**
   * Adds one transition. `obs` and `nextObs` are read from row `row` of row-major arrays of
   * `obsSize` columns; `action` likewise with `actionSize` columns.
   */
  add(obs: ArrayLike<number>, action: ArrayLike<number>, reward: number, nextObs: ArrayLike<number>, terminated: boolean, row = 0, nextRow = row): void {
    const i = this.cursor;
    const { obsSize: d, actionSize: a } = this;
    for (let k = 0; k < d; k++) {
      this.obs[i * d + k] = obs[row * d + k];
      this.nextObs[i * d + k] = nextObs[nextRow * d + k];
    }
    for (let k = 0; k < a; k++) this.actions[i * a + k] = action[row * a + k];
    this.rewards[i] = reward;
    this.terminated[i] = terminated ? 1 : 0;
    this.cursor = (i + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** `size` transitions drawn uniformly with replacement. */
  sample(size: number, rng: Rng): ReplaySample {
    if (this.count === 0) throw new MetarenaError('METARENA_NOT_SUPPORTED', 'cannot sample from an empty replay buffer', { field: 'replay' });
    const { obsSize: d, actionSize: a } = this;
    const out: ReplaySample = {
      size,
      obs: new Float32Array(size * d),
      actions: new Float32Array(size * a),
      rewards: new Float32Array(size),
      nextObs: new Float32Array(size * d),
      terminated: new Float32Array(size),
    };
    // element loops: a subarray per row costs more than copying a few numbers
    for (let r = 0; r < size; r++) {
      const i = rng.integer(this.count);
      for (let k = 0; k < d; k++) {
        out.obs[r * d + k] = this.obs[i * d + k];
        out.nextObs[r * d + k] = this.nextObs[i * d + k];
      }
      for (let k = 0; k < a; k++) out.actions[r * a + k] = this.actions[i * a + k];
      out.rewards[r] = this.rewards[i];
      out.terminated[r] = this.terminated[i];
    }
    return out;
  }

  /** Counters for a checkpoint (the arrays themselves are saved as tensors by the learner). */
  state(): ReplayState {
    return { capacity: this.capacity, obsSize: this.obsSize, actionSize: this.actionSize, size: this.count, next: this.cursor };
  }

  /** Restores counters saved by `state()` (after the arrays were copied back). */
  restore(state: ReplayState): void {
    if (state.capacity !== this.capacity || state.obsSize !== this.obsSize || state.actionSize !== this.actionSize) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `replay state ${show(state)} does not fit a buffer of capacity ${this.capacity}, obsSize ${this.obsSize}, actionSize ${this.actionSize}`, { field: 'replay' });
    }
    this.count = state.size;
    this.cursor = state.next;
  }
}

/** The filled part of a replay buffer as checkpoint tensors under `replay/…` (the caller disposes them). */
export function replayTensors(replay: ReplayBuffer): tf.NamedTensorMap {
  const n = replay.size;
  const { obsSize: d, actionSize: a } = replay;
  return {
    'replay/obs': tf.tensor2d(replay.obs.subarray(0, n * d), [n, d]),
    'replay/actions': tf.tensor2d(replay.actions.subarray(0, n * a), [n, a]),
    'replay/rewards': tf.tensor1d(replay.rewards.subarray(0, n)),
    'replay/next_obs': tf.tensor2d(replay.nextObs.subarray(0, n * d), [n, d]),
    'replay/terminated': tf.tensor1d(replay.terminated.subarray(0, n)),
  };
}

/** Copies saved replay contents back (shapes checked); false when the checkpoint holds none. */
export function restoreReplay(replay: ReplayBuffer, tensors: tf.NamedTensorMap, state: ReplayState | null | undefined): boolean {
  if (!state || !tensors['replay/obs']) return false;
  const { obsSize: d, actionSize: a } = replay;
  const shapes: Record<string, number[]> = { 'replay/obs': [state.size, d], 'replay/actions': [state.size, a], 'replay/rewards': [state.size], 'replay/next_obs': [state.size, d], 'replay/terminated': [state.size] };
  for (const [key, shape] of Object.entries(shapes)) {
    if (tensors[key]?.shape.join('x') !== shape.join('x')) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `checkpoint: replay tensor ${show(key)} must have shape [${shape}]`, { field: 'checkpoint' });
  }
  replay.restore(state);
  replay.obs.set(tensors['replay/obs'].dataSync());
  replay.actions.set(tensors['replay/actions'].dataSync());
  replay.rewards.set(tensors['replay/rewards'].dataSync());
  replay.nextObs.set(tensors['replay/next_obs'].dataSync());
  replay.terminated.set(tensors['replay/terminated'].dataSync());
  return true;
}
