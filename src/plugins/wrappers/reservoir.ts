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
  Discrete,
  type Env,
  type FlatArray,
  MultiBinary,
  MultiDiscrete,
  type ResetArgs,
  type ResetResult,
  type Space,
  type StepResult,
  Wrapper,
  defineWrapper,
  deriveSeed,
  show,
} from '../../core/index.ts';
import { EchoStateNetwork, MAX_TOTAL_UNITS, RESERVOIR_ARGS, reservoirOptionError as invalid } from './echo-state-network.ts';

export { type CsrMatrix, csrFromDense, csrToDense, eigenvalues, randomSparse, spectralRadius } from '../../core/index.ts';
export { EchoStateNetwork, type EsnWeights, MAX_TOTAL_UNITS, RESERVOIR_ARGS, type ReservoirSpec } from './echo-state-network.ts';

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
