/**
 * The options of `metarena evolve se|rn|reservoir`, declared once: what `--set key=value` may set
 * for each kind (typed and range-checked by `resolveArgs`, an unknown key named with the closest
 * one), and the learner options of the inner agent, given as `--set agent.NAME=value` and checked
 * against that learner's own specs. A value left at its "unset" default (0, empty) takes the
 * reference setting of `presets.ts` for the env, when there is one.
 */
import type { ArgSpecs } from '../../core/index.ts';

const NES_OPTIONS = {
  sigma: { type: 'number', default: 0, min: 0, description: "NES σ of the perturbations (0: the env's reference value, else 0.1)" },
  alpha: { type: 'number', default: 0, min: 0, description: "NES step size α (0: the env's reference value, else 0.5)" },
  mirrored: { type: 'boolean', default: true as boolean, description: 'score ψ − ε as well as ψ + ε and keep the better sign' },
  weightDecay: { type: 'number', default: 0, min: 0, max: 1, description: 'ψ ← (1 − weightDecay)·ψ before each update' },
  centerEvaluations: { type: 'integer', default: 0, min: 0, description: 'evaluations of ψ itself per generation (the reference workers’ score_orig); the delivered model is then the ψ with the best mean of them, else the last ψ' },
} as const satisfies ArgSpecs;

const INNER_OPTIONS = {
  agent: { type: 'string', default: '', description: "inner learner (default: the env's reference agent)" },
  numEnvs: { type: 'integer', default: 1, min: 1, description: 'envs the inner agent trains with' },
  trainSteps: { type: 'integer', default: 0, min: 0, description: 'most env steps of one inner training (0: the kind’s default for the env)' },
  varyHp: { type: 'boolean', default: false as boolean, description: "vary the inner agent's learning rate, batch size and hidden layers per evaluation (the reference's vary_hp: log-uniform in [x/3, 3x], layers ±1)" },
} as const satisfies ArgSpecs;

export const SE_OPTIONS = {
  ...NES_OPTIONS,
  ...INNER_OPTIONS,
  hidden: { type: 'integers', default: [], min: 1, description: "hidden layers of the SE's networks (default: the env's architecture, e.g. [83] for CartPole-v1)" },
  activation: { type: 'string', default: '', choices: ['', 'tanh', 'relu', 'leakyrelu', 'prelu'], description: "hidden activation of the SE's networks (default: the env's)" },
  trainEpisodes: { type: 'integer', default: 1000, min: 1, description: 'most episodes of one inner training on the SE' },
  initEpisodes: { type: 'integer', default: 0, min: 0, description: "episodes before the early-out rule applies (0: the env's reference value, else 1)" },
  earlyOutNum: { type: 'integer', default: 10, min: 1, description: 'the early-out rule compares the mean return of the last earlyOutNum training episodes with the earlyOutNum before' },
  earlyOutDiff: { type: 'number', default: 0, min: 0, description: 'training on the SE stops when those means differ by less than this fraction (0: the reference 0.01)' },
  testEpisodes: { type: 'integer', default: 10, min: 1, description: 'greedy episodes on the real env that give the fitness (their mean return)' },
  maxEpisodeSteps: { type: 'integer', default: 0, min: 0, description: "time limit of the SE and real env episodes (0: the real env's)" },
} as const satisfies ArgSpecs;

export const RN_OBJECTIVES = ['steps', 'return', 'auc'] as const;

export const RN_OPTIONS = {
  ...NES_OPTIONS,
  ...INNER_OPTIONS,
  mode: { type: 'integer', default: 0, min: 0, description: "RewardNet mode (0: the env's reference mode, else 2)" },
  hidden: { type: 'integers', default: [], min: 1, description: "hidden layers of Φ (default: the env's reference, else [64])" },
  activation: { type: 'string', default: '', choices: ['', 'tanh', 'relu', 'leakyrelu', 'prelu'], description: "hidden activation of Φ (default: the env's reference, else prelu)" },
  gamma: { type: 'number', default: 0, min: 0, max: 1, description: "γ of the potential (0: the inner agent's gamma, else 0.99)" },
  info: { type: 'strings', default: [], description: 'step info keys of the info vector (modes 3, 4, 7, 8, 101, 102)' },
  objective: { type: 'string', default: 'steps', choices: RN_OBJECTIVES, description: 'fitness: steps = −(training steps) − unsolvedWeight·max(0, solvedReturn − test return); return = the test return; auc = Σ per-episode test return × episode length' },
  solvedReturn: { type: 'string', default: '', description: "a number: the mean real return of the last earlyOutNum per-episode tests that ends training (default: the env's reference; required for other envs)" },
  unsolvedWeight: { type: 'number', default: 100, min: 0, description: 'penalty per unit of return short of solvedReturn (objective steps)' },
  trainEpisodes: { type: 'integer', default: 100, min: 1, description: 'most episodes of one inner training' },
  earlyOutNum: { type: 'integer', default: 0, min: 0, description: "per-episode tests averaged by the solved rule (0: the env's reference, else 10)" },
  testEpisodes: { type: 'integer', default: 1, min: 1, description: 'greedy real-env episodes after each training episode and at the end' },
  maxEpisodeSteps: { type: 'integer', default: 0, min: 0, description: "time limit of training episodes (0: the env's reference value — 50 for CliffWalking-v0 —, else the env's own)" },
  evalMaxEpisodeSteps: { type: 'integer', default: 0, min: 0, description: "time limit of test episodes (0: the env's reference value — 50 for CliffWalking-v0 —, else the env's own, else 1000)" },
} as const satisfies ArgSpecs;

