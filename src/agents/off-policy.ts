/**
 * Pieces shared by the off-policy continuous-control learners (SAC, TD3):
 *
 * - `BoxActions`: the map between the networks' action range [-1, 1] and the env's Box bounds
 *   (`action = bias + scale · a`). Replay and critics work in [-1, 1] (as Stable-Baselines3
 *   does), so the critics' inputs are well scaled whatever the env's units.
 * - `Collector`: steps a VectorEnv and writes one replay transition per env step, in all three
 *   autoreset modes: `next_step` (the reset step after an episode's end is not a transition),
 *   `same_step` (the next observation of a finished episode is `info.final_obs`) and `disabled`
 *   (finished envs are reset here with a mask). Truncated episodes keep `terminated = 0`, so the
 *   learner still bootstraps from their final observation.
 * - `TwinCritic`: the two Q networks and their Polyak-averaged targets (Fujimoto et al., 2018).
 * - Checkpoint helpers for Adam state (`optimizer.getWeights()` order: iterations, first moments,
 *   second moments, in the order of the variables given to `applyGradients`), the replay buffer
 *   and the Rng state, and `saveOffPolicy`/`loadOffPolicy`, the whole checkpoint of a learner.
 * - `resolveOffPolicyOptions`, `continuousLearnerPlugin`: the option checks and the plugin object
 *   the learners share.
 */
import * as tf from '@tensorflow/tfjs';
import { type ArgSpecs, type ArgsOf, Box, MetarenaError, Rng, type Space, type VectorEnv, deriveSeed, resolveArgs, show, spaceFromJSON } from '../core/index.ts';
import { Mlp, assignVariables, initBackend, loadCheckpoint, saveCheckpoint } from '../nn/index.ts';
import type { Agent, AgentEnvSpec } from './agent.ts';
import { type Learner, type LearnerPlugin, LogWindow, type TrainHooks, type TrainLog } from './learner.ts';
import { ReplayBuffer, type ReplayState } from './replay-buffer.ts';

/** The options every off-policy learner has, with the same meaning and defaults. */
export const OFF_POLICY_OPTIONS = {
  hidden: { type: 'integers', default: [256, 256], min: 1, description: 'hidden layer widths of the actor and of each critic (relu)' },
  bufferSize: { type: 'integer', default: 1_000_000, min: 1, description: 'replay buffer capacity (transitions)' },
  gamma: { type: 'number', default: 0.99, min: 0, max: 1, description: 'discount factor γ' },
  batchSize: { type: 'integer', default: 256, min: 1, description: 'transitions per gradient update' },
  actionBound: { type: 'number', default: 0, min: 0, description: 'if > 0, act in [−actionBound, actionBound] ∩ the action space bounds (0: the bounds)' },
  saveReplay: { type: 'boolean', default: true, description: 'store the replay buffer contents in checkpoints' },
  logEvery: { type: 'integer', default: 1000, min: 1, description: 'env steps between training logs' },
} as const satisfies ArgSpecs;

/** The resolved options of `S`, writable, with number lists as plain arrays. */
export type OffPolicyOptionsOf<S extends ArgSpecs> = { -readonly [K in keyof ArgsOf<S>]: ArgsOf<S>[K] extends readonly number[] ? number[] : ArgsOf<S>[K] };

/** Why a continuous-control learner cannot train in `spec` (undefined when it can). */
export function continuousFits(agent: string, spec: AgentEnvSpec): string | undefined {
  if (!(spec.observationSpace instanceof Box)) return `${agent} needs a Box observation space, got ${spec.observationSpace.type}`;
  if (!(spec.actionSpace instanceof Box)) return `${agent} needs a Box action space, got ${spec.actionSpace.type}`;
  if (!(spec.actionSpace.boundedBelow && spec.actionSpace.boundedAbove)) return `${agent} needs a bounded Box action space`;
  return undefined;
}

export interface BoxActions {
  size: number;
  /** Env action = bias + scale · a for a network action a in [-1, 1]. */
  scale: Float64Array;
  bias: Float64Array;
}

/**
 * The action map for `space`. `bound` > 0 narrows every dimension to [-bound, bound] ∩ the
 * space's bounds (for envs whose action space is wider than the range that has an effect).
 */
