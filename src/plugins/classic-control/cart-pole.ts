/**
 * # CartPole-v1
 *
 * A pole is hinged to a cart that moves along a frictionless track; push the cart left or right
 * to keep the pole upright. A port of Gymnasium's `CartPoleEnv` (Barto, Sutton & Anderson 1983)
 * with the same float64 arithmetic, so the same start state and actions give the same trajectory.
 *
 * - Action space: `Discrete(2)` — 0 pushes the cart left, 1 pushes it right, with `force_mag`.
 * - Observation space: `Box([-4.8, -3.4e38, -0.4189, -3.4e38], [4.8, 3.4e38, 0.4189, 3.4e38], (4,), float32)`
 *   (the velocity bounds are the largest float32, as Gymnasium's):
 *   cart position, cart velocity, pole angle (rad), pole angular velocity.
 * - Reward: +1 for every step, including the step that terminates.
 * - Start: every state variable uniform in [initial_state_lower, initial_state_upper]
 *   (±0.05). `reset({options: {state: [x, x_dot, theta, theta_dot]}})` starts from an exact state.
 * - Episode end: terminated when |x| > 2.4 or |theta| > 12°; truncated after 500 steps.
 *   As in Gymnasium, the observation bounds are twice the termination thresholds; with large
 *   tau, force_mag or gravity the terminating observation can lie past them (no finite bound
 *   covers every allowed context), while every non-terminal observation stays inside; the env
 *   checker accepts such a terminating observation when it is finite.
 * - Dynamics: semi-implicit form of Florian (2007) as in Gymnasium, explicit Euler integration.
 *
 * ## Context features (CARL defaults; bounds)
 * | name | default | bounds | unit |
 * |---|---|---|---|
 * | gravity | 9.8 | [0.1, ∞) | m/s² |
 * | masscart | 1.0 | [0.1, 10] | kg |
 * | masspole | 0.1 | [0.01, 1] | kg |
 * | length | 0.5 | [0.05, 5] | m (half the pole length) |
 * | force_mag | 10 | [1, 100] | N |
 * | tau | 0.02 | [0.002, 0.2] | s |
 * | initial_state_lower | −0.05 | [−0.2, 0] | (chosen here: beyond ±0.2 the pole may start past 12°) |
 * | initial_state_upper | 0.05 | [0, 0.2] | |
 *
 * Total mass and `masspole × length` are recomputed from the context at every reset (CARL's
 * CartPole kept a stale total mass when `masscart` changed).
 *
 * ## Version history
 * - v1: Gymnasium CartPole-v1 dynamics and limits, with CARL context features.
 */
import { Box, Discrete, defineEnv } from '../../core/index.ts';
import { setStartState } from './start-state.ts';

const X_THRESHOLD = 2.4;
const THETA_THRESHOLD = (12 * 2 * Math.PI) / 360;
/** Largest finite float32, Gymnasium's `np.finfo(np.float32).max` bound for the velocities. */
const FLOAT32_MAX = 3.4028234663852886e38;
/** Gymnasium's bounds as float32, so every float32 observation of a live state is inside. */
const HIGH = [X_THRESHOLD * 2, FLOAT32_MAX, THETA_THRESHOLD * 2, FLOAT32_MAX].map(Math.fround);

export default defineEnv({
  id: 'CartPole-v1',
  description: 'Balance a pole on a cart by pushing it left or right (Gymnasium CartPole-v1 dynamics).',
  observationSpace: new Box({ low: HIGH.map((v) => -v), high: HIGH, dtype: 'float32' }),
  actionSpace: new Discrete(2),
  maxEpisodeSteps: 500,
  // see "Episode end" above: the terminating observation can step past the threshold-derived bounds
  terminalObservationMayLeaveSpace: true,
  context: [
    { name: 'gravity', default: 9.8, lower: 0.1, upper: Infinity, unit: 'm/s^2', description: 'Gravitational acceleration.' },
    { name: 'masscart', default: 1.0, lower: 0.1, upper: 10, unit: 'kg', description: 'Mass of the cart.' },
    { name: 'masspole', default: 0.1, lower: 0.01, upper: 1, unit: 'kg', description: 'Mass of the pole.' },
    { name: 'length', default: 0.5, lower: 0.05, upper: 5, unit: 'm', description: 'Half the length of the pole.' },
    { name: 'force_mag', default: 10, lower: 1, upper: 100, unit: 'N', description: 'Force of one push.' },
    { name: 'tau', default: 0.02, lower: 0.002, upper: 0.2, unit: 's', description: 'Seconds between state updates.' },
    { name: 'initial_state_lower', default: -0.05, lower: -0.2, upper: 0, description: 'Lower limit of the uniform start state.' },
    { name: 'initial_state_upper', default: 0.05, lower: 0, upper: 0.2, description: 'Upper limit of the uniform start state.' },
  ],
  create: () => {
    const s = new Float64Array(4);
    let gravity = 9.8, masspole = 0.1, totalMass = 1.1, length = 0.5, polemassLength = 0.05, forceMag = 10, tau = 0.02;
    let terminatedBefore = false;
    const obs = () => Float32Array.of(s[0], s[1], s[2], s[3]);
    const advance = (action: number) => {
      const x = s[0], xDot = s[1], theta = s[2], thetaDot = s[3];
      const force = action === 1 ? forceMag : -forceMag;
      const costheta = Math.cos(theta);
      const sintheta = Math.sin(theta);
      const temp = (force + polemassLength * thetaDot ** 2 * sintheta) / totalMass;
      const thetaacc = (gravity * sintheta - costheta * temp) / (length * (4.0 / 3.0 - (masspole * costheta ** 2) / totalMass));
      const xacc = temp - (polemassLength * thetaacc * costheta) / totalMass;
      s[0] = x + tau * xDot;
      s[1] = xDot + tau * xacc;
      s[2] = theta + tau * thetaDot;
      s[3] = thetaDot + tau * thetaacc;
      const terminated = s[0] < -X_THRESHOLD || s[0] > X_THRESHOLD || s[2] < -THETA_THRESHOLD || s[2] > THETA_THRESHOLD;
      // Gymnasium: 1 while alive and on the terminating step, 0 if stepped past termination
      const reward = terminatedBefore ? 0 : 1;
      terminatedBefore ||= terminated;
      return { reward, terminated };
    };
    return {
      reset(rng, c, _task, options) {
        gravity = c.gravity;
        masspole = c.masspole;
        totalMass = c.masspole + c.masscart;
        length = c.length;
        polemassLength = c.masspole * c.length;
        forceMag = c.force_mag;
        tau = c.tau;
        if (options.state !== undefined) {
          setStartState(s, options.state, ['x', 'x_dot', 'theta', 'theta_dot']);
        } else {
          for (let i = 0; i < 4; i++) s[i] = rng.uniform(c.initial_state_lower, c.initial_state_upper);
        }
        terminatedBefore = false;
        return { obs: obs() };
      },
      step(action: number) {
        const { reward, terminated } = advance(action);
        return { obs: obs(), reward, terminated };
      },
      stepInto(action: number, out, offset) {
        const result = advance(action);
        out[offset] = s[0];
        out[offset + 1] = s[1];
        out[offset + 2] = s[2];
        out[offset + 3] = s[3];
        return result;
      },
    };
  },
});
