/**
 * How PPO's networks meet the spaces: observations become inputs (Box flattened, Discrete
 * one-hot), outputs become actions (Discrete: a categorical over logits; Box: a diagonal
 * Gaussian around the means, clipped to the bounds when sent to the env), and the sampling and
 * log-probability arithmetic of the categorical done in plain numbers while acting.
 */
import { Box, Discrete, MetarenaError, type Rng, type Space } from '../../core/index.ts';

export const LOG_2PI = Math.log(2 * Math.PI);

/** How observations become network inputs. */
export type ObsKind = { kind: 'box'; size: number } | { kind: 'discrete'; n: number; start: number };
/** How network outputs become actions. */
export type ActKind = { kind: 'discrete'; n: number; start: number } | { kind: 'box'; size: number; low: Float64Array; high: Float64Array };

export function observationKind(space: Space): ObsKind {
  if (space instanceof Box) return { kind: 'box', size: space.size };
  if (space instanceof Discrete) return { kind: 'discrete', n: space.n, start: space.start };
  throw new MetarenaError('METARENA_NOT_SUPPORTED', `ppo: observation space ${space.type} is not supported; allowed: Box, Discrete (wrap Dict/Tuple observations first)`, { field: 'observation_space', allowed: 'Box, Discrete' });
}

export function actionKind(space: Space): ActKind {
  if (space instanceof Discrete) return { kind: 'discrete', n: space.n, start: space.start };
  if (space instanceof Box) return { kind: 'box', size: space.size, low: space.low, high: space.high };
  throw new MetarenaError('METARENA_NOT_SUPPORTED', `ppo: action space ${space.type} is not supported; allowed: Discrete, Box`, { field: 'action_space', allowed: 'Discrete, Box' });
}

/** Network inputs per observation. */
export const inputWidth = (kind: ObsKind): number => (kind.kind === 'box' ? kind.size : kind.n);
/** Network outputs (logits or means) per action. */
export const outputWidth = (kind: ActKind): number => (kind.kind === 'discrete' ? kind.n : kind.size);

/** Observations in a batch. */
export function batchLength(obs: ArrayLike<number>, kind: ObsKind): number {
  return kind.kind === 'box' ? obs.length / kind.size : obs.length;
}

export function argmax(values: ArrayLike<number>, offset: number, n: number): number {
  let best = 0;
  for (let k = 1; k < n; k++) if (values[offset + k] > values[offset + best]) best = k;
  return best;
}

/** The row's largest logit and Σ exp(logit − max), for a stable softmax. */
function softmaxNorm(logits: ArrayLike<number>, offset: number, n: number): { max: number; sum: number } {
  let max = -Infinity;
  for (let j = 0; j < n; j++) max = Math.max(max, logits[offset + j]);
  let sum = 0;
  for (let j = 0; j < n; j++) sum += Math.exp(logits[offset + j] - max);
  return { max, sum };
}

/** log softmax(logits)[offset + k] for the row starting at `offset`. */
export function logSoftmaxAt(logits: ArrayLike<number>, offset: number, n: number, k: number): number {
  const { max, sum } = softmaxNorm(logits, offset, n);
  return logits[offset + k] - max - Math.log(sum);
}

/** A draw from the categorical of the row of logits at `offset`. */
export function sampleLogits(logits: ArrayLike<number>, offset: number, n: number, rng: Rng): number {
  const { max, sum } = softmaxNorm(logits, offset, n);
  let u = rng.random() * sum;
  for (let j = 0; j < n; j++) {
    u -= Math.exp(logits[offset + j] - max);
    if (u < 0) return j;
  }
  return n - 1;
}
