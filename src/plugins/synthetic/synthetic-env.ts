/**
 * # Synthetic/<ID>-vN
 *
 * A synthetic environment (SE, see `synthetic-model.ts`) served as an env: the learned model of
 * a real env's dynamics that an agent trains on in place of the real env (Ferreira et al., ICLR
 * 2022; automl/learning_environments). `Synthetic/CartPole-v1` stands in for `CartPole-v1`; there
 * is one for every built-in env with a float Box observation space and a Discrete or Box action
 * space (and no structured tasks).
 *
 * - Observation and action spaces: the real env's (made with its default args and context).
 * - Reset: the real env's initial state distribution — a real env instance is reset with the same
 *   seeded Rng, so `Synthetic/X` and `X` reset with the same seed start from the same
 *   observation; `reset({options: {state}})` is passed to the real env the same way. The SE's
 *   state is its observation.
 * - Step: `[a, s]` → next state, reward and done from the model's three networks (deterministic).
 *   The next state is rounded to the observation dtype and becomes the new state.
 * - Episode end: terminated when the done network's output is > 0.5, or when the next state
 *   leaves the observation space (then it is clipped into the space, infinite bounds counting as
 *   ±3.4e38, the largest float32). The paper's SEs are unbounded; the clip keeps every
 *   observation inside the real env's space and every input to the networks finite. Truncated
 *   at the real env's time limit (500 steps for CartPole-v1).
 * - Context: none (an SE is learned for the real env's default context).
 *
 * ## Args
 * - `model`: directory of a saved SE for this env (see "Checkpoints" in `synthetic-model.ts`);
 *   empty (default): a random SE drawn from `init_seed` with the default architecture below.
 *   The path is read by the process that makes the env (the server, for a remote make).
 * - `init_seed`: seed of the random SE's weights (PyTorch's default `nn.Linear` init); only
 *   without `model`.
 *
 * Default architectures (hidden layers, activation): CartPole-v1 [83] LeakyReLU and Acrobot-v1
 * [167] PReLU (the paper); MountainCarContinuous-v0 [128, 128, 128] ReLU and HalfCheetah-v0 [171]
 * ReLU (automl/learning_environments `default_config_cmc_syn_env_opt.yaml`,
 * `default_config_halfcheetah_td3_se_opt.yaml`); every other env [128] LeakyReLU (chosen here).
 *
 * ## Errors
 * METARENA_INVALID_ARGUMENT naming `args.model`: no checkpoint in the directory, a checkpoint
 * that is not an SE, an SE of another env or with other sizes. METARENA_INVALID_OPTION naming
 * `args.init_seed` when it is given with `model`.
 *
 * ## Version history
 * - first version (the version suffix is the real env's).
 */
import {
  Box,
  DEFAULT_ENV_BYTES,
  Discrete,
  type EnvInstance,
  type EnvPlugin,
  type FlatArray,
  MetarenaError,
  type Plugin,
  defineEnv,
  resolveArgs,
} from '../../core/index.ts';
import type { FlatActivation } from '../../nn/flat-mlp.ts';
import { type SyntheticAction, SyntheticModel, type SyntheticModelSpec } from './synthetic-model.ts';

export const SYNTHETIC_NAMESPACE = 'Synthetic';
/** Largest finite float32: what an infinite observation bound counts as when the next state is clipped. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** The paper's (and the reference code's) SE architectures; others get DEFAULT_ARCHITECTURE. */
export const SYNTHETIC_ARCHITECTURES: Readonly<Record<string, { hidden: readonly number[]; activation: FlatActivation }>> = Object.freeze({
  'CartPole-v1': { hidden: [83], activation: 'leakyrelu' },
  'Acrobot-v1': { hidden: [167], activation: 'prelu' },
  'MountainCarContinuous-v0': { hidden: [128, 128, 128], activation: 'relu' },
  'HalfCheetah-v0': { hidden: [171], activation: 'relu' },
});
export const DEFAULT_ARCHITECTURE = Object.freeze({ hidden: [128] as readonly number[], activation: 'leakyrelu' as FlatActivation });

const SYNTHETIC_ARGS = {
  model: { type: 'string', default: '', description: 'Directory of a saved synthetic env for this env (checkpoint format); empty: a random one from init_seed.' },
  init_seed: { type: 'integer', default: 0, min: 0, max: Number.MAX_SAFE_INTEGER, description: 'Seed of the random synthetic env (only without model).' },
} as const;

/** Why `real` has no synthetic env, or undefined when it can have one. */
export function syntheticUnsupported(real: EnvPlugin): string | undefined {
  if (real.id.includes('/')) return 'a namespaced id';
  if (real.sampleTask !== undefined) return 'structured tasks';
  const args = resolveArgs(real.args, {}, 'args');
  const obs = real.observationSpace(args);
  if (!(obs instanceof Box) || (obs.dtype !== 'float32' && obs.dtype !== 'float64')) return 'an observation space that is not a float Box';
  const act = real.actionSpace(args);
  if (!(act instanceof Discrete) && !(act instanceof Box)) return 'an action space that is neither Discrete nor Box';
  return undefined;
}

/** The model spec a synthetic env of `real` has by default (sizes from its spaces, architecture from the table). */
export function syntheticSpec(real: EnvPlugin): SyntheticModelSpec {
  const args = resolveArgs(real.args, {}, 'args');
  const obs = real.observationSpace(args) as Box;
  const act = real.actionSpace(args);
  const action: SyntheticAction = act instanceof Discrete ? { kind: 'discrete', n: act.n, start: act.start } : { kind: 'box', size: (act as Box).size };
  const { hidden, activation } = SYNTHETIC_ARCHITECTURES[real.id] ?? DEFAULT_ARCHITECTURE;
  return { env: real.id, stateSize: obs.size, action, hidden: [...hidden], activation };
}

