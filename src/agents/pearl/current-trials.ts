/**
 * The transitions of each env's current trial, as PEARL's agent accumulates its context on-line
 * (oyster's `accum_context`): one growing list per env of (obs, action, reward, next obs,
 * terminated), with the number of its first-episode transitions. The training loop hands a
 * finished trial to the `TrialStore`; the acting agent only reads the rows as context.
 */
export interface FinishedTrial {
  obs: Float32Array;
  actions: Float32Array;
  rewards: Float32Array;
  nextObs: Float32Array;
  terminated: Float32Array;
  rows: number;
  contextLength: number;
}

class Rows {
  data: Float32Array;
  length = 0;
  constructor(readonly width: number) {
    this.data = new Float32Array(width * 32);
  }
  push(values: ArrayLike<number>, from: number): void {
    if ((this.length + 1) * this.width > this.data.length) {
      const grown = new Float32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    for (let k = 0; k < this.width; k++) this.data[this.length * this.width + k] = values[from + k];
    this.length++;
  }
  take(): Float32Array {
    return this.data.slice(0, this.length * this.width);
  }
}

class Trial {
  readonly obs: Rows;
  readonly actions: Rows;
  readonly nextObs: Rows;
  readonly scalars: Rows; // reward, terminated
  episode = 0;
  contextLength = 0;
  constructor(obsSize: number, actionSize: number) {
    this.obs = new Rows(obsSize);
    this.actions = new Rows(actionSize);
    this.nextObs = new Rows(obsSize);
    this.scalars = new Rows(2);
  }
}

export class CurrentTrials {
  private trials: Trial[];

  constructor(
    readonly numEnvs: number,
    readonly obsSize: number,
    readonly actionSize: number,
  ) {
    this.trials = Array.from({ length: numEnvs }, () => new Trial(obsSize, actionSize));
  }

  /** Transitions of env `i`'s current trial so far. */
  rows(i: number): number {
    return this.trials[i].obs.length;
  }

  /** Index of the episode env `i` is in within its trial (0 = the first). */
  episode(i: number): number {
    return this.trials[i].episode;
  }

  /** Records env `i`'s transition from row `i` of the row-major batches `obs`, `actions` and row `nextRow` (default `i`) of `nextObs`. */
  record(i: number, obs: ArrayLike<number>, actions: ArrayLike<number>, reward: number, nextObs: ArrayLike<number>, terminated: boolean, nextRow = i): void {
    const t = this.trials[i];
    t.obs.push(obs, i * this.obsSize);
    t.actions.push(actions, i * this.actionSize);
    t.nextObs.push(nextObs, nextRow * this.obsSize);
    t.scalars.push([reward, terminated ? 1 : 0], 0);
  }

  /** Env `i`'s episode ended: later transitions belong to its next episode. */
  endEpisode(i: number): void {
    const t = this.trials[i];
    if (t.episode === 0) t.contextLength = t.obs.length;
    t.episode++;
  }

  /**
   * Env `i`'s context so far as rows of (obs, action, reward[, next obs]), the encoder's input,
   * and their number.
   */
  context(i: number, withNextObs = false): { rows: Float32Array; count: number } {
    const t = this.trials[i];
    const { obsSize: d, actionSize: a } = this;
    const n = t.obs.length;
    const w = d + a + 1 + (withNextObs ? d : 0);
    const rows = new Float32Array(n * w);
    for (let r = 0; r < n; r++) {
      rows.set(t.obs.data.subarray(r * d, (r + 1) * d), r * w);
      rows.set(t.actions.data.subarray(r * a, (r + 1) * a), r * w + d);
      rows[r * w + d + a] = t.scalars.data[r * 2];
      if (withNextObs) rows.set(t.nextObs.data.subarray(r * d, (r + 1) * d), r * w + d + a + 1);
    }
    return { rows, count: n };
  }

  /** Ends env `i`'s trial: its transitions (the first episode's count as context) and a fresh trial. */
  take(i: number): FinishedTrial {
    const t = this.trials[i];
    const rows = t.obs.length;
    const scalars = t.scalars.take();
    const finished: FinishedTrial = {
      obs: t.obs.take(),
      actions: t.actions.take(),
      nextObs: t.nextObs.take(),
      rewards: Float32Array.from({ length: rows }, (_, r) => scalars[2 * r]),
      terminated: Float32Array.from({ length: rows }, (_, r) => scalars[2 * r + 1]),
      rows,
      contextLength: t.episode === 0 ? rows : t.contextLength,
    };
    this.clear(i);
    return finished;
  }

  /** Starts env `i` on a fresh trial, dropping what its current one held. */
  clear(i: number): void {
    this.trials[i] = new Trial(this.obsSize, this.actionSize);
  }
}
