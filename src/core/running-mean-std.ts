/**
 * Running mean and variance per entry, as Gymnasium's `RunningMeanStd`: statistics start from
 * mean 0, variance 1 and a pseudo-count (default 1e-4), and each batch is merged with the
 * parallel-variance formula of Chan et al. One batch of one row is the one-sample update.
 * Used by the NormalizeObservation wrapper and by learners that normalise observations or
 * rewards; `toJSON`/`fromJSON` carry the statistics through checkpoints.
 */
import { MetarenaError, show } from './errors.ts';

export interface RunningMeanStdJSON {
  mean: number[];
  var: number[];
  count: number;
}

export class RunningMeanStd {
  readonly mean: Float64Array;
  readonly var: Float64Array;
  count: number;

  constructor(
    readonly size: number,
    initialCount = 1e-4,
  ) {
    if (!Number.isSafeInteger(size) || size < 1) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `RunningMeanStd size must be a positive integer, got ${show(size)}`, { field: 'size' });
    this.mean = new Float64Array(size);
    this.var = new Float64Array(size).fill(1);
    this.count = initialCount;
  }

  /** Merges `rows` rows of `size` values each, row-major in `data` (default one row). */
  update(data: ArrayLike<number>, rows = 1): void {
    const { size } = this;
    for (let j = 0; j < size; j++) {
      let m = 0;
      for (let r = 0; r < rows; r++) m += data[r * size + j];
      m /= rows;
      let v = 0;
      for (let r = 0; r < rows; r++) v += (data[r * size + j] - m) ** 2;
      v /= rows;
      const delta = m - this.mean[j];
      const total = this.count + rows;
      this.mean[j] += (delta * rows) / total;
      this.var[j] = (this.var[j] * this.count + v * rows + (delta * delta * this.count * rows) / total) / total;
    }
    this.count += rows;
  }

  toJSON(): RunningMeanStdJSON {
    return { mean: [...this.mean], var: [...this.var], count: this.count };
  }

  static fromJSON(json: RunningMeanStdJSON, field = 'statistics'): RunningMeanStd {
    if (!json || !Array.isArray(json.mean) || !Array.isArray(json.var) || json.mean.length !== json.var.length || typeof json.count !== 'number') {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field} must be {mean, var, count} with mean and var of one length, got ${show(json)}`, { field });
    }
    const r = new RunningMeanStd(json.mean.length, json.count);
    r.mean.set(json.mean);
    r.var.set(json.var);
    return r;
  }
}
