/**
 * `metarena evolve rn`: reward networks learned by NES (Ferreira et al., ICLR 2022;
 * automl/learning_environments `GTN_worker.py`, `base_agent.py`, `envs/reward_env.py`).
 *
 * Fitness of a candidate ψ (Φ's linear parameters, or w for modes 101/102): a fresh inner agent
 * (q-learning on CliffWalking-v0 with mode 2; double-dqn on CartPole-v1 with mode 1; td3 on
 * MountainCarContinuous-v0 with mode 2; the reference's hyperparameters, `presets.ts`) trains on
 * the real env wrapped in the RewardNet of ψ. After every training episode the greedy agent plays
 * `testEpisodes` (1) episodes of the real env without the RN (their mean is the episode's test
 * return); training stops once the mean test return of the last `earlyOutNum` episodes (fewer at
 * first, as the reference's `AverageMeter`) reaches `solvedReturn`, or after `trainEpisodes` (100)
 * episodes or `trainSteps` env steps. A final greedy test gives the test return. The fitness
 * (`objective`):
 * - `steps` (default): −(env steps trained, the sum of the training episodes' lengths and the
 *   steps of an unfinished one) − unsolvedWeight·max(0, solvedReturn − test return):
 *   fewer steps to solve is better, an unsolved env pays for every unit of return it misses (the
 *   reference's objective for the paper's RN results, `unsolved_weight` 100);
 * - `return`: the test return (the reference's later "reward maximization" objective);
 * - `auc`: Σ over training episodes of the episode's test return × its length (the reference's
 *   AUC objective).
 * Training and test episodes of CliffWalking-v0 end after 50 steps (the reference's `max_steps`);
 * test episodes of another env without a time limit end at `evalMaxEpisodeSteps` (default 1000).
 *
 * `--remote` is refused: an RN candidate cannot be sent as make options (a server reads RewardNet
 * models from directories), and the agent must train on the candidate's rewards.
 *
 * The delivered model is saved in the run directory as `model/` (the RewardNet checkpoint
 * format, with γ and the run's record), usable as `--wrapper '{"id": "RewardNet", "model": DIR}'`.
 */
import { DEFAULT_EVAL_MAX_EPISODE_STEPS } from '../../agents/episode-returns.ts';
import type { FitnessFunction } from '../../agents/evolve/evaluator.ts';
import { type ArgsOf, MetarenaError, Registry, type VectorEnv, defineWrapper, deriveSeed, resolveArgs, show } from '../../core/index.ts';
import type { RewardNetSpec } from '../../plugins/wrappers/reward-net.ts';
import { EpisodeRecorder } from '../episode-recorder.ts';
import { type InnerAgent, createInnerLearner, meanLast, trainInner, variedInfo, varyHyperparameters } from './inner-agent.ts';
import { candidateParams, nesSetup } from './nes-setup.ts';
import { RN_OPTIONS } from './options.ts';
import { RN_PRESETS } from './presets.ts';
import { type EvolveContext, type EvolveSetup, innerAgent, mean } from './setup.ts';

export type RnObjective = 'steps' | 'return' | 'auc';

export interface RnTaskOptions {
  env: string;
  spec: RewardNetSpec;
  agent: InnerAgent;
  numEnvs: number;
  trainSteps: number;
  trainEpisodes: number;
  testEpisodes: number;
  earlyOutNum: number;
  solvedReturn: number;
  unsolvedWeight: number;
  objective: RnObjective;
  maxEpisodeSteps: number;
  evalMaxEpisodeSteps: number;
  varyHp: boolean;
}

const DEFAULT_TRAIN_STEPS = 30_000;

export async function rnSetup(ctx: EvolveContext): Promise<EvolveSetup> {
  const { RewardNetModel, observationEncoding } = await import('../../plugins/wrappers/reward-net.ts');
  if (ctx.envs.length !== 1) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `evolve rn takes one --env, got ${show(ctx.envs.join(','))}`, { field: '--env' });
  if (ctx.remote !== undefined) {
    throw new MetarenaError('METARENA_NOT_SUPPORTED', 'evolve rn --remote: a reward network candidate cannot be sent as make options (a server reads RewardNet models from directories); evolve RNs in-process (se and reservoir take --remote)', { field: '--remote' });
  }
  const env = ctx.envs[0];
  const o = resolveArgs(RN_OPTIONS, ctx.options, '--set') as ArgsOf<typeof RN_OPTIONS>;
  const preset = RN_PRESETS[env];
  const probe = ctx.registry.make(env);
  const observation = observationEncoding(probe.observationSpace);
  const realLimit = probe.maxEpisodeSteps;
  probe.close();
  if (!observation) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--env ${env}: a reward network needs a Box or Discrete observation space`, { field: '--env' });
  const agent = innerAgent(ctx.learners, o.agent, preset, ctx.agentPairs, env);
  const agentGamma = ctx.learners.options(agent.agent, agent.options).gamma;
  const solved = o.solvedReturn === '' ? preset?.solvedReturn : Number(o.solvedReturn);
  if (solved === undefined || !Number.isFinite(solved)) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--set solvedReturn must be a number${preset ? '' : ` (${env} has no reference value)`}, got ${show(o.solvedReturn)}`, { field: '--set solvedReturn', allowed: 'a finite number' });
  }
  const spec: RewardNetSpec = {
    env,
    mode: (o.mode || preset?.mode || 2) as RewardNetSpec['mode'],
    gamma: o.gamma || (typeof agentGamma === 'number' && agentGamma > 0 ? agentGamma : 0.99),
    info: [...o.info],
    observation,
    hidden: o.hidden.length ? [...o.hidden] : (preset?.hidden ?? [64]),
    activation: (o.activation || preset?.activation || 'prelu') as RewardNetSpec['activation'],
  };
  new RewardNetModel(spec); // checks mode and info
  const options: RnTaskOptions = {
    env,
    spec,
    agent,
    numEnvs: o.numEnvs,
    trainSteps: o.trainSteps || preset?.trainSteps || DEFAULT_TRAIN_STEPS,
    trainEpisodes: o.trainEpisodes,
    testEpisodes: o.testEpisodes,
    earlyOutNum: o.earlyOutNum || preset?.earlyOutNum || 10,
    solvedReturn: solved,
    unsolvedWeight: o.unsolvedWeight,
    objective: o.objective as RnObjective,
    maxEpisodeSteps: o.maxEpisodeSteps || preset?.maxEpisodeSteps || 0,
    evalMaxEpisodeSteps: o.evalMaxEpisodeSteps || preset?.maxEpisodeSteps || realLimit || DEFAULT_EVAL_MAX_EPISODE_STEPS,
    varyHp: o.varyHp,
  };
  return nesSetup({
    kind: 'rn',
    taskOptions: { ...options },
    options: o,
    preset,
    population: ctx.population,
    randomModel: (seed) => RewardNetModel.random(spec, seed),
    emptyModel: () => new RewardNetModel(spec),
  });
}