const NORMALIZATION = {
  env: { type: 'string', default: '', description: 'env id' },
  random: { type: 'number', default: 0, description: 'return of a random agent' },
  target: { type: 'number', default: 1, description: 'return counted as 1' },
} as const satisfies ArgSpecs;

export const RESERVOIR_EVOLVE_OPTIONS = {
  agent: { type: 'string', default: 'ppo', description: 'inner learner (ER-MRL: PPO with SB3 defaults)' },
  numEnvs: { type: 'integer', default: 1, min: 1, description: 'envs the inner agent trains with' },
  trainSteps: { type: 'integer', default: 150_000, min: 1, description: 'env steps of each inner training (ER-MRL: 300k)' },
  seeds: { type: 'integer', default: 3, min: 1, description: 'inner trainings per candidate and env, with seeds 0..seeds−1 (ER-MRL) — the reservoir weights and the agent' },
  freshSeeds: { type: 'boolean', default: false as boolean, description: "draw each evaluation's seeds from its job seed instead of 0..seeds−1" },
  lastEpisodes: { type: 'integer', default: 10, min: 1, description: 'fitness: mean return of the last lastEpisodes training episodes (averaged over seeds)' },
  mask: { type: 'boolean', default: true as boolean, description: "mask the env's velocities (MaskObservation drop: CartPole [1, 3], Pendulum [2], MountainCar [1])" },
  drop: { type: 'integers', default: [], min: 0, description: 'observation indices to mask instead of the velocities' },
  reservoirs: { type: 'integer', default: 1, min: 1, max: 10, description: 'reservoirs, each with its own evolved hyperparameters (ER-MRL multi-reservoir)' },
  units: { type: 'integer', default: 100, min: 1, description: 'neurons per reservoir' },
  includeObservation: { type: 'boolean', default: false as boolean, description: 'append the (masked) observation to the reservoir states' },
  evolveInputScaling: { type: 'boolean', default: true as boolean, description: 'evolve the input scaling (else it stays inputScaling)' },
  inputScaling: { type: 'number', default: 1, min: 0, exclusiveMin: true, description: 'input scaling when it is not evolved' },
  srMin: { type: 'number', default: 1e-4, min: 0, exclusiveMin: true, description: 'spectral radius: lower bound (log-spaced)' },
  srMax: { type: 'number', default: 1e2, min: 0, exclusiveMin: true, description: 'spectral radius: upper bound' },
  lrMin: { type: 'number', default: 1e-2, min: 0, max: 1, exclusiveMin: true, description: 'leak rate: lower bound (log-spaced)' },
  lrMax: { type: 'number', default: 1, min: 0, max: 1, exclusiveMin: true, description: 'leak rate: upper bound' },
  isMin: { type: 'number', default: 0.1, min: 0, exclusiveMin: true, description: 'input scaling: lower bound (log-spaced)' },
  isMax: { type: 'number', default: 10, min: 0, exclusiveMin: true, description: 'input scaling: upper bound' },
  normalization: { type: 'objects', of: NORMALIZATION, default: [], description: 'generalisation setup (several --env ids): per env {env, random, target}; fitness = mean over envs of (return − random)/(target − random)' },
  sigma: { type: 'number', default: 0, min: 0, description: 'CMA-ES initial σ in the unit box (0: 1/6, as Optuna)' },
  restarts: { type: 'integer', default: 9, min: 0, description: 'CMA-ES IPOP restarts (population doubled each time)' },
} as const satisfies ArgSpecs;

export const KIND_OPTIONS = { se: SE_OPTIONS, rn: RN_OPTIONS, reservoir: RESERVOIR_EVOLVE_OPTIONS } as const;
export type EvolveKind = keyof typeof KIND_OPTIONS;
export const EVOLVE_KINDS = Object.keys(KIND_OPTIONS) as EvolveKind[];
