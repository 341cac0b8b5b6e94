/**
 * PEARL (Rakelly et al., 2019, "Efficient Off-Policy Meta-Reinforcement Learning via
 * Probabilistic Context Variables"; katerakelly/oyster) as the `pearl` learner of
 * `metarena train`: SAC (`../sac.ts`) whose actor and twin critics also see a latent task
 * variable z, inferred from the trial's own transitions.
 *
 * - Task inference: an encoder MLP maps each context transition (s, a, r, s′; (s, a, r) with
 *   `contextNextObs` false) to a Gaussian factor;
 *   the posterior over z (`latentSize`, 5) is their product (`posterior.ts`), the prior N(0, I).
 *   The encoder is trained through the critics' Bellman loss plus `klWeight` (0.1) times the
 *   KL of each task's posterior to the prior, summed over the meta-batch as oyster sums it;
 *   the actor sees z with its gradient stopped.
 * - Tasks are trials: the env's trial structure (`--episodes-per-trial`, 2 or more) gives each
 *   trial one task. A finished trial goes to the trial store (`trial-store.ts`); its first
 *   episode, collected with z from the prior, is the only context the encoder is trained on (as
 *   PEARL's `num_steps_prior` data), its later episodes, collected with z from the posterior,
 *   train the actor and critics too (`num_extra_rl_steps_posterior`).
 * - Updates: `metaBatch` trials per update, each with a context of 1…`contextSize` of its
 *   first-episode transitions and `batchSize` RL transitions from the whole trial;
 *   `updatesPerStep` (0.5) updates per env step after `learningStarts` steps of uniform random
 *   actions. The Bellman target scales rewards by `rewardScale` (oyster's `reward_scale`, 100
 *   for the point robot with α fixed at 1; here α is tuned as in `sac`, and the scale sets how
 *   far the Bellman error outweighs the KL: on PointRobot-v0 at 40k steps, scales 1, 5 and 20
 *   gave second-episode returns of −15.4, −13.3 and −12.7, so 20 is the default).
 * - Acting (training and `metarena eval`): z is drawn from the prior at a trial's first episode
 *   and, at the start of every later episode, from the posterior over all the trial's
 *   transitions so far (oyster's evaluation with `num_exp_traj_eval` 1 and accumulated context);
 *   so a trial's second episode is where the inferred task shows.
 *
 * Networks are reduced from oyster's (3 × 300 for the actor and critics, 3 × 200 for the
 * encoder) to 2 × 128 each by default. Checkpoints hold the four networks, log α, the four Adam
 * states, the counters, the Rng state and (unless `saveReplay` is false) the trial store.
 */
import * as tf from '@tensorflow/tfjs';
import { type ArgSpecs, type Batch, type Box, MetarenaError, Rng, type VectorEnv, type VectorResetResult, type VectorStepResult, deriveSeed, resolveArgs } from '../../core/index.ts';
import { type GradientMap, Mlp, adam, initBackend } from '../../nn/index.ts';
import type { Agent, AgentEnvSpec } from '../agent.ts';
import { type BoxActions, boxActions, continuousFits, observationRows, toEnvActions } from '../box-actions.ts';
import { type TrainedOptimizer, loadLearnerCheckpoint, restoreLearnerTensors, saveLearnerCheckpoint } from '../learner-checkpoint.ts';
import { type Learner, type LearnerPlugin, LogWindow, type TrainHooks } from '../learner.ts';
import { OFF_POLICY_OPTIONS, checkEnvFits } from '../off-policy.ts';
import type { OptionsOf } from '../plugin-registry.ts';
import { SAC_OPTIONS, softActorStep, squashedGaussian } from '../sac.ts';
import { ActingTransitions, TransitionStream, memoryResets } from '../transitions.ts';
import { TwinCritic, normals, stopGradient } from '../twin-critic.ts';
import { CurrentTrials } from './current-trials.ts';
import { type GaussianPosterior, klToStandardNormal, productOfGaussians, samplePosterior } from './posterior.ts';
import { TrialStore } from './trial-store.ts';

export const PEARL_NAME = 'pearl';

