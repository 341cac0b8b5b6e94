/**
 * # GridNavi-v0
 *
 * Find an unseen goal on a small grid, then return to it (varibad, Zintgraf et al. 2020,
 * `environments/navigation/gridworld.py`). Each trial hides a new goal; the agent has 4
 * episodes to find it and collect reward on it. The goal is the task: it is never observed and
 * never put in `info`.
 *
 * - Observation: `Box(0, size − 1, (2,), float32)`, the agent's cell (x, y).
 * - Action: `Discrete(5)`: 0 noop, 1 up (y + 1), 2 right (x + 1), 3 down (y − 1), 4 left (x − 1);
 *   a move off the grid leaves the agent where it is.
 * - Reward: +1 for every step that ends on the goal cell (staying on it with noop keeps
 *   earning), −0.1 for every other step.
 * - Start: cell (0, 0). `reset({options: {state: [x, y]}})` starts from any cell of the grid.
 * - Task (drawn once per trial by `sampleTask`): the goal, uniform over the cells other than
 *   (0, 0), (0, 1), (1, 0), (1, 1) — 21 cells on the 5×5 grid.
 * - Episode end: reaching the goal does NOT end the episode (as in varibad, where `done` is only
 *   the step limit); truncated after `steps` steps (15), `terminated` is always false.
 * - Trials: 4 episodes per trial by default (varibad's `max_rollouts_per_task`).
 * - Step info: nothing.
 *
 * ## Arguments
 * | name | default | allowed | meaning |
 * |---|---|---|---|
 * | size | 5 | integers in [3, 64] | the grid is size × size cells |
 * | steps | 15 | integers in [1, 100000] | steps per episode |
 *
 * ## Context features
 * None: the goal is the task, drawn structurally; it is not a context feature.
 *
 * Train and test splits draw goals from disjoint seed streams, but there are only 21 goals, so
 * the two splits share goal cells: held-out GridNavi tasks are new draws, not new goals.
 *
 * ## Version history
 * - v0: varibad's GridNavi (5×5, 15 steps, 4 episodes per trial, goal episode does not end).
 */
import { Box, Discrete, MetarenaError, type Rng, defineEnv, show } from '../../core/index.ts';

/** One trial's goal cell. */
export interface GridNaviTask {
  readonly goalX: number;
  readonly goalY: number;
}

/** Cells a goal may occupy: every cell except the start (0, 0) and its neighbours (0,1), (1,0), (1,1). */
export function gridNaviGoalCells(size: number): [number, number][] {
  const cells: [number, number][] = [];
  for (let x = 0; x < size; x++) {
    for (let y = 0; y < size; y++) if (x > 1 || y > 1) cells.push([x, y]);
  }
  return cells;
}

const DX = [0, 0, 1, 0, -1];
const DY = [0, 1, 0, -1, 0];

export default defineEnv({
  id: 'GridNavi-v0',
  description: 'Grid navigation to a hidden goal (varibad): 5×5 grid, 15 steps, 4 episodes per trial.',
  args: {
    size: { type: 'integer', default: 5, min: 3, max: 64, description: 'The grid is size × size cells.' },
    steps: { type: 'integer', default: 15, min: 1, max: 100_000, description: 'Steps per episode (the episode is truncated after them).' },
  },
  observationSpace: ({ size }) => new Box({ low: 0, high: size - 1, shape: [2], dtype: 'float32' }),
  actionSpace: new Discrete(5),
  maxEpisodeSteps: ({ steps }) => steps,
  episodesPerTrial: 4,
  sampleTask: (rng, _context, { size }): GridNaviTask => {
    const cells = gridNaviGoalCells(size);
    const [goalX, goalY] = cells[rng.integer(cells.length)];
    return { goalX, goalY };
  },
  create: ({ size }) => {
    let x = 0;
    let y = 0;
    let goal: GridNaviTask | undefined;
    return {
      reset(_rng, _context, task, options) {
        goal = task;
        x = 0;
        y = 0;
        if (options.state !== undefined) {
          const st = options.state;
          const inGrid = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < size;
          if (!st || st.length !== 2 || !inGrid(st[0]) || !inGrid(st[1])) {
            throw new MetarenaError('METARENA_INVALID_STATE', `options.state must be [x, y] with integers in [0, ${size - 1}], got ${show(st)}`, {
              field: 'options.state',
              allowed: `[x, y], x and y in [0, ${size - 1}]`,
            });
          }
          x = st[0];
          y = st[1];
        }
        return { obs: Float32Array.of(x, y) };
      },
      step(action: number) {
        x = Math.min(size - 1, Math.max(0, x + DX[action]));
        y = Math.min(size - 1, Math.max(0, y + DY[action]));
        const reward = x === goal!.goalX && y === goal!.goalY ? 1 : -0.1;
        return { obs: Float32Array.of(x, y), reward, terminated: false };
      },
    };
  },
});
