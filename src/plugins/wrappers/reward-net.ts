/**
 * # RewardNet
 *
 * A reward network (RN): a learned function that replaces or augments the env's reward, as in
 * Ferreira et al., "Learning Synthetic Environments and Reward Networks for Reinforcement
 * Learning" (ICLR 2022), code automl/learning_environments (`envs/reward_env.py`). With γ the
 * agent's discount, Φ an MLP with one output, s the observation before the step, s′ the one after
 * it, r the env's reward and i the info vector of the step, the agent sees:
 *
 * | mode | name | reward |
 * |---|---|---|
 * | 1 | potential, exclusive | γΦ(s′) − Φ(s) |
 * | 2 | potential, additive | r + γΦ(s′) − Φ(s) |
 * | 3 | potential with info, exclusive | γΦ([s′, i]) − Φ([s, i]) |
 * | 4 | potential with info, additive | r + γΦ([s′, i]) − Φ([s, i]) |
 * | 5 | non-potential, exclusive | Φ(s′) |
 * | 6 | non-potential, additive | r + Φ(s′) |
 * | 7 | non-potential with info, exclusive | Φ([s′, i]) |
 * | 8 | non-potential with info, additive | r + Φ([s′, i]) |
 * | 101 | weighted info, exclusive (baseline) | wᵀi |
 * | 102 | weighted info, additive (baseline) | r + wᵀi |
 *
 * Modes 1–2 are potential-based shaping (Ng, Harada & Russell 1999). As in the reference code, the
 * potential is applied on every step, the terminating one included (no Φ(terminal) = 0).
 *
 * - s and s′: a Box observation flattened; a Discrete observation (CliffWalking) one-hot encoded.
 * - The info vector i: the values of the step's `info` under the keys listed in `info`, in that
 *   order (a number, or a boolean as 0/1). The reference code takes every value of the step's
 *   info dict in its order (after dropping `TimeLimit.truncated`); here the keys are named, so
 *   the vector's layout is fixed. The same i (the step's) goes with s and with s′.
 * - Φ: an MLP (`FlatMlp`) with `hidden` layers and `activation` (the paper: one hidden layer of
 *   64 units for CartPole, 32 for CliffWalking, PReLU), PyTorch's default `nn.Linear` init from
 *   `init_seed`. Modes 101/102: w is one weight per info key, no bias (the reference code's
 *   `nn.Linear(info_dim, 1, bias=False)`).
 * - Observation and action spaces, termination, truncation are the env's; the step info gets
 *   `env_reward`, the env's own reward r. The RN is fixed (it is learned by evolution, not here),
 *   so the same seed and actions give the same rewards.
 *
 * ## Options
 * - `model`: directory of a saved RN (the learners' checkpoint format: tensors `phi/…` (`FlatMlp`
 *   keys) or `w`, meta `{kind: "reward-net", env, mode, gamma, info, observation, hidden,
 *   activation, record}`), read by the process that makes the env (the server, for a remote
 *   make). Empty (default): a random RN for evolution.
 * - `mode`: one of the modes above; 0 (default): the model's, or 2 without a model.
 * - `gamma`: γ in (0, 1]; 0 (default): the γ saved with the model (the one it was evolved
 *   with), or 0.99 without one. γ is the agent's: one given with a model replaces the saved one.
 * - `info`: the info keys of i; empty (default): the model's (none without a model).
 * - `hidden` (default [64]), `activation` (default prelu), `init_seed` (default 0): Φ of a
 *   random RN; with a model they come from it and must be left out.
 *
 * ## Errors
 * METARENA_INVALID_OPTION naming the option: a mode that is not one of the table; info keys
 * missing for modes 3, 4, 7, 8, 101, 102 or given for the others; an observation space that is
 * neither Box nor Discrete; a model whose mode or info keys differ from the ones given, or
 * network options given with a model; at a step, an info key missing or not a number.
 * METARENA_INVALID_ARGUMENT naming `model`: no checkpoint there, not an RN, an RN of another env or
 * observation.
 *
 * ## Version history
 * - first version: the reference code's modes 1–8, 101, 102.
 */