export const PEARL_OPTIONS = {
  ...SAC_OPTIONS,
  hidden: { ...OFF_POLICY_OPTIONS.hidden, default: [128, 128] },
  bufferSize: { ...OFF_POLICY_OPTIONS.bufferSize, default: 200_000, description: 'trial store capacity (transitions)' },
  batchSize: { ...OFF_POLICY_OPTIONS.batchSize, default: 32, description: 'RL transitions per task of a meta-batch' },
  learningStarts: { ...SAC_OPTIONS.learningStarts, default: 2000 },
  qLr: { ...SAC_OPTIONS.qLr, default: 3e-4 },
  policyFrequency: { ...SAC_OPTIONS.policyFrequency, default: 1 },
  latentSize: { type: 'integer', default: 5, min: 1, description: 'size of the latent task variable z' },
  encoderHidden: { type: 'integers', default: [128, 128], min: 1, description: 'hidden layer widths of the context encoder (relu)' },
  encoderLr: { type: 'number', default: 3e-4, min: 0, exclusiveMin: true, description: 'Adam step size of the context encoder' },
  klWeight: { type: 'number', default: 0.1, min: 0, description: "weight of the posterior's KL to the prior, summed over the meta-batch" },
  metaBatch: { type: 'integer', default: 16, min: 1, description: 'tasks (trials) per update' },
  contextSize: { type: 'integer', default: 20, min: 1, description: 'most context transitions per task in an update (each update draws 1…this many)' },
  updatesPerStep: { type: 'number', default: 0.5, min: 0, exclusiveMin: true, description: "gradient updates per env step after learningStarts (oyster's point-robot setting: 1000 per 2000 steps)" },
  contextNextObs: { type: 'boolean', default: true, description: "context transitions hold the next observation too: (s, a, r, s') (oyster's use_next_obs_in_context; false: (s, a, r))" },
  rewardScale: { type: 'number', default: 20, min: 0, exclusiveMin: true, description: 'reward multiplier in the Bellman target (oyster reward_scale)' },
} as const satisfies ArgSpecs;

export type PEARLOptions = OptionsOf<typeof PEARL_OPTIONS>;

interface Training {
  steps: number;
  updates: number;
  seconds: number;
  trials: unknown;
}

export class PEARLLearner implements Learner {
  readonly name = PEARL_NAME;
  steps = 0;
  updates = 0;
  trainSeconds = 0;
  readonly obsSize: number;
  readonly latent: number;
  /** Numbers per context transition: obs, action, reward (and next obs). */
  readonly contextWidth: number;
  readonly map: BoxActions;
  readonly actor: Mlp;
  readonly critic: TwinCritic;
  readonly encoder: Mlp;
  readonly logAlpha: tf.Variable<tf.Rank.R0>;
  readonly actorOptimizer: tf.AdamOptimizer;
  readonly criticOptimizer: tf.AdamOptimizer;
  readonly encoderOptimizer: tf.AdamOptimizer;
  readonly alphaOptimizer: tf.AdamOptimizer;
  readonly targetEntropy: number;
  readonly store: TrialStore;
  readonly rng: Rng;
  /** The encoder's variable names: its share of the critic-and-encoder gradients. */
  private readonly encoderNames: ReadonlySet<string>;
  private stream: TransitionStream | undefined;
  private trials: CurrentTrials | undefined;
  private latents = new Float32Array(0);

  constructor(
    readonly observationSpace: Box,
    readonly actionSpace: Box,
    readonly options: PEARLOptions,
    readonly seed: number,
  ) {
    const d = (this.obsSize = observationSpace.size);
    const map = (this.map = boxActions(actionSpace, options.actionBound, PEARL_NAME));
    const z = (this.latent = options.latentSize);
    this.actor = new Mlp({ inputs: d + z, hidden: options.hidden, outputs: 2 * map.size, activation: 'relu', outputGain: 0.01, seed: deriveSeed(seed, 'actor'), name: 'actor' });
    this.critic = new TwinCritic(d + z + map.size, options.hidden, deriveSeed(seed, 'critic'));
    this.contextWidth = d + map.size + 1 + (options.contextNextObs ? d : 0);
    this.encoder = new Mlp({ inputs: this.contextWidth, hidden: options.encoderHidden, outputs: 2 * z, activation: 'relu', outputGain: 1, seed: deriveSeed(seed, 'encoder'), name: 'encoder' });
    this.logAlpha = tf.variable(tf.scalar(Math.log(Math.max(options.alpha, 1e-12))), true);
    this.actorOptimizer = adam(options.policyLr);
    this.criticOptimizer = adam(options.qLr);
    this.encoderOptimizer = adam(options.encoderLr);
    this.alphaOptimizer = adam(options.qLr);
    this.targetEntropy = -map.size;
    this.encoderNames = new Set(this.encoder.variables.map((v) => v.name));
    this.store = new TrialStore(options.bufferSize, d, map.size);
    this.rng = new Rng(deriveSeed(seed, PEARL_NAME));
  }

