/**
 * # Pendulum-v1
 *
 * Swing a pendulum up from a random angle and hold it upright with limited torque. A port of
 * Gymnasium's `PendulumEnv` with the same float64 arithmetic, so the same start state and
 * actions give the same trajectory.
 *
 * - Action space: `Box(-2, 2, (1,), float32)` as in Gymnasium: torque (N m, counter-clockwise
 *   positive), clipped to the context's `[-max_torque, max_torque]`. A make whose context or
 *   sampler varies `max_torque` gets `Box(-T, T)` with T the largest `max_torque` it can draw
 *   (a fixed context: that torque; a sampler or split: the most it reaches), so the action
 *   space always covers the torques the episodes allow, and no more.
 * - Observation space: `Box([-1, -1, -8], [1, 1, 8], (3,), float32)` as in Gymnasium: cos θ, sin θ,
 *   θ̇ (θ = 0 is upright). θ̇ is clipped to the context's `max_speed`; the bound is the largest
 *   `max_speed` (or start speed `initial_velocity_max`, if larger) the make can draw.
 *   Bounds are rounded to float32.
 * - Dynamics: θ̇' = clip(θ̇ + (3g/(2l) sin θ + 3/(m l²) u) dt, ±max_speed), θ' = θ + θ̇' dt
 *   (semi-implicit Euler), with u the clipped torque.
 * - Reward: −(normalize(θ)² + 0.1 θ̇² + 0.001 u²) with θ and θ̇ before the step and
 *   normalize(θ) = ((θ + π) mod 2π) − π; between −16.27 and 0 with the defaults.
 * - Start: θ ~ U(−initial_angle_max, initial_angle_max), θ̇ ~ U(−initial_velocity_max,
 *   initial_velocity_max) (Gymnasium: ±π and ±1). `reset({options: {state: [theta, theta_dot]}})`
 *   starts from an exact state (Gymnasium's internal `state` layout).
 * - Episode end: never terminates; truncated after 200 steps.
 *
 * ## Context features (CARL names; bounds chosen here as 0.1×–10× the default where CARL gives none)
 * | name | default | bounds | unit |
 * |---|---|---|---|
 * | dt | 0.05 | [0.005, 0.5] | s |
 * | g | 10 | [1, 100] | m/s² |
 * | m | 1 | [0.1, 10] | kg |
 * | l | 1 | [0.1, 10] | m |
 * | max_speed | 8 | [0.8, 80] | rad/s |
 * | max_torque | 2 | [0.2, 20] | N m |
 * | initial_angle_max | π | [0, π] | rad |
 * | initial_velocity_max | 1 | [0, 8] | rad/s |
 *
 * The terms 3g/(2l) and 3/(m l²) are recomputed from the context at every reset.
 *
 * ## Version history
 * - v1: Gymnasium Pendulum-v1 dynamics, reward and spaces, with CARL context features; action and
 *   observation bounds follow the largest `max_torque` and `max_speed` a make can draw (they
 *   once spanned the largest allowed, ±20 and ±80, for every make).
 */
import { Box, type ContextRange, type FlatArray, defineEnv } from '../../core/index.ts';
import { setStartState } from './start-state.ts';

const MAX_SPEED_UPPER = 80;
const MAX_TORQUE_UPPER = 20;
const TWO_PI = 2 * Math.PI;

/** Gymnasium's `angle_normalize`: ((x + π) mod 2π) − π with a floored (Python) modulo. */
function angleNormalize(x: number): number {
  let r = (x + Math.PI) % TWO_PI;
  if (r < 0) r += TWO_PI;
  return r - Math.PI;
}

export default defineEnv({
  id: 'Pendulum-v1',
  description: 'Swing a pendulum upright and balance it with limited torque (Gymnasium Pendulum-v1 dynamics).',
  observationSpace: (_args, range: ContextRange) => {
    const speed = Math.fround(Math.max(range.max_speed[1], range.initial_velocity_max[1]));
    return new Box({ low: [-1, -1, -speed], high: [1, 1, speed], dtype: 'float32' });
  },
  actionSpace: (_args, range: ContextRange) => {
    const torque = Math.fround(range.max_torque[1]);
    return new Box({ low: -torque, high: torque, shape: [1], dtype: 'float32' });
  },
  maxEpisodeSteps: 200,
  context: [
    { name: 'dt', default: 0.05, lower: 0.005, upper: 0.5, unit: 's', description: 'Seconds between state updates.' },
    { name: 'g', default: 10, lower: 1, upper: 100, unit: 'm/s^2', description: 'Gravitational acceleration.' },
    { name: 'm', default: 1, lower: 0.1, upper: 10, unit: 'kg', description: 'Mass of the pendulum.' },
    { name: 'l', default: 1, lower: 0.1, upper: 10, unit: 'm', description: 'Length of the pendulum.' },
    { name: 'max_speed', default: 8, lower: 0.8, upper: MAX_SPEED_UPPER, unit: 'rad/s', description: 'Angular speed limit; the velocity is clipped to it.' },
    { name: 'max_torque', default: 2, lower: 0.2, upper: MAX_TORQUE_UPPER, unit: 'N m', description: 'Torque limit; actions are clipped to it.' },
    { name: 'initial_angle_max', default: Math.PI, lower: 0, upper: Math.PI, unit: 'rad', description: 'Start angle is uniform in ±this.' },
    { name: 'initial_velocity_max', default: 1, lower: 0, upper: 8, unit: 'rad/s', description: 'Start angular velocity is uniform in ±this.' },
  ],
  create: () => {
    const s = new Float64Array(2);
    let dt = 0.05, maxSpeed = 8, maxTorque = 2;
    let gravityTerm = 15, torqueTerm = 3;
    const obs = () => Float32Array.of(Math.cos(s[0]), Math.sin(s[0]), s[1]);
    return {
      reset(rng, c, _task, options) {
        dt = c.dt;
        maxSpeed = c.max_speed;
        maxTorque = c.max_torque;
        gravityTerm = (3 * c.g) / (2 * c.l);
        torqueTerm = 3.0 / (c.m * c.l ** 2);
        if (options.state !== undefined) {
          setStartState(s, options.state, ['theta', 'theta_dot']);
        } else {
          s[0] = rng.uniform(-c.initial_angle_max, c.initial_angle_max);
          s[1] = rng.uniform(-c.initial_velocity_max, c.initial_velocity_max);
        }
        return { obs: obs() };
      },
      step(action: FlatArray) {
        const th = s[0], thdot = s[1];
        const u = Math.min(Math.max(action[0], -maxTorque), maxTorque);
        const costs = angleNormalize(th) ** 2 + 0.1 * thdot ** 2 + 0.001 * u ** 2;
        let newthdot = thdot + (gravityTerm * Math.sin(th) + torqueTerm * u) * dt;
        newthdot = Math.min(Math.max(newthdot, -maxSpeed), maxSpeed);
        s[0] = th + newthdot * dt;
        s[1] = newthdot;
        return { obs: obs(), reward: -costs, terminated: false };
      },
    };
  },
});
