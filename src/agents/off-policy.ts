/**
 * Pieces shared by the off-policy continuous-control learners (SAC, TD3):
 *
 * - `BoxActions`: the map between the networks' action range [-1, 1] and the env's Box bounds
 *   (`action = bias + scale · a`). Replay and critics work in [-1, 1] (as Stable-Baselines3
 *   does), so the critics' inputs are well scaled whatever the env's units.
 * - `trainOffPolicy`: the training loop, which reads the env through the transition stream
 *   (`transitions.ts`) and writes one replay transition per env step. Truncated episodes keep
 *   `terminated = 0`, so the learner still bootstraps from their final observation.
 * - `saveOffPolicy`/`loadOffPolicy`: the whole checkpoint of a learner (`learner-checkpoint.ts`).
 * - `resolveOffPolicyOptions`, `continuousLearnerPlugin`: the option checks and the plugin object
 *   the learners share.
 * The twin critics and the update's tensor helpers are in `twin-critic.ts`.
 */
import type * as tf from '@tensorflow/tfjs';
import { type ArgSpecs, Box, MetarenaError, type Rng, type Space, type VectorEnv, deriveSeed, resolveArgs, show, spaceFromJSON } from '../core/index.ts';
import { initBackend, restoreRng, rngState } from '../nn/index.ts';
import type { Agent, AgentEnvSpec } from './agent.ts';
import { type TrainedOptimizer, loadLearnerCheckpoint, restoreLearnerTensors, saveLearnerCheckpoint } from './learner-checkpoint.ts';
import { type Learner, type LearnerPlugin, LogWindow, type TrainHooks } from './learner.ts';
import type { ReplayBuffer } from './replay-buffer.ts';
import { TransitionStream } from './transitions.ts';

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

/** What the shared training loop and checkpoint helpers need from a learner. */
export interface OffPolicyLearner {
  readonly agent: string;
  steps: number;
  updates: number;
  trainSeconds: number;
  readonly learningStarts: number;
  readonly logEvery: number;
  readonly seed: number;
  readonly obsSize: number;
  readonly replay: ReplayBuffer;
  readonly rng: Rng;
  readonly map: BoxActions;
  readonly options: { saveReplay: boolean };
  readonly observationSpace: Box;
  readonly actionSpace: Box;
  /** The env being trained on, read through the transition stream (set by `trainOffPolicy`). */
  stream: TransitionStream | undefined;
  /** Exploration actions in [-1, 1] for `n` observation rows. */
  explore(obs: Float32Array, n: number): Float32Array;
  /** One gradient update; returns the losses when `withLosses` (reading them costs a sync). */
  update(withLosses: boolean): Record<string, number> | undefined;
  /** Every network variable by checkpoint key. */
  namedVariables(): Record<string, tf.Variable>;
  /** The optimizers by checkpoint name (stored under `optim/<name>`), with the variables they step. */
  optimizers(): Record<string, TrainedOptimizer>;
}

/**
 * The off-policy loop of CleanRL's SAC and TD3 scripts, vectorised: uniform random actions until
 * `learningStarts` env steps, then the learner's exploration policy; after `learningStarts`, one
 * gradient update per env step (`numEnvs` updates per vector step). Logs every `logEvery` steps;
 * the learner's training clock carries across calls.
 */