  get alpha(): number {
    return Math.exp(this.logAlpha.dataSync()[0]);
  }

  /** The posterior over z of `tasks` tasks from context rows [tasks · rows, contextWidth] and their mask. */
  posterior(context: tf.Tensor2D, mask: tf.Tensor2D, tasks: number, rows: number): GaussianPosterior {
    return productOfGaussians(this.encoder.apply(context), mask, tasks, rows);
  }

  /**
   * One draw of z from the posterior over `count` context rows (the encoder's input, row-major),
   * or from the prior N(0, I) when there are none.
   */
  inferLatent(rows: Float32Array, count: number, rng: Rng): Float32Array {
    const eps = normals(rng, this.latent);
    if (count === 0) return eps;
    return tf.tidy(() => {
      const post = this.posterior(tf.tensor2d(rows, [count, this.contextWidth]), tf.ones([1, count]) as tf.Tensor2D, 1, count);
      return samplePosterior(post, tf.tensor2d(eps, [1, this.latent])).dataSync() as Float32Array;
    });
  }

  /** Actions in [-1, 1] for `n` observation rows, each with its env's z in `latents` [n, latent]: greedy, or sampled with `rng`. */
  act(obs: Float32Array, latents: Float32Array, n: number, rng?: Rng): Float32Array {
    return tf.tidy(() => {
      const x = tf.concat([tf.tensor2d(obs, [n, this.obsSize]), tf.tensor2d(latents, [n, this.latent])], 1) as tf.Tensor2D;
      const eps = rng ? tf.tensor2d(normals(rng, n * this.map.size), [n, this.map.size]) : undefined;
      return squashedGaussian(this.actor, x, eps).a.dataSync() as Float32Array;
    });
  }

