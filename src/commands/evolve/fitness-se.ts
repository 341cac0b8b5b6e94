/**
 * `metarena evolve se`: synthetic environments learned by NES (Ferreira et al., ICLR 2022;
 * automl/learning_environments `GTN_worker.py`, `base_agent.py`).
 *
 * Fitness of a candidate ψ (the SE's linear parameters): the SE is built from ψ
 * (`SyntheticModel`, served as `Synthetic/<ID>` by `syntheticEnv(real, model)`), a fresh inner
 * agent (double-dqn for CartPole-v1 and Acrobot-v1, the reference's hyperparameters: `presets.ts`)
 * trains on it, and the fitness is the mean return of `testEpisodes` (10) greedy episodes of that
 * agent on the real env. Training stops, as the reference's on a virtual env, after
 * `trainEpisodes` (1000) episodes, or `trainSteps` env steps, or early: once more than
 * `initEpisodes + earlyOutNum` episodes ended and the mean return of the last `earlyOutNum` (10)
 * differs from that of the `earlyOutNum` before by less than `earlyOutDiff` (1%) of the latter.
 * With `varyHp`, the agent's learning rate, batch size and hidden layers are drawn per evaluation
 * from its seed (the reference's vary_hp).
 *
 * Seeds: from the job's seed — the agent (`agent`), the SE's start states (the SE resets as the
 * real env, with the agent's seed) and the test episodes (`test`); a mirrored pair shares them.
 *
 * `--remote HOST:PORT`: the test episodes run on the real env of that server; the training runs
 * in the worker on the SE (the candidate is the env, and a server reads SE models from
 * directories, not from make options).
 *
 * The delivered model is saved in the run directory as `model/` (the SE checkpoint format, with
 * the run's record), loadable with `--env Synthetic/<ID> --env-arg model=DIR`.
 */
import type { FitnessFunction } from '../../agents/evolve/evaluator.ts';
import { MetarenaError, Registry, deriveSeed, resolveArgs, show, type ArgsOf, type VectorEnv } from '../../core/index.ts';
import type { SyntheticModelSpec } from '../../plugins/synthetic/synthetic-model.ts';
import { EpisodeRecorder } from '../episode-recorder.ts';
import { type InnerAgent, createInnerLearner, meanLast, trainInner, variedInfo, varyHyperparameters } from './inner-agent.ts';
import { candidateParams, nesSetup } from './nes-setup.ts';
import { SE_OPTIONS } from './options.ts';
import { SE_PRESETS } from './presets.ts';
import { type EvolveContext, type EvolveSetup, connectRemote, innerAgent, mean } from './setup.ts';

/** Everything a worker needs to measure an SE candidate (the task's options). */
export interface SeTaskOptions {
  env: string;
  spec: SyntheticModelSpec;
  agent: InnerAgent;
  numEnvs: number;
  trainSteps: number;
  trainEpisodes: number;
  initEpisodes: number;
  earlyOutNum: number;
  earlyOutDiff: number;
  testEpisodes: number;
  maxEpisodeSteps: number;
  varyHp: boolean;
  remote: string;
}

const DEFAULT_TRAIN_STEPS = 30_000;