export function boxActions(space: Space, bound: number, agent: string): BoxActions {
  if (!(space instanceof Box) || !space.boundedBelow || !space.boundedAbove) {
    throw new MetarenaError('METARENA_NOT_SUPPORTED', `${agent}: action space must be a bounded Box, got ${show(space.toJSON())}`, { field: 'action_space', allowed: 'bounded Box' });
  }
  const scale = new Float64Array(space.size);
  const bias = new Float64Array(space.size);
  for (let j = 0; j < space.size; j++) {
    const low = bound > 0 ? Math.max(space.low[j], -bound) : space.low[j];
    const high = bound > 0 ? Math.min(space.high[j], bound) : space.high[j];
    if (!(low < high)) throw new MetarenaError('METARENA_INVALID_OPTION', `${agent}.actionBound ${show(bound)} leaves no range in action dimension ${j} (bounds [${space.low[j]}, ${space.high[j]}])`, { field: `${agent}.actionBound` });
    scale[j] = (high - low) / 2;
    bias[j] = (high + low) / 2;
  }
  return { size: space.size, scale, bias };
}

/** Env actions for `n` rows of network actions in [-1, 1]. */
export function toEnvActions(a: ArrayLike<number>, n: number, map: BoxActions): Float32Array {
  const out = new Float32Array(n * map.size);
  for (let k = 0; k < out.length; k++) {
    const j = k % map.size;
    out[k] = map.bias[j] + map.scale[j] * Math.max(-1, Math.min(1, a[k]));
  }
  return out;
}

