/**
 * # NormalizeObservation
 *
 * Normalises a Box observation to zero mean and unit variance by running statistics, as
 * Gymnasium's `NormalizeObservation`: each entry becomes `(obs − mean) / sqrt(var + epsilon)`,
 * where `mean` and `var` are running estimates over every observation seen so far (reset and
 * step observations, including the current one). The estimates start from mean 0, var 1 and a
 * pseudo-count of 1e-4 and are updated with the parallel-variance formula (Chan et al.), as
 * Gymnasium's `RunningMeanStd`.
 *
 * - `epsilon` (default 1e-8): added to the variance before the square root.
 * - `clip` (default 0 = no clipping): when > 0 the result is clipped to [−clip, clip].
 * - `update` (default true): false freezes the statistics (e.g. for evaluation).
 * - Observation space: `Box(−inf, inf)` (or `[−clip, clip]`) of the same shape, float32.
 * - Statistics belong to one wrapped env: each env of a vector env keeps its own, and they
 *   persist across resets.
 * - Reward, termination, truncation and info are unchanged.
 *
 * ## Version history
 * - first version: Gymnasium's running mean/var, optional clipping.
 */
import { Box, type Env, type FlatArray, MetarenaError, ObservationWrapper, RunningMeanStd, defineWrapper } from '../../core/index.ts';

export class NormalizeObservation extends ObservationWrapper<FlatArray, FlatArray> {
  readonly observationSpace: Box;
  readonly stats: RunningMeanStd;

  constructor(
    env: Env,
    private readonly epsilon: number,
    private readonly clip: number,
    public update: boolean,
  ) {
    super(env as Env<FlatArray>);
    const inner = env.observationSpace;
    if (!(inner instanceof Box)) {
      throw new MetarenaError('METARENA_INVALID_OPTION', `NormalizeObservation needs a Box observation space, ${env.id} has ${inner}`, {
        field: 'observation_space',
        allowed: 'a Box observation space',
        plugin: 'NormalizeObservation',
      });
    }
    const limit = clip > 0 ? clip : Infinity;
    this.observationSpace = new Box({ low: -limit, high: limit, shape: inner.shape, dtype: 'float32' });
    this.stats = new RunningMeanStd(inner.size);
  }

  observation(obs: FlatArray): FlatArray {
    if (this.update) this.stats.update(obs);
    const { mean, var: variance } = this.stats;
    const out = new Float32Array(mean.length);
    const limit = this.clip > 0 ? this.clip : Infinity;
    for (let i = 0; i < out.length; i++) {
      const z = (obs[i] - mean[i]) / Math.sqrt(variance[i] + this.epsilon);
      out[i] = z > limit ? limit : z < -limit ? -limit : z;
    }
    return out;
  }
}

export default defineWrapper({
  id: 'NormalizeObservation',
  description: 'Normalises a Box observation by running mean and variance (Gymnasium NormalizeObservation).',
  args: {
    epsilon: { type: 'number', default: 1e-8, min: 0, description: 'Added to the variance before the square root.' },
    clip: { type: 'number', default: 0, min: 0, description: 'Clip the result to [-clip, clip]; 0 for no clipping.' },
    update: { type: 'boolean', default: true, description: 'Update the running statistics (false freezes them).' },
  },
  apply: (env, args) => new NormalizeObservation(env, args.epsilon, args.clip, args.update),
});
