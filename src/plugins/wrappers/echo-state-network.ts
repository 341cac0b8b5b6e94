/**
 * One echo state network (Jaeger, 2001), the network of the Reservoir wrapper (reservoir.ts,
 * whose doc block gives the details): fixed sparse weights W (units × units), W_in (units ×
 * inputs) and bias b, a float64 state x (zeros when cleared) and the leaky update
 *
 *     x ← (1 − leakRate)·x + leakRate·tanh(W_in·u + W·x + b)
 *
 * (ReservoirPy's `forward_internal`, reservoirpy/reservoirpy `reservoirpy/nodes/reservoirs/base.py`).
 * `EchoStateNetwork.random` draws the weights as ReservoirPy 0.3's `Reservoir` does (normal W
 * scaled to a spectral radius computed from all its eigenvalues, ±1 W_in and bias), from streams
 * derived from a seed; `fromWeights` takes explicit dense weights. One reservoir's
 * hyperparameters are declared here (RESERVOIR_ARGS, the entries of the wrapper's `reservoirs`
 * option); a W with spectral radius 0 is a METARENA_INVALID_OPTION naming the reservoir's
 * `connectivity`.
 */
import { type ArgSpecs, type ArgsOf, type CsrMatrix, MetarenaError, Rng, csrFromDense, csrToDense, deriveSeed, randomSparse, show, spectralRadius } from '../../core/index.ts';

/** The most units all reservoirs of one Reservoir wrapper may have together (eigenvalues cost O(units³)). */
export const MAX_TOTAL_UNITS = 1000;

/** One reservoir's hyperparameters, ReservoirPy 0.3's defaults (see reservoir.ts's doc block). */
export const RESERVOIR_ARGS = {
  units: { type: 'integer', default: 100, min: 1, max: MAX_TOTAL_UNITS, description: 'neurons in the reservoir' },
  spectralRadius: { type: 'number', default: 1, min: 0, exclusiveMin: true, description: 'largest eigenvalue modulus W is scaled to' },
  leakRate: { type: 'number', default: 1, min: 0, max: 1, exclusiveMin: true, description: 'x <- (1 - leakRate) x + leakRate tanh(...); 1: no leak' },
  inputScaling: { type: 'number', default: 1, min: 0, description: 'gain of the input weights W_in (entries +-inputScaling)' },
  connectivity: { type: 'number', default: 0.1, min: 0, max: 1, exclusiveMin: true, description: 'fraction of non-zero recurrent weights W' },
  inputConnectivity: { type: 'number', default: 0.1, min: 0, max: 1, exclusiveMin: true, description: 'fraction of non-zero input weights W_in (and of bias entries)' },
  biasScaling: { type: 'number', default: 1, min: 0, description: 'gain of the bias b (entries +-biasScaling); 0: no bias' },
} satisfies ArgSpecs;

export type ReservoirSpec = ArgsOf<typeof RESERVOIR_ARGS>;

/** A METARENA_INVALID_OPTION of the Reservoir wrapper naming `field`. */
export const reservoirOptionError = (message: string, field: string, allowed?: string): MetarenaError => new MetarenaError('METARENA_INVALID_OPTION', `Reservoir: ${message}`, { field, allowed, plugin: 'Reservoir' });

/**
 * ρ of the unscaled W by (seed, units, connectivity), which fix W: the copies of a vector env,
 * and trials that vary only the spectral radius, leak rate or scalings, compute it once.
 */
const RADIUS_CACHE = new Map<string, number>();
const RADIUS_CACHE_SIZE = 256;

/** Explicit weights for an echo state network (dense, row-major), e.g. for a hand-checked case. */
export interface EsnWeights {
  units: number;
  inputs: number;
  /** units × units. */
  W: ArrayLike<number>;
  /** units × inputs. */
  Win: ArrayLike<number>;
  /** units. */
  bias: ArrayLike<number>;
  leakRate: number;
}

/** One reservoir: fixed weights and a float64 state. */
export class EchoStateNetwork {
  readonly units: number;
  readonly inputs: number;
  readonly leakRate: number;
  readonly W: CsrMatrix;
  readonly Win: CsrMatrix;
  readonly bias: Float64Array;
  /** The current state x. */
  readonly state: Float64Array;
  private readonly pre: Float64Array;