/** The fitness of an inner training by `objective` (see the file's doc). */
export function rnObjective(objective: RnObjective, { steps, testReturn, tests, lengths, solvedReturn, unsolvedWeight }: { steps: number; testReturn: number; tests: readonly number[]; lengths: readonly number[]; solvedReturn: number; unsolvedWeight: number }): number {
  if (objective === 'return') return testReturn;
  if (objective === 'auc') return tests.reduce((s, t, k) => s + t * lengths[k], 0);
  return -steps - unsolvedWeight * Math.max(0, solvedReturn - testReturn);
}

export async function rnFitness(options: RnTaskOptions): Promise<FitnessFunction> {
  const [{ createBuiltinRegistry }, { RewardNet, RewardNetModel }, { createLearnerRegistry }, { evaluateEpisodes }] = await Promise.all([
    import('../../plugins/index.ts'),
    import('../../plugins/wrappers/reward-net.ts'),
    import('../../agents/learners.ts'),
    import('../../agents/episode-returns.ts'),
  ]);
  const registry = createBuiltinRegistry();
  const real = registry.env(options.env);
  const learners = createLearnerRegistry();
  const size = new RewardNetModel(options.spec).params.length;
  const testEnvs = Math.min(options.testEpisodes, 10);
  return async (candidate, { seed }) => {
    const model = new RewardNetModel(options.spec);
    model.params.set(candidateParams(candidate, size, 'RN'));
    const shaped = new Registry([real, defineWrapper({ id: 'RewardNet', description: "the candidate's reward network", apply: (env) => new RewardNet(env, model) })]);
    const env = new EpisodeRecorder(shaped.makeVec(options.env, options.numEnvs, { wrappers: [{ id: 'RewardNet' }], ...(options.maxEpisodeSteps > 0 ? { maxEpisodeSteps: options.maxEpisodeSteps } : {}) }));
    const testEnv: VectorEnv = registry.makeVec(options.env, testEnvs, { maxEpisodeSteps: options.evalMaxEpisodeSteps });
    const agentOptions = options.varyHp ? varyHyperparameters(options.agent.options, deriveSeed(seed, 'vary')) : options.agent.options;
    const learner = await createInnerLearner(learners, env, options.env, { agent: options.agent.agent, options: agentOptions }, deriveSeed(seed, 'agent'));
    const test = async (k: number | 'final') => mean((await evaluateEpisodes(testEnv, learner.policy({ deterministic: true, seed: deriveSeed(seed, 'test-agent', k) }), { episodes: options.testEpisodes, seed: deriveSeed(seed, 'test', k) })).returns);
    try {
      const tests: number[] = [];
      const lengths: number[] = [];
      let solved = false;
      const stop = await trainInner(learner, env, {
        maxSteps: options.trainSteps,
        maxEpisodes: options.trainEpisodes,
        afterEpisodes: async (ended) => {
          const t = await test(tests.length);
          for (const e of ended) {
            tests.push(t);
            lengths.push(e.length);
          }
          solved = meanLast(tests, options.earlyOutNum) >= options.solvedReturn;
          return solved;
        },
      });
      const testReturn = await test('final');
      const fitness = rnObjective(options.objective, { steps: env.steps, testReturn, tests, lengths, solvedReturn: options.solvedReturn, unsolvedWeight: options.unsolvedWeight });
      return {
        fitness,
        info: {
          train_steps: env.steps,
          train_episodes: env.episodes.length,
          train_stop: stop,
          solved,
          test_return: testReturn,
          ...(options.varyHp ? variedInfo(agentOptions) : {}),
        },
      };
    } finally {
      learner.dispose();
      await env.close();
      await testEnv.close();
    }
  };
}