/** A row-major Float32Array of `n` observations of `size` numbers, validated. */
export function observationRows(obs: unknown, n: number, size: number, agent: string): Float32Array {
  if (!ArrayBuffer.isView(obs) || (obs as unknown as ArrayLike<number>).length !== n * size) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${agent}: expected ${n} observations of ${size} numbers, got ${show(obs)}`, { field: 'obs' });
  }
  return obs instanceof Float32Array ? obs : Float32Array.from(obs as unknown as ArrayLike<number>);
}

/** Steps a VectorEnv and records transitions; keeps the running episode returns. */
export class Collector {
  started = false;
  private obs = new Float32Array(0);
  private pending = new Uint8Array(0);
  private running = new Float64Array(0);
  /** Returns of the episodes finished since the last `drainReturns()`. */
  private finished: number[] = [];

  constructor(
    readonly agent: string,
    readonly obsSize: number,
    readonly actionSize: number,
  ) {}

  async reset(env: VectorEnv, seed: number): Promise<void> {
    const n = env.numEnvs;
    this.obs = Float32Array.from(observationRows((await env.reset({ seed })).obs, n, this.obsSize, this.agent));
    this.pending = new Uint8Array(n);
    this.running = new Float64Array(n);
    this.started = true;
  }

  /** The current observations (row-major). */
  get observations(): Float32Array {
    return this.obs;
  }

  /**
   * Sends `actions` (network range [-1, 1], row-major) mapped by `map`, stores the transitions
   * in `replay`, and returns the number of env steps taken.
   */
  async step(env: VectorEnv, actions: Float32Array, map: BoxActions, replay: ReplayBuffer): Promise<number> {
    const n = env.numEnvs;
    const { obsSize: d } = this;
    const mode = env.autoresetMode;
    const result = await env.step(toEnvActions(actions, n, map));
    let next = observationRows(result.obs, n, d, this.agent);
    const finalRows = new Float32Array(n * d);
    finalRows.set(next);
    const doneMask = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (mode === 'next_step' && this.pending[i]) {
        this.pending[i] = 0; // the reset step: no transition
        continue;
      }
      const terminated = result.terminated[i] === 1;
      const done = terminated || result.truncated[i] === 1;
      if (done && mode === 'same_step') {
        const final = (result.info.final_obs as unknown[] | undefined)?.[i] as ArrayLike<number> | undefined;
        if (!final || final.length !== d) throw new MetarenaError('METARENA_INVALID_STATE', `${this.agent}: an episode ended without info.final_obs (same_step autoreset)`, { field: 'info.final_obs' });
        for (let k = 0; k < d; k++) finalRows[i * d + k] = final[k];
      }
      replay.add(this.obs, actions, result.rewards[i], finalRows, terminated, i);
      this.running[i] += result.rewards[i];
      if (done) {
        this.finished.push(this.running[i]);
        this.running[i] = 0;
        doneMask[i] = 1;
        if (mode === 'next_step') this.pending[i] = 1;
      }
    }
    if (mode === 'disabled' && doneMask.some(Boolean)) next = observationRows((await env.reset({ options: { mask: doneMask } })).obs, n, d, this.agent);
    this.obs = Float32Array.from(next);
    return n;
  }

  drainReturns(): number[] {
    const out = this.finished;
    this.finished = [];
    return out;
  }
}

/**
 * Two Q networks `Q(obs, a)` (input: observation then action) and their targets. Two plain
 * `Mlp`s, not one batched network: on the wasm backend a batched (3-D) matMul is ≈40× slower
 * than the two 2-D matMuls it would replace.
 */
export class TwinCritic {
  readonly q1: Mlp;
  readonly q2: Mlp;
  readonly q1Target: Mlp;
  readonly q2Target: Mlp;

  constructor(inputs: number, hidden: readonly number[], seed: number) {
    const make = (name: string) => new Mlp({ inputs, hidden, outputs: 1, activation: 'relu', outputGain: 1, seed: deriveSeed(seed, name), name });
    this.q1 = make('q1');
    this.q2 = make('q2');
    this.q1Target = make('q1_target');
    this.q2Target = make('q2_target');
    // targets start as copies
    polyak(this.q1, this.q1Target, 1);
    polyak(this.q2, this.q2Target, 1);
  }

  /** Q-values [B] of the two critics (or of their targets) for inputs [B, obs + action]. */
  values(input: tf.Tensor2D, target = false): [tf.Tensor1D, tf.Tensor1D] {
    const [a, b] = target ? [this.q1Target, this.q2Target] : [this.q1, this.q2];
    return [tf.reshape(a.apply(input), [-1]) as tf.Tensor1D, tf.reshape(b.apply(input), [-1]) as tf.Tensor1D];
  }

  get variables(): tf.Variable[] {
    return [...this.q1.variables, ...this.q2.variables];
  }

  /** target ← τ · online + (1 − τ) · target. */
  polyak(tau: number): void {
    polyak(this.q1, this.q1Target, tau);
    polyak(this.q2, this.q2Target, tau);
  }

  namedVariables(): Record<string, tf.Variable> {
    return { ...this.q1.namedVariables(), ...this.q2.namedVariables(), ...this.q1Target.namedVariables(), ...this.q2Target.namedVariables() };
  }

  dispose(): void {
    for (const m of [this.q1, this.q2, this.q1Target, this.q2Target]) m.dispose();
  }
}

/** target ← τ · online + (1 − τ) · target, variable by variable (same architecture). */
export function polyak(online: { variables: tf.Variable[] }, target: { variables: tf.Variable[] }, tau: number): void {
  const src = online.variables;
  const dst = target.variables;
  tf.tidy(() => {
    for (let i = 0; i < src.length; i++) dst[i].assign(tf.add(tf.mul(src[i], tau), tf.mul(dst[i], 1 - tau)));
  });
}

/** Adam (or any tfjs optimizer) state as checkpoint tensors `${key}/000`, … in getWeights order. */
export async function optimizerTensors(optimizer: tf.Optimizer, key: string): Promise<tf.NamedTensorMap> {
  const weights = await optimizer.getWeights();
  const out: tf.NamedTensorMap = {};
  weights.forEach((w, i) => (out[`${key}/${String(i).padStart(3, '0')}`] = w.tensor));
  return out;
}

/**
 * Restores state written by `optimizerTensors` (positional: the moments belong to the variables
 * in the order they are given to `applyGradients`). Nothing is restored if the key is absent.
 */
export async function restoreOptimizer(optimizer: tf.Optimizer, tensors: tf.NamedTensorMap, key: string): Promise<void> {
  const names = Object.keys(tensors)
    .filter((k) => k.startsWith(`${key}/`))
    .sort();
  if (names.length === 0) return;
  await optimizer.setWeights(names.map((name) => ({ name, tensor: tensors[name] })));
}

/** Rng state as JSON (NaN, the empty Gaussian spare, becomes null). */
export const rngState = (rng: Rng): (number | null)[] => rng.getState().map((v) => (Number.isNaN(v) ? null : v));
export const restoreRng = (rng: Rng, state: (number | null)[]): void => rng.setState(state.map((v) => (v === null ? Number.NaN : v)));

/** The filled part of a replay buffer as checkpoint tensors under `replay/…`. */
export function replayTensors(replay: ReplayBuffer): tf.NamedTensorMap {
  const n = replay.size;
  const { obsSize: d, actionSize: a } = replay;
  return {
    'replay/obs': tf.tensor2d(replay.obs.subarray(0, n * d), [n, d]),
    'replay/actions': tf.tensor2d(replay.actions.subarray(0, n * a), [n, a]),
    'replay/rewards': tf.tensor1d(replay.rewards.subarray(0, n)),
    'replay/next_obs': tf.tensor2d(replay.nextObs.subarray(0, n * d), [n, d]),
    'replay/terminated': tf.tensor1d(replay.terminated.subarray(0, n)),
  };
}

/** Copies saved replay contents back; returns false when the checkpoint holds none. */
export function restoreReplay(replay: ReplayBuffer, tensors: tf.NamedTensorMap, state: ReplayState | null): boolean {
  if (!state || !tensors['replay/obs']) return false;
  replay.obs.set(tensors['replay/obs'].dataSync());
  replay.actions.set(tensors['replay/actions'].dataSync());
  replay.rewards.set(tensors['replay/rewards'].dataSync());
  replay.nextObs.set(tensors['replay/next_obs'].dataSync());
  replay.terminated.set(tensors['replay/terminated'].dataSync());
  replay.restore(state);
  return true;
}

/** An eval-harness agent acting with `act` (network actions in [-1, 1]) mapped by `map`. */
export function actingAgent(name: string, obsSize: number, map: BoxActions, act: (obs: Float32Array, n: number) => Float32Array): Agent {
  return {
    name,
    start: () => {},
    act: (obs) => {
      const n = (obs as unknown as ArrayLike<number>).length / obsSize;
      return toEnvActions(act(observationRows(obs, n, obsSize, name), n), n, map);
    },
    observe: () => {},
  };
}

/** What `trainOffPolicy` needs from a learner. */
export interface OffPolicyLoop {
  readonly agent: string;
  steps: number;
  readonly learningStarts: number;
  readonly logEvery: number;
  readonly seed: number;
  readonly collector: Collector;
  readonly replay: ReplayBuffer;
  readonly rng: Rng;
  readonly map: BoxActions;
  /** Exploration actions in [-1, 1] for `n` observation rows. */
  explore(obs: Float32Array, n: number): Float32Array;
  /** One gradient update; returns the losses when `withLosses` (reading them costs a sync). */
  update(withLosses: boolean): Record<string, number> | undefined;
}

/**
 * The off-policy loop of CleanRL's SAC and TD3 scripts, vectorised: uniform random actions until
 * `learningStarts` env steps, then the learner's exploration policy; after `learningStarts`, one
 * gradient update per env step (`numEnvs` updates per vector step). Logs every `logEvery` steps.
 */
export async function trainOffPolicy(loop: OffPolicyLoop, env: VectorEnv, untilSteps: number, startedAt: number, onLog?: (log: TrainLog) => void): Promise<void> {
  const { collector, replay, rng, map } = loop;
  if (env.singleActionSpace.type !== 'Box' || (env.singleActionSpace as Box).size !== map.size || (env.singleObservationSpace as Box).size !== collector.obsSize) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${loop.agent}: the env's spaces (observation ${show(env.singleObservationSpace.toJSON())}, action ${show(env.singleActionSpace.toJSON())}) do not fit this learner (${collector.obsSize} observation numbers, ${map.size} actions)`, { field: 'env' });
  }
  if (!collector.started) await collector.reset(env, deriveSeed(loop.seed, 'env', loop.steps));
  const n = env.numEnvs;
  let nextLog = (Math.floor(loop.steps / loop.logEvery) + 1) * loop.logEvery;
  let seconds = (performance.now() - startedAt) / 1000;
  const logWindow = new LogWindow(loop.steps);
  while (loop.steps < untilSteps) {
    const obs = collector.observations;
    let actions: Float32Array;
    if (loop.steps < loop.learningStarts) {
      actions = new Float32Array(n * map.size);
      for (let k = 0; k < actions.length; k++) actions[k] = rng.uniform(-1, 1);
    } else {
      actions = loop.explore(obs, n);
    }
    loop.steps += await collector.step(env, actions, map, replay);
    for (const r of collector.drainReturns()) logWindow.episodeEnded(r);
    const logNow = loop.steps >= nextLog || loop.steps >= untilSteps;
    let losses: Record<string, number> | undefined;
    if (loop.steps > loop.learningStarts) {
      for (let u = 0; u < n; u++) losses = loop.update(logNow && u === n - 1) ?? losses;
    }
    if (logNow) {
      const line = logWindow.end(loop.steps, seconds, losses ?? {});
      seconds = line.seconds;
      onLog?.(line);
      nextLog = (Math.floor(loop.steps / loop.logEvery) + 1) * loop.logEvery;
    }
  }
}

