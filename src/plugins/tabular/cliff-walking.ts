/**
 * # CliffWalking-v0
 *
 * Walk along the edge of a cliff from start to goal (Sutton & Barto, Example 6.6). A port of
 * Gymnasium's toy_text `CliffWalkingEnv` (`CliffWalking-v0`); with the default context the
 * transitions, rewards and episode end are Gymnasium's.
 *
 * The grid has 4 rows × 12 columns; a cell's index is `row * 12 + col`. The start is 36
 * (row 3, col 0), the goal 47 (row 3, col 11), and the cliff is row 3, cols 1–10 (37–46).
 *
 * - Observation: `Discrete(48)`, the agent's cell index.
 * - Action: `Discrete(4)`: 0 up, 1 right, 2 down, 3 left; a move off the grid leaves the agent
 *   where it is.
 * - Reward: −1 per step; −100 for a step into the cliff, which also puts the agent back on the
 *   start cell (the episode goes on).
 * - Start: cell 36. `reset({options: {state: [s]}})` starts from any cell that is neither cliff
 *   nor goal.
 * - Episode end: terminated on entering the goal (47). Gymnasium registers CliffWalking-v0
 *   without a time limit, and so does this env (`maxEpisodeSteps` undefined): an agent that
 *   never reaches the goal never ends the episode. Give `make(…, {maxEpisodeSteps: N})` to
 *   truncate.
 * - Info: `prob`, the probability of the move that happened (1 with the default context), as
 *   Gymnasium's `{"prob": p}`.
 *
 * ## Context features
 * | name | default | bounds | unit |
 * |---|---|---|---|
 * | slip | 0 | [0, 1] | probability |
 *
 * `slip` (added here, not in Gymnasium v0): with probability `slip` the agent moves in one of the
 * two directions perpendicular to the chosen one (each with `slip / 2`). Slips use the env's
 * seeded generator; with `slip = 0` no random number is drawn.
 *
 * ## Version history
 * - v0: Gymnasium CliffWalking-v0, with the `slip` context feature.
 */
import { Discrete, MetarenaError, type Rng, defineEnv, show } from '../../core/index.ts';

export const CLIFF_ROWS = 4;
export const CLIFF_COLS = 12;
export const CLIFF_START = 36;
export const CLIFF_GOAL = 47;

/** True for the cells of the cliff (row 3, cols 1–10). */
export const isCliff = (cell: number): boolean => cell > CLIFF_START && cell < CLIFF_GOAL;

const DROW = [-1, 0, 1, 0];
const DCOL = [0, 1, 0, -1];

export default defineEnv({
  id: 'CliffWalking-v0',
  description: 'Cliff walking on a 4×12 grid (Gymnasium toy_text CliffWalking-v0), optionally slippery.',
  observationSpace: new Discrete(CLIFF_ROWS * CLIFF_COLS),
  actionSpace: new Discrete(4),
  context: [
    { name: 'slip', default: 0, lower: 0, upper: 1, unit: 'probability', description: 'Probability of moving perpendicular to the chosen direction (half each way).' },
  ],
  create: () => {
    let cell = CLIFF_START;
    let slip = 0;
    let rng: Rng | undefined;
    return {
      reset(resetRng, context, _task, options) {
        rng = resetRng;
        slip = context.slip;
        cell = CLIFF_START;
        if (options.state !== undefined) {
          const st = options.state;
          const last = CLIFF_ROWS * CLIFF_COLS - 1;
          if (!st || st.length !== 1 || !Number.isInteger(st[0]) || st[0] < 0 || st[0] > last || isCliff(st[0]) || st[0] === CLIFF_GOAL) {
            throw new MetarenaError('METARENA_INVALID_STATE', `options.state must be [s] with s a cell in [0, ${last}] that is neither cliff (37–46) nor goal (47), got ${show(st)}`, {
              field: 'options.state',
              allowed: '[s], s in 0–36',
            });
          }
          cell = st[0];
        }
        return { obs: cell, info: { prob: 1 } };
      },
      step(action: number) {
        let move = action;
        let prob = 1;
        if (slip > 0) {
          const u = rng!.random();
          if (u < slip / 2) move = (action + 3) % 4;
          else if (u < slip) move = (action + 1) % 4;
          prob = move === action ? 1 - slip : slip / 2;
        }
        const row = Math.min(CLIFF_ROWS - 1, Math.max(0, Math.floor(cell / CLIFF_COLS) + DROW[move]));
        const col = Math.min(CLIFF_COLS - 1, Math.max(0, (cell % CLIFF_COLS) + DCOL[move]));
        const next = row * CLIFF_COLS + col;
        if (isCliff(next)) {
          cell = CLIFF_START;
          return { obs: cell, reward: -100, terminated: false, info: { prob } };
        }
        cell = next;
        return { obs: cell, reward: -1, terminated: cell === CLIFF_GOAL, info: { prob } };
      },
    };
  },
});
