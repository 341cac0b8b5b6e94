/**
 * # Acrobot-v1
 *
 * Two links hang from a fixed pivot; torque on the joint between them must swing the free end
 * above a target height. A port of Gymnasium's `AcrobotEnv` ("book" dynamics of Sutton & Barto,
 * fourth-order Runge–Kutta over one step of 0.2 s) with the same float64 arithmetic, so the same
 * start state and actions give the same trajectory.
 *
 * - Action space: `Discrete(3)`: torque −1, 0 or +1 N m on the joint between the links, plus
 *   noise uniform in ±`torque_noise_max` (drawn from the env's seeded generator) when positive.
 * - Observation space: `Box([-1, -1, -1, -1, -4π, -9π], [1, 1, 1, 1, 4π, 9π], (6,), float32)` as in
 *   Gymnasium: cos θ1, sin θ1, cos θ2, sin θ2, θ̇1, θ̇2. θ1 = 0 hangs straight down; θ2 is relative
 *   to link 1. The velocities are clipped to the context's `max_velocity_1/2`; a make whose
 *   context or sampler varies them gets the largest it can draw as the bounds (float32).
 * - Dynamics: one RK4 step of dt = 0.2 s as Gymnasium's `rk4` (state augmented with the torque);
 *   then θ1, θ2 are wrapped into [−π, π] and θ̇1, θ̇2 clipped to ±max_velocity_1/2.
 * - Reward: −1 per step, 0 on the step that reaches the goal.
 * - Start: θ1, θ2 ~ U(initial_angle_lower, initial_angle_upper), θ̇1, θ̇2 ~ U(initial_velocity_lower,
 *   initial_velocity_upper), rounded to float32 as Gymnasium does (±0.1 by default).
 *   `reset({options: {state: [theta1, theta2, theta1_dot, theta2_dot]}})` starts from an exact state.
 * - Episode end: terminated when the free end is more than one first-link length above the pivot,
 *   −l1 cos θ1 − l2 cos(θ1 + θ2) > l1 (Gymnasium: −cos θ1 − cos(θ1 + θ2) > 1, the same with the
 *   default lengths); truncated after 500 steps.
 *
 * ## Context features (CARL names and bounds; torque noise and start bounds chosen here)
 * | name | default | bounds | unit |
 * |---|---|---|---|
 * | link_length_1 | 1 | [0.1, 10] | m |
 * | link_length_2 | 1 | [0.1, 10] | m (enters only the goal height, as in Gymnasium's dynamics) |
 * | link_mass_1 | 1 | [0.1, 10] | kg |
 * | link_mass_2 | 1 | [0.1, 10] | kg |
 * | link_com_1 | 0.5 | [0, 1] | m (pivot to centre of mass of link 1) |
 * | link_com_2 | 0.5 | [0, 1] | m (joint to centre of mass of link 2) |
 * | link_moi | 1 | [0.1, 10] | kg m² (both links) |
 * | max_velocity_1 | 4π | [0.4π, 40π] | rad/s |
 * | max_velocity_2 | 9π | [0.9π, 90π] | rad/s |
 * | torque_noise_max | 0 | [0, 1] | N m |
 * | initial_angle_lower | −0.1 | [−π, 0] | rad |
 * | initial_angle_upper | 0.1 | [0, π] | rad |
 * | initial_velocity_lower | −0.1 | [−1, 0] | rad/s |
 * | initial_velocity_upper | 0.1 | [0, 1] | rad/s |
 *
 * Gravity is 9.8 m/s² as in Gymnasium. The constant products of the dynamics are recomputed from
 * the context at every reset.
 *
 * ## Version history
 * - v1: Gymnasium Acrobot-v1 ("book" dynamics, RK4, 500 steps), with CARL context features;
 *   goal height scaled by the link lengths; velocity bounds follow the largest a make can draw
 *   (they once spanned the largest allowed, for every make).
 */
import { Box, type ContextRange, Discrete, type Rng, defineEnv } from '../../core/index.ts';
import { setStartState } from './start-state.ts';

const DT = 0.2;
const GRAVITY = 9.8;
const AVAIL_TORQUE = [-1.0, 0.0, 1.0];
const MAX_VEL_1_UPPER = 40 * Math.PI;
const MAX_VEL_2_UPPER = 90 * Math.PI;

/** Gymnasium's `wrap`: shifts x by whole periods into [m, M]. */
function wrap(x: number, m: number, M: number): number {
  const diff = M - m;
  while (x > M) x = x - diff;
  while (x < m) x = x + diff;
  return x;
}