  /** One PEARL update on a meta-batch from the trial store (see the file's doc); losses when asked. */
  update(withLosses: boolean): Record<string, number> | undefined {
    const o = this.options;
    const T = o.metaBatch;
    const R = o.batchSize;
    const C = o.contextSize;
    const d = this.obsSize;
    const a = this.map.size;
    const L = this.latent;
    const b = T * R;
    const batch = this.store.sample(T, C, R, this.rng, o.contextNextObs);
    const zEps = normals(this.rng, T * L);
    const nextEps = normals(this.rng, b * a);
    this.updates++;
    const actorDue = this.updates % o.policyFrequency === 0;
    const actorEps = actorDue ? Array.from({ length: o.policyFrequency }, () => normals(this.rng, b * a)) : [];
    const { rl } = batch;
    const stats = tf.tidy(() => {
      const obs = tf.tensor2d(rl.obs, [b, d]);
      const nextObs = tf.tensor2d(rl.nextObs, [b, d]);
      const actions = tf.tensor2d(rl.actions, [b, a]);
      const context = tf.tensor2d(batch.context, [T * C, this.contextWidth]);
      const mask = tf.tensor2d(batch.mask, [T, C]);
      const alpha = tf.exp(this.logAlpha);
      const notDone = tf.sub(1, tf.tensor1d(rl.terminated));
      const rewards = tf.mul(o.rewardScale, tf.tensor1d(rl.rewards));
      let zFixed: tf.Tensor2D | undefined;
      let kl: tf.Tensor | undefined;
      // critics and encoder: Bellman error with z from the posterior (its gradient reaches the encoder) plus the KL
      const step = tf.variableGrads(() => {
        const post = this.posterior(context, mask, T, C);
        const z = samplePosterior(post, tf.tensor2d(zEps, [T, L]));
        const zRows = tf.reshape(tf.tile(tf.reshape(z, [T, 1, L]), [1, R, 1]), [b, L]) as tf.Tensor2D;
        const zStopped = stopGradient(zRows);
        zFixed = tf.keep(zStopped);
        const next = squashedGaussian(this.actor, tf.concat([nextObs, zStopped], 1) as tf.Tensor2D, tf.tensor2d(nextEps, [b, a]));
        const [q1t, q2t] = this.critic.values(tf.concat([nextObs, zStopped, next.a], 1) as tf.Tensor2D, true);
        const target = stopGradient(tf.add(rewards, tf.mul(o.gamma, tf.mul(notDone, tf.sub(tf.minimum(q1t, q2t), tf.mul(alpha, next.logp!))))));
        const [q1, q2] = this.critic.values(tf.concat([obs, zRows, actions], 1) as tf.Tensor2D);
        const qLoss = tf.add(tf.mean(tf.square(tf.sub(q1, target))), tf.mean(tf.square(tf.sub(q2, target))));
        kl = tf.keep(tf.sum(klToStandardNormal(post)));
        return tf.add(qLoss, tf.mul(o.klWeight, kl)) as tf.Scalar;
      }, [...this.critic.variables, ...this.encoder.variables]);
      const criticGrads: tf.NamedTensorMap = {};
      const encoderGrads: tf.NamedTensorMap = {};
      for (const [name, g] of Object.entries(step.grads)) (this.encoderNames.has(name) ? encoderGrads : criticGrads)[name] = g;
      this.criticOptimizer.applyGradients(criticGrads as GradientMap);
      this.encoderOptimizer.applyGradients(encoderGrads as GradientMap);
      const out: tf.Tensor[] = [step.value, kl!];
      const input = tf.concat([obs, zFixed!], 1) as tf.Tensor2D;
      // the actor's loss only (α's is not logged)
      for (const eps of actorEps) out.push(softActorStep(this, input, tf.tensor2d(eps, [b, a]), o.autotune)[0]);
      // zFixed and kl were kept out of variableGrads' scope: dispose them unless returned
      tf.dispose(withLosses ? zFixed! : [zFixed!, kl!]);
      if (this.updates % o.targetNetworkFrequency === 0) this.critic.polyak(o.tau);
      return withLosses ? out.map((t) => tf.keep(t)) : [];
    });
    if (!withLosses) return undefined;
    const [loss, kl, policyLoss] = stats.map((t) => t.dataSync()[0]);
    tf.dispose(stats);
    const losses: Record<string, number> = { q_loss: loss - o.klWeight * kl, kl, alpha: this.alpha };
    if (policyLoss !== undefined) losses.policy_loss = policyLoss;
    return losses;
  }

  async train(env: VectorEnv, untilSteps: number, { onLog }: TrainHooks = {}): Promise<void> {
    const o = this.options;
    const { map, obsSize: d, rng } = this;
    const a = map.size;
    checkEnvFits(env, d, a, PEARL_NAME);
    const startedAt = performance.now() - this.trainSeconds * 1000;
    const n = env.numEnvs;
    if (this.stream?.env !== env) {
      this.stream = new TransitionStream(env, { agent: PEARL_NAME });
      const reset = await this.stream.reset(deriveSeed(this.seed, 'env', this.steps));
      requireTrials(reset);
      this.trials = new CurrentTrials(n, d, a);
      this.latents = new Float32Array(n * this.latent);
      for (let i = 0; i < n; i++) this.latents.set(this.inferLatent(new Float32Array(0), 0, rng), i * this.latent);
    }
    const stream = this.stream;
    const trials = this.trials!;
    let nextLog = (Math.floor(this.steps / o.logEvery) + 1) * o.logEvery;
    let seconds = (performance.now() - startedAt) / 1000;
    const logWindow = new LogWindow(this.steps);
    let losses: Record<string, number> | undefined;
    let owed = 0;
    while (this.steps < untilSteps) {
      const obs = observationRows(stream.obs, n, d, PEARL_NAME);
      let actions: Float32Array;
      if (this.steps < o.learningStarts) {
        actions = new Float32Array(n * a);
        for (let k = 0; k < actions.length; k++) actions[k] = rng.uniform(-1, 1);
      } else {
        actions = this.act(obs, this.latents, n, rng);
      }
      const t = await stream.step(toEnvActions(actions, n, map));
      const nextObs = observationRows(t.nextObs, n, d, PEARL_NAME);
      const trialStarts = memoryResets(t.resetInfo ? { ...t.result, info: t.resetInfo } : t.result, 'trial');
      for (let i = 0; i < n; i++) {
        if (t.valid[i]) trials.record(i, obs, actions, t.rewards[i], nextObs, t.terminated[i] === 1);
        if (t.done[i]) {
          trials.endEpisode(i);
          const { rows, count } = trials.context(i, o.contextNextObs);
          this.latents.set(this.inferLatent(rows, count, rng), i * this.latent);
        }
        if (trialStarts[i]) {
          this.store.add(trials.take(i));
          this.latents.set(this.inferLatent(new Float32Array(0), 0, rng), i * this.latent);
        }
      }
      for (const f of t.finished) logWindow.episodeEnded(f.episodeReturn);
      this.steps += n;
      const logNow = this.steps >= nextLog || this.steps >= untilSteps;
      if (this.steps > o.learningStarts && this.store.size > 0) {
        owed += n * o.updatesPerStep;
        const due = Math.floor(owed);
        owed -= due;
        for (let u = 0; u < due; u++) losses = this.update(logNow && u === due - 1) ?? losses;
      }
      if (logNow) {
        const line = logWindow.end(this.steps, seconds, losses ?? {});
        seconds = line.seconds;
        onLog?.(line);
        nextLog = (Math.floor(this.steps / o.logEvery) + 1) * o.logEvery;
      }
    }
    this.trainSeconds = (performance.now() - startedAt) / 1000;
  }

