/**
 * # MaskObservation
 *
 * Hides part of a Box observation, for partial observability: e.g. `drop: [1, 3]` removes the
 * cart and pole velocities of CartPole-v1, leaving position and angle.
 *
 * - `keep`: flat indices of the observation to keep, in the order given (the output's order).
 * - `drop`: flat indices to remove; the rest stay in their original order.
 *   Give exactly one of the two. Indices refer to the flattened observation (row-major).
 * - Observation space: a one-dimensional `Box` of the kept entries with their bounds and the
 *   original dtype.
 * - Reward, termination, truncation and info are unchanged.
 *
 * Errors (METARENA_INVALID_OPTION naming `keep` or `drop`): a non-Box observation, both or neither
 * of `keep`/`drop`, an index outside the observation, a repeated index, dropping everything.
 *
 * ## Version history
 * - first version: keep or drop by flat index.
 */
import { Box, type Env, type FlatArray, MetarenaError, ObservationWrapper, defineWrapper, show } from '../../core/index.ts';

/** Resolves `keep`/`drop` to the kept indices, checking them against an observation of `size`. */
export function keptIndices(size: number, keep: readonly number[], drop: readonly number[]): number[] {
  if ((keep.length === 0) === (drop.length === 0)) {
    throw new MetarenaError('METARENA_INVALID_OPTION', `MaskObservation: give exactly one of keep or drop (non-empty), got keep=${show(keep)} drop=${show(drop)}`, {
      field: keep.length === 0 ? 'keep' : 'drop',
      allowed: 'keep or drop',
      plugin: 'MaskObservation',
    });
  }
  const arg = keep.length > 0 ? 'keep' : 'drop';
  const given = keep.length > 0 ? keep : drop;
  const seen = new Set<number>();
  given.forEach((index, i) => {
    if (!Number.isInteger(index) || index < 0 || index >= size) {
      throw new MetarenaError('METARENA_INVALID_OPTION', `MaskObservation: ${arg}[${i}] = ${show(index)} is not an index of an observation of ${size} values`, {
        field: `${arg}[${i}]`,
        allowed: `integers in [0, ${size - 1}]`,
        plugin: 'MaskObservation',
      });
    }
    if (seen.has(index)) throw new MetarenaError('METARENA_INVALID_OPTION', `MaskObservation: ${arg} lists index ${index} twice`, { field: `${arg}[${i}]`, plugin: 'MaskObservation' });
    seen.add(index);
  });
  if (arg === 'keep') return [...keep];
  const kept = Array.from({ length: size }, (_, i) => i).filter((i) => !seen.has(i));
  if (kept.length === 0) throw new MetarenaError('METARENA_INVALID_OPTION', `MaskObservation: drop removes all ${size} values`, { field: 'drop', plugin: 'MaskObservation' });
  return kept;
}

export class MaskObservation extends ObservationWrapper<FlatArray, FlatArray> {
  readonly observationSpace: Box;
  readonly kept: readonly number[];

  constructor(env: Env, keep: readonly number[], drop: readonly number[]) {
    super(env as Env<FlatArray>);
    const inner = env.observationSpace;
    if (!(inner instanceof Box)) {
      throw new MetarenaError('METARENA_INVALID_OPTION', `MaskObservation needs a Box observation space, ${env.id} has ${inner}`, {
        field: keep.length > 0 ? 'keep' : 'drop',
        allowed: 'a Box observation space',
        plugin: 'MaskObservation',
      });
    }
    this.kept = Object.freeze(keptIndices(inner.size, keep, drop));
    this.observationSpace = new Box({ low: this.kept.map((i) => inner.low[i]), high: this.kept.map((i) => inner.high[i]), dtype: inner.dtype });
  }

  observation(obs: FlatArray): FlatArray {
    const out = this.observationSpace.allocate();
    for (let i = 0; i < this.kept.length; i++) out[i] = obs[this.kept[i]];
    return out;
  }
}

export default defineWrapper({
  id: 'MaskObservation',
  description: 'Keeps or drops entries of a Box observation (e.g. drop velocities for partial observability).',
  args: {
    keep: { type: 'integers', default: [], min: 0, description: 'Flat indices to keep, in output order.' },
    drop: { type: 'integers', default: [], min: 0, description: 'Flat indices to remove.' },
  },
  apply: (env, args) => new MaskObservation(env, args.keep, args.drop),
});
