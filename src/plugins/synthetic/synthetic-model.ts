/**
 * # The synthetic environment model (SE)
 *
 * A learned stand-in for a real env's dynamics, as in Ferreira et al., "Learning Synthetic
 * Environments and Reward Networks for Reinforcement Learning" (ICLR 2022), code
 * automl/learning_environments (`envs/virtual_env.py`): three MLPs over the same input
 * `x = [a, s]` — the action (one-hot for a Discrete action space, the raw vector for a Box),
 * then the state —
 *
 * - `state`: x → s′ (the next state, `stateSize` values),
 * - `reward`: x → r (one value),
 * - `done`: x → d (one value; the episode ends when d > 0.5),
 *
 * each with linear outputs and the same hidden layers and activation (the paper's CartPole SE:
 * one hidden layer of 83 units, LeakyReLU; Acrobot: 167 units, PReLU). The model is deterministic.
 *
 * `params` is one Float32Array holding the linear parameters of all three networks (state, then
 * reward, then done; see `FlatMlp`), the vector an evolution strategy perturbs; the networks'
 * arrays are views of it.
 *
 * ## Checkpoints
 * The learners' format (`src/nn/checkpoint.ts`): tensors `state/…`, `reward/…`, `done/…`
 * (`FlatMlp` keys) and meta `{kind: "synthetic-env", env, stateSize, action, hidden, activation,
 * record}`, where `env` is the real env's id, `action` is `{kind: "discrete", n, start}` or
 * `{kind: "box", size}`, and `record` is free JSON describing how the model was trained (the
 * command, generations, fitness), or null.
 *
 * Errors (METARENA_INVALID_ARGUMENT, field `args.model`): no checkpoint in the directory, a
 * checkpoint of something else, an SE of another env, sizes that do not fit the real env.
 */
import { MetarenaError, Rng, deriveSeed, show } from '../../core/index.ts';
import { type CheckpointArray, readCheckpointArrays } from '../../nn/checkpoint-format.ts';
import { FLAT_ACTIVATIONS, type FlatActivation, FlatMlp } from '../../nn/flat-mlp.ts';

export const SYNTHETIC_MODEL_KIND = 'synthetic-env';

export type SyntheticAction = { kind: 'discrete'; n: number; start: number } | { kind: 'box'; size: number };

export interface SyntheticModelSpec {
  /** The real env this model stands in for, e.g. `CartPole-v1`. */
  env: string;
  stateSize: number;
  action: SyntheticAction;
  hidden: readonly number[];
  activation: FlatActivation;
}

/** What one step of the model gives besides the next state. */
export interface SyntheticStep {
  reward: number;
  /** The done network's output; the episode ends when it is > 0.5. */
  done: number;
}

const NETS = ['state', 'reward', 'done'] as const;

/** Width of the action part of the input: n for one-hot Discrete actions, the Box size otherwise. */
export function actionWidth(action: SyntheticAction): number {
  return action.kind === 'discrete' ? action.n : action.size;
}

export class SyntheticModel {
  readonly spec: Readonly<SyntheticModelSpec>;
  /** Linear parameters of the state, reward and done networks, in that order. */
  readonly params: Float32Array;
  readonly state: FlatMlp;
  readonly reward: FlatMlp;
  readonly done: FlatMlp;
  /** How the model was trained (free JSON), saved with it. */
  record: unknown = null;
  private readonly input: Float64Array;
  private readonly scalar = new Float64Array(1);