  /**
   * The trained policy as an eval agent: greedy tanh(mean) (or sampled) actions given z, with z
   * drawn from the prior at each trial's start and from the posterior over the trial's
   * transitions at each later episode's start (see the file's doc).
   */
  policy({ deterministic = true, seed = 0, name = PEARL_NAME }: { deterministic?: boolean; seed?: number; name?: string } = {}): Agent {
    const rng = new Rng(seed);
    const actRng = deterministic ? undefined : new Rng(deriveSeed(seed, 'actions'));
    const { obsSize: d, map, latent } = this;
    let numEnvs = 0;
    let trials = new CurrentTrials(0, d, map.size);
    let latents = new Float32Array(0);
    let lastObs: Float32Array = new Float32Array(0);
    let lastActions: Float32Array = new Float32Array(0);
    let steps = new ActingTransitions(0);
    const begin = (n: number) => {
      numEnvs = n;
      trials = new CurrentTrials(n, d, map.size);
      latents = new Float32Array(n * latent);
      for (let i = 0; i < n; i++) latents.set(this.inferLatent(new Float32Array(0), 0, rng), i * latent);
      steps = new ActingTransitions(n);
    };
    return {
      name,
      start: (reset: VectorResetResult) => begin((reset.obs as ArrayLike<number>).length / d),
      act: (obs: Batch) => {
        const n = (obs as unknown as ArrayLike<number>).length / d;
        if (n !== numEnvs) begin(n);
        lastObs = observationRows(obs, n, d, name).slice();
        lastActions = this.act(lastObs, latents, n, actRng);
        return toEnvActions(lastActions, n, map);
      },
      observe: (_actions: Batch, result: VectorStepResult) => {
        const restart = memoryResets(result, 'trial');
        const finals = result.info.final_obs as ArrayLike<unknown> | undefined;
        // a step that only reset the env (`next_step` autoreset) is no transition
        const valid = steps.valid(result);
        for (let i = 0; i < numEnvs; i++) {
          if (valid[i]) {
            // the observation after the step: the episode's final one where the env restarted within the step
            const final = finals?.[i] as ArrayLike<number> | null | undefined;
            trials.record(i, lastObs, lastActions, result.rewards[i], final ?? (result.obs as unknown as ArrayLike<number>), result.terminated[i] === 1, final ? 0 : i);
            if (result.terminated[i] === 1 || result.truncated[i] === 1) {
              trials.endEpisode(i);
              const { rows, count } = trials.context(i, this.options.contextNextObs);
              latents.set(this.inferLatent(rows, count, rng), i * latent);
            }
          }
          if (restart[i]) {
            trials.clear(i);
            latents.set(this.inferLatent(new Float32Array(0), 0, rng), i * latent);
          }
        }
      },
    };
  }

  namedVariables(): Record<string, tf.Variable> {
    return { ...this.actor.namedVariables(), ...this.critic.namedVariables(), ...this.encoder.namedVariables(), log_alpha: this.logAlpha };
  }

