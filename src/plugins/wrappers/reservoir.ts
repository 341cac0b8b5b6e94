/**
 * # Reservoir
 *
 * Encodes the stream of observations, actions and rewards with one or more echo state networks
 * (Jaeger, 2001), the encoder of evolved reservoirs for meta-RL (ER-MRL: Léger et al., EvoApps
 * 2024, corentinlger/ER-MRL `er_mrl/wrappers.py`): fixed random recurrent networks whose few
 * hyperparameters an outer loop can tune, so that the agent sees a memory of the recent past
 * (velocities a masked observation leaves out, for instance).
 *
 * ## The network
 * Each reservoir of `units` neurons has a state `x` (zeros when it is cleared) and the update
 *
 *     x ← (1 − leakRate)·x + leakRate·tanh(W_in·u + W·x + b)
 *
 * (ReservoirPy's `forward_internal`, `reservoirpy/nodes/reservoirs/base.py`). The weights follow
 * ReservoirPy 0.3's `Reservoir` defaults, the version ER-MRL ran (`reservoir.py`, `mat_gen.py`):
 * - `W` (units × units): exactly round(connectivity·units²) non-zero entries at uniformly drawn
 *   distinct positions (as `scipy.sparse.random`), each standard normal; then scaled by
 *   `spectralRadius / ρ(W)`, where ρ(W) — the largest eigenvalue modulus — is computed from all
 *   eigenvalues (Householder reduction to Hessenberg form and Francis double-shift QR, as
 *   EISPACK's `orthes`/`hqr`; ReservoirPy uses ARPACK's `eigs`). A `W` whose eigenvalues are all
 *   zero (too sparse: 2 units at 10% get round(0.4) = 0 weights) cannot be scaled and is refused.
 *   Counts round half to even, as Python's `round` in scipy.
 * - `W_in` (units × inputs): round(inputConnectivity·units·inputs) entries, each ±1 with equal
 *   probability, times `inputScaling`.
 * - `b` (units): round(inputConnectivity·units) entries ±1 (ReservoirPy draws the bias with the
 *   input connectivity), times `biasScaling`; `biasScaling: 0` leaves the bias out.
 * - Defaults: 100 units, leak rate 1, input scaling 1, bias scaling 1, connectivities 0.1
 *   (ReservoirPy 0.3). ReservoirPy 0.3 leaves W unscaled unless `sr` is given (ER-MRL always
 *   gives it); the default spectral radius here is 1, ReservoirPy 0.4's default.
 * Weights are drawn from streams derived from `seed` and the reservoir's index (`W`, `W_in` and
 * `b` each their own), so a make with the same options has the same reservoirs, and a
 * reservoir's `W` does not depend on the env's input size. The state is computed in float64.
 * ER-MRL seeds the reservoirs with the training run's seed (plus the reservoir's index), so an
 * evolved setting is judged over several draws of the weights; pass the run's seed as `seed` to
 * do the same.
 *
 * ## Inputs
 * `u` is the concatenation, in this order, of the parts named in `inputs` (default all three):
 * - `observation`: the observation just returned, flattened (Box, MultiBinary, MultiDiscrete as
 *   their numbers; Discrete one-hot);
 * - `action`: the action just taken (Discrete one-hot, Box/MultiBinary/MultiDiscrete flattened);
 *   at a reset, when no action was taken yet, all zeros;
 * - `reward`: the reward just received; 0 at a reset.
 * ER-MRL's wrapper feeds a constant in the action slot (`one_hot(0)` for a Discrete action space,
 * zeros for a Box) instead of the action taken, so its reservoir never sees the actions. This
 * wrapper feeds the real action; `placeholderAction: true` feeds ER-MRL's constant instead, to
 * reproduce its setup. Inputs are not normalised (as in ER-MRL): `inputScaling` sets their gain.
 *
 * ## Output
 * - Observation space: a float32 `Box` of the states of every reservoir in order (bounds
 *   [−1, 1]: each state is a convex combination of tanh values), followed, with
 *   `includeObservation: true`, by the flattened raw observation (its own bounds; a Discrete
 *   observation one-hot in [0, 1]). ER-MRL's `skip_c` appends the observation, action and
 *   reward; here only the observation. The returned observation is a new array every call.
 * - Reset: the first observation of an episode is the state after one update with the reset's
 *   observation (no action, reward 0), as ER-MRL's `reset`.
 * - `reset: 'episode'` (default) clears every state at each reset; `'trial'` clears them only when
 *   a reset starts a new trial (`info.episode_in_trial` is 0 or absent: see `episodesPerTrial`
 *   in make options), so the memory spans a meta-RL trial. A reset with a seed always starts a
 *   trial, so seeded rollouts are reproducible in both modes.
 * - Action space, reward, termination, truncation and info are unchanged.
 *
 * ## Options
 * - `reservoirs` (default `[{}]`: one reservoir of defaults): a list of reservoirs, each
 *   `{units, spectralRadius, leakRate, inputScaling, connectivity, inputConnectivity,
 *   biasScaling}`; their states are concatenated (ER-MRL's `MultiReservoirWrapper`).
 * - `inputs`, `placeholderAction`, `includeObservation`, `reset`, `seed` as above.
 *
 * Errors (METARENA_INVALID_OPTION naming the field): a value out of range (e.g.
 * `wrappers[1].reservoirs[0].leakRate`), an empty or repeated `inputs` entry, an observation or
 * action space the inputs cannot encode (Dict, Tuple) or with nothing to encode,
 * `placeholderAction` without `action` among the inputs, a `W` with spectral radius 0, more
 * than MAX_TOTAL_UNITS units in all.
 *
 * Cost: building a reservoir computes every eigenvalue of W, O(units³): tens of ms for 100
 * units, seconds for 1000 (MAX_TOTAL_UNITS); the radius is remembered per (seed, units,
 * connectivity), so the copies of a vector env pay once. A step costs O(non-zero weights); the
 * bench `reservoir` reports env-steps/s for CartPole-v1 next to the plain env's.
 *
 * ## Version history
 * - first version: ReservoirPy 0.3 defaults, real previous action (placeholder optional),
 *   several reservoirs, reset per episode or per trial.
 */
