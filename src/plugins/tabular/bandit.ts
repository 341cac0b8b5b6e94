/**
 * # Bandit-v0
 *
 * A k-armed bandit as a meta-RL task (RL², Duan et al. 2016; lucaslingle/pytorch_rl2): every
 * trial draws new arms, and the agent has `episodesPerTrial` pulls to find and exploit the best.
 * The trial, not the episode, is the unit of return.
 *
 * - Action: `Discrete(arms)`, the arm to pull.
 * - Observation: `Box(0, 0, (1,), float32)` holding 0 — a bandit has no state; everything the
 *   agent learns comes from its rewards.
 * - Reward: `bernoulli` (default): 1 with probability p_i, else 0. `gaussian`: N(μ_i, 1).
 * - Task (drawn once per trial by `sampleTask`, kept for all the trial's pulls):
 *   `bernoulli`: p_i ~ U[0, 1] independently per arm; `gaussian`: μ_i ~ N(0, 1).
 *   Reward noise comes from the env's seeded generator, so a seed fixes tasks and rewards.
 * - Episode end: each episode is one pull; the step terminates (`terminated = true`).
 *   `maxEpisodeSteps` is 1, so make's time limit marks the same step `truncated = true` as well
 *   (as Gymnasium's TimeLimit does); `terminated` is the flag that matters (no bootstrapping).
 * - Trials: 100 episodes (pulls) per trial by default, RL²'s n = 100; `make(…, {episodesPerTrial})`
 *   changes it (RL² also reports n = 10 and 500).
 * - Step info: nothing (no task-revealing keys).
 * - `reset({options: {state}})` is refused with METARENA_INVALID_STATE: there is no state.
 *
 * ## Arguments
 * | name | default | allowed | meaning |
 * |---|---|---|---|
 * | arms | 5 | integers in [2, 1024] | number of arms k |
 * | reward | bernoulli | bernoulli, gaussian | reward distribution of an arm |
 *
 * ## Context features
 * None: tasks vary structurally (the arm parameters), not by a physical parameter.
 *
 * ## Version history
 * - v0: RL² bandit (Bernoulli arms, p ~ U[0,1]) with a Gaussian-reward variant.
 */
import { Box, Discrete, MetarenaError, type Rng, defineEnv } from '../../core/index.ts';

export type BanditReward = 'bernoulli' | 'gaussian';

/** One trial's arms: success probabilities (bernoulli) or reward means (gaussian). */
export interface BanditTask {
  readonly reward: BanditReward;
  readonly means: Float64Array;
}

/** Draws the arms of one trial from the task distribution. */
export function sampleBanditTask(rng: Rng, arms: number, reward: BanditReward): BanditTask {
  const means = new Float64Array(arms);
  for (let i = 0; i < arms; i++) means[i] = reward === 'bernoulli' ? rng.random() : rng.normal(0, 1);
  return { reward, means };
}

export default defineEnv({
  id: 'Bandit-v0',
  description: 'k-armed bandit (RL²): new arm parameters every trial, one pull per episode.',
  args: {
    arms: { type: 'integer', default: 5, min: 2, max: 1024, description: 'Number of arms.' },
    reward: { type: 'string', default: 'bernoulli', choices: ['bernoulli', 'gaussian'], description: 'Reward of an arm: Bernoulli(p_i), p_i ~ U[0,1]; or N(μ_i, 1), μ_i ~ N(0,1).' },
  },
  observationSpace: new Box({ low: 0, high: 0, shape: [1], dtype: 'float32' }),
  actionSpace: ({ arms }) => new Discrete(arms),
  maxEpisodeSteps: 1,
  episodesPerTrial: 100,
  // a split is a list of task seeds; 10,000 keeps a 1000-trial evaluation on (almost) distinct tasks
  splits: { train: 10_000, test: 10_000 },
  sampleTask: (rng, _context, { arms, reward }) => sampleBanditTask(rng, arms, reward as BanditReward),
  create: () => {
    let rng: Rng | undefined;
    let task: BanditTask | undefined;
    return {
      reset(resetRng, _context, trialTask, options) {
        if (options.state !== undefined) {
          throw new MetarenaError('METARENA_INVALID_STATE', 'Bandit-v0 has no state, so options.state is not accepted', { field: 'options.state', allowed: 'no state' });
        }
        rng = resetRng;
        task = trialTask;
        return { obs: new Float32Array(1) };
      },
      step(action: number) {
        const mean = task!.means[action];
        const reward = task!.reward === 'bernoulli' ? (rng!.random() < mean ? 1 : 0) : rng!.normal(mean, 1);
        return { obs: new Float32Array(1), reward, terminated: true };
      },
    };
  },
});