  optimizers(): Record<string, TrainedOptimizer> {
    return {
      actor: { optimizer: this.actorOptimizer, variables: this.actor.variables },
      critic: { optimizer: this.criticOptimizer, variables: this.critic.variables },
      encoder: { optimizer: this.encoderOptimizer, variables: this.encoder.variables },
      alpha: { optimizer: this.alphaOptimizer, variables: [this.logAlpha] },
    };
  }

  save(dir: string): Promise<void> {
    const training: Training = { steps: this.steps, updates: this.updates, seconds: this.trainSeconds, trials: this.options.saveReplay ? this.store.index() : null };
    return saveLearnerCheckpoint(dir, this, { ...training }, { variables: this.namedVariables(), optimizers: this.optimizers(), replay: this.options.saveReplay ? this.store.replay : undefined });
  }

  dispose(): void {
    this.actor.dispose();
    this.critic.dispose();
    this.encoder.dispose();
    this.logAlpha.dispose();
    for (const { optimizer } of Object.values(this.optimizers())) optimizer.dispose();
  }
}

/** Throws unless the env reports trials in its reset info (PEARL's tasks are the trials). */
function requireTrials(reset: VectorResetResult): void {
  if (!(reset.info.episode_in_trial && reset.info._episode_in_trial)) {
    throw new MetarenaError('METARENA_NOT_SUPPORTED', `${PEARL_NAME}: the env reports no trials (info.episode_in_trial), and PEARL's tasks are trials; metarena envs report them`, { field: 'env' });
  }
}

/** Options resolved with PEARL's checks. */
function resolvePearlOptions(given: unknown): PEARLOptions {
  const o = resolveArgs(PEARL_OPTIONS, given, PEARL_NAME) as unknown as PEARLOptions;
  for (const key of ['hidden', 'encoderHidden'] as const) {
    if (o[key].length === 0) throw new MetarenaError('METARENA_INVALID_OPTION', `${PEARL_NAME}.${key} must name at least one hidden layer width, got []`, { field: `${PEARL_NAME}.${key}` });
  }
  return o;
}

/** Why `pearl` cannot train in `spec` (undefined when it can). */
function pearlFits(spec: AgentEnvSpec): string | undefined {
  const why = continuousFits(PEARL_NAME, spec);
  if (why) return why;
  if (spec.episodesPerTrial < 2) return `${PEARL_NAME} infers the task from a trial's earlier episodes: give trials of 2 or more episodes (--episodes-per-trial), got ${spec.episodesPerTrial}`;
  return undefined;
}

/** The `pearl` learner plugin (`metarena train --agent pearl`). */
export const pearlLearner: LearnerPlugin<typeof PEARL_OPTIONS> = {
  name: PEARL_NAME,
  description: 'PEARL: SAC conditioned on a latent task variable inferred from the trial by a product-of-Gaussians context encoder (Box actions, trials of 2+ episodes)',
  options: PEARL_OPTIONS,
  defaultNumEnvs: 8,
  fits: pearlFits,
  async create(spec, options, seed) {
    const why = pearlFits(spec);
    if (why) throw new MetarenaError('METARENA_NOT_SUPPORTED', why, { field: why.includes('episodes') ? 'episodes_per_trial' : 'env' });
    await initBackend();
    return new PEARLLearner(spec.observationSpace as Box, spec.actionSpace as Box, resolvePearlOptions(options), seed);
  },
  load: (dir: string) =>
    loadLearnerCheckpoint<PEARLLearner, Training>(
      dir,
      [PEARL_NAME],
      PEARL_NAME,
      (m) => new PEARLLearner(m.observationSpace as Box, m.actionSpace as Box, resolvePearlOptions(m.options), m.seed),
      async (learner, { meta, training }, tensors) => {
        const saveReplay = training.trials !== null && training.trials !== undefined;
        await restoreLearnerTensors(dir, meta, tensors, { variables: learner.namedVariables(), optimizers: learner.optimizers(), replay: saveReplay ? learner.store.replay : undefined });
        if (saveReplay) learner.store.restoreIndex(training.trials);
        [learner.steps, learner.updates, learner.trainSeconds] = [training.steps, training.updates, training.seconds];
      },
    ),
};