/** Context-derived constants of the "book" equations, grouped as Gymnasium evaluates them. */
interface Physics {
  l1: number;
  l2: number;
  I1: number;
  I2: number;
  m2: number;
  /** m1 lc1² */
  m1Lc1Sq: number;
  /** l1² + lc2² */
  l1SqLc2Sq: number;
  /** 2 l1 lc2 */
  twoL1Lc2: number;
  /** lc2² */
  lc2Sq: number;
  /** l1 lc2 */
  l1Lc2: number;
  /** m2 lc2 g */
  m2Lc2G: number;
  /** −m2 l1 lc2 */
  negM2L1Lc2: number;
  /** 2 m2 l1 lc2 */
  twoM2L1Lc2: number;
  /** (m1 lc1 + m2 l1) g */
  m1Lc1M2L1G: number;
  /** m2 l1 lc2 */
  m2L1Lc2: number;
  /** m2 lc2² + I2 */
  m2Lc2SqI2: number;
}

function physicsOf(c: Readonly<Record<string, number>>): Physics {
  const m1 = c.link_mass_1, m2 = c.link_mass_2, l1 = c.link_length_1, lc1 = c.link_com_1, lc2 = c.link_com_2;
  const I = c.link_moi;
  return {
    l1,
    l2: c.link_length_2,
    I1: I,
    I2: I,
    m2,
    m1Lc1Sq: m1 * lc1 ** 2,
    l1SqLc2Sq: l1 ** 2 + lc2 ** 2,
    twoL1Lc2: 2 * l1 * lc2,
    lc2Sq: lc2 ** 2,
    l1Lc2: l1 * lc2,
    m2Lc2G: m2 * lc2 * GRAVITY,
    negM2L1Lc2: -m2 * l1 * lc2,
    twoM2L1Lc2: 2 * m2 * l1 * lc2,
    m1Lc1M2L1G: (m1 * lc1 + m2 * l1) * GRAVITY,
    m2L1Lc2: m2 * l1 * lc2,
    m2Lc2SqI2: m2 * lc2 ** 2 + I,
  };
}

/** Time derivative of [θ1, θ2, θ̇1, θ̇2] under torque `a`, written into `out`. */
function derivatives(p: Physics, y: Float64Array, a: number, out: Float64Array): void {
  const theta1 = y[0], theta2 = y[1], dtheta1 = y[2], dtheta2 = y[3];
  const cos2 = Math.cos(theta2), sin2 = Math.sin(theta2);
  const d1 = p.m1Lc1Sq + p.m2 * (p.l1SqLc2Sq + p.twoL1Lc2 * cos2) + p.I1 + p.I2;
  const d2 = p.m2 * (p.lc2Sq + p.l1Lc2 * cos2) + p.I2;
  const phi2 = p.m2Lc2G * Math.cos(theta1 + theta2 - Math.PI / 2.0);
  const phi1 = p.negM2L1Lc2 * dtheta2 ** 2 * sin2 - p.twoM2L1Lc2 * dtheta2 * dtheta1 * sin2 + p.m1Lc1M2L1G * Math.cos(theta1 - Math.PI / 2) + phi2;
  const ddtheta2 = (a + (d2 / d1) * phi1 - p.m2L1Lc2 * dtheta1 ** 2 * sin2 - phi2) / (p.m2Lc2SqI2 - d2 ** 2 / d1);
  const ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
  out[0] = dtheta1;
  out[1] = dtheta2;
  out[2] = ddtheta1;
  out[3] = ddtheta2;
}