/** The command's side: the task, the NES strategy and the model writer for `--env`. */
export async function seSetup(ctx: EvolveContext): Promise<EvolveSetup> {
  const { syntheticSpec, syntheticUnsupported, SyntheticModel } = await import('../../plugins/synthetic/index.ts');
  if (ctx.envs.length !== 1) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `evolve se takes one --env, got ${show(ctx.envs.join(','))}`, { field: '--env' });
  const env = ctx.envs[0];
  const real = ctx.registry.env(env);
  const why = syntheticUnsupported(real);
  if (why !== undefined) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--env ${env} cannot have a synthetic env: it has ${why}`, { field: '--env' });
  const o = resolveArgs(SE_OPTIONS, ctx.options, '--set') as ArgsOf<typeof SE_OPTIONS>;
  const preset = SE_PRESETS[env];
  const base = syntheticSpec(real);
  const spec: SyntheticModelSpec = { ...base, hidden: o.hidden.length ? [...o.hidden] : base.hidden, activation: (o.activation || base.activation) as SyntheticModelSpec['activation'] };
  const agent = innerAgent(ctx.learners, o.agent, preset, ctx.agentPairs, env);
  const options: SeTaskOptions = {
    env,
    spec,
    agent,
    numEnvs: o.numEnvs,
    trainSteps: o.trainSteps || DEFAULT_TRAIN_STEPS,
    trainEpisodes: o.trainEpisodes,
    initEpisodes: o.initEpisodes || preset?.initEpisodes || 1,
    earlyOutNum: o.earlyOutNum,
    earlyOutDiff: o.earlyOutDiff || preset?.earlyOutDiff || 0.01,
    testEpisodes: o.testEpisodes,
    maxEpisodeSteps: o.maxEpisodeSteps,
    varyHp: o.varyHp,
    remote: ctx.remote ?? '',
  };
  return nesSetup({
    kind: 'se',
    taskOptions: { ...options },
    options: o,
    preset,
    population: ctx.population,
    randomModel: (seed) => SyntheticModel.random(spec, seed),
    emptyModel: () => new SyntheticModel(spec),
  });
}

/** The reference's early out on a virtual env (`base_agent.env_solved`), for the returns so far. */
export function seEarlyOut(returns: readonly number[], { initEpisodes, earlyOutNum, earlyOutDiff }: Pick<SeTaskOptions, 'initEpisodes' | 'earlyOutNum' | 'earlyOutDiff'>): boolean {
  const episode = returns.length - 1;
  if (episode < initEpisodes + earlyOutNum) return false;
  const last = meanLast(returns, earlyOutNum);
  const before = meanLast(returns, earlyOutNum, earlyOutNum);
  return Math.abs(last - before) / (Math.abs(before) + 1e-9) < earlyOutDiff;
}

/** The worker's side: the fitness function of an SE task. */
export async function seFitness(options: SeTaskOptions): Promise<FitnessFunction> {
  const [{ createBuiltinRegistry }, { SyntheticModel, syntheticEnv, SYNTHETIC_NAMESPACE }, { createLearnerRegistry }, { evaluateEpisodes }] = await Promise.all([
    import('../../plugins/index.ts'),
    import('../../plugins/synthetic/index.ts'),
    import('../../agents/learners.ts'),
    import('../../agents/episode-returns.ts'),
  ]);
  const registry = createBuiltinRegistry();
  const real = registry.env(options.env);
  const learners = createLearnerRegistry();
  const size = SyntheticModel.parameterCount(options.spec);
  const make = options.maxEpisodeSteps > 0 ? { maxEpisodeSteps: options.maxEpisodeSteps } : {};
  const testEnvs = Math.min(options.testEpisodes, 10);
  const syntheticId = `${SYNTHETIC_NAMESPACE}/${options.env}`;
  return async (candidate, { seed }) => {
    const model = new SyntheticModel(options.spec);
    model.params.set(candidateParams(candidate, size, 'SE'));
    const se = new Registry([syntheticEnv(real, model)]);
    const env = new EpisodeRecorder(se.makeVec(syntheticId, options.numEnvs, make));
    let testEnv: VectorEnv | undefined;
    const agentOptions = options.varyHp ? varyHyperparameters(options.agent.options, deriveSeed(seed, 'vary')) : options.agent.options;
    const learner = await createInnerLearner(learners, env, syntheticId, { agent: options.agent.agent, options: agentOptions }, deriveSeed(seed, 'agent'));
    try {
      const returns: number[] = [];
      const stop = await trainInner(learner, env, {
        maxSteps: options.trainSteps,
        maxEpisodes: options.trainEpisodes,
        afterEpisodes: (ended) => ended.some((e) => (returns.push(e.return), seEarlyOut(returns, options))),
      });
      testEnv = options.remote ? await connectRemote(options.remote, options.env, testEnvs, make) : registry.makeVec(options.env, testEnvs, make);
      const test = await evaluateEpisodes(testEnv, learner.policy({ deterministic: true, seed: deriveSeed(seed, 'test-agent') }), { episodes: options.testEpisodes, seed: deriveSeed(seed, 'test') });
      const fitness = mean(test.returns);
      return {
        fitness,
        info: {
          train_steps: env.steps,
          train_episodes: env.episodes.length,
          train_stop: stop,
          train_return: meanLast(returns, options.earlyOutNum),
          test_return: fitness,
          ...(options.varyHp ? variedInfo(agentOptions) : {}),
        },
      };
    } finally {
      learner.dispose();
      await env.close();
      await testEnv?.close();
    }
  };
}