import { type Env, type Info, MetarenaError, Rng, type StepResult, defineWrapper, deriveSeed, show } from '../../core/index.ts';
import { type CheckpointArray, readCheckpointArrays } from '../../nn/checkpoint-format.ts';
import { FLAT_ACTIVATIONS, type FlatActivation, FlatMlp } from '../../nn/flat-mlp.ts';
import { type ObservationEncoding, TransitionRewardWrapper, encodingWidth, observationEncoding } from './transition-reward.ts';

export { type ObservationEncoding, encodeObservation, encodingWidth, observationEncoding } from './transition-reward.ts';

export const REWARD_NET_MODEL_KIND = 'reward-net';

/** The modes by number, with their names (see the table above). */
export const REWARD_NET_MODES = Object.freeze({
  1: 'potential, exclusive',
  2: 'potential, additive',
  3: 'potential with info, exclusive',
  4: 'potential with info, additive',
  5: 'non-potential, exclusive',
  6: 'non-potential, additive',
  7: 'non-potential with info, exclusive',
  8: 'non-potential with info, additive',
  101: 'weighted info, exclusive',
  102: 'weighted info, additive',
} as const);
export type RewardNetMode = keyof typeof REWARD_NET_MODES;
const MODE_LIST = Object.keys(REWARD_NET_MODES).map(Number) as RewardNetMode[];
const INFO_MODES: readonly RewardNetMode[] = [3, 4, 7, 8, 101, 102];
const DEFAULT_MODE: RewardNetMode = 2;
const DEFAULT_GAMMA = 0.99;

export interface RewardNetSpec {
  /** The env (its id) the RN was made for. */
  env: string;
  mode: RewardNetMode;
  gamma: number;
  /** Info keys of the info vector, in order. */
  info: readonly string[];
  observation: ObservationEncoding;
  hidden: readonly number[];
  activation: FlatActivation;
}

const isAdditive = (mode: RewardNetMode) => mode % 2 === 0;
const isPotential = (mode: RewardNetMode) => mode <= 4;
const usesState = (mode: RewardNetMode) => mode < 100;

/** The learned part of an RN: Φ (modes 1–8) or w (101/102), with `params` the evolved vector. */
export class RewardNetModel {
  readonly spec: Readonly<RewardNetSpec>;
  /** Φ's linear parameters, or w. */
  readonly params: Float32Array;
  readonly phi: FlatMlp | undefined;
  /** How the model was trained (free JSON), saved with it. */
  record: unknown = null;
  private readonly out = new Float64Array(1);
  private readonly x: Float64Array;

  /** A model with all parameters zero; see `random` and `load`. */
  constructor(spec: RewardNetSpec) {
    checkModeAndInfo(spec.mode, spec.info, 'mode');
    this.spec = Object.freeze({ ...spec, info: Object.freeze([...spec.info]), hidden: Object.freeze([...spec.hidden]), observation: Object.freeze({ ...spec.observation }) });
    if (usesState(spec.mode)) {
      this.phi = new FlatMlp({ inputs: this.inputSize, hidden: spec.hidden, outputs: 1, activation: spec.activation, name: 'phi' });
      this.params = this.phi.params;
    } else {
      this.params = new Float32Array(spec.info.length);
    }
    this.x = new Float64Array(this.inputSize);
  }

  /** Width of Φ's input (modes 1–8) or of w (101/102). */
  get inputSize(): number {
    const { mode, info, observation } = this.spec;
    return (usesState(mode) ? encodingWidth(observation) : 0) + (mode === 1 || mode === 2 || mode === 5 || mode === 6 ? 0 : info.length);
  }

  /** PyTorch's default `nn.Linear` init (U(±1/√fan_in)) from `seed`. */
  static random(spec: RewardNetSpec, seed: number): RewardNetModel {
    const model = new RewardNetModel(spec);
    const rng = new Rng(deriveSeed(seed, 'reward-net'));
    if (model.phi) model.phi.initUniform(rng);
    else {
      const bound = 1 / Math.sqrt(model.params.length);
      for (let i = 0; i < model.params.length; i++) model.params[i] = rng.uniform(-bound, bound);
    }
    return model;
  }