  constructor(W: CsrMatrix, Win: CsrMatrix, bias: Float64Array, leakRate: number) {
    if (W.rows !== W.cols || Win.rows !== W.rows || bias.length !== W.rows) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `EchoStateNetwork: W must be units x units (got ${W.rows}x${W.cols}), W_in units x inputs (got ${Win.rows}x${Win.cols}), bias of units entries (got ${bias.length})`, { field: 'weights' });
    }
    this.units = W.rows;
    this.inputs = Win.cols;
    this.leakRate = leakRate;
    this.W = W;
    this.Win = Win;
    this.bias = bias;
    this.state = new Float64Array(this.units);
    this.pre = new Float64Array(this.units);
  }

  /** A network with the given dense weights (no scaling applied). */
  static fromWeights(w: EsnWeights): EchoStateNetwork {
    return new EchoStateNetwork(csrFromDense(w.W, w.units, w.units), csrFromDense(w.Win, w.units, w.inputs), Float64Array.from(w.bias), w.leakRate);
  }

  /**
   * A network drawn as ReservoirPy 0.3 draws one (see the doc block) from `seed` for `inputs`
   * input values. `field` names the reservoir in errors.
   */
  static random(spec: ReservoirSpec, inputs: number, seed: number, field = 'reservoirs[0]'): EchoStateNetwork {
    const n = spec.units;
    const wRng = new Rng(deriveSeed(seed, 'W'));
    const W = randomSparse(n, n, spec.connectivity, wRng, () => wRng.normal());
    const key = `${seed}:${n}:${spec.connectivity}`;
    let rho = RADIUS_CACHE.get(key);
    if (rho === undefined) {
      rho = spectralRadius(csrToDense(W), n);
      if (RADIUS_CACHE.size >= RADIUS_CACHE_SIZE) RADIUS_CACHE.delete(RADIUS_CACHE.keys().next().value!);
      RADIUS_CACHE.set(key, rho);
    }
    if (!(rho > 1e-12)) {
      throw reservoirOptionError(`${field}: W (${n} units, ${W.values.length} non-zero weights at connectivity ${show(spec.connectivity)}) has spectral radius 0 and cannot be scaled to ${show(spec.spectralRadius)}; raise units or connectivity`, `${field}.connectivity`);
    }
    const gain = spec.spectralRadius / rho;
    for (let e = 0; e < W.values.length; e++) W.values[e] *= gain;
    const inRng = new Rng(deriveSeed(seed, 'W_in'));
    const sign = (r: Rng, scale: number) => () => (r.random() < 0.5 ? scale : -scale);
    const Win = randomSparse(n, inputs, spec.inputConnectivity, inRng, sign(inRng, spec.inputScaling));
    const bias = new Float64Array(n);
    if (spec.biasScaling > 0) {
      const bRng = new Rng(deriveSeed(seed, 'bias'));
      const b = randomSparse(n, 1, spec.inputConnectivity, bRng, sign(bRng, spec.biasScaling));
      for (let i = 0; i < n; i++) if (b.rowStart[i + 1] > b.rowStart[i]) bias[i] = b.values[b.rowStart[i]];
    }
    return new EchoStateNetwork(W, Win, bias, spec.leakRate);
  }

  /** Sets the state to zeros. */
  clear(): void {
    this.state.fill(0);
  }

  /** One update with input `u` (length `inputs`): x ← (1 − lr)·x + lr·tanh(W_in·u + W·x + b). */
  update(u: ArrayLike<number>): void {
    const { bias, state, pre, leakRate } = this;
    const n = this.units;
    const { rowStart: wRow, colIndex: wCol, values: wVal } = this.W;
    const { rowStart: inRow, colIndex: inCol, values: inVal } = this.Win;
    for (let i = 0; i < n; i++) {
      let acc = bias[i];
      for (let e = wRow[i], end = wRow[i + 1]; e < end; e++) acc += wVal[e] * state[wCol[e]];
      for (let e = inRow[i], end = inRow[i + 1]; e < end; e++) acc += inVal[e] * u[inCol[e]];
      pre[i] = acc;
    }
    const keep = 1 - leakRate;
    for (let i = 0; i < n; i++) state[i] = keep * state[i] + leakRate * Math.tanh(pre[i]);
  }
}