/** A gradient-blocking identity (tfjs has no stopGradient): the value of x, gradient zero. */
export const stopGradient = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
  void save;
  return { value: x.clone(), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
}) as unknown as (...args: (tf.Tensor | tf.GradSaveFunc)[]) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor) => tf.Tensor }) as <T extends tf.Tensor>(x: T) => T;

/** `count` standard-normal draws from `rng`. */
export function normals(rng: Rng, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let k = 0; k < count; k++) out[k] = rng.normal();
  return out;
}

/** The gradient map `tf.variableGrads` returns, typed as `Optimizer.applyGradients` takes it. */
export type GradientMap = Parameters<tf.AdamOptimizer['applyGradients']>[0];

/** Options resolved against `specs` with the checks every off-policy learner makes. */
export function resolveOffPolicyOptions<O extends { hidden: number[]; batchSize: number; bufferSize: number }>(specs: ArgSpecs, given: unknown, agent: string): O {
  const o = resolveArgs(specs, given, agent) as unknown as O;
  if (o.hidden.length === 0) throw new MetarenaError('METARENA_INVALID_OPTION', `${agent}.hidden must name at least one hidden layer width, got []`, { field: `${agent}.hidden` });
  if (o.batchSize > o.bufferSize) throw new MetarenaError('METARENA_INVALID_OPTION', `${agent}.batchSize (${o.batchSize}) must not exceed ${agent}.bufferSize (${o.bufferSize})`, { field: `${agent}.batchSize` });
  return o;
}