  /** Loads the RN in `dir`; with `expect`, it must be for that env and observation. */
  static load(dir: string, expect?: Pick<RewardNetSpec, 'env' | 'observation'>, field = 'model'): RewardNetModel {
    const { meta, arrays } = readCheckpointArrays(dir, field);
    const bad = (why: string) => new MetarenaError('METARENA_INVALID_ARGUMENT', `RewardNet: ${field} ${show(dir)} ${why}`, { field, plugin: 'RewardNet' });
    if (meta.kind !== REWARD_NET_MODEL_KIND) throw bad(`holds a checkpoint of ${show(meta.kind ?? meta.agent ?? 'unknown kind')}, not a reward network (meta.kind ${show(REWARD_NET_MODEL_KIND)})`);
    const spec = specFromMeta(meta);
    if (spec === undefined) throw bad('has reward-net metadata without a valid env, mode, gamma, info, observation, hidden and activation');
    if (expect) {
      if (spec.env !== expect.env) throw bad(`is a reward network for ${spec.env}, not for ${expect.env}`);
      if (JSON.stringify(spec.observation) !== JSON.stringify(expect.observation)) throw bad(`takes observations ${show(spec.observation)}; ${expect.env} has ${show(expect.observation)}`);
    }
    const model = new RewardNetModel(spec);
    const source = `${field} (${dir})`;
    if (model.phi) model.phi.assign(arrays, source);
    else {
      const w = arrays.w;
      if (!w || w.shape.join('x') !== String(model.params.length)) throw bad(`needs tensor "w" of shape [${model.params.length}]`);
      if (!w.values.every(Number.isFinite)) throw bad('has weights that are not finite');
      model.params.set(w.values);
    }
    model.record = meta.record ?? null;
    return model;
  }

  namedArrays(): Record<string, CheckpointArray> {
    return this.phi ? this.phi.namedArrays() : { w: { values: this.params, shape: [this.params.length] } };
  }

  meta(): Record<string, unknown> {
    const { env, mode, gamma, info, observation, hidden, activation } = this.spec;
    return { kind: REWARD_NET_MODEL_KIND, env, mode, gamma, info: [...info], observation, hidden: [...hidden], activation, record: this.record };
  }

  /** Writes the model to `dir` in the checkpoint format (loads tfjs, which the writer uses). */
  async save(dir: string): Promise<void> {
    const { initBackend } = await import('../../nn/backend.ts');
    const { saveCheckpointArrays } = await import('../../nn/checkpoint.ts');
    await initBackend();
    await saveCheckpointArrays(dir, this.meta(), this.namedArrays());
  }

  /** Φ(x), x being Φ's input ([s] or [s, i]). */
  potential(x: ArrayLike<number>): number {
    if (!this.phi) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `RewardNet mode ${this.spec.mode} has no Φ`, { field: 'mode' });
    return this.phi.forward(x, this.out)[0];
  }

  /** wᵀi (modes 101/102). */
  weighted(i: ArrayLike<number>): number {
    let s = 0;
    for (let k = 0; k < this.params.length; k++) s += this.params[k] * i[k];
    return s;
  }

  /**
   * The reward the agent sees, from the encoded observations `s` and `next` (s′), the env's
   * reward `r` and the info vector `i` (see the file's table).
   */
  reward(s: ArrayLike<number>, next: ArrayLike<number>, r: number, i: ArrayLike<number>): number {
    const { mode, gamma } = this.spec;
    const base = isAdditive(mode) ? r : 0;
    if (!usesState(mode)) return base + this.weighted(i);
    const after = this.potential(this.input(next, i));
    if (!isPotential(mode)) return base + after;
    return base + gamma * after - this.potential(this.input(s, i));
  }

  /** Φ's input for observation `obs`: `[obs]`, or `[obs, i]` in the info modes. */
  private input(obs: ArrayLike<number>, i: ArrayLike<number>): ArrayLike<number> {
    const { mode } = this.spec;
    if (mode === 1 || mode === 2 || mode === 5 || mode === 6) return obs;
    const x = this.x;
    for (let k = 0; k < obs.length; k++) x[k] = obs[k];
    for (let k = 0; k < i.length; k++) x[obs.length + k] = i[k];
    return x;
  }
}

