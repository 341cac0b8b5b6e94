/**
 * Pieces shared by the off-policy continuous-control learners (SAC, TD3):
 *
 * - `OffPolicyLearner`: the base of both, with the action map (`box-actions.ts`), the replay
 *   buffer, the twin critics (`twin-critic.ts`), the counters and the Rng.
 * - `trainOffPolicy`: the training loop, which reads the env through the transition stream
 *   (`transitions.ts`) and writes one replay transition per env step. Truncated episodes keep
 *   `terminated = 0`, so the learner still bootstraps from their final observation.
 * - `saveOffPolicy`/`loadOffPolicy`: the whole checkpoint of a learner (`learner-checkpoint.ts`).
 * - `resolveOffPolicyOptions`, `continuousLearnerPlugin`: the option checks and the plugin object
 *   the learners share.
 */
import type * as tf from '@tensorflow/tfjs';
import { type ArgSpecs, type Box, MetarenaError, Rng, type VectorEnv, deriveSeed, resolveArgs, show } from '../core/index.ts';
import { type Mlp, initBackend } from '../nn/index.ts';
import type { Agent, AgentEnvSpec } from './agent.ts';
import { type BoxActions, boxActions, continuousFits, observationRows, toEnvActions } from './box-actions.ts';
import { type TrainedOptimizer, loadLearnerCheckpoint, restoreLearnerTensors, saveLearnerCheckpoint } from './learner-checkpoint.ts';
import { type Learner, type LearnerPlugin, LogWindow, type TrainHooks } from './learner.ts';
import { ReplayBuffer, type ReplaySample } from './replay-buffer.ts';
import { TwinCritic } from './twin-critic.ts';
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

/** The options every off-policy learner resolves (see `OFF_POLICY_OPTIONS`). */
export interface OffPolicyOptions {
  hidden: number[];
  bufferSize: number;
  batchSize: number;
  actionBound: number;
  learningStarts: number;
  saveReplay: boolean;
  logEvery: number;
}

/**
 * What SAC and TD3 share: the action map, the replay buffer, the twin critics, the Rng (seeded
 * by the learner's name), the counters, the training loop and the checkpoint. A learner adds its
 * actor, its update and its exploration.
 */
export abstract class OffPolicyLearner<O extends OffPolicyOptions = OffPolicyOptions> implements Learner {
  steps = 0;
  updates = 0;
  trainSeconds = 0;
  readonly obsSize: number;
  readonly map: BoxActions;
  readonly critic: TwinCritic;
  readonly replay: ReplayBuffer;
  readonly rng: Rng;
  /** The env being trained on, read through the transition stream (set by `trainOffPolicy`). */
  stream: TransitionStream | undefined;

  constructor(
    readonly name: string,
    readonly observationSpace: Box,
    readonly actionSpace: Box,
    readonly options: O,
    readonly seed: number,
  ) {
    this.obsSize = observationSpace.size;
    this.map = boxActions(actionSpace, options.actionBound, name);
    this.critic = new TwinCritic(this.obsSize + this.map.size, options.hidden, deriveSeed(seed, 'critic'));
    this.replay = new ReplayBuffer(options.bufferSize, this.obsSize, this.map.size);
    this.rng = new Rng(deriveSeed(seed, name));
  }

  /** Exploration actions in [-1, 1] for `n` observation rows. */
  abstract explore(obs: Float32Array, n: number): Float32Array;
  /** One gradient update; returns the losses when `withLosses` (reading them costs a sync). */
  abstract update(withLosses: boolean): Record<string, number> | undefined;
  /** Every network variable by checkpoint key. */
  abstract namedVariables(): Record<string, tf.Variable>;
  /** The optimizers by checkpoint name (stored under `optim/<name>`), with the variables they step. */
  abstract optimizers(): Record<string, TrainedOptimizer>;
  abstract policy(options?: { deterministic?: boolean; seed?: number; name?: string }): Agent;
  /** The actor network. */
  abstract readonly actor: Mlp;
  /** Disposes what the learner adds besides the actor (the critics, the actor and the optimizers are disposed here). */
  protected abstract disposeOwn(): void;

  /** A replay minibatch of `batchSize` transitions with the sizes an update needs (rows b, action size a, observation size d). */
  protected minibatch(): { batch: ReplaySample; b: number; a: number; d: number } {
    const b = this.options.batchSize;
    return { batch: this.replay.sample(b, this.rng), b, a: this.map.size, d: this.obsSize };
  }

  train(env: VectorEnv, untilSteps: number, hooks: TrainHooks = {}): Promise<void> {
    return trainOffPolicy(this, env, untilSteps, hooks);
  }

  save(dir: string): Promise<void> {
    return saveOffPolicy(this, dir);
  }

  dispose(): void {
    this.critic.dispose();
    this.actor.dispose();
    for (const { optimizer } of Object.values(this.optimizers())) optimizer.dispose();
    this.disposeOwn();
  }
}

/**
 * The off-policy loop of CleanRL's SAC and TD3 scripts, vectorised: uniform random actions until
 * `learningStarts` env steps, then the learner's exploration policy; after `learningStarts`, one
 * gradient update per env step (`numEnvs` updates per vector step). Logs every `logEvery` steps;
 * the learner's training clock carries across calls.
 */
