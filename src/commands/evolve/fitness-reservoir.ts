/**
 * `metarena evolve reservoir`: the hyperparameters of the Reservoir wrapper evolved by CMA-ES with
 * IPOP restarts (ER-MRL: Léger et al., EvoApps 2024; corentinlger/ER-MRL `scripts/evolve_res.py`,
 * `scripts/evolve_generalization.py`).
 *
 * - Search space, per reservoir (`reservoirs`, default 1): spectral radius in [1e-4, 1e2], leak
 *   rate in [1e-2, 1] and input scaling in [0.1, 10] (unless `evolveInputScaling` is false), all
 *   log-spaced (Optuna's log-uniform coordinates, which the CMA-ES box reproduces). Names:
 *   `spectralRadius`, `leakRate`, `inputScaling`, with `_1`, `_2`, … for several reservoirs.
 * - Fitness of a candidate: for each env and each of `seeds` (3) seeds s — 0, 1, 2 as ER-MRL
 *   (`freshSeeds`: drawn from the job's seed) — a fresh PPO agent (SB3's defaults, `presets.ts`)
 *   with seed s trains `trainSteps` env steps on the env, velocity-masked (MaskObservation drop:
 *   CartPole [1, 3], Pendulum [2], MountainCar [1]; `drop`, or none with `mask` false), wrapped
 *   in the Reservoir of the candidate with weights seeded by s; its score is the mean return of
 *   its last `lastEpisodes` (10) training episodes. The env's score is the mean over seeds; the
 *   fitness the mean over envs — with several `--env` ids (the generalisation setup), each env's
 *   score normalised first as ER-MRL's: (score − random)/(target − random), the constants given
 *   per env in `normalization`.
 * - `--remote HOST:PORT`: the inner agents train against that server; the wrappers (mask and
 *   reservoir) are make options, sent as JSON.
 *
 * The delivered candidate is written as `reservoir.json`: the Reservoir wrapper's options,
 * usable as `--wrapper "$(cat reservoir.json)"` after the same MaskObservation wrapper.
 */
import { join } from 'node:path';
import { CmaEsStrategy, type CmaEsStrategyState } from '../../agents/evolve/cmaes-strategy.ts';
import type { Candidate, FitnessFunction } from '../../agents/evolve/evaluator.ts';
import { type ArgsOf, MetarenaError, type VectorEnv, type WrapperSpec, deriveSeed, resolveArgs, show } from '../../core/index.ts';
import { EpisodeRecorder } from '../episode-recorder.ts';
import { type InnerAgent, createInnerLearner } from './inner-agent.ts';
import { RESERVOIR_EVOLVE_OPTIONS } from './options.ts';
import { SB3_PPO, VELOCITY_INDICES } from './presets.ts';
import { type EvolveContext, type EvolveSetup, connectRemote, innerAgent, mean } from './setup.ts';

export interface ReservoirEnvTask {
  env: string;
  /** Observation indices masked (MaskObservation drop), or null for none. */
  drop: number[] | null;
  /** Normalisation of the env's score, or null (a single env). */
  random: number | null;
  target: number | null;
}

export interface ReservoirTaskOptions {
  envs: ReservoirEnvTask[];
  agent: InnerAgent;
  numEnvs: number;
  trainSteps: number;
  seeds: number;
  freshSeeds: boolean;
  lastEpisodes: number;
  reservoirs: number;
  units: number;
  includeObservation: boolean;
  evolveInputScaling: boolean;
  inputScaling: number;
  remote: string;
}

const HYPERPARAMETERS = ['spectralRadius', 'leakRate', 'inputScaling'] as const;

/** The candidate's coordinate names (see the file's doc). */
export function reservoirNames(reservoirs: number, evolveInputScaling: boolean): string[] {
  const hps = evolveInputScaling ? HYPERPARAMETERS : HYPERPARAMETERS.slice(0, 2);
  return Array.from({ length: reservoirs }, (_, r) => hps.map((h) => (reservoirs === 1 ? h : `${h}_${r + 1}`))).flat();
}

