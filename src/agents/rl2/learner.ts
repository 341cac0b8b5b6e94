/**
 * RL² (Duan et al., 2016; the pytorch_rl2 implementation) as the `rl2` learner of
 * `metarena train`: PPO (`src/agents/ppo`) configured as a meta-learner, not a second PPO.
 *
 * - Inputs, as pytorch_rl2's `preprocessing/tabular.py`: the observation (one-hot for Discrete,
 *   the values for Box), the previous action (one-hot for Discrete, the values for Box), the
 *   previous reward and the previous step's done flag; at a trial's first step action 0,
 *   reward 0, done 1 (`ppo/memory.ts`).
 * - Memory: a recurrent cell (GRU or LSTM from `src/nn`) whose state is carried across the
 *   episodes of a trial and reset between trials (`memoryReset` trial); the policy and the value
 *   function are separate networks, each its own cell followed by a linear head
 *   (`separateCells`, `hidden` empty).
 * - Credit: GAE over the whole trial, cut only at trial ends (`ppo/gae.ts`); trained by
 *   backpropagation through time over stored sequences of `seqLen` steps.
 * - The trained policy keeps its memory within each trial it plays and starts it afresh at the
 *   next (`Learner.policy`), so `metarena eval --agents checkpoint:dir=…` plays it trial by trial.
 *
 * The options are PPO's, less the three that make it RL² (fixed here), with pytorch_rl2's
 * bandit defaults where PPO has the same knob: GRU of 256 units, linear heads, 8 epochs, clip
 * 0.1, entropy 0.01, γ 0.99, λ 0.3, no advantage standardisation, Adam step 2e-4 held constant.
 * It differs in the rollout (16 envs × 200 steps per update, minibatches of 40 sequences of one
 * 10-pull trial's 20 steps under `next_step` autoreset, where pytorch_rl2 collects 240,000 steps
 * per update in minibatches of 60 whole trials), in the optimizer (Adam, pytorch_rl2 AdamW with
 * weight decay 0.01), the value loss (squared error, pytorch_rl2 Huber), one loss for both
 * networks (pytorch_rl2 two optimizers) and PPO's gradient-norm bound 0.5 (pytorch_rl2 none).
 */
import type { ArgSpecs } from '../../core/index.ts';
import type { AgentEnvSpec } from '../agent.ts';
import type { LearnerPlugin } from '../learner.ts';
import { actionKind, observationKind } from '../ppo/kinds.ts';
import { PPOLearner } from '../ppo/learner.ts';
import { PPO_OPTIONS, type PPOOptions } from '../ppo/options.ts';
import type { OptionsOf } from '../plugin-registry.ts';

export const RL2_NAME = 'rl2';

/** What makes PPO RL²: inputs, memory span and separate networks (not options of `rl2`). */
export const RL2_CONFIGURATION = { memoryInputs: ['action', 'reward', 'done'], memoryReset: 'trial', separateCells: true } as const satisfies Partial<PPOOptions>;

const { memoryInputs: _inputs, memoryReset: _reset, separateCells: _separate, ...tunable } = PPO_OPTIONS;

/** PPO's options with pytorch_rl2's defaults (see the file's doc). */
export const RL2_OPTIONS = {
  ...tunable,
  numSteps: { ...PPO_OPTIONS.numSteps, default: 200 },
  learningRate: { ...PPO_OPTIONS.learningRate, default: 2e-4 },
  annealLr: { ...PPO_OPTIONS.annealLr, default: false },
  gamma: { ...PPO_OPTIONS.gamma, default: 0.99 },
  gaeLambda: { ...PPO_OPTIONS.gaeLambda, default: 0.3 },
  numMinibatches: { ...PPO_OPTIONS.numMinibatches, default: 4 },
  updateEpochs: { ...PPO_OPTIONS.updateEpochs, default: 8 },
  normAdvantages: { ...PPO_OPTIONS.normAdvantages, default: false },
  clipCoef: { ...PPO_OPTIONS.clipCoef, default: 0.1 },
  entCoef: { ...PPO_OPTIONS.entCoef, default: 0.01 },
  hidden: { ...PPO_OPTIONS.hidden, default: [], description: 'hidden layer widths between each cell and its head (empty: linear heads, as pytorch_rl2)' },
  cell: { ...PPO_OPTIONS.cell, default: 'gru', choices: ['gru', 'gru-ln', 'lstm'], description: "recurrent cell of the policy and of the value network (gru-ln: pytorch_rl2's layer-normalised GRU)" },
  cellUnits: { ...PPO_OPTIONS.cellUnits, default: 256, description: 'hidden state size of each cell' },
  seqLen: { ...PPO_OPTIONS.seqLen, default: 20 },
} as const satisfies ArgSpecs;

export type RL2Options = OptionsOf<typeof RL2_OPTIONS>;

/** The PPO options of an `rl2` learner with `options`. */
export function rl2PPOOptions(options: Partial<RL2Options>): Partial<PPOOptions> {
  return { ...options, ...RL2_CONFIGURATION, memoryInputs: [...RL2_CONFIGURATION.memoryInputs] } as Partial<PPOOptions>;
}

/** Why `rl2` cannot train in `spec`, or undefined. */
function rl2Fits(spec: AgentEnvSpec): string | undefined {
  try {
    observationKind(spec.observationSpace);
    actionKind(spec.actionSpace);
  } catch (e) {
    return (e as Error).message.replace(/^ppo: /, `${RL2_NAME}: `);
  }
  return undefined;
}

/** The `rl2` learner plugin (`metarena train --agent rl2`). */
export const rl2Learner: LearnerPlugin<typeof RL2_OPTIONS> = {
  name: RL2_NAME,
  description: "RL²: PPO with a recurrent policy and value network (gru/lstm) fed the previous action, reward and done flag, memory kept over each trial's episodes, GAE over the trial",
  options: RL2_OPTIONS,
  defaultNumEnvs: 16,
  fits: rl2Fits,
  create: (spec, options, seed) => PPOLearner.create(spec.observationSpace, spec.actionSpace, rl2PPOOptions(options as unknown as Partial<RL2Options>), seed, RL2_NAME),
  load: (dir) => PPOLearner.load(dir, RL2_NAME),
};
