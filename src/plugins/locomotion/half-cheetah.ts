/**
 * # HalfCheetah-v0
 *
 * A planar two-legged "cheetah" (torso with head, back thigh/shin/foot, front thigh/shin/foot)
 * rebuilt in Rapier from the geometry of Gymnasium's `half_cheetah.xml` (total mass 14 kg, joint
 * ranges, springs, damping and gears as in the model). Run forward as fast as possible.
 *
 * - Action space: `Box(-1, 1, (6,), float32)` — torques on bthigh, bshin, bfoot, fthigh, fshin,
 *   ffoot, each `ctrl × gear × actuator_strength` with gears 120, 90, 60, 120, 60, 30 N·m.
 * - Observation space: `Box(-inf, inf, (17,), float64)` — Gymnasium v4's `qpos[1:]` (root z
 *   relative to the start height, root angle, six joint angles) then `qvel` (root x/z velocity,
 *   root angular velocity, six joint velocities).
 * - Reward: `forward_velocity − 0.1 · ‖a‖²`, forward velocity = Δx of the torso / 0.05 s
 *   (Gymnasium v4: forward_reward_weight 1, ctrl_cost_weight 0.1).
 * - Start: reference pose with `qpos += U(−0.1, 0.1)` and `qvel += 0.1 · N(0, 1)` per coordinate
 *   (Gymnasium's reset_noise_scale 0.1), drawn from the episode's seeded rng.
 * - Episode end: never terminates; truncated after 1000 steps.
 * - Time: 0.05 s per env step as Gymnasium (0.01 s × frame skip 5), simulated by `substeps`
 *   Rapier steps (default 5 × 0.01 s, MuJoCo's own step; the stability test in the test suite covers the default).
 * - Info: `x_position`, `x_velocity`, `reward_run`, `reward_ctrl`; with `args.poses` also
 *   `poses` (per segment x, y, z, qx, qy, qz, qw in world coordinates, z up).
 *
 * ## Context features (defaults; bounds)
 * gravity 9.81 [0.1, 100] m/s²; friction_scale 1 [0.05, 10]; joint_damping_scale 1 [0, 10];
 * joint_stiffness_scale 1 [0, 10]; actuator_strength 1 [0.1, 10]; torso/bthigh/bshin/bfoot/
 * fthigh/fshin/ffoot `_mass_scale` 1 [0.1, 10] (see physics-context.ts).
 *
 * ## Differences from MuJoCo
 * Rapier contacts and joint limits are hard (MuJoCo's are soft), joint springs/damping are
 * implicit motors, segments collide only with the floor. Returns are comparable in scale, not
 * equal, to Gymnasium's.
 *
 * ## Version history
 * - v0: Gymnasium HalfCheetah-v4 shapes, rewards and reset noise on a Rapier body.
 */
import { Box, defineEnv } from '../../core/index.ts';
import { physicsFeatures } from './physics-context.ts';
import { type HingeJoint, type PlanarBodySpec, type Segment, capsuleAt } from './planar-body.ts';
import { type PlanarArgs, PlanarSim, planarArgs, sumOfSquares } from './planar-sim.ts';

const R = 0.046;
const FRICTION = 0.4;
const hinge = (range: [number, number], stiffness: number, damping: number, gear: number): HingeJoint => ({
  anchor: [0, 0],
  axisSign: 1,
  range,
  stiffness,
  damping,
  armature: 0.1,
  gear,
});

