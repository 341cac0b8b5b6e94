/**
 * # MountainCar-v0
 *
 * An underpowered car in a sinusoidal valley must rock back and forth to reach the flag on the
 * right hill (Moore 1990). A port of Gymnasium's `MountainCarEnv` with the same float64
 * arithmetic, so the same start state and actions give the same trajectory.
 *
 * - Action space: `Discrete(3)`: 0 accelerates left, 1 does nothing, 2 accelerates right.
 * - Observation space: `Box([-1.2, -0.07], [0.6, 0.07], (2,), float32)` as in Gymnasium: position,
 *   velocity, clipped to the context's `[min_position, max_position]` and `±max_speed`. A make
 *   whose context or sampler varies them gets the widest walls and speed it can draw (a start
 *   velocity beyond `max_speed` widens the velocity bound too).
 * - Dynamics: v' = clip(v + (a − 1)·force − cos(3x)·gravity, ±max_speed), x' = clip(x + v',
 *   [min_position, max_position]); hitting the left wall with v' < 0 sets v' = 0.
 * - Reward: −1 per step.
 * - Start: x ~ U(min_position_start, max_position_start), v ~ U(min_velocity_start,
 *   max_velocity_start) (Gymnasium: x ~ U(−0.6, −0.4), v = 0).
 *   `reset({options: {state: [position, velocity]}})` starts from an exact state.
 * - Episode end: terminated when x ≥ goal_position and v ≥ goal_velocity; truncated after 200 steps.
 *
 * ## Context features (CARL names; defaults as Gymnasium; bounds chosen here)
 * | name | default | bounds | unit |
 * |---|---|---|---|
 * | force | 0.001 | [0.0001, 0.01] | velocity change per step of a push |
 * | gravity | 0.0025 | [0.00025, 0.025] | velocity change per step from the slope |
 * | max_speed | 0.07 | [0.007, 0.7] | position units per step |
 * | goal_position | 0.5 | [0.1, 0.6] | position |
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
 * (CARL's MountainCar defaults goal_position to 0.45, the continuous version's value; Gymnasium's
 * 0.5 is used here.)
 *
 * ## Version history
 * - v0: Gymnasium MountainCar-v0 dynamics, limits and spaces, with CARL context features;
 *   observation bounds follow the widest positions and speed a make can draw (they once spanned
 *   the widest allowed, for every make).
 */
import { Discrete, defineEnv } from '../../core/index.ts';
import { type Track, startOnTrack, trackFeatures, trackObservationSpace } from './mountain-car-track.ts';


export default defineEnv({
  id: 'MountainCar-v0',
  description: 'Drive an underpowered car up a steep hill by building momentum (Gymnasium MountainCar-v0 dynamics).',
  observationSpace: trackObservationSpace,
  actionSpace: new Discrete(3),
  maxEpisodeSteps: 200,
  context: [
    { name: 'force', default: 0.001, lower: 0.0001, upper: 0.01, description: 'Velocity change per step of a push.' },
    ...trackFeatures(0.5),
  ],
  create: () => {
    const s = new Float64Array(2);
    let force: number;
    let track: Track;
    const obs = () => Float32Array.of(s[0], s[1]);
    return {
      reset(rng, c, _task, options) {
        force = c.force;
        track = startOnTrack(s, rng, c, options.state);
        return { obs: obs() };
      },
      step(action: number) {
        const { gravity, maxSpeed, goalPosition, goalVelocity, minPosition, maxPosition } = track;
        let position = s[0], velocity = s[1];
        velocity += (action - 1) * force + Math.cos(3 * position) * -gravity;
        velocity = Math.min(Math.max(velocity, -maxSpeed), maxSpeed);
        position += velocity;
        position = Math.min(Math.max(position, minPosition), maxPosition);
        if (position === minPosition && velocity < 0) velocity = 0;
        s[0] = position;
        s[1] = velocity;
        const terminated = position >= goalPosition && velocity >= goalVelocity;
        return { obs: obs(), reward: -1.0, terminated };
      },
    };
  },
});
