/**
 * # MountainCarContinuous-v0
 *
 * The mountain car with a continuous throttle: reach the flag on the right hill while spending
 * little energy. A port of Gymnasium's `Continuous_MountainCarEnv`, so the same start state and
 * actions give the same trajectory. As in Gymnasium, the state is stored as float32 after every
 * step (the arithmetic within a step is float64) and the start state is float64.
 *
 * - Action space: `Box(-1, 1, (1,), float32)`: throttle; the force is action × `power`.
 * - Observation space: `Box([-1.2, -0.07], [0.6, 0.07], (2,), float32)` as in Gymnasium: position,
 *   velocity, clipped to the context's `[min_position, max_position]` and `±max_speed`. A make
 *   whose context or sampler varies them gets the widest walls and speed it can draw (a start
 *   velocity beyond `max_speed` widens the velocity bound too).
 * - Dynamics: v' = clip(v + a·power − gravity·cos(3x), ±max_speed), x' = clip(x + v',
 *   [min_position, max_position]); hitting the left wall with v' < 0 sets v' = 0.
 * - Reward: −0.1·a² per step, plus 100 on the step that reaches the goal.
 * - Start: x ~ U(min_position_start, max_position_start), v ~ U(min_velocity_start,
 *   max_velocity_start) (Gymnasium: x ~ U(−0.6, −0.4), v = 0).
 *   `reset({options: {state: [position, velocity]}})` starts from an exact state.
 * - Episode end: terminated when x ≥ goal_position and v ≥ goal_velocity; truncated after 999 steps.
 *
 * ## Context features (CARL names; defaults as Gymnasium; bounds chosen here)
 * | name | default | bounds | unit |
 * |---|---|---|---|
 * | power | 0.0015 | [0.00015, 0.015] | velocity change per step at full throttle |
 * | gravity | 0.0025 | [0.00025, 0.025] | velocity change per step from the slope (a constant in Gymnasium and CARL) |
 * | max_speed | 0.07 | [0.007, 0.7] | position units per step |
 * | goal_position | 0.45 | [0.1, 0.6] | position |
 * | goal_velocity | 0 | [−0.07, 0.07] | position units per step (above max_speed it cannot be reached) |
 * | min_position | −1.2 | [−1.6, −1.0] | position (left wall) |
 * | max_position | 0.6 | [0.6, 1.2] | position (right limit) |
 * | min_position_start | −0.6 | [−1.0, −0.5] | position |
 * | max_position_start | −0.4 | [−0.5, 0.0] | position |
 * | min_velocity_start | 0 | [−0.07, 0] | position units per step |
 * | max_velocity_start | 0 | [0, 0.07] | position units per step |
 *
 * The bounds keep every context consistent: left wall ≤ start range ≤ goal ≤ right limit, and
 * each lower start limit ≤ its upper limit. Positive quantities range over 0.1×–10× the default.
 * (CARL's continuous version defaults goal_position to 0.5; Gymnasium's 0.45 is used here.)
 *
 * ## Version history
 * - v0: Gymnasium MountainCarContinuous-v0 dynamics, reward and limits, with CARL context
 *   features and gravity; observation bounds follow the widest positions and speed a make can
 *   draw (they once spanned the widest allowed, for every make).
 */
import { Box, type FlatArray, defineEnv } from '../../core/index.ts';
import { type Track, startOnTrack, trackFeatures, trackObservationSpace } from './mountain-car-track.ts';

const MIN_ACTION = -1.0;
const MAX_ACTION = 1.0;

export default defineEnv({
  id: 'MountainCarContinuous-v0',
  description: 'Drive an underpowered car up a hill with a continuous throttle, paying for energy (Gymnasium MountainCarContinuous-v0 dynamics).',
  observationSpace: trackObservationSpace,
  actionSpace: new Box({ low: MIN_ACTION, high: MAX_ACTION, shape: [1], dtype: 'float32' }),
  maxEpisodeSteps: 999,
  context: [
    { name: 'power', default: 0.0015, lower: 0.00015, upper: 0.015, description: 'Velocity change per step at full throttle.' },
    ...trackFeatures(0.45),
  ],
  create: () => {
    const s = new Float64Array(2);
    let power: number;
    let track: Track;
    const obs = () => Float32Array.of(s[0], s[1]);
    return {
      reset(rng, c, _task, options) {
        power = c.power;
        track = startOnTrack(s, rng, c, options.state);
        return { obs: obs() };
      },
      step(action: FlatArray) {
        const a = action[0];
        const { gravity, maxSpeed, goalPosition, goalVelocity, minPosition, maxPosition } = track;
        let position = s[0], velocity = s[1];
        const force = Math.min(Math.max(a, MIN_ACTION), MAX_ACTION);
        velocity += force * power - gravity * Math.cos(3 * position);
        if (velocity > maxSpeed) velocity = maxSpeed;
        if (velocity < -maxSpeed) velocity = -maxSpeed;
        position += velocity;
        if (position > maxPosition) position = maxPosition;
        if (position < minPosition) position = minPosition;
        if (position === minPosition && velocity < 0) velocity = 0;
        const terminated = position >= goalPosition && velocity >= goalVelocity;
        let reward = terminated ? 100.0 : 0;
        reward -= a ** 2 * 0.1;
        // Gymnasium keeps the state as a float32 array between steps
        s[0] = Math.fround(position);
        s[1] = Math.fround(velocity);
        return { obs: obs(), reward, terminated };
      },
    };
  },
});