import {
  type ArgSpecs,
  type ArgsOf,
  Box,
  type CsrMatrix,
  Discrete,
  type Env,
  type FlatArray,
  MetarenaError,
  MultiBinary,
  MultiDiscrete,
  type ResetArgs,
  type ResetResult,
  Rng,
  type Space,
  type StepResult,
  Wrapper,
  csrFromDense,
  csrToDense,
  defineWrapper,
  deriveSeed,
  randomSparse,
  show,
  spectralRadius,
} from '../../core/index.ts';

export { type CsrMatrix, csrFromDense, csrToDense, eigenvalues, randomSparse, spectralRadius } from '../../core/index.ts';

/** The most units all reservoirs of one wrapper may have together (eigenvalues cost O(units³)). */
export const MAX_TOTAL_UNITS = 1000;

/** One reservoir's hyperparameters, ReservoirPy 0.3's defaults (see the doc block). */
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

export const RESERVOIR_INPUTS = ['observation', 'action', 'reward'] as const;
export type ReservoirInput = (typeof RESERVOIR_INPUTS)[number];

export const RESERVOIR_WRAPPER_ARGS = {
  reservoirs: { type: 'objects', of: RESERVOIR_ARGS, default: [{}], minItems: 1, description: 'the reservoirs, each {units, spectralRadius, leakRate, inputScaling, connectivity, inputConnectivity, biasScaling}; their states are concatenated' },
  inputs: { type: 'strings', default: [...RESERVOIR_INPUTS], choices: RESERVOIR_INPUTS, description: 'what the reservoirs are fed, in this order: observation, previous action, previous reward' },
  placeholderAction: { type: 'boolean', default: false as boolean, description: "feed ER-MRL's constant (one-hot of action 0, or zeros) in the action slot instead of the action taken" },
  includeObservation: { type: 'boolean', default: false as boolean, description: 'append the raw observation to the reservoir states' },
  reset: { type: 'string', default: 'episode', choices: ['episode', 'trial'], description: 'clear the states at every reset, or only when a new trial starts' },
  seed: { type: 'integer', default: 0, min: 0, max: Number.MAX_SAFE_INTEGER, description: 'seed of the random weights (reservoir i draws from a stream derived from seed and i)' },
} satisfies ArgSpecs;

