/**
 * # PointRobot-v0 and PointRobotSparse-v0
 *
 * PEARL's 2-D point robot (Rakelly et al. 2019; katerakelly/oyster `rlkit/envs/point_robot.py`):
 * a point on the plane moved directly by its action towards a goal it does not see. The motion
 * is kinematic (position += action), so no physics engine is involved.
 *
 * - Action space: `Box(-0.1, 0.1, (2,), float32)` (oyster's), the displacement of one step.
 *   As in Gymnasium, the bounds are float32 values (±0.1f = ±0.10000000149…), so a float32
 *   action of ±0.1 is valid; each entry is clipped to ±0.1 exactly before use.
 * - Observation space: `Box(-inf, inf, (2,), float64)` — the position.
 * - Reward, PointRobot-v0: `−‖position − goal‖` after the move.
 * - Reward, PointRobotSparse-v0: oyster's `sparse_reward`, which PEARL trains on when
 *   `sparse_rewards` is set: with d the distance after the move, `1 − d` when `d ≤ 0.2`
 *   (goal radius), else 0. `info.dense_reward` holds `−d` (what oyster's `step` returns).
 * - Start: PointRobot-v0 at a position ~ U[−1, 1]² (oyster's `reset_model`);
 *   PointRobotSparse-v0 at the origin.
 * - Episode end: never terminates; truncated after 20 steps (PEARL's `max_path_length`).
 * - `reset({options: {state: [x, y]}})` starts at that position.
 *
 * ## Context features (defaults; bounds)
 * PointRobot-v0: goal_x 0 [−1, 1], goal_y 0 [−1, 1] (m).
 * PointRobotSparse-v0: goal_angle π/2 [0, π] rad; the goal is (cos, sin) of it on the unit half
 * circle.
 *
 * ## Task families
 * `make(id, {split: 'train' | 'test'})` (samplers `POINT_ROBOT_TASKS`, `SPARSE_POINT_ROBOT_TASKS`): goals ~
 * U[−1, 1]² (dense) or angles ~ U[0, π] (sparse, where oyster spaces 100 angles evenly and
 * shuffles them), in disjoint seeded train (80) and test (20) lists as in PEARL's configs.
 *
 * ## Version history
 * - v0: oyster's PointEnv and SparsePointEnv.
 */
import { Box, type ContextFeature, type ContextSamplerSpec, defineEnv, type Rng } from '../../core/index.ts';
import { checkState } from './start-state.ts';

export const MAX_STEP = 0.1;
export const GOAL_RADIUS = 0.2;
export const POINT_ROBOT_TASKS: ContextSamplerSpec = { kind: 'uniform', features: ['goal_x', 'goal_y'] };
export const SPARSE_POINT_ROBOT_TASKS: ContextSamplerSpec = { kind: 'uniform', features: ['goal_angle'] };

const clip = (v: number) => Math.max(-MAX_STEP, Math.min(MAX_STEP, v));

/** oyster's sparse reward from the dense one (−distance). */
export function sparseReward(dense: number): number {
  return dense >= -GOAL_RADIUS ? 1 + dense : 0;
}

function pointRobot(sparse: boolean) {
  const features: ContextFeature[] = sparse
    ? [{ name: 'goal_angle', default: Math.PI / 2, lower: 0, upper: Math.PI, unit: 'rad', description: 'Goal on the unit half circle at (cos, sin) of this angle.' }]
    : [
        { name: 'goal_x', default: 0, lower: -1, upper: 1, unit: 'm', description: 'Goal x coordinate.' },
        { name: 'goal_y', default: 0, lower: -1, upper: 1, unit: 'm', description: 'Goal y coordinate.' },
      ];
  return defineEnv({
    id: sparse ? 'PointRobotSparse-v0' : 'PointRobot-v0',
    description: sparse ? "PEARL's sparse point robot: goals on the unit half circle, reward only within 0.2 of the goal." : "PEARL's point robot: reach an unseen goal in the unit square, reward −distance.",
    observationSpace: new Box({ low: -Infinity, high: Infinity, shape: [2], dtype: 'float64' }),
    actionSpace: new Box({ low: -Math.fround(MAX_STEP), high: Math.fround(MAX_STEP), shape: [2], dtype: 'float32' }),
    maxEpisodeSteps: 20,
    splits: { train: 80, test: 20 },
    taskFamily: { sampler: sparse ? SPARSE_POINT_ROBOT_TASKS : POINT_ROBOT_TASKS },
    context: features,
    create: () => {
      const pos = new Float64Array(2);
      let gx = 0, gy = 0;
      return {
        reset(rng: Rng, c, _task, options) {
          if (options.state !== undefined) {
            checkState(options.state, 2, 'x, y');
            pos[0] = options.state[0];
            pos[1] = options.state[1];
          } else if (sparse) {
            pos.fill(0);
          } else {
            pos[0] = rng.uniform(-1, 1);
            pos[1] = rng.uniform(-1, 1);
          }
          gx = sparse ? Math.cos(c.goal_angle) : c.goal_x;
          gy = sparse ? Math.sin(c.goal_angle) : c.goal_y;
          return { obs: Float64Array.from(pos) };
        },
        step(action: Float32Array) {
          pos[0] += clip(action[0]);
          pos[1] += clip(action[1]);
          const dense = -Math.hypot(pos[0] - gx, pos[1] - gy);
          if (!sparse) return { obs: Float64Array.from(pos), reward: dense, terminated: false };
          return { obs: Float64Array.from(pos), reward: sparseReward(dense), terminated: false, info: { dense_reward: dense } };
        },
      };
    },
  });
}

export const pointRobotDense = pointRobot(false);
export const pointRobotSparse = pointRobot(true);