export default defineEnv({
  id: 'Acrobot-v1',
  description: 'Swing the end of a two-link pendulum above a bar by torquing the middle joint (Gymnasium Acrobot-v1 dynamics).',
  observationSpace: (_args, range: ContextRange) => {
    const high = [1, 1, 1, 1, range.max_velocity_1[1], range.max_velocity_2[1]].map(Math.fround);
    return new Box({ low: high.map((v) => -v), high, dtype: 'float32' });
  },
  actionSpace: new Discrete(3),
  maxEpisodeSteps: 500,
  context: [
    { name: 'link_length_1', default: 1, lower: 0.1, upper: 10, unit: 'm', description: 'Length of link 1.' },
    { name: 'link_length_2', default: 1, lower: 0.1, upper: 10, unit: 'm', description: 'Length of link 2 (sets the goal height).' },
    { name: 'link_mass_1', default: 1, lower: 0.1, upper: 10, unit: 'kg', description: 'Mass of link 1.' },
    { name: 'link_mass_2', default: 1, lower: 0.1, upper: 10, unit: 'kg', description: 'Mass of link 2.' },
    { name: 'link_com_1', default: 0.5, lower: 0, upper: 1, unit: 'm', description: 'Position of the centre of mass of link 1.' },
    { name: 'link_com_2', default: 0.5, lower: 0, upper: 1, unit: 'm', description: 'Position of the centre of mass of link 2.' },
    { name: 'link_moi', default: 1, lower: 0.1, upper: 10, unit: 'kg m^2', description: 'Moment of inertia of each link.' },
    { name: 'max_velocity_1', default: 4 * Math.PI, lower: 0.4 * Math.PI, upper: MAX_VEL_1_UPPER, unit: 'rad/s', description: 'Angular speed limit of joint 1.' },
    { name: 'max_velocity_2', default: 9 * Math.PI, lower: 0.9 * Math.PI, upper: MAX_VEL_2_UPPER, unit: 'rad/s', description: 'Angular speed limit of joint 2.' },
    { name: 'torque_noise_max', default: 0, lower: 0, upper: 1, unit: 'N m', description: 'Torque noise is uniform in ±this.' },
    { name: 'initial_angle_lower', default: -0.1, lower: -Math.PI, upper: 0, unit: 'rad', description: 'Lower limit of the uniform start angles.' },
    { name: 'initial_angle_upper', default: 0.1, lower: 0, upper: Math.PI, unit: 'rad', description: 'Upper limit of the uniform start angles.' },
    { name: 'initial_velocity_lower', default: -0.1, lower: -1, upper: 0, unit: 'rad/s', description: 'Lower limit of the uniform start angular velocities.' },
    { name: 'initial_velocity_upper', default: 0.1, lower: 0, upper: 1, unit: 'rad/s', description: 'Upper limit of the uniform start angular velocities.' },
  ],
  create: () => {
    const s = new Float64Array(4);
    const k1 = new Float64Array(4), k2 = new Float64Array(4), k3 = new Float64Array(4), k4 = new Float64Array(4);
    const y = new Float64Array(4);
    let p: Physics | undefined;
    let maxVel1 = 4 * Math.PI, maxVel2 = 9 * Math.PI, torqueNoiseMax = 0;
    let noiseRng: Rng | undefined;
    const obs = () => Float32Array.of(Math.cos(s[0]), Math.sin(s[0]), Math.cos(s[1]), Math.sin(s[1]), s[2], s[3]);
    return {
      reset(rng, c, _task, options) {
        p = physicsOf(c);
        maxVel1 = c.max_velocity_1;
        maxVel2 = c.max_velocity_2;
        torqueNoiseMax = c.torque_noise_max;
        noiseRng = rng;
        if (options.state !== undefined) {
          setStartState(s, options.state, ['theta1', 'theta2', 'theta1_dot', 'theta2_dot']);
        } else {
          s[0] = Math.fround(rng.uniform(c.initial_angle_lower, c.initial_angle_upper));
          s[1] = Math.fround(rng.uniform(c.initial_angle_lower, c.initial_angle_upper));
          s[2] = Math.fround(rng.uniform(c.initial_velocity_lower, c.initial_velocity_upper));
          s[3] = Math.fround(rng.uniform(c.initial_velocity_lower, c.initial_velocity_upper));
        }
        return { obs: obs() };
      },
      step(action: number) {
        const phys = p!;
        let torque = AVAIL_TORQUE[action];
        if (torqueNoiseMax > 0) torque += noiseRng!.uniform(-torqueNoiseMax, torqueNoiseMax);
        // one RK4 step from t = 0 to t = DT, as Gymnasium's rk4(derivs, y0, [0, dt])
        const dt2 = DT / 2.0;
        derivatives(phys, s, torque, k1);
        for (let i = 0; i < 4; i++) y[i] = s[i] + dt2 * k1[i];
        derivatives(phys, y, torque, k2);
        for (let i = 0; i < 4; i++) y[i] = s[i] + dt2 * k2[i];
        derivatives(phys, y, torque, k3);
        for (let i = 0; i < 4; i++) y[i] = s[i] + DT * k3[i];
        derivatives(phys, y, torque, k4);
        for (let i = 0; i < 4; i++) s[i] = s[i] + (DT / 6.0) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        s[0] = wrap(s[0], -Math.PI, Math.PI);
        s[1] = wrap(s[1], -Math.PI, Math.PI);
        s[2] = Math.min(Math.max(s[2], -maxVel1), maxVel1);
        s[3] = Math.min(Math.max(s[3], -maxVel2), maxVel2);
        const terminated = -phys.l1 * Math.cos(s[0]) - phys.l2 * Math.cos(s[1] + s[0]) > phys.l1;
        return { obs: obs(), reward: terminated ? 0.0 : -1.0, terminated };
      },
    };
  },
});