export type ReservoirOptions = ArgsOf<typeof RESERVOIR_WRAPPER_ARGS>;

const invalid = (message: string, field: string, allowed?: string): MetarenaError => new MetarenaError('METARENA_INVALID_OPTION', `Reservoir: ${message}`, { field, allowed, plugin: 'Reservoir' });

// ---------------------------------------------------------------------------------------------
// One echo state network

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
      throw invalid(`${field}: W (${n} units, ${W.values.length} non-zero weights at connectivity ${show(spec.connectivity)}) has spectral radius 0 and cannot be scaled to ${show(spec.spectralRadius)}; raise units or connectivity`, `${field}.connectivity`);
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

// ---------------------------------------------------------------------------------------------
// The wrapper

/** How a value of a space enters the input vector: its numbers, or one-hot. */
interface Encoding {
  size: number;
  /** Writes `value` into `u` from `offset` on (`size` entries). */
  write(value: unknown, u: Float64Array, offset: number): void;
  low: ArrayLike<number>;
  high: ArrayLike<number>;
}

function encoding(space: Space, field: string, what: string): Encoding {
  if (space instanceof Discrete) {
    const { n, start } = space;
    return {
      size: n,
      write: (v, u, o) => {
        for (let i = 0; i < n; i++) u[o + i] = 0;
        u[o + (v as number) - start] = 1;
      },
      low: new Float64Array(n),
      high: new Float64Array(n).fill(1),
    };
  }
  if (space instanceof Box || space instanceof MultiBinary || space instanceof MultiDiscrete) {
    const size = space instanceof MultiDiscrete ? space.nvec.length : space.size;
    const low = space instanceof Box ? space.low : space instanceof MultiBinary ? new Float64Array(size) : Float64Array.from(space.start);
    const high = space instanceof Box ? space.high : space instanceof MultiBinary ? new Float64Array(size).fill(1) : Float64Array.from(space.nvec, (k, i) => space.start[i] + k - 1);
    return {
      size,
      write: (v, u, o) => {
        const a = v as ArrayLike<number>;
        for (let i = 0; i < size; i++) u[o + i] = a[i];
      },
      low,
      high,
    };
  }
  throw invalid(`the ${what} space ${space} cannot be fed to a reservoir; allowed: Box, Discrete, MultiBinary, MultiDiscrete`, field, 'Box, Discrete, MultiBinary, MultiDiscrete');
}

export class Reservoir extends Wrapper<FlatArray, unknown, unknown, unknown> {
  readonly observationSpace: Box;
  readonly networks: readonly EchoStateNetwork[];
  readonly options: Readonly<ReservoirOptions>;
  /** Total units of all reservoirs: the first entries of the observation. */
  readonly units: number;
  /** Length of the input vector u and where its parts start (-1: not fed). */
  readonly inputSize: number;
  readonly offsets: Readonly<Record<ReservoirInput, number>>;
  private readonly obsEncoding: Encoding | undefined;
  private readonly actionEncoding: Encoding | undefined;
  private readonly u: Float64Array;
  /** ER-MRL's constant action input (one-hot of the first action, or zeros). */
  private readonly placeholder: Float64Array | undefined;

