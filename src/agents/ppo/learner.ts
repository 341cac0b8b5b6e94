/**
 * Proximal Policy Optimization (Schulman et al., 2017) as a `Learner` (the `ppo` plugin of
 * `metarena train`), in the style of CleanRL's `ppo.py`, `ppo_continuous_action.py` and
 * `ppo_atari_lstm.py`: rollouts of `numSteps` steps from every env of a VectorEnv
 * (`rollout.ts`), GAE and the clipped surrogate loss (`gae.ts`), `updateEpochs` passes of
 * `numMinibatches` minibatches (`update.ts`), Adam with a linearly decaying learning rate and
 * global gradient-norm clipping. The policy (`policy.ts`) may be recurrent; its options are in
 * `options.ts`.
 *
 * Actions: Discrete (categorical policy) or Box (diagonal Gaussian with a learned,
 * state-independent log-std; actions are clipped to the bounds when sent to the env, the
 * unclipped draw is what is learned from). Observations: Box (flattened) or Discrete (one-hot).
 * Any VectorEnv works, in-process or remote, in every autoreset mode (`transitions.ts`).
 *
 * Training runs in chunks: `train(env, untilSteps)` called repeatedly equals one long call. The
 * learning rate decays linearly over `totalSteps` (computed in updates at the first rollout)
 * and stays at its last scheduled value past it. The checkpoint holds the networks, the Adam
 * state, the update counter, the observation and reward statistics and the random state;
 * `PPOLearner.load` resumes from them (the env itself restarts from a reset).
 */
import * as tf from '@tensorflow/tfjs';
import { type Batch, MetarenaError, Rng, RunningMeanStd, type RunningMeanStdJSON, type Space, type VectorEnv, deriveSeed } from '../../core/index.ts';
import { adam, initBackend } from '../../nn/index.ts';
import type { Agent, AgentEnvSpec } from '../agent.ts';
import { type LearnerTensors, loadLearnerCheckpoint, restoreLearnerTensors, saveLearnerCheckpoint } from '../learner-checkpoint.ts';
import { type Learner, type LearnerPlugin, LogWindow, type TrainHooks } from '../learner.ts';
import { TransitionStream } from '../transitions.ts';
import { advantages } from './gae.ts';
import { actionKind, observationKind } from './kinds.ts';
import { PPO_OPTIONS, type PPOOptions, resolvePPOOptions } from './options.ts';
import { PPOPolicy } from './policy.ts';
import { type RolloutState, collectRollout, startRollout } from './rollout.ts';
import { updatePolicy } from './update.ts';

/** The counters and statistics a PPO checkpoint holds besides its identity and tensors. */
interface PPOTraining {
  steps: number;
  update: number;
  /** Length of the learning-rate schedule in updates, fixed by the first rollout. */
  numUpdates: number;
  seconds: number;
  obsStats: RunningMeanStdJSON | null;
  rewardStats: RunningMeanStdJSON | null;
}

export class PPOLearner implements Learner {
  readonly optimizer: tf.AdamOptimizer;
  steps = 0;
  update = 0;
  /** Returns of the episodes finished by this object's training, in order. */
  readonly episodeReturns: number[] = [];
  private numUpdates = 0;
  readonly rng: Rng;
  private rewardStats: RunningMeanStd | null;
  private seconds = 0;
  private run: RolloutState | undefined;
  private disposed = false;

  /** `name` is the learner's plugin name, recorded in its checkpoints (`ppo`, or a configuration of it such as `rl2`). */
  constructor(
    readonly model: PPOPolicy,
    readonly name = 'ppo',
  ) {
    const opts = model.options;
    this.rng = new Rng(deriveSeed(model.seed, 'ppo'));
    this.optimizer = adam(opts.learningRate, 0.9, 0.999, 1e-5);
    this.rewardStats = opts.normalizeReward ? new RunningMeanStd(1) : null;
  }

  /** A new learner for the spaces with `options` (checked; defaults `PPO_DEFAULTS`) and `seed`. */
  static async create(observationSpace: Space, actionSpace: Space, options: Partial<PPOOptions>, seed: number, name = 'ppo'): Promise<PPOLearner> {
    await initBackend();
    return new PPOLearner(new PPOPolicy(observationSpace, actionSpace, resolvePPOOptions(options, name), seed), name);
  }

  policy(options: { deterministic?: boolean; seed?: number; name?: string } = {}): Agent {
    return this.model.asAgent({ name: this.name, ...options });
  }