/** The Reservoir wrapper's options for a candidate's values (`seed`: the reservoirs' weights; 0 is left out). */
export function reservoirWrapper(values: Record<string, unknown>, o: Pick<ReservoirTaskOptions, 'reservoirs' | 'units' | 'includeObservation' | 'evolveInputScaling' | 'inputScaling'>, seed = 0): WrapperSpec {
  const value = (name: string) => {
    const v = values[name];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `a reservoir candidate needs a number ${name}, got ${show(v)}`, { field: `candidate.${name}` });
    return v;
  };
  const suffix = (r: number) => (o.reservoirs === 1 ? '' : `_${r + 1}`);
  const reservoirs = Array.from({ length: o.reservoirs }, (_, r) => ({
    units: o.units,
    spectralRadius: value(`spectralRadius${suffix(r)}`),
    leakRate: value(`leakRate${suffix(r)}`),
    inputScaling: o.evolveInputScaling ? value(`inputScaling${suffix(r)}`) : o.inputScaling,
  }));
  return { id: 'Reservoir', reservoirs, ...(o.includeObservation ? { includeObservation: true } : {}), ...(seed !== 0 ? { seed } : {}) };
}

/** The make options' wrappers for one env and candidate. */
function wrappersFor(env: ReservoirEnvTask, reservoir: WrapperSpec): WrapperSpec[] {
  return [...(env.drop ? [{ id: 'MaskObservation', drop: env.drop }] : []), reservoir];
}

export async function reservoirSetup(ctx: EvolveContext): Promise<EvolveSetup> {
  const o = resolveArgs(RESERVOIR_EVOLVE_OPTIONS, ctx.options, '--set') as ArgsOf<typeof RESERVOIR_EVOLVE_OPTIONS>;
  const several = ctx.envs.length > 1;
  const envs: ReservoirEnvTask[] = ctx.envs.map((env) => {
    ctx.registry.env(env); // an unknown id is named here
    let drop: number[] | null = null;
    if (o.drop.length) drop = [...o.drop];
    else if (o.mask) {
      const known = VELOCITY_INDICES[env];
      if (!known) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--env ${env}: no velocity indices are known to mask; give them with --set drop=i,j or turn masking off with --set mask=false`, { field: '--set drop', allowed: Object.keys(VELOCITY_INDICES).join(', ') });
      drop = [...known];
    }
    const norm = o.normalization.find((n) => n.env === env);
    if (several && !norm) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `several --env ids (the generalisation setup) need --set normalization with {env, random, target} for each; ${env} has none`, { field: '--set normalization', allowed: '[{"env": ID, "random": R, "target": T}, ...]' });
    }
    if (norm && Number(norm.target) === Number(norm.random)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--set normalization: ${env}'s target must differ from its random return`, { field: '--set normalization' });
    return { env, drop, random: norm ? Number(norm.random) : null, target: norm ? Number(norm.target) : null };
  });
  for (const n of o.normalization) {
    if (!ctx.envs.includes(n.env)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--set normalization names ${show(n.env)}, which is not one of --env ${ctx.envs.join(',')}`, { field: '--set normalization' });
  }
  for (const [name, lo, hi] of [
    ['sr', o.srMin, o.srMax],
    ['lr', o.lrMin, o.lrMax],
    ['is', o.isMin, o.isMax],
  ] as const) {
    if (!(lo < hi)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--set ${name}Min (${lo}) must be below ${name}Max (${hi})`, { field: `--set ${name}Min` });
  }
  const agent = innerAgent(ctx.learners, o.agent, { agent: 'ppo', options: SB3_PPO }, ctx.agentPairs, ctx.envs[0]);
  const options: ReservoirTaskOptions = {
    envs,
    agent,
    numEnvs: o.numEnvs,
    trainSteps: o.trainSteps,
    seeds: o.seeds,
    freshSeeds: o.freshSeeds,
    lastEpisodes: o.lastEpisodes,
    reservoirs: o.reservoirs,
    units: o.units,
    includeObservation: o.includeObservation,
    evolveInputScaling: o.evolveInputScaling,
    inputScaling: o.inputScaling,
    remote: ctx.remote ?? '',
  };
  const names = reservoirNames(o.reservoirs, o.evolveInputScaling);
  const per = o.evolveInputScaling ? 3 : 2;
  const lower = names.map((_, i) => [o.srMin, o.lrMin, o.isMin][i % per]);
  const upper = names.map((_, i) => [o.srMax, o.lrMax, o.isMax][i % per]);
  // each env, masked and wrapped in a reservoir at the box's centre, must make and fit the learner
  const centre = Object.fromEntries(names.map((n, i) => [n, Math.sqrt(lower[i] * upper[i])]));
  const plugin = ctx.learners.get(agent.agent, '--set agent');
  for (const env of envs) {
    const probe = ctx.registry.make(env.env, { wrappers: wrappersFor(env, reservoirWrapper(centre, options)) });
    try {
      const why = plugin.fits({ envId: env.env, numEnvs: o.numEnvs, observationSpace: probe.observationSpace, actionSpace: probe.actionSpace, contextSpace: probe.contextSpace, maxEpisodeSteps: probe.maxEpisodeSteps, episodesPerTrial: 1, envArgs: {} });
      if (why !== undefined) throw new MetarenaError('METARENA_INVALID_OPTION', `--set agent: learner ${agent.agent} cannot train in ${env.env} with a reservoir: ${why}`, { field: '--set agent' });
    } finally {
      probe.close();
    }
  }
  const cmaes = { lower, upper, log: true, popSize: ctx.population ?? 0, sigma: o.sigma, restarts: o.restarts };
  return {
    kind: 'reservoir',
    task: { kind: 'reservoir', options: { ...options } },
    settings: { ...options, names, lower, upper, population: cmaes.popSize, sigma: o.sigma, restarts: o.restarts },
    defaultGenerations: 10,
    strategy(seed, state) {
      return new CmaEsStrategy(names, { ...cmaes, seed: deriveSeed(seed, 'cmaes') }, state as CmaEsStrategyState | undefined);
    },
    async saveModel(result, out) {
      const { writeAtomic } = await import('../../agents/eval/report.ts');
      const file = join(out, 'reservoir.json');
      writeAtomic(file, `${JSON.stringify(reservoirWrapper(valuesOf(result.candidate), options), null, 1)}\n`);
      return file;
    },
  };
}