/**
 * The env plugin `Synthetic/<real id>` serving an SE of `real`. With `fixed` (an SE of `real` held
 * in memory, e.g. an evolution's candidate), every env made serves that model, and the `model`
 * and `init_seed` args must be left at their defaults.
 */
export function syntheticEnv(real: EnvPlugin, fixed?: SyntheticModel): EnvPlugin {
  const why = syntheticUnsupported(real);
  if (why !== undefined) throw new MetarenaError('METARENA_PLUGIN_ERROR', `${real.id} cannot have a synthetic env: it has ${why}`, { plugin: real.id });
  const realArgs = resolveArgs(real.args, {}, 'args');
  const observationSpace = real.observationSpace(realArgs) as Box;
  const actionSpace = real.actionSpace(realArgs);
  const spec = syntheticSpec(real);
  if (fixed && (fixed.spec.env !== real.id || fixed.spec.stateSize !== spec.stateSize || JSON.stringify(fixed.spec.action) !== JSON.stringify(spec.action))) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${real.id} cannot serve a synthetic env of ${fixed.spec.env} with state size ${fixed.spec.stateSize} and action ${JSON.stringify(fixed.spec.action)}`, { field: 'model', plugin: real.id });
  }
  const realBytes = real.memoryBytes(realArgs) ?? DEFAULT_ENV_BYTES;
  const id = `${SYNTHETIC_NAMESPACE}/${real.id}`;
  // clip limits of the next state: the space's bounds (for float32, the float32 values just
  // inside them), infinite ones as ±FLOAT32_MAX
  const f32 = observationSpace.dtype === 'float32';
  const round = f32 ? Math.fround : (v: number) => v;
  const low = Float64Array.from(observationSpace.low, (v) => (f32 ? float32AtLeast : (x: number) => x)(Math.max(v, -FLOAT32_MAX)));
  const high = Float64Array.from(observationSpace.high, (v) => -(f32 ? float32AtLeast : (x: number) => x)(-Math.min(v, FLOAT32_MAX)));

  return defineEnv({
    id,
    description: `Synthetic environment: a learned model of ${real.id}'s dynamics, reward and termination (Ferreira et al. 2022).`,
    args: SYNTHETIC_ARGS,
    observationSpace,
    actionSpace,
    maxEpisodeSteps: real.maxEpisodeSteps(realArgs),
    // the default architecture's weights (a loaded model of another width costs accordingly more or less)
    memoryBytes: () => realBytes + 4 * SyntheticModel.parameterCount(spec),
    create: (args): EnvInstance<FlatArray, number | FlatArray> => {
      if (args.model !== '' && args.init_seed !== 0) {
        throw new MetarenaError('METARENA_INVALID_OPTION', `${id}: init_seed draws a random synthetic env; it has no effect with model ${args.model}`, { field: 'args.init_seed', allowed: '0 (the default) with model' });
      }
      if (fixed && (args.model !== '' || args.init_seed !== 0)) {
        throw new MetarenaError('METARENA_INVALID_OPTION', `${id}: this env serves a model held in memory; leave model and init_seed out`, { field: args.model !== '' ? 'args.model' : 'args.init_seed', allowed: 'the defaults' });
      }
      const model = fixed ?? (args.model !== '' ? SyntheticModel.load(args.model, spec) : SyntheticModel.random(spec, args.init_seed));
      const inner = real.create(realArgs);
      const defaults = real.contextSpace.defaults();
      const n = spec.stateSize;
      const state = new Float64Array(n);
      const next = new Float64Array(n);
      const observe = () => {
        const obs = observationSpace.allocate();
        obs.set(state);
        return obs;
      };
      return {
        reset(rng, _context, _task, options) {
          const r = inner.reset(rng, defaults, undefined, options.state !== undefined ? { state: options.state } : {});
          const start = r.obs as ArrayLike<number>;
          for (let i = 0; i < n; i++) state[i] = start[i];
          return { obs: observe() };
        },
        step(action) {
          const { reward, done } = model.step(state, action, next);
          let left = false;
          for (let i = 0; i < n; i++) {
            let v = round(next[i]);
            if (!(v >= low[i] && v <= high[i])) {
              left = true;
              v = Number.isNaN(v) ? Math.min(Math.max(0, low[i]), high[i]) : Math.min(Math.max(v, low[i]), high[i]);
            }
            state[i] = v;
          }
          return { obs: observe(), reward, terminated: done > 0.5 || left };
        },
        close() {
          inner.close?.();
        },
      };
    },
  });
}

/** The least float32 value ≥ v (v finite, within the float32 range). */
function float32AtLeast(v: number): number {
  const f = Math.fround(v);
  if (f >= v) return f;
  const bits = new Float32Array([f]);
  const int = new Int32Array(bits.buffer);
  // one float32 step up: towards +∞ the bit pattern grows for positives and shrinks for negatives
  if (f === 0) bits[0] = 1.401298464324817e-45;
  else int[0] += f > 0 ? 1 : -1;
  return bits[0];
}

/** A synthetic env for every env plugin in `plugins` that can have one. */
export function syntheticEnvs(plugins: readonly Plugin[]): EnvPlugin[] {
  return plugins.filter((p): p is EnvPlugin => p.kind === 'env' && syntheticUnsupported(p) === undefined).map((real) => syntheticEnv(real));
}
