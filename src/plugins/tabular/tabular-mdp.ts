/**
 * # TabularMDP-v0
 *
 * Random finite MDPs as a meta-RL task (RL², Duan et al. 2016, as implemented in
 * lucaslingle/pytorch_rl2 `MDPEnv`): every trial draws a new MDP; the agent has
 * `episodesPerTrial` episodes in it to learn and exploit it.
 *
 * - Observation: `Discrete(states)`, the index of the current state.
 * - Action: `Discrete(actions)`.
 * - Start: state 0 at every episode. `reset({options: {state: [s]}})` starts from state `s`.
 * - Task (drawn once per trial by `sampleTask`, kept for all the trial's episodes):
 *   reward means μ(s, a) ~ N(1, 1) and transition rows P(· | s, a) ~ Dirichlet(1, …, 1),
 *   independently for every (s, a).
 * - Step from state s with action a: the next state s' ~ P(· | s, a), then the reward
 *   r ~ N(μ(s, a), 1) (the mean belongs to the state the action was taken in). Noise comes from
 *   the env's seeded generator.
 * - Episode end: no terminal states; truncated after `horizon` steps (`maxEpisodeSteps` =
 *   horizon), `terminated` stays false.
 * - Trials: 10 episodes per trial by default (RL² reports n = 10, 25, 50, 75, 100);
 *   `make(…, {episodesPerTrial})` changes it.
 * - Step info: nothing (no task-revealing keys).
 * - Memory: one env holds its trial's tables, 8·(S·A·S + S·A) bytes (32 MiB at 256 states and
 *   64 actions); `make` weighs that against its memory budget.
 *
 * ## Arguments
 * | name | default | allowed | meaning |
 * |---|---|---|---|
 * | states | 10 | integers in [1, 256] | number of states |
 * | actions | 5 | integers in [1, 64] | number of actions |
 * | horizon | 10 | integers in [1, 100000] | steps per episode |
 *
 * ## Context features
 * None: tasks vary structurally (the tables), not by a physical parameter.
 *
 * ## Version history
 * - v0: the RL² tabular MDP family.
 */
import { Discrete, MetarenaError, type Rng, defineEnv, show } from '../../core/index.ts';

/** Memory of one env besides its task tables (instance, generator, closures). */
const ENV_OVERHEAD_BYTES = 4096;

/** One trial's MDP. Tables are flat, row-major. */
export interface TabularMdpTask {
  readonly states: number;
  readonly actions: number;
  /** P(s' | s, a) at `(s * actions + a) * states + s'`; each row sums to 1. */
  readonly transitions: Float64Array;
  /** μ(s, a) at `s * actions + a`. */
  readonly rewardMeans: Float64Array;
}

/** Draws one MDP from the RL² task distribution. */
export function sampleTabularMdpTask(rng: Rng, states: number, actions: number): TabularMdpTask {
  const rewardMeans = new Float64Array(states * actions);
  for (let i = 0; i < rewardMeans.length; i++) rewardMeans[i] = rng.normal(1, 1);
  const transitions = new Float64Array(states * actions * states);
  const ones = new Float64Array(states).fill(1);
  for (let row = 0; row < states * actions; row++) {
    rng.dirichlet(ones, transitions.subarray(row * states, (row + 1) * states));
  }
  return { states, actions, transitions, rewardMeans };
}

export default defineEnv({
  id: 'TabularMDP-v0',
  description: 'Random tabular MDP (RL²): Dirichlet transitions and N(1,1) reward means, new every trial.',
  args: {
    states: { type: 'integer', default: 10, min: 1, max: 256, description: 'Number of states.' },
    actions: { type: 'integer', default: 5, min: 1, max: 64, description: 'Number of actions.' },
    horizon: { type: 'integer', default: 10, min: 1, max: 100_000, description: 'Steps per episode (the episode is truncated after them).' },
  },
  observationSpace: ({ states }) => new Discrete(states),
  actionSpace: ({ actions }) => new Discrete(actions),
  maxEpisodeSteps: ({ horizon }) => horizon,
  // the trial's tables (float64): transitions S·A·S and reward means S·A, plus a small instance
  memoryBytes: ({ states, actions }) => (states * actions * states + states * actions) * 8 + ENV_OVERHEAD_BYTES,
  episodesPerTrial: 10,
  // a split is a list of task seeds; 10,000 keeps a 1000-trial evaluation on (almost) distinct tasks
  splits: { train: 10_000, test: 10_000 },
  sampleTask: (rng, _context, { states, actions }) => sampleTabularMdpTask(rng, states, actions),
  create: ({ states }) => {
    let rng: Rng | undefined;
    let task: TabularMdpTask | undefined;
    let state = 0;
    return {
      reset(resetRng, _context, trialTask, options) {
        rng = resetRng;
        task = trialTask;
        state = 0;
        if (options.state !== undefined) {
          const st = options.state;
          if (!st || st.length !== 1 || !Number.isInteger(st[0]) || st[0] < 0 || st[0] >= states) {
            throw new MetarenaError('METARENA_INVALID_STATE', `options.state must be [s] with s an integer in [0, ${states - 1}], got ${show(st)}`, {
              field: 'options.state',
              allowed: `[s], s in [0, ${states - 1}]`,
            });
          }
          state = st[0];
        }
        return { obs: state };
      },
      step(action: number) {
        const t = task!;
        const row = state * t.actions + action;
        const next = rng!.categorical(t.transitions, row * t.states, t.states);
        const reward = rng!.normal(t.rewardMeans[row], 1);
        state = next;
        return { obs: next, reward, terminated: false };
      },
    };
  },
});
