/**
 * The reference settings of `metarena evolve`, per kind and env: what each option of
 * `options.ts` is when `--set` leaves it at 0 / empty.
 *
 * Synthetic environments and reward networks: Ferreira et al., ICLR 2022, as configured in
 * automl/learning_environments (`default_config_cartpole_syn_env.yaml`,
 * `default_config_acrobot_syn_env.yaml`, `default_config_gridworld_reward_env.yaml` (Cliff),
 * `default_config_cartpole_reward_env.yaml`, `default_config_cmc_reward_env.yaml`). The inner
 * agents are this project's learners set as close to the reference agents as their options go:
 * - The reference DDQN trains after every step (one Adam step on one minibatch, a Polyak target
 *   update with τ, MSE loss, no gradient clipping): `trainFreq 1, gradientSteps 1,
 *   targetUpdateInterval 1, loss mse, maxGradNorm 0`.
 * - Its hidden activation is tanh (SE) or LeakyReLU (RN); the DQN learners here use ReLU.
 * - Its ε decays per episode (ε ← max(ε_min, ε·decay)); the learners here decay ε linearly over
 *   env steps, so `totalSteps · explorationFraction` is set to about the steps the reference takes
 *   to reach ε_min (ln(ε_min/ε_0)/ln(decay) episodes: 78 for the CartPole SE's agent, 28 for
 *   Acrobot's, 64 for the CartPole RN's), at the episode lengths of early training.
 * - `init_episodes` (random episodes before learning) become `learningStarts` steps: about one
 *   random CartPole episode (20 steps), 20 random Acrobot episodes (500 steps each), 50 random
 *   MountainCarContinuous episodes (999 steps each).
 * - Solved returns: the reference's (CartPole 195, Acrobot −100, MountainCarContinuous 90), and
 *   −13 for Gymnasium's CliffWalking-v0 (the optimal path; the reference's own Cliff grid, which
 *   ends an episode at the cliff, used −20). Its episodes end after 50 steps, as the reference's
 *   (`max_steps: 50`); Gymnasium's CliffWalking-v0 has no time limit.
 *
 * Reservoirs: ER-MRL (Léger et al., EvoApps 2024; corentinlger/ER-MRL `scripts/evolve_res.py`):
 * SB3 PPO with its defaults on one env (`MlpPolicy`: 2048-step rollouts, minibatches of 64,
 * 10 epochs, lr 3e-4, γ 0.99, λ 0.95, clip 0.2, [64, 64] tanh), velocity-masked observations
 * (`DeletedVelocityWrapper`: CartPole [1, 3], Pendulum [2], MountainCar [1]).
 */
export interface AgentPreset {
  agent: string;
  options: Record<string, unknown>;
}

export interface SePreset extends AgentPreset {
  sigma: number;
  alpha: number;
  initEpisodes: number;
  earlyOutDiff: number;
  solvedReturn: number;
}

export interface RnPreset extends AgentPreset {
  sigma: number;
  alpha: number;
  mode: number;
  hidden: number[];
  activation: string;
  solvedReturn: number;
  earlyOutNum: number;
  trainSteps: number;
  /** Time limit of training and test episodes, where the reference set one and the env has none. */
  maxEpisodeSteps?: number;
}

const DDQN_STEPWISE = { trainFreq: 1, gradientSteps: 1, targetUpdateInterval: 1, loss: 'mse', maxGradNorm: 0, explorationFraction: 1, saveReplay: false } as const;

export const SE_PRESETS: Readonly<Record<string, SePreset>> = {
  'CartPole-v1': {
    agent: 'double-dqn',
    options: { ...DDQN_STEPWISE, hidden: [57], learningRate: 3.04e-4, batchSize: 199, gamma: 0.988, tau: 0.00848, explorationInitialEps: 0.809, explorationFinalEps: 0.0371, totalSteps: 2_000, learningStarts: 20, bufferSize: 100_000 },
    sigma: 0.0124,
    alpha: 0.148,
    initEpisodes: 1,
    earlyOutDiff: 0.01,
    solvedReturn: 195,
  },
  'Acrobot-v1': {
    agent: 'double-dqn',
    options: { ...DDQN_STEPWISE, hidden: [112], learningRate: 2.22e-3, batchSize: 149, gamma: 0.991, tau: 0.0209, explorationInitialEps: 0.904, explorationFinalEps: 0.0471, totalSteps: 14_000, learningStarts: 10_000, bufferSize: 100_000 },
    sigma: 0.0114,
    alpha: 0.727,
    initEpisodes: 20,
    earlyOutDiff: 0.01,
    solvedReturn: -100,
  },
};

export const RN_PRESETS: Readonly<Record<string, RnPreset>> = {
  'CliffWalking-v0': {
    agent: 'q-learning',
    options: { alpha: 1, gamma: 0.8, epsilon: 0.01 },
    sigma: 0.1,
    alpha: 0.5,
    mode: 2,
    hidden: [32],
    activation: 'prelu',
    solvedReturn: -13,
    earlyOutNum: 10,
    trainSteps: 20_000,
    maxEpisodeSteps: 50,
  },
  'CartPole-v1': {
    agent: 'double-dqn',
    options: { ...DDQN_STEPWISE, hidden: [64], learningRate: 3e-3, batchSize: 192, gamma: 0.99, tau: 0.01, explorationInitialEps: 0.8, explorationFinalEps: 0.03, totalSteps: 2_000, learningStarts: 20, bufferSize: 100_000 },
    sigma: 0.1,
    alpha: 0.5,
    mode: 1,
    hidden: [64],
    activation: 'prelu',
    solvedReturn: 195,
    earlyOutNum: 10,
    trainSteps: 30_000,
  },
  'MountainCarContinuous-v0': {
    agent: 'td3',
    options: { hidden: [128, 128], learningRate: 3e-3, batchSize: 192, gamma: 0.99, tau: 0.01, policyFrequency: 1, explorationNoise: 0.05, policyNoise: 0.2, noiseClip: 0.5, learningStarts: 49_950, bufferSize: 1_000_000, saveReplay: false },
    sigma: 0.1,
    alpha: 0.5,
    mode: 2,
    hidden: [128],
    activation: 'tanh',
    solvedReturn: 90,
    earlyOutNum: 5,
    trainSteps: 100_000,
  },
};

/** SB3's PPO defaults (`MlpPolicy`, one env) in this project's PPO options. */
export const SB3_PPO = { numSteps: 2048, numMinibatches: 32, updateEpochs: 10, learningRate: 3e-4, annealLr: false, gamma: 0.99, gaeLambda: 0.95, clipCoef: 0.2, entCoef: 0, vfCoef: 0.5, maxGradNorm: 0.5, hidden: [64, 64], activation: 'tanh', normAdvantages: true } as const;

/** ER-MRL's masked observation indices (`DeletedVelocityWrapper`): the velocities. */
export const VELOCITY_INDICES: Readonly<Record<string, readonly number[]>> = {
  'CartPole-v1': [1, 3],
  'Pendulum-v1': [2],
  'MountainCar-v0': [1],
  'MountainCarContinuous-v0': [1],
};