function checkModeAndInfo(mode: number, info: readonly string[], field: string): asserts mode is RewardNetMode {
  if (!MODE_LIST.includes(mode as RewardNetMode)) {
    throw new MetarenaError('METARENA_INVALID_OPTION', `RewardNet: mode must be one of ${MODE_LIST.join(', ')}, got ${show(mode)}`, { field, allowed: MODE_LIST.join(', '), plugin: 'RewardNet' });
  }
  const needs = INFO_MODES.includes(mode as RewardNetMode);
  if (needs && info.length === 0) {
    throw new MetarenaError('METARENA_INVALID_OPTION', `RewardNet: mode ${mode} (${REWARD_NET_MODES[mode as RewardNetMode]}) needs info keys for its info vector`, { field: 'info', allowed: 'a non-empty list of step info keys', plugin: 'RewardNet' });
  }
  if (!needs && info.length > 0) {
    throw new MetarenaError('METARENA_INVALID_OPTION', `RewardNet: mode ${mode} (${REWARD_NET_MODES[mode as RewardNetMode]}) uses no info vector, got info ${show(info)}`, { field: 'info', allowed: `[] (info is used by modes ${INFO_MODES.join(', ')})`, plugin: 'RewardNet' });
  }
  if (new Set(info).size !== info.length) throw new MetarenaError('METARENA_INVALID_OPTION', `RewardNet: info lists a key twice: ${show(info)}`, { field: 'info', plugin: 'RewardNet' });
}

function specFromMeta(meta: Record<string, unknown>): RewardNetSpec | undefined {
  const { env, mode, gamma, info, observation, hidden, activation } = meta as Record<string, any>;
  const positive = (v: unknown) => Number.isInteger(v) && (v as number) >= 1;
  if (typeof env !== 'string' || !MODE_LIST.includes(mode) || typeof gamma !== 'number' || !(gamma > 0 && gamma <= 1)) return undefined;
  if (!Array.isArray(info) || !info.every((k) => typeof k === 'string') || !Array.isArray(hidden) || !hidden.every(positive) || !FLAT_ACTIVATIONS.includes(activation)) return undefined;
  let obs: ObservationEncoding;
  if (observation?.kind === 'box' && positive(observation.size)) obs = { kind: 'box', size: observation.size };
  else if (observation?.kind === 'discrete' && positive(observation.n) && Number.isInteger(observation.start)) obs = { kind: 'discrete', n: observation.n, start: observation.start };
  else return undefined;
  return { env, mode, gamma, info, observation: obs, hidden, activation };
}

/** The info vector of a step: `info[key]` for each key, numbers or booleans (0/1). */
export function infoVector(info: Info, keys: readonly string[], out: Float64Array, envId: string): Float64Array {
  keys.forEach((key, k) => {
    const v = info[key];
    if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
    else if (typeof v === 'boolean') out[k] = v ? 1 : 0;
    else {
      const why = v === undefined ? `is missing from the step info of ${envId} (it has: ${Object.keys(info).join(', ') || 'nothing'})` : `is ${show(v)} in the step info of ${envId}, not a finite number or boolean`;
      throw new MetarenaError('METARENA_INVALID_OPTION', `RewardNet: info key ${show(key)} ${why}`, { field: `info[${k}]`, allowed: 'step info keys holding numbers', plugin: 'RewardNet' });
    }
  });
  return out;
}

export class RewardNet<O = unknown, A = unknown> extends TransitionRewardWrapper<O, A> {
  readonly model: RewardNetModel;
  private readonly i: Float64Array;

  constructor(env: Env<O, A>, model: RewardNetModel) {
    super(env, model.spec.observation);
    this.model = model;
    this.i = new Float64Array(model.spec.info.length);
  }

  protected transitionReward(s: Float64Array, _action: A, next: Float64Array, r: StepResult<O>): { reward: number } {
    if (this.i.length > 0) infoVector(r.info, this.model.spec.info, this.i, this.id);
    return { reward: this.model.reward(s, next, r.reward, this.i) };
  }
}