/** Rows of observation then action (the critics' input) for `b` transitions. */
export function obsActionRows(obs: Float32Array, actions: Float32Array, b: number, d: number, a: number): Float32Array {
  const out = new Float32Array(b * (d + a));
  for (let r = 0; r < b; r++) {
    out.set(obs.subarray(r * d, (r + 1) * d), r * (d + a));
    out.set(actions.subarray(r * a, (r + 1) * a), r * (d + a) + d);
  }
  return out;
}

/** One Adam step of both critics towards `target` [B] on inputs [B, obs + action]; the loss. */
export function criticStep(critic: TwinCritic, optimizer: tf.Optimizer, input: tf.Tensor2D, target: tf.Tensor): tf.Scalar {
  const qStep = tf.variableGrads(() => {
    const [q1, q2] = critic.values(input);
    return tf.add(tf.mean(tf.square(tf.sub(q1, target))), tf.mean(tf.square(tf.sub(q2, target)))) as tf.Scalar;
  }, critic.variables);
  optimizer.applyGradients(qStep.grads as GradientMap);
  return qStep.value;
}

/** Checkpoint meta of an off-policy learner. */
export interface OffPolicyMeta {
  agent: string;
  options: unknown;
  seed: number;
  observationSpace: unknown;
  actionSpace: unknown;
  steps: number;
  updates: number;
  trainSeconds: number;
  rng: (number | null)[];
  replay: ReplayState | null;
}

/** What the shared train and checkpoint helpers need from a learner. */
export interface OffPolicyLearner extends OffPolicyLoop {
  readonly options: { saveReplay: boolean };
  readonly observationSpace: Box;
  readonly actionSpace: Box;
  updates: number;
  trainSeconds: number;
  /** Every network variable by checkpoint key. */
  namedVariables(): Record<string, tf.Variable>;
  /** The optimizers by checkpoint name (stored under `optim/<name>`). */
  optimizers(): Record<string, tf.Optimizer>;
}

