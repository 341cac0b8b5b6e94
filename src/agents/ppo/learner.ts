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
import { type Batch, MetarenaError, Rng, RunningMeanStd, type RunningMeanStdJSON, type Space, type VectorEnv, deriveSeed, spaceFromJSON } from '../../core/index.ts';
import { initBackend, restoreRng, rngState } from '../../nn/index.ts';
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

/** What a PPO checkpoint's metadata holds besides `agent`. */
interface PPOMeta {
  agent: 'ppo';
  observationSpace: unknown;
  actionSpace: unknown;
  options: PPOOptions;
  seed: number;
  obsStats: RunningMeanStdJSON | null;
  training: {
    steps: number;
    update: number;
    /** Length of the learning-rate schedule in updates, fixed by the first rollout. */
    numUpdates: number;
    rng: unknown;
    rewardStats: RunningMeanStdJSON | null;
    seconds: number;
  };
}

export class PPOLearner implements Learner {
  readonly name = 'ppo';
  readonly optimizer: tf.AdamOptimizer;
  steps = 0;
  update = 0;
  /** Returns of the episodes finished by this object's training, in order. */
  readonly episodeReturns: number[] = [];
  private numUpdates = 0;
  private readonly rng: Rng;
  private rewardStats: RunningMeanStd | null;
  private seconds = 0;
  private run: RolloutState | undefined;
  private disposed = false;

  constructor(readonly model: PPOPolicy) {
    const opts = model.options;
    this.rng = new Rng(deriveSeed(model.seed, 'ppo'));
    this.optimizer = tf.train.adam(opts.learningRate, 0.9, 0.999, 1e-5);
    this.rewardStats = opts.normalizeReward ? new RunningMeanStd(1) : null;
  }

  /** A new learner for the spaces with `options` (checked; defaults `PPO_DEFAULTS`) and `seed`. */
  static async create(observationSpace: Space, actionSpace: Space, options: Partial<PPOOptions>, seed: number): Promise<PPOLearner> {
    await initBackend();
    const opts = resolvePPOOptions(options);
    const obsKind = observationKind(observationSpace);
    const stats = opts.normalizeObservation && obsKind.kind === 'box' ? new RunningMeanStd(obsKind.size) : null;
    return new PPOLearner(new PPOPolicy(obsKind, actionKind(actionSpace), opts, seed, { observation: observationSpace.toJSON(), action: actionSpace.toJSON() }, stats));
  }

  policy(options: { deterministic?: boolean; seed?: number; name?: string } = {}): Agent {
    return this.model.asAgent(options);
  }

  private async bind(env: VectorEnv): Promise<RolloutState> {
    const observation = JSON.stringify(env.singleObservationSpace.toJSON());
    const action = JSON.stringify(env.singleActionSpace.toJSON());
    if (observation !== JSON.stringify(this.model.spaces.observation) || action !== JSON.stringify(this.model.spaces.action)) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `ppo: the env's spaces (${observation} → ${action}) are not the ones this learner was built for (${JSON.stringify(this.model.spaces.observation)} → ${JSON.stringify(this.model.spaces.action)})`, { field: 'env' });
    }
    const { stream, reset } = await TransitionStream.open(env, { agent: 'ppo' }, this.model.seed, this.steps);
    this.run = startRollout(this.model, stream, this.observe(reset.obs, env.numEnvs));
    return this.run;
  }

  /** Network inputs for observations met in training (they update the observation statistics). */
  private observe(obs: Batch, n: number): Float32Array {
    if (this.model.obsStats) this.model.obsStats.update(obs as ArrayLike<number>, n);
    return this.model.inputs(obs, n);
  }

  async train(env: VectorEnv, untilSteps: number, hooks: TrainHooks = {}): Promise<void> {
    if (this.disposed) throw new MetarenaError('METARENA_INVALID_STATE', 'ppo: this learner was disposed', { field: 'learner' });
    await initBackend();
    const run = this.run?.stream.env === env ? this.run : await this.bind(env);
    const opts = this.model.options;
    if (this.numUpdates === 0) this.numUpdates = Math.max(1, Math.floor(opts.totalSteps / (opts.numSteps * env.numEnvs)));
    while (this.steps < untilSteps) {
      const window = new LogWindow(this.steps);
      const update = ++this.update;
      const frac = Math.max(1 - (update - 1) / this.numUpdates, 1 / this.numUpdates);
      const lr = opts.annealLr ? opts.learningRate * frac : opts.learningRate;
      // AdamOptimizer reads this field at every step; tfjs has no public setter
      (this.optimizer as unknown as { learningRate: number }).learningRate = lr;
      const rollout = await collectRollout(this.model, run, opts.numSteps, this.rng, this.rewardStats, (obs, n) => this.observe(obs, n));
      this.steps += opts.numSteps * env.numEnvs;
      const { advantages: adv, returns } = advantages(rollout, opts, env.autoresetMode !== 'next_step');
      const [policyLoss, valueLoss, entropy, approxKl, clipFraction] = updatePolicy(this.model, this.optimizer, rollout, adv, returns, this.rng);
      for (const r of rollout.finished) {
        this.episodeReturns.push(r);
        window.episodeEnded(r);
      }
      const log = window.end(this.steps, this.seconds, { policy_loss: policyLoss, value_loss: valueLoss, entropy, approx_kl: approxKl, clip_fraction: clipFraction, learning_rate: lr });
      this.seconds = log.seconds;
      hooks.onLog?.(log);
    }
  }

  private tensors(): LearnerTensors {
    return { variables: this.model.namedVariables(), optimizers: { adam: { optimizer: this.optimizer, variables: this.model.variables } } };
  }

  /** Writes the policy, the Adam state, counters, statistics and the random state to `dir`. */
  save(dir: string): Promise<void> {
    const m = this.model;
    const meta: PPOMeta = {
      agent: 'ppo',
      observationSpace: m.spaces.observation,
      actionSpace: m.spaces.action,
      options: m.options,
      seed: m.seed,
      obsStats: m.obsStats?.toJSON() ?? null,
      training: { steps: this.steps, update: this.update, numUpdates: this.numUpdates, rng: rngState(this.rng), rewardStats: this.rewardStats?.toJSON() ?? null, seconds: this.seconds },
    };
    return saveLearnerCheckpoint(dir, { ...meta }, this.tensors());
  }

  /** Rebuilds a learner saved by `save`. */
  static load(dir: string): Promise<PPOLearner> {
    return loadLearnerCheckpoint(
      dir,
      ['ppo'],
      'ppo',
      (meta) => {
        const m = meta as unknown as PPOMeta;
        const stats = m.obsStats ? RunningMeanStd.fromJSON(m.obsStats, 'checkpoint.obsStats') : null;
        const kinds = [observationKind(spaceFromJSON(m.observationSpace, 'checkpoint.observationSpace')), actionKind(spaceFromJSON(m.actionSpace, 'checkpoint.actionSpace'))] as const;
        return new PPOLearner(new PPOPolicy(...kinds, resolvePPOOptions(m.options, 'checkpoint.options'), m.seed, { observation: m.observationSpace, action: m.actionSpace }, stats));
      },
      async (learner, meta, tensors) => {
        const t = (meta as unknown as PPOMeta).training;
        await restoreLearnerTensors(dir, meta, tensors, learner.tensors());
        [learner.steps, learner.update, learner.numUpdates, learner.seconds] = [t.steps, t.update, t.numUpdates, t.seconds];
        restoreRng(learner.rng, t.rng);
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