export async function trainOffPolicy(learner: OffPolicyLearner, env: VectorEnv, untilSteps: number, { onLog }: TrainHooks = {}): Promise<void> {
  const { replay, rng, map, obsSize: d, name: agent } = learner;
  checkEnvFits(env, d, map.size, agent);
  const startedAt = performance.now() - learner.trainSeconds * 1000;
  if (learner.stream?.env !== env) {
    learner.stream = new TransitionStream(env, { agent });
    await learner.stream.reset(deriveSeed(learner.seed, 'env', learner.steps));
  }
  const stream = learner.stream;
  const n = env.numEnvs;
  let nextLog = (Math.floor(learner.steps / learner.options.logEvery) + 1) * learner.options.logEvery;
  let seconds = (performance.now() - startedAt) / 1000;
  const logWindow = new LogWindow(learner.steps);
  while (learner.steps < untilSteps) {
    const obs = observationRows(stream.obs, n, d, agent);
    let actions: Float32Array;
    if (learner.steps < learner.options.learningStarts) {
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
    if (learner.steps > learner.options.learningStarts) {
      for (let u = 0; u < n; u++) losses = learner.update(logNow && u === n - 1) ?? losses;
    }
    if (logNow) {
      const line = logWindow.end(learner.steps, seconds, losses ?? {});
      seconds = line.seconds;
      onLog?.(line);
      nextLog = (Math.floor(learner.steps / learner.options.logEvery) + 1) * learner.options.logEvery;
    }
  }
  learner.trainSeconds = (performance.now() - startedAt) / 1000;
}

/** Throws unless `env` has Box actions of `actionSize` numbers and observations of `obsSize` (a learner built for other spaces). */
export function checkEnvFits(env: VectorEnv, obsSize: number, actionSize: number, agent: string): void {
  if (env.singleActionSpace.type !== 'Box' || (env.singleActionSpace as Box).size !== actionSize || (env.singleObservationSpace as Box).size !== obsSize) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${agent}: the env's spaces (observation ${show(env.singleObservationSpace.toJSON())}, action ${show(env.singleActionSpace.toJSON())}) do not fit this learner (${obsSize} observation numbers, ${actionSize} actions)`, { field: 'env' });
  }
}

/** Options resolved against `specs` with the checks every off-policy learner makes. */
function resolveOffPolicyOptions<O extends { hidden: number[]; batchSize: number; bufferSize: number }>(specs: ArgSpecs, given: unknown, agent: string): O {
  const o = resolveArgs(specs, given, agent) as unknown as O;
  if (o.hidden.length === 0) throw new MetarenaError('METARENA_INVALID_OPTION', `${agent}.hidden must name at least one hidden layer width, got []`, { field: `${agent}.hidden` });
  if (o.batchSize > o.bufferSize) throw new MetarenaError('METARENA_INVALID_OPTION', `${agent}.batchSize (${o.batchSize}) must not exceed ${agent}.bufferSize (${o.bufferSize})`, { field: `${agent}.batchSize` });
  return o;
}

/** Writes the whole checkpoint of `learner` to `dir` (see the learners' docs for what it holds). */
function saveOffPolicy(learner: OffPolicyLearner, dir: string): Promise<void> {
  const training = { steps: learner.steps, updates: learner.updates, seconds: learner.trainSeconds };
  return saveLearnerCheckpoint(dir, learner, training, { variables: learner.namedVariables(), optimizers: learner.optimizers(), replay: learner.options.saveReplay ? learner.replay : undefined });
}

/** An off-policy learner class: built from spaces, resolved options and a seed. */
export type OffPolicyClass<O extends OffPolicyOptions> = new (observationSpace: Box, actionSpace: Box, options: O, seed: number) => OffPolicyLearner<O>;

/** A learner of `kind` from spaces, options (checked against `specs`) and a seed. */
function build<O extends OffPolicyOptions>(kind: OffPolicyClass<O>, name: string, specs: ArgSpecs, observationSpace: Box, actionSpace: Box, options: unknown, seed: number): OffPolicyLearner<O> {
  return new kind(observationSpace, actionSpace, resolveOffPolicyOptions<O>(specs, options, name), seed);
}

/** Rebuilds a learner saved by `saveOffPolicy`; `name` must match the checkpoint's. */
function loadOffPolicy<O extends OffPolicyOptions>(dir: string, name: string, kind: OffPolicyClass<O>, specs: ArgSpecs): Promise<OffPolicyLearner<O>> {
  return loadLearnerCheckpoint<OffPolicyLearner<O>, { steps: number; updates: number; seconds: number }>(
    dir,
    [name],
    name,
    (m) => build(kind, name, specs, m.observationSpace as Box, m.actionSpace as Box, m.options, m.seed),
    async (learner, { meta, training }, tensors) => {
      await restoreLearnerTensors(dir, meta, tensors, { variables: learner.namedVariables(), optimizers: learner.optimizers(), replay: learner.replay });
      [learner.steps, learner.updates, learner.trainSeconds] = [training.steps, training.updates, training.seconds];
    },
  );
}

/** The plugin object of a continuous-control learner (Box observations, bounded Box actions). */
export function continuousLearnerPlugin<S extends ArgSpecs, O extends OffPolicyOptions>(plugin: { name: string; description: string; options: S; learner: OffPolicyClass<O> }): LearnerPlugin<S> {
  const { name, learner, options: specs } = plugin;
  return {
    name,
    description: plugin.description,
    options: plugin.options,
    fits: (spec: AgentEnvSpec) => continuousFits(name, spec),
    async create(spec, options, seed) {
      const why = continuousFits(name, spec);
      if (why) throw new MetarenaError('METARENA_NOT_SUPPORTED', why, { field: 'env' });
      await initBackend();
      return build(learner, name, specs, spec.observationSpace as Box, spec.actionSpace as Box, options, seed);
    },
    load: (dir: string) => loadOffPolicy(dir, name, learner, specs),
  };
}