/** Segments of Gymnasium's half_cheetah.xml (positions in the parent's frame, metres). */
export const HALF_CHEETAH_SEGMENTS: readonly Segment[] = [
  {
    name: 'torso',
    pos: [0, 0.7],
    geoms: [{ from: [-0.5, 0], to: [0.5, 0], radius: R, friction: FRICTION }, capsuleAt([0.6, 0.1], 0.87, 0.15, R, FRICTION)],
  },
  { name: 'bthigh', parent: 0, pos: [-0.5, 0], geoms: [capsuleAt([0.1, -0.13], -3.8, 0.145, R, FRICTION)], joint: hinge([-0.52, 1.05], 240, 6, 120) },
  { name: 'bshin', parent: 1, pos: [0.16, -0.25], geoms: [capsuleAt([-0.14, -0.07], -2.03, 0.15, R, FRICTION)], joint: hinge([-0.785, 0.785], 180, 4.5, 90) },
  { name: 'bfoot', parent: 2, pos: [-0.28, -0.14], geoms: [capsuleAt([0.03, -0.097], -0.27, 0.094, R, FRICTION)], joint: hinge([-0.4, 0.785], 120, 3, 60) },
  { name: 'fthigh', parent: 0, pos: [0.5, 0], geoms: [capsuleAt([-0.07, -0.12], 0.52, 0.133, R, FRICTION)], joint: hinge([-1, 0.7], 180, 4.5, 120) },
  { name: 'fshin', parent: 4, pos: [-0.14, -0.24], geoms: [capsuleAt([0.065, -0.09], -0.6, 0.106, R, FRICTION)], joint: hinge([-1.2, 0.87], 120, 3, 60) },
  { name: 'ffoot', parent: 5, pos: [0.13, -0.18], geoms: [capsuleAt([0.045, -0.07], -0.6, 0.07, R, FRICTION)], joint: hinge([-0.5, 0.5], 60, 1.5, 30) },
];

export const HALF_CHEETAH_DT = 0.05;
const SEGMENT_NAMES = HALF_CHEETAH_SEGMENTS.map((s) => s.name);

export function halfCheetahSpec(substeps: number, solverIterations: number): PlanarBodySpec {
  return { segments: HALF_CHEETAH_SEGMENTS, density: 1000, totalMass: 14, rootZRef: 0, envDt: HALF_CHEETAH_DT, substeps, solverIterations };
}

export const halfCheetahFeatures = physicsFeatures({ gravity: 9.81, segments: SEGMENT_NAMES, stiffness: true });

/** Rapier steps per env step and solver iterations chosen for the cheetah (see the stability test). */
export const HALF_CHEETAH_SUBSTEPS = 5;
export const HALF_CHEETAH_SOLVER_ITERATIONS = 4;

export function createCheetahSim(args: PlanarArgs): PlanarSim {
  return new PlanarSim(halfCheetahSpec(args.substeps, args.solver_iterations), { kind: 'cheetah', scale: 0.1 });
}

const observe = (sim: PlanarSim) => {
  const o = new Float64Array(17);
  o.set(sim.qpos.subarray(1));
  o.set(sim.qvel, 8);
  return o;
};

export default defineEnv({
  id: 'HalfCheetah-v0',
  description: 'Planar cheetah running forward (Gymnasium HalfCheetah-v4 shapes and rewards, Rapier physics).',
  args: planarArgs(HALF_CHEETAH_SUBSTEPS, HALF_CHEETAH_SOLVER_ITERATIONS),
  observationSpace: new Box({ low: -Infinity, high: Infinity, shape: [17], dtype: 'float64' }),
  actionSpace: new Box({ low: -1, high: 1, shape: [6], dtype: 'float32' }),
  maxEpisodeSteps: 1000,
  context: halfCheetahFeatures,
  create: (args) => {
    const sim = createCheetahSim(args);
    return {
      reset(rng, c, _task, options) {
        sim.reset(rng, c, options.state);
        return { obs: observe(sim), info: { x_position: sim.qpos[0] } };
      },
      step(action: Float32Array) {
        const xVelocity = sim.advance(action);
        const cost = 0.1 * sumOfSquares(action);
        const info: Record<string, unknown> = { x_position: sim.qpos[0], x_velocity: xVelocity, reward_run: xVelocity, reward_ctrl: -cost };
        if (args.poses) info.poses = sim.body.poses();
        return { obs: observe(sim), reward: xVelocity - cost, terminated: false, info };
      },
      close() {
        sim.close();
      },
    };
  },
});
