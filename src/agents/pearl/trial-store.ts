/**
 * PEARL's per-task replay, kept per trial: every finished trial's transitions lie contiguously
 * in one replay ring (`ReplayBuffer`), indexed by where the trial starts, how many transitions
 * it holds and how many of them its first episode holds (the exploration data collected with z
 * from the prior, which is all the encoder is trained on, as PEARL trains it only on
 * `num_steps_prior` data). A trial whose slots the ring overwrites is dropped from the index.
 *
 * Sampling a meta-batch draws trials uniformly; for each, a context of k transitions (k uniform
 * in 1…contextSize, without replacement, from its first episode) and an RL batch (with
 * replacement, from the whole trial).
 */
import { MetarenaError, type Rng, show } from '../../core/index.ts';
import { ReplayBuffer, type ReplaySample } from '../replay-buffer.ts';

export interface StoredTrial {
  /** Ring slot of its first transition. */
  start: number;
  length: number;
  /** Transitions of its first episode (the context it may give). */
  contextLength: number;
}

export interface TrialBatch {
  tasks: number;
  /** Context rows per task (padding masked out). */
  contextRows: number;
  /** [tasks · contextRows, obs + action + 1 (+ obs)]: each context transition's obs, action, reward (and next obs). */
  context: Float32Array;
  /** [tasks, contextRows]: 1 for a context transition, 0 for padding. */
  mask: Float32Array;
  /** RL transitions, `rlRows` per task, task-major. */
  rl: ReplaySample;
  rlRows: number;
}

export class TrialStore {
  readonly replay: ReplayBuffer;
  private trials: StoredTrial[] = [];

  constructor(capacity: number, obsSize: number, actionSize: number) {
    this.replay = new ReplayBuffer(capacity, obsSize, actionSize);
  }

  /** Complete trials held. */
  get size(): number {
    return this.trials.length;
  }

  /** Transitions held. */
  get transitions(): number {
    return this.replay.size;
  }

  /**
   * Adds a finished trial: `rows` transitions (obs and next obs `obsSize` wide, actions
   * `actionSize` wide, row-major), the first `contextLength` of them its first episode.
   */
  add(trial: { obs: ArrayLike<number>; actions: ArrayLike<number>; rewards: ArrayLike<number>; nextObs: ArrayLike<number>; terminated: ArrayLike<number>; rows: number; contextLength: number }): void {
    const { rows } = trial;
    if (rows < 1) return;
    if (rows > this.replay.capacity) throw new MetarenaError('METARENA_INVALID_OPTION', `a trial of ${rows} transitions does not fit a trial store of ${this.replay.capacity}`, { field: 'pearl.bufferSize' });
    const start = this.replay.state().next;
    for (let r = 0; r < rows; r++) this.replay.add(trial.obs, trial.actions, trial.rewards[r], trial.nextObs, trial.terminated[r] === 1, r);
    const cap = this.replay.capacity;
    // drop the trials whose slots were just overwritten
    this.trials = this.trials.filter((t) => !overlaps(t.start, t.length, start, rows, cap));
    this.trials.push({ start, length: rows, contextLength: Math.min(trial.contextLength, rows) });
  }

  /** A meta-batch of `tasks` trials (see the file's doc), contexts with next observations when asked; needs at least one trial. */
  sample(tasks: number, contextSize: number, rlRows: number, rng: Rng, withNextObs = false): TrialBatch {
    if (this.trials.length === 0) throw new MetarenaError('METARENA_INVALID_STATE', 'the trial store holds no finished trial yet', { field: 'pearl.learningStarts' });
    const { obsSize: d, actionSize: a, capacity: cap } = this.replay;
    const width = d + a + 1 + (withNextObs ? d : 0);
    const context = new Float32Array(tasks * contextSize * width);
    const mask = new Float32Array(tasks * contextSize);
    const rl: ReplaySample = { size: tasks * rlRows, obs: new Float32Array(tasks * rlRows * d), actions: new Float32Array(tasks * rlRows * a), rewards: new Float32Array(tasks * rlRows), nextObs: new Float32Array(tasks * rlRows * d), terminated: new Float32Array(tasks * rlRows) };
    const { obs, actions, rewards, nextObs, terminated } = this.replay;
    let order = new Int32Array(contextSize);
    for (let t = 0; t < tasks; t++) {
      const trial = this.trials[rng.integer(this.trials.length)];
      const available = Math.max(1, trial.contextLength);
      const k = 1 + rng.integer(Math.min(contextSize, available));
      if (order.length < available) order = new Int32Array(available);
      pickDistinct(order, k, available, rng);
      for (let j = 0; j < k; j++) {
        const slot = (trial.start + order[j]) % cap;
        const row = (t * contextSize + j) * width;
        for (let q = 0; q < d; q++) context[row + q] = obs[slot * d + q];
        for (let q = 0; q < a; q++) context[row + d + q] = actions[slot * a + q];
        context[row + d + a] = rewards[slot];
        if (withNextObs) for (let q = 0; q < d; q++) context[row + d + a + 1 + q] = nextObs[slot * d + q];
        mask[t * contextSize + j] = 1;
      }
      for (let j = 0; j < rlRows; j++) {
        const slot = (trial.start + rng.integer(trial.length)) % cap;
        const r = t * rlRows + j;
        for (let q = 0; q < d; q++) {
          rl.obs[r * d + q] = obs[slot * d + q];
          rl.nextObs[r * d + q] = nextObs[slot * d + q];
        }
        for (let q = 0; q < a; q++) rl.actions[r * a + q] = actions[slot * a + q];
        rl.rewards[r] = rewards[slot];
        rl.terminated[r] = terminated[slot];
      }
    }
    return { tasks, contextRows: contextSize, context, mask, rl, rlRows };
  }

  /** The trial index for a checkpoint (the ring's contents are saved as replay tensors). */
  index(): StoredTrial[] {
    return this.trials.map((t) => ({ ...t }));
  }

  /** Restores an index saved by `index()` after the ring's contents were restored. */
  restoreIndex(trials: unknown): void {
    const cap = this.replay.capacity;
    const ok = (t: unknown): t is StoredTrial => {
      const { start, length, contextLength } = (t ?? {}) as Record<string, unknown>;
      return [start, length, contextLength].every((v) => Number.isSafeInteger(v)) && (start as number) >= 0 && (start as number) < cap && (length as number) >= 1 && (length as number) <= this.replay.size && (contextLength as number) >= 0 && (contextLength as number) <= (length as number);
    };
    if (!Array.isArray(trials) || !trials.every(ok)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `checkpoint: the trial index must list {start, length, contextLength} within the stored ${this.replay.size} transitions, got ${show(trials).slice(0, 200)}`, { field: 'checkpoint' });
    this.trials = trials.map((t) => ({ ...t }));
  }
}

/** True when ring ranges [s1, s1 + n1) and [s2, s2 + n2) of a ring of `cap` slots share a slot. */
function overlaps(s1: number, n1: number, s2: number, n2: number, cap: number): boolean {
  const d = (((s1 - s2) % cap) + cap) % cap; // s1's offset after s2
  return d < n2 || (cap - d) % cap < n1;
}

/** The first `k` entries of `out` (at least `n` long): distinct indices in [0, n), a partial Fisher–Yates draw. */
function pickDistinct(out: Int32Array, k: number, n: number, rng: Rng): void {
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.integer(n - i);
    const tmp = out[i];
    out[i] = out[j];
    out[j] = tmp;
  }
}