function valuesOf(candidate: Candidate): Record<string, unknown> {
  if (candidate.kind !== 'json') throw new MetarenaError('METARENA_INVALID_ARGUMENT', 'a reservoir candidate must be a JSON object of hyperparameters', { field: 'candidate' });
  return candidate.value;
}

export async function reservoirFitness(options: ReservoirTaskOptions): Promise<FitnessFunction> {
  const [{ createBuiltinRegistry }, { createLearnerRegistry }] = await Promise.all([import('../../plugins/index.ts'), import('../../agents/learners.ts')]);
  const registry = createBuiltinRegistry();
  const learners = createLearnerRegistry();
  return async (candidate, { seed }) => {
    const values = valuesOf(candidate);
    const scores: number[] = [];
    const info: Record<string, number> = {};
    let episodes = 0;
    for (const env of options.envs) {
      const perSeed: number[] = [];
      for (let k = 0; k < options.seeds; k++) {
        const s = options.freshSeeds ? deriveSeed(seed, 'seed', k) : k;
        const make = { wrappers: wrappersFor(env, reservoirWrapper(values, options, s)) };
        const inner: VectorEnv = options.remote ? await connectRemote(options.remote, env.env, options.numEnvs, make) : registry.makeVec(env.env, options.numEnvs, make);
        const recorder = new EpisodeRecorder(inner);
        const learner = await createInnerLearner(learners, recorder, env.env, options.agent, s);
        try {
          await learner.train(recorder, options.trainSteps);
        } finally {
          learner.dispose();
          await recorder.close();
        }
        const last = recorder.episodes.slice(-options.lastEpisodes).map((e) => e.return);
        if (last.length === 0) throw new MetarenaError('METARENA_INVALID_STATE', `no episode of ${env.env} ended in ${options.trainSteps} training steps (seed ${s}): give more --set trainSteps`, { field: '--set trainSteps' });
        episodes += recorder.episodes.length;
        perSeed.push(mean(last));
      }
      const score = mean(perSeed);
      info[`return_${env.env}`] = score;
      scores.push(env.random !== null && env.target !== null ? (score - env.random) / (env.target - env.random) : score);
    }
    // the candidate's hyperparameters, so that every member row says what it scored
    const hyperparameters = Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'number')) as Record<string, number>;
    return { fitness: mean(scores), info: { ...hyperparameters, ...info, train_episodes: episodes } };
  };
}
