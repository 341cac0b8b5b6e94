/**
 * # Toy-v0
 *
 * A planar toy agent for inference-reuse experiments (a task encoder learnt on a simple agent is
 * reused on a complex one): one rigid body that slides along x and turns about its centre,
 * pushed by a force and a torque against viscous drag. Its three task families mirror what a
 * locomotion body can be asked: reach a position, run at a velocity, hold an angle. Dynamics are
 * integrated directly (semi-implicit Euler); no physics engine is involved.
 *
 * - Dynamics: mass 1 kg, rotational inertia 0.1 kg·m²; `m·ẍ = 10·a₀ − 1·ẋ`,
 *   `I·θ̈ = 1·a₁ − 0.1·θ̇` (N, N·m); 0.05 s per step. Top speed 10 m/s, top turn rate 10 rad/s.
 * - Action space: `Box(-1, 1, (2,), float32)` — force and torque as fractions of 10 N, 1 N·m.
 * - Observation space: `Box(-inf, inf, (4,), float64)` — x (m), angle θ (rad, wrapped to
 *   [−π, π)), ẋ (m/s), θ̇ (rad/s). The goal is not observed.
 * - Reward (by `args.task`), each minus `0.05 · ‖a‖²`:
 *   `reach`: `−|x − goal_position|`; `velocity`: `−|ẋ − goal_velocity|`;
 *   `angle`: `−|θ − goal_angle|` (angle difference wrapped to [−π, π)).
 * - Start: every state coordinate ~ U(−0.05, 0.05).
 * - Episode end: never terminates; truncated after 100 steps (5 s).
 * - `reset({options: {state: [x, θ, ẋ, θ̇]}})` starts there.
 *
 * ## Arguments
 * | name | default | allowed | meaning |
 * |---|---|---|---|
 * | task | reach | reach, velocity, angle | which goal the reward asks for |
 *
 * ## Context features (defaults; bounds)
 * goal_position 0 [−5, 5] m; goal_velocity 0 [−3, 3] m/s; goal_angle 0 [−π, π] rad. Only the
 * task's own feature affects the reward.
 *
 * ## Task families
 * `make('Toy-v0', {args: {task}, split: 'train' | 'test'})` (sampler `TOY_TASKS[task]`): the task's goal
 * uniform within its bounds, disjoint seeded train (100) and test (30) lists.
 *
 * ## Version history
 * - v0: first version.
 */
import { Box, type ContextSamplerSpec, defineEnv, type Rng } from '../../core/index.ts';
import { checkState } from './start-state.ts';

export const TOY_DT = 0.05;
export const TOY_MASS = 1;
export const TOY_INERTIA = 0.1;
export const TOY_MAX_FORCE = 10;
export const TOY_MAX_TORQUE = 1;
export const TOY_LINEAR_DRAG = 1;
export const TOY_ANGULAR_DRAG = 0.1;

export type ToyTask = 'reach' | 'velocity' | 'angle';
export const TOY_TASKS: Record<ToyTask, ContextSamplerSpec> = {
  reach: { kind: 'uniform', features: ['goal_position'] },
  velocity: { kind: 'uniform', features: ['goal_velocity'] },
  angle: { kind: 'uniform', features: ['goal_angle'] },
};

const wrap = (a: number) => a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));

export default defineEnv({
  id: 'Toy-v0',
  description: 'Planar toy body (slide and turn) for reach-position / run-at-velocity / hold-angle tasks.',
  args: {
    task: { type: 'string', default: 'reach', choices: ['reach', 'velocity', 'angle'], description: 'Which goal the reward asks for.' },
  },
  observationSpace: new Box({ low: -Infinity, high: Infinity, shape: [4], dtype: 'float64' }),
  actionSpace: new Box({ low: -1, high: 1, shape: [2], dtype: 'float32' }),
  maxEpisodeSteps: 100,
  splits: { train: 100, test: 30 },
  taskFamily: ({ task }) => ({ sampler: TOY_TASKS[task as ToyTask] }),
  context: [
    { name: 'goal_position', default: 0, lower: -5, upper: 5, unit: 'm', description: 'Position to reach (task reach).' },
    { name: 'goal_velocity', default: 0, lower: -3, upper: 3, unit: 'm/s', description: 'Velocity to run at (task velocity).' },
    { name: 'goal_angle', default: 0, lower: -Math.PI, upper: Math.PI, unit: 'rad', description: 'Angle to hold (task angle).' },
  ],
  create: ({ task }) => {
    const s = new Float64Array(4);
    let goal = 0;
    return {
      reset(rng: Rng, c, _task, options) {
        if (options.state !== undefined) {
          checkState(options.state, 4, 'x, angle, x velocity, angular velocity');
          s.set(Array.from(options.state));
          s[1] = wrap(s[1]);
        } else {
          for (let i = 0; i < 4; i++) s[i] = rng.uniform(-0.05, 0.05);
        }
        goal = task === 'reach' ? c.goal_position : task === 'velocity' ? c.goal_velocity : c.goal_angle;
        return { obs: Float64Array.from(s) };
      },
      step(action: Float32Array) {
        const f = Math.max(-1, Math.min(1, action[0])), t = Math.max(-1, Math.min(1, action[1]));
        s[2] += (TOY_DT * (TOY_MAX_FORCE * f - TOY_LINEAR_DRAG * s[2])) / TOY_MASS;
        s[3] += (TOY_DT * (TOY_MAX_TORQUE * t - TOY_ANGULAR_DRAG * s[3])) / TOY_INERTIA;
        s[0] += TOY_DT * s[2];
        s[1] = wrap(s[1] + TOY_DT * s[3]);
        const error = task === 'reach' ? s[0] - goal : task === 'velocity' ? s[2] - goal : wrap(s[1] - goal);
        const reward = -Math.abs(error) - 0.05 * (f * f + t * t);
        return { obs: Float64Array.from(s), reward, terminated: false };
      },
    };
  },
});