/** `trainOffPolicy` with the learner's training clock carried across calls. */
export async function trainTimed(learner: OffPolicyLearner, env: VectorEnv, untilSteps: number, hooks: TrainHooks = {}): Promise<void> {
  const startedAt = performance.now() - learner.trainSeconds * 1000;
  await trainOffPolicy(learner, env, untilSteps, startedAt, hooks.onLog);
  learner.trainSeconds = (performance.now() - startedAt) / 1000;
}

/** Writes the whole checkpoint of `learner` to `dir` (see the learners' docs for what it holds). */
export async function saveOffPolicy(learner: OffPolicyLearner, dir: string): Promise<void> {
  const meta: OffPolicyMeta = {
    agent: learner.agent,
    options: learner.options,
    seed: learner.seed,
    observationSpace: learner.observationSpace.toJSON(),
    actionSpace: learner.actionSpace.toJSON(),
    steps: learner.steps,
    updates: learner.updates,
    trainSeconds: learner.trainSeconds,
    rng: rngState(learner.rng),
    replay: learner.options.saveReplay ? learner.replay.state() : null,
  };
  const owned: tf.NamedTensorMap = {};
  for (const [name, optimizer] of Object.entries(learner.optimizers())) Object.assign(owned, await optimizerTensors(optimizer, `optim/${name}`));
  if (learner.options.saveReplay) Object.assign(owned, replayTensors(learner.replay));
  try {
    await saveCheckpoint(dir, { meta: meta as unknown as Record<string, unknown>, tensors: { ...learner.namedVariables(), ...owned } });
  } finally {
    // getWeights returns the iteration count as a new tensor; moments are the optimizer's own
    tf.dispose(Object.entries(owned).filter(([k]) => k.startsWith('replay/') || k.endsWith('/000')).map(([, t]) => t));
  }
}

/** Builds a learner from spaces, unresolved options and a seed. */
export type BuildOffPolicy<L> = (observationSpace: Box, actionSpace: Box, options: unknown, seed: number) => L;

/** Rebuilds a learner saved by `saveOffPolicy`; `agent` must match the checkpoint's. */
export async function loadOffPolicy<L extends OffPolicyLearner>(dir: string, agent: string, build: BuildOffPolicy<L>): Promise<L> {
  await initBackend();
  const { meta, tensors } = await loadCheckpoint(dir);
  try {
    const m = meta as unknown as OffPolicyMeta;
    if (m.agent !== agent) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${dir} holds a ${show(m.agent)} checkpoint, not ${agent}`, { field: 'checkpoint' });
    const learner = build(spaceFromJSON(m.observationSpace) as Box, spaceFromJSON(m.actionSpace) as Box, m.options, m.seed);
    assignVariables(learner.namedVariables(), tensors);
    for (const [name, optimizer] of Object.entries(learner.optimizers())) await restoreOptimizer(optimizer, tensors, `optim/${name}`);
    restoreReplay(learner.replay, tensors, m.replay);
    restoreRng(learner.rng, m.rng);
    learner.steps = m.steps;
    learner.updates = m.updates;
    learner.trainSeconds = m.trainSeconds;
    return learner;
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

/** The plugin object of a continuous-control learner (Box observations, bounded Box actions). */
export function continuousLearnerPlugin<S extends ArgSpecs>(plugin: { name: string; description: string; options: S; build: BuildOffPolicy<Learner>; load: (dir: string) => Promise<Learner> }): LearnerPlugin<S> {
  const { name, build } = plugin;
  return {
    name,
    description: plugin.description,
    options: plugin.options,
    fits: (spec: AgentEnvSpec) => continuousFits(name, spec),
    async create(spec, options, seed) {
      const why = continuousFits(name, spec);
      if (why) throw new MetarenaError('METARENA_NOT_SUPPORTED', why, { field: 'env' });
      await initBackend();
      return build(spec.observationSpace as Box, spec.actionSpace as Box, options, seed);
    },
    load: plugin.load,
  };
}