  constructor(env: Env, options: ReservoirOptions) {
    super(env);
    this.options = Object.freeze({ ...options });
    const { inputs, reservoirs } = options;
    if (inputs.length === 0) throw invalid('inputs must name at least one of observation, action, reward', 'inputs', RESERVOIR_INPUTS.join(', '));
    inputs.forEach((name, i) => {
      if (inputs.indexOf(name) !== i) throw invalid(`inputs lists ${show(name)} twice`, `inputs[${i}]`, RESERVOIR_INPUTS.join(', '));
    });
    if (options.placeholderAction && !inputs.includes('action')) throw invalid('placeholderAction needs action among the inputs', 'placeholderAction', 'false, or action in inputs');
    const total = reservoirs.reduce((sum, r) => sum + r.units, 0);
    if (total > MAX_TOTAL_UNITS) throw invalid(`the reservoirs have ${total} units in all, more than ${MAX_TOTAL_UNITS}`, 'reservoirs', `at most ${MAX_TOTAL_UNITS} units in all`);

    const seesObservation = inputs.includes('observation');
    this.obsEncoding = seesObservation || options.includeObservation ? encoding(env.observationSpace, seesObservation ? 'inputs' : 'includeObservation', 'observation') : undefined;
    this.actionEncoding = inputs.includes('action') ? encoding(env.actionSpace, 'inputs', 'action') : undefined;
    const offsets: Record<ReservoirInput, number> = { observation: -1, action: -1, reward: -1 };
    let size = 0;
    for (const name of RESERVOIR_INPUTS) {
      if (!inputs.includes(name)) continue;
      offsets[name] = size;
      size += name === 'observation' ? this.obsEncoding!.size : name === 'action' ? this.actionEncoding!.size : 1;
    }
    if (size === 0) throw invalid(`the inputs (${inputs.join(', ')}) of ${env.id} hold no values`, 'inputs');
    this.offsets = Object.freeze(offsets);
    this.inputSize = size;
    this.u = new Float64Array(size);
    if (options.placeholderAction && this.actionEncoding) {
      this.placeholder = new Float64Array(this.actionEncoding.size);
      if (env.actionSpace instanceof Discrete) this.placeholder[0] = 1;
    }
    this.networks = Object.freeze(reservoirs.map((spec, i) => EchoStateNetwork.random(spec, size, deriveSeed(options.seed, 'reservoir', i), `reservoirs[${i}]`)));
    this.units = total;

    const low: number[] = new Array(total).fill(-1);
    const high: number[] = new Array(total).fill(1);
    if (this.obsEncoding && options.includeObservation) {
      low.push(...Array.from(this.obsEncoding.low, Math.fround));
      high.push(...Array.from(this.obsEncoding.high, Math.fround));
    }
    this.observationSpace = new Box({ low, high, dtype: 'float32' });
  }

  get actionSpace(): Space {
    return this.env.actionSpace;
  }

  /** Clears every reservoir's state. */
  clear(): void {
    for (const net of this.networks) net.clear();
  }

  reset(args?: ResetArgs): ResetResult<FlatArray> {
    const r = this.env.reset(args);
    const episodeInTrial = r.info.episode_in_trial;
    if (this.options.reset === 'episode' || typeof episodeInTrial !== 'number' || episodeInTrial === 0) this.clear();
    return { obs: this.advance(r.obs, undefined, 0), info: r.info };
  }

  step(action: unknown): StepResult<FlatArray> {
    const r = this.env.step(action);
    return { obs: this.advance(r.obs, action, r.reward), reward: r.reward, terminated: r.terminated, truncated: r.truncated, info: r.info };
  }

  /** Feeds (observation, action — undefined at a reset — and reward) to every reservoir; the output. */
  private advance(obs: unknown, action: unknown, reward: number): FlatArray {
    const { u, offsets } = this;
    const obsEncoding = this.obsEncoding;
    if (offsets.observation >= 0) obsEncoding!.write(obs, u, offsets.observation);
    if (offsets.action >= 0) {
      const enc = this.actionEncoding!;
      if (this.placeholder) u.set(this.placeholder, offsets.action);
      else if (action === undefined) u.fill(0, offsets.action, offsets.action + enc.size);
      else enc.write(action, u, offsets.action);
    }
    if (offsets.reward >= 0) u[offsets.reward] = reward;
    const out = new Float32Array(this.observationSpace.size);
    let o = 0;
    for (const net of this.networks) {
      net.update(u);
      const x = net.state;
      for (let i = 0; i < x.length; i++) out[o + i] = x[i];
      o += x.length;
    }
    if (obsEncoding && this.options.includeObservation) {
      const tail = new Float64Array(obsEncoding.size);
      obsEncoding.write(obs, tail, 0);
      out.set(tail, o);
    }
    return out;
  }
}

export default defineWrapper({
  id: 'Reservoir',
  description: 'Echo state network encoder of observations, previous actions and rewards (ER-MRL); the observation becomes the reservoir states.',
  args: RESERVOIR_WRAPPER_ARGS,
  apply: (env, args) => new Reservoir(env, args),
});