const ARGS = {
  model: { type: 'string', default: '', description: 'Directory of a saved reward network (checkpoint format); empty: a random one from init_seed.' },
  mode: { type: 'integer', default: 0, min: 0, description: `RN mode: ${MODE_LIST.map((m) => `${m} ${REWARD_NET_MODES[m]}`).join('; ')}; 0: the model's, or ${DEFAULT_MODE} without a model.` },
  gamma: { type: 'number', default: 0, min: 0, max: 1, description: `The agent's discount γ in (0, 1]; 0: the model's, or ${DEFAULT_GAMMA} without a model.` },
  info: { type: 'strings', default: [], description: "Step info keys forming the info vector (modes 3, 4, 7, 8, 101, 102); empty: the model's." },
  hidden: { type: 'integers', default: [64], min: 1, description: "Hidden layer widths of a random RN's Φ (the paper: 64 CartPole, 32 CliffWalking)." },
  activation: { type: 'string', default: 'prelu', choices: FLAT_ACTIVATIONS, description: "Hidden activation of a random RN's Φ." },
  init_seed: { type: 'integer', default: 0, min: 0, max: Number.MAX_SAFE_INTEGER, description: 'Seed of a random RN.' },
} as const;

type RewardNetArgs = { model: string; mode: number; gamma: number; info: readonly string[]; hidden: readonly number[]; activation: string; init_seed: number };

/** The model `apply` uses for `env` and `args`: loaded from `args.model`, or a random one. */
export function rewardNetModel(env: Env, args: RewardNetArgs): RewardNetModel {
  const observation = observationEncoding(env.observationSpace);
  if (!observation) {
    throw new MetarenaError('METARENA_INVALID_OPTION', `RewardNet needs a Box or Discrete observation space, ${env.id} has ${env.observationSpace}`, { field: 'id', allowed: 'an env with a Box or Discrete observation space', plugin: 'RewardNet' });
  }
  if (args.gamma !== 0 && !(args.gamma > 0)) throw new MetarenaError('METARENA_INVALID_OPTION', `RewardNet: gamma must be in (0, 1], got ${show(args.gamma)}`, { field: 'gamma', allowed: '(0, 1]', plugin: 'RewardNet' });
  if (args.model === '') {
    const mode = args.mode === 0 ? DEFAULT_MODE : args.mode;
    checkModeAndInfo(mode, args.info, 'mode');
    const spec: RewardNetSpec = { env: env.id, mode, gamma: args.gamma === 0 ? DEFAULT_GAMMA : args.gamma, info: args.info, observation, hidden: args.hidden, activation: args.activation as FlatActivation };
    return RewardNetModel.random(spec, args.init_seed);
  }
  for (const [name, given, unset] of [
    ['hidden', JSON.stringify(args.hidden), JSON.stringify(ARGS.hidden.default)],
    ['activation', args.activation, ARGS.activation.default],
    ['init_seed', args.init_seed, ARGS.init_seed.default],
  ] as const) {
    if (given !== unset) throw new MetarenaError('METARENA_INVALID_OPTION', `RewardNet: ${name} shapes a random RN; with model ${args.model} it comes from the model, leave it out`, { field: name, allowed: `the default (${unset}) with model`, plugin: 'RewardNet' });
  }
  const model = RewardNetModel.load(args.model, { env: env.id, observation });
  const saved = model.spec;
  const differs = (name: string, given: unknown, have: unknown) =>
    new MetarenaError('METARENA_INVALID_OPTION', `RewardNet: ${name} ${show(given)} differs from the model's ${show(have)} (${args.model}); leave it out to use the model's`, { field: name, allowed: show(have), plugin: 'RewardNet' });
  if (args.mode !== 0 && args.mode !== saved.mode) throw differs('mode', args.mode, saved.mode);
  if (args.info.length > 0 && JSON.stringify(args.info) !== JSON.stringify(saved.info)) throw differs('info', args.info, saved.info);
  if (args.gamma !== 0 && args.gamma !== saved.gamma) {
    // γ is the agent's: a model evolved for one γ may serve an agent with another
    const spec: RewardNetSpec = { ...saved, gamma: args.gamma };
    const copy = new RewardNetModel(spec);
    copy.params.set(model.params);
    if (copy.phi && model.phi) copy.phi.slopes.set(model.phi.slopes);
    copy.record = model.record;
    return copy;
  }
  return model;
}

export default defineWrapper({
  id: 'RewardNet',
  description: 'A learned reward network (Ferreira et al. 2022): potential or non-potential, exclusive or additive, optionally with info.',
  args: ARGS,
  apply: (env, args) => new RewardNet(env, rewardNetModel(env, args)),
});