export async function trainOffPolicy(learner: OffPolicyLearner, env: VectorEnv, untilSteps: number, { onLog }: TrainHooks = {}): Promise<void> {
  const { replay, rng, map, obsSize: d, agent } = learner;
  if (env.singleActionSpace.type !== 'Box' || (env.singleActionSpace as Box).size !== map.size || (env.singleObservationSpace as Box).size !== d) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${agent}: the env's spaces (observation ${show(env.singleObservationSpace.toJSON())}, action ${show(env.singleActionSpace.toJSON())}) do not fit this learner (${d} observation numbers, ${map.size} actions)`, { field: 'env' });
  }
  const startedAt = performance.now() - learner.trainSeconds * 1000;
  if (learner.stream?.env !== env) {
    learner.stream = new TransitionStream(env, { agent });
    await learner.stream.reset(deriveSeed(learner.seed, 'env', learner.steps));
  }
  const stream = learner.stream;
  const n = env.numEnvs;
  let nextLog = (Math.floor(learner.steps / learner.logEvery) + 1) * learner.logEvery;
  let seconds = (performance.now() - startedAt) / 1000;
  const logWindow = new LogWindow(learner.steps);
  while (learner.steps < untilSteps) {
    const obs = observationRows(stream.obs, n, d, agent);
    let actions: Float32Array;
    if (learner.steps < learner.learningStarts) {
      actions = new Float32Array(n * map.size);
      for (let k = 0; k < actions.length; k++) actions[k] = rng.uniform(-1, 1);
    } else {
      actions = learner.explore(obs, n);
    }
    const t = await stream.step(toEnvActions(actions, n, map));
    const nextObs = observationRows(t.nextObs, n, d, agent);
    for (let i = 0; i < n; i++) if (t.valid[i]) replay.add(obs, actions, t.rewards[i], nextObs, t.terminated[i] === 1, i);
    for (const f of t.finished) logWindow.episodeEnded(f.episodeReturn);
    learner.steps += n;
    const logNow = learner.steps >= nextLog || learner.steps >= untilSteps;
    let losses: Record<string, number> | undefined;
    if (learner.steps > learner.learningStarts) {
      for (let u = 0; u < n; u++) losses = learner.update(logNow && u === n - 1) ?? losses;
    }
    if (logNow) {
      const line = logWindow.end(learner.steps, seconds, losses ?? {});
      seconds = line.seconds;
      onLog?.(line);
      nextLog = (Math.floor(learner.steps / learner.logEvery) + 1) * learner.logEvery;
    }
  }
  learner.trainSeconds = (performance.now() - startedAt) / 1000;
}

/** Options resolved against `specs` with the checks every off-policy learner makes. */
export function resolveOffPolicyOptions<O extends { hidden: number[]; batchSize: number; bufferSize: number }>(specs: ArgSpecs, given: unknown, agent: string): O {
  const o = resolveArgs(specs, given, agent) as unknown as O;
  if (o.hidden.length === 0) throw new MetarenaError('METARENA_INVALID_OPTION', `${agent}.hidden must name at least one hidden layer width, got []`, { field: `${agent}.hidden` });
  if (o.batchSize > o.bufferSize) throw new MetarenaError('METARENA_INVALID_OPTION', `${agent}.batchSize (${o.batchSize}) must not exceed ${agent}.bufferSize (${o.bufferSize})`, { field: `${agent}.batchSize` });
  return o;
}

/** Checkpoint meta of an off-policy learner. */
interface OffPolicyMeta {
  agent: string;
  options: unknown;
  seed: number;
  observationSpace: unknown;
  actionSpace: unknown;
  steps: number;
  updates: number;
  trainSeconds: number;
  rng: (number | null)[];
}

/** Writes the whole checkpoint of `learner` to `dir` (see the learners' docs for what it holds). */
export function saveOffPolicy(learner: OffPolicyLearner, dir: string): Promise<void> {
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
  };
  return saveLearnerCheckpoint(dir, { ...meta }, { variables: learner.namedVariables(), optimizers: learner.optimizers(), replay: learner.options.saveReplay ? learner.replay : undefined });
}

/** Builds a learner from spaces, unresolved options and a seed. */
export type BuildOffPolicy<L> = (observationSpace: Box, actionSpace: Box, options: unknown, seed: number) => L;

/** Rebuilds a learner saved by `saveOffPolicy`; `agent` must match the checkpoint's. */
export function loadOffPolicy<L extends OffPolicyLearner>(dir: string, agent: string, build: BuildOffPolicy<L>): Promise<L> {
  return loadLearnerCheckpoint(dir, [agent], agent, async (meta, tensors) => {
    const m = meta as unknown as OffPolicyMeta;
    const learner = build(spaceFromJSON(m.observationSpace, 'checkpoint.observationSpace') as Box, spaceFromJSON(m.actionSpace, 'checkpoint.actionSpace') as Box, m.options, m.seed);
    await restoreLearnerTensors(dir, meta, tensors, { variables: learner.namedVariables(), optimizers: learner.optimizers(), replay: learner.replay });
    restoreRng(learner.rng, m.rng);
    learner.steps = m.steps;
    learner.updates = m.updates;
    learner.trainSeconds = m.trainSeconds;
    return learner;
  });
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
