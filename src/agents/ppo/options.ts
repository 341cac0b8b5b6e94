/**
 * The options of the `ppo` learner, declared once as ArgSpecs (`metarena train --agent ppo
 * --set key=value`); `PPOOptions` is derived from them. Defaults are tuned to solve CartPole-v1
 * fast with 8 envs (rl-zoo's CartPole settings with half the epochs and twice the step size);
 * CleanRL's Atari/MuJoCo defaults differ.
 *
 * The memory options make the policy recurrent: `cell` (gru; gru-ln, pytorch_rl2's
 * layer-normalised GRU; or lstm, from `src/nn`) of `cellUnits` units between the inputs and both
 * heads, trained by truncated backpropagation through time over stored sequences of `seqLen`
 * steps. `memoryInputs` adds the previous action, reward and episode-end flag to the policy's
 * input and `memoryReset` says where the memory starts afresh: at every episode, or only at every
 * trial; GAE's returns run on across episode ends until the memory starts afresh, so with `trial`
 * they span the whole trial.
 * `separateCells` gives the critic its own cell. The RL² configuration (Duan et al., 2016) is
 * `cell=gru memoryInputs=action,reward,done memoryReset=trial separateCells=true` (the `rl2`
 * learner, `src/agents/rl2/learner.ts`).
 */
import { type ArgSpecs, MetarenaError, resolveArgs, show } from '../../core/index.ts';
import type { OptionsOf } from '../plugin-registry.ts';

export const PPO_OPTIONS = {
  totalSteps: { type: 'integer', default: 30_000, min: 1, description: 'planned run length in env steps: the learning rate decays to 0 over it (metarena train sets it to --steps)' },
  numSteps: { type: 'integer', default: 32, min: 1, description: 'rollout length per env between updates' },
  learningRate: { type: 'number', default: 2e-3, min: 0, exclusiveMin: true, description: 'Adam step size at the start' },
  annealLr: { type: 'boolean', default: true, description: 'decay the learning rate linearly over totalSteps' },
  gamma: { type: 'number', default: 0.98, min: 0, max: 1, description: 'discount factor' },
  gaeLambda: { type: 'number', default: 0.8, min: 0, max: 1, description: 'GAE lambda' },
  numMinibatches: { type: 'integer', default: 1, min: 1, description: 'minibatches per epoch (of steps; of sequences with a cell)' },
  updateEpochs: { type: 'integer', default: 10, min: 1, description: 'passes over each rollout' },
  normAdvantages: { type: 'boolean', default: true, description: 'normalise advantages per minibatch' },
  clipCoef: { type: 'number', default: 0.2, min: 0, exclusiveMin: true, description: 'clip range of the probability ratio' },
  annealClip: { type: 'boolean', default: false, description: "decay the clip range linearly over totalSteps, as the learning rate (rl-zoo's lin_0.2)" },
  clipVloss: { type: 'boolean', default: false, description: 'clip the value update around the rollout values, as in the PPO paper code' },
  entCoef: { type: 'number', default: 0, min: 0, description: 'entropy bonus weight' },
  vfCoef: { type: 'number', default: 0.5, min: 0, description: 'value loss weight' },
  maxGradNorm: { type: 'number', default: 0.5, min: 0, exclusiveMin: true, description: 'global gradient-norm bound' },
  targetKl: { type: 'number', default: 0, min: 0, description: "stop an update's epochs once the approximate KL exceeds this (0: never)" },
  hidden: { type: 'integers', default: [64, 64], min: 1, description: 'hidden layer widths of actor and critic, e.g. 64,64' },
  activation: { type: 'string', default: 'tanh', choices: ['tanh', 'relu'], description: 'hidden activation' },
  normalizeObservation: { type: 'boolean', default: false, description: 'normalise Box observations by running mean and variance (then clip to ±obsClip)' },
  obsClip: { type: 'number', default: 10, min: 0, exclusiveMin: true, description: 'clip normalised observations to ±obsClip' },
  normalizeReward: { type: 'boolean', default: false, description: 'scale rewards by the running std of the discounted return (then clip to ±rewardClip)' },
  rewardClip: { type: 'number', default: 10, min: 0, exclusiveMin: true, description: 'clip scaled rewards to ±rewardClip' },
  initLogStd: { type: 'number', default: 0, min: -20, max: 20, description: 'initial log-std of the Gaussian policy (Box actions)' },
  cell: { type: 'string', default: 'none', choices: ['none', 'gru', 'gru-ln', 'lstm'], description: "recurrent cell between the inputs and the actor and critic (none: feed-forward; gru-ln: pytorch_rl2's layer-normalised GRU)" },
  cellUnits: { type: 'integer', default: 64, min: 1, description: 'hidden state size of the cell' },
  seqLen: { type: 'integer', default: 16, min: 1, description: 'steps per stored sequence of truncated backpropagation through time' },
  memoryInputs: { type: 'strings', default: [], choices: ['action', 'reward', 'done'], description: 'also feed the previous action, reward and episode-end flag to the cell (RL²)' },
  memoryReset: { type: 'string', default: 'episode', choices: ['episode', 'trial'], description: 'where the memory starts afresh: every episode, or every trial (RL²); returns and advantages run on until it does' },
  separateCells: { type: 'boolean', default: false, description: 'give the actor and the critic each their own cell instead of sharing one (RL²: separate policy and value networks)' },
} as const satisfies ArgSpecs;

export type PPOOptions = OptionsOf<typeof PPO_OPTIONS>;

/** `given` checked against `PPO_OPTIONS` and completed with the defaults. */
export function resolvePPOOptions(given: unknown, field = 'ppo'): PPOOptions {
  const o = resolveArgs(PPO_OPTIONS, given, field) as unknown as PPOOptions;
  if (o.cell === 'none' && (o.memoryInputs.length > 0 || o.memoryReset !== 'episode' || o.separateCells)) {
    throw new MetarenaError('METARENA_INVALID_OPTION', `${field}.memoryInputs, ${field}.memoryReset and ${field}.separateCells need a cell (gru, gru-ln or lstm), got cell ${show(o.cell)}`, { field: `${field}.cell`, allowed: 'gru, gru-ln, lstm' });
  }
  return o;
}

/** The defaults. */
export const PPO_DEFAULTS: Readonly<PPOOptions> = Object.freeze(resolvePPOOptions({}));