  /** A model with all parameters zero; see `random` and `load`. */
  constructor(spec: SyntheticModelSpec) {
    const { stateSize, action, hidden, activation } = spec;
    if (!Number.isInteger(stateSize) || stateSize < 1) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `synthetic env: stateSize must be a positive integer, got ${show(stateSize)}`, { field: 'stateSize' });
    this.spec = Object.freeze({ ...spec, action: Object.freeze({ ...action }), hidden: Object.freeze([...hidden]) });
    const inputs = actionWidth(action) + stateSize;
    const outputs = { state: stateSize, reward: 1, done: 1 };
    const counts = NETS.map((n) => FlatMlp.parameterCount(inputs, hidden, outputs[n]));
    this.params = new Float32Array(counts[0] + counts[1] + counts[2]);
    let at = 0;
    const nets = NETS.map((name, i) => {
      const net = new FlatMlp({ inputs, hidden, outputs: outputs[name], activation, name }, this.params.subarray(at, at + counts[i]));
      at += counts[i];
      return net;
    });
    [this.state, this.reward, this.done] = nets;
    this.input = new Float64Array(inputs);
  }

  /** Number of linear parameters (the length of `params`) of a model with this spec. */
  static parameterCount({ stateSize, action, hidden }: Pick<SyntheticModelSpec, 'stateSize' | 'action' | 'hidden'>): number {
    const inputs = actionWidth(action) + stateSize;
    return FlatMlp.parameterCount(inputs, hidden, stateSize) + 2 * FlatMlp.parameterCount(inputs, hidden, 1);
  }

  /** A model initialised as PyTorch initialises `nn.Linear` (see `FlatMlp.initUniform`), from `seed`. */
  static random(spec: SyntheticModelSpec, seed: number): SyntheticModel {
    const model = new SyntheticModel(spec);
    for (const name of NETS) model[name].initUniform(new Rng(deriveSeed(seed, 'synthetic', name)));
    return model;
  }

  /**
   * Loads the SE saved in `dir`. With `expect`, the checkpoint must be an SE of that env with
   * these state and action sizes; `field` names the option that gave `dir`.
   */
  static load(dir: string, expect?: Pick<SyntheticModelSpec, 'env' | 'stateSize' | 'action'>, field = 'args.model'): SyntheticModel {
    const { meta, arrays } = readCheckpointArrays(dir, field);
    const bad = (why: string) => new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: ${show(dir)} ${why}`, { field });
    if (meta.kind !== SYNTHETIC_MODEL_KIND) throw bad(`holds a checkpoint of ${show(meta.kind ?? meta.agent ?? 'unknown kind')}, not a synthetic env (meta.kind ${show(SYNTHETIC_MODEL_KIND)})`);
    const spec = specFromMeta(meta);
    if (spec === undefined) throw bad('has synthetic-env metadata without a valid env, stateSize, action, hidden and activation');
    if (expect) {
      if (spec.env !== expect.env) throw bad(`is a synthetic env for ${spec.env}, not for ${expect.env}`);
      if (spec.stateSize !== expect.stateSize || JSON.stringify(spec.action) !== JSON.stringify(expect.action)) {
        throw bad(`has state size ${spec.stateSize} and action ${show(spec.action)}; ${expect.env} has ${expect.stateSize} and ${show(expect.action)}`);
      }
    }
    const model = new SyntheticModel(spec);
    for (const name of NETS) model[name].assign(arrays, `${field} (${dir})`);
    model.record = meta.record ?? null;
    return model;
  }

  /** Every tensor of the checkpoint, as views of the model's arrays. */
  namedArrays(): Record<string, CheckpointArray> {
    return { ...this.state.namedArrays(), ...this.reward.namedArrays(), ...this.done.namedArrays() };
  }

  /** The checkpoint's meta. */
  meta(): Record<string, unknown> {
    const { env, stateSize, action, hidden, activation } = this.spec;
    return { kind: SYNTHETIC_MODEL_KIND, env, stateSize, action, hidden: [...hidden], activation, record: this.record };
  }

  /** Writes the model to `dir` in the checkpoint format (loads tfjs, which the writer uses). */
  async save(dir: string): Promise<void> {
    const { initBackend } = await import('../../nn/backend.ts');
    const { saveCheckpointArrays } = await import('../../nn/checkpoint.ts');
    await initBackend();
    await saveCheckpointArrays(dir, this.meta(), this.namedArrays());
  }

  /** The networks' input `[a, s]` for state `s` and action `a` (validated by the caller). */
  private fillInput(s: ArrayLike<number>, a: number | ArrayLike<number>): Float64Array {
    const x = this.input;
    const { action, stateSize } = this.spec;
    if (s.length !== stateSize) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `synthetic env: state has ${s.length} values, the model takes ${stateSize}`, { field: 'state' });
    let width: number;
    if (action.kind === 'discrete') {
      width = action.n;
      x.fill(0, 0, width);
      x[(a as number) - action.start] = 1;
    } else {
      width = action.size;
      const v = typeof a === 'number' ? [a] : a;
      for (let i = 0; i < width; i++) x[i] = v[i];
    }
    for (let i = 0; i < stateSize; i++) x[width + i] = s[i];
    return x;
  }

  /** One step from state `s` with action `a`: the next state goes into `next`. */
  step(s: ArrayLike<number>, a: number | ArrayLike<number>, next: Float64Array): SyntheticStep {
    const x = this.fillInput(s, a);
    this.state.forward(x, next);
    const reward = this.reward.forward(x, this.scalar)[0];
    const done = this.done.forward(x, this.scalar)[0];
    return { reward, done };
  }
}

function specFromMeta(meta: Record<string, unknown>): SyntheticModelSpec | undefined {
  const { env, stateSize, action, hidden, activation } = meta as Record<string, any>;
  const positive = (v: unknown) => Number.isInteger(v) && (v as number) >= 1;
  if (typeof env !== 'string' || !positive(stateSize) || !Array.isArray(hidden) || !hidden.every(positive) || !FLAT_ACTIVATIONS.includes(activation)) return undefined;
  if (action?.kind === 'discrete' && positive(action.n) && Number.isInteger(action.start)) return { env, stateSize, action: { kind: 'discrete', n: action.n, start: action.start }, hidden, activation };
  if (action?.kind === 'box' && positive(action.size)) return { env, stateSize, action: { kind: 'box', size: action.size }, hidden, activation };
  return undefined;
}