  private async bind(env: VectorEnv): Promise<RolloutState> {
    const spaces = (observation: Space, action: Space) => `${JSON.stringify(observation.toJSON())} → ${JSON.stringify(action.toJSON())}`;
    const [given, built] = [spaces(env.singleObservationSpace, env.singleActionSpace), spaces(this.model.observationSpace, this.model.actionSpace)];
    if (given !== built) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${this.name}: the env's spaces (${given}) are not the ones this learner was built for (${built})`, { field: 'env' });
    }
    const { stream, reset } = await TransitionStream.open(env, { agent: this.name }, this.model.seed, this.steps);
    this.run = startRollout(this.model, stream, this.observe(reset.obs, env.numEnvs));
    return this.run;
  }

  /** Network inputs for observations met in training (they update the observation statistics). */
  private observe(obs: Batch, n: number): Float32Array {
    if (this.model.obsStats) this.model.obsStats.update(obs as ArrayLike<number>, n);
    return this.model.inputs(obs, n);
  }

  async train(env: VectorEnv, untilSteps: number, hooks: TrainHooks = {}): Promise<void> {
    if (this.disposed) throw new MetarenaError('METARENA_INVALID_STATE', `${this.name}: this learner was disposed`, { field: 'learner' });
    await initBackend();
    const run = this.run?.stream.env === env ? this.run : await this.bind(env);
    const opts = this.model.options;
    if (this.numUpdates === 0) this.numUpdates = Math.max(1, Math.floor(opts.totalSteps / (opts.numSteps * env.numEnvs)));
    while (this.steps < untilSteps) {
      const window = new LogWindow(this.steps);
      const update = ++this.update;
      const frac = Math.max(1 - (update - 1) / this.numUpdates, 1 / this.numUpdates);
      const lr = opts.annealLr ? opts.learningRate * frac : opts.learningRate;
      const clipRange = opts.annealClip ? opts.clipCoef * frac : opts.clipCoef;
      // AdamOptimizer reads this field at every step; tfjs has no public setter
      (this.optimizer as unknown as { learningRate: number }).learningRate = lr;
      const rollout = await collectRollout(this.model, run, opts.numSteps, this.rng, this.rewardStats, (obs, n) => this.observe(obs, n));
      this.steps += opts.numSteps * env.numEnvs;
      const { advantages: adv, returns } = advantages(rollout, opts, env.autoresetMode !== 'next_step');
      const [policyLoss, valueLoss, entropy, approxKl, clipFraction] = updatePolicy(this.model, this.optimizer, rollout, adv, returns, this.rng, clipRange);
      for (const r of rollout.finished) {
        this.episodeReturns.push(r);
        window.episodeEnded(r);
      }
      const log = window.end(this.steps, this.seconds, { policy_loss: policyLoss, value_loss: valueLoss, entropy, approx_kl: approxKl, clip_fraction: clipFraction, learning_rate: lr, ...(opts.annealClip ? { clip_range: clipRange } : {}) });
      this.seconds = log.seconds;
      hooks.onLog?.(log);
    }
  }

  private tensors(): LearnerTensors {
    return { variables: this.model.namedVariables(), optimizers: { adam: { optimizer: this.optimizer, variables: this.model.variables } } };
  }

  /** Writes the policy, the Adam state, counters, statistics and the random state to `dir`. */
  save(dir: string): Promise<void> {
    const training: PPOTraining = { steps: this.steps, update: this.update, numUpdates: this.numUpdates, seconds: this.seconds, obsStats: this.model.obsStats?.toJSON() ?? null, rewardStats: this.rewardStats?.toJSON() ?? null };
    const { seed, options, observationSpace, actionSpace } = this.model;
    return saveLearnerCheckpoint(dir, { name: this.name, rng: this.rng, seed, options, observationSpace, actionSpace }, { ...training }, this.tensors());
  }

  /** Rebuilds a learner saved by `save` (by the learner named `name`). */
  static load(dir: string, name = 'ppo'): Promise<PPOLearner> {
    return loadLearnerCheckpoint<PPOLearner, PPOTraining>(
      dir,
      [name],
      name,
      ({ observationSpace, actionSpace, options, seed, training: t }) => {
        const stats = t.obsStats ? RunningMeanStd.fromJSON(t.obsStats, 'checkpoint.obsStats') : null;
        return new PPOLearner(new PPOPolicy(observationSpace, actionSpace, resolvePPOOptions(options, 'checkpoint.options'), seed, stats), name);
      },
      async (learner, { meta, training: t }, tensors) => {
        await restoreLearnerTensors(dir, meta, tensors, learner.tensors());
        [learner.steps, learner.update, learner.numUpdates, learner.seconds] = [t.steps, t.update, t.numUpdates, t.seconds];
        if (t.rewardStats) learner.rewardStats = RunningMeanStd.fromJSON(t.rewardStats, 'checkpoint.rewardStats');
      },
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.optimizer.dispose();
    this.model.dispose();
  }
}

/** The `ppo` learner plugin (`metarena train --agent ppo`); defaults solve CartPole-v1 with 8 envs. */
export const ppoLearner: LearnerPlugin<typeof PPO_OPTIONS> = {
  name: 'ppo',
  description: 'PPO (clipped surrogate, GAE) for Discrete or Box actions, Box or Discrete observations; optionally recurrent (gru/lstm, truncated BPTT; RL² by memoryInputs and memoryReset=trial)',
  options: PPO_OPTIONS,
  defaultNumEnvs: 8,
  fits(spec: AgentEnvSpec) {
    try {
      observationKind(spec.observationSpace);
      actionKind(spec.actionSpace);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  },
  create: (spec: AgentEnvSpec, o, seed: number) => PPOLearner.create(spec.observationSpace, spec.actionSpace, o as unknown as PPOOptions, seed),
  load: (dir: string) => PPOLearner.load(dir),
};
