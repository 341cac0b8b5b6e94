/**
 * # Walker2d-v0
 *
 * A planar two-legged walker (torso; right thigh, leg, foot; left thigh, leg, foot) rebuilt in
 * Rapier from the geometry of Gymnasium's `walker2d.xml` (capsules of density 1000 kg/m³, joint
 * ranges, damping 0.1, armature 0.01, gears 100, foot friction 0.9 right and 1.9 left). Walk
 * forward without falling.
 *
 * - Action space: `Box(-1, 1, (6,), float32)` — torques on thigh, leg, foot, thigh_left,
 *   leg_left, foot_left, each `ctrl × 100 × actuator_strength` N·m.
 * - Observation space: `Box(-inf, inf, (17,), float64)` — Gymnasium v4's `qpos[1:]` (torso z,
 *   torso angle, six joint angles) then `clip(qvel, −10, 10)` (root x/z velocity, root angular
 *   velocity, six joint velocities).
 * - Reward: `1 + forward_velocity − 0.001 · ‖a‖²` (Gymnasium v4: healthy_reward 1,
 *   forward_reward_weight 1, ctrl_cost_weight 1e-3; forward velocity = Δx / 0.008 s).
 * - Start: reference pose (torso at 1.25 m) with `qpos, qvel += U(−0.005, 0.005)` per coordinate.
 * - Episode end: terminated when unhealthy, Gymnasium v4's rule: healthy iff `0.8 < z < 2.0`
 *   and `−1 < angle < 1` (z = qpos[1], angle = qpos[2]); truncated after 1000 steps. With
 *   `args.terminate_when_unhealthy = false` the episode runs on and the healthy reward is paid
 *   only while healthy.
 * - Time: 0.008 s per env step as Gymnasium (0.002 s × frame skip 4), simulated by `substeps`
 *   Rapier steps (default one 0.008 s step with 8 solver iterations: the 10k-step stability
 *   test holds there; with 4 iterations joints overshoot their limits by up to 0.16 rad).
 * - Info: `x_position`, `x_velocity`, `healthy`; with `args.poses` also `poses`.
 *
 * ## Context features (defaults; bounds)
 * gravity 9.81 [0.1, 100] m/s²; friction_scale 1 [0.05, 10]; joint_damping_scale 1 [0, 10];
 * actuator_strength 1 [0.1, 10]; torso/thigh/leg/foot/thigh_left/leg_left/foot_left
 * `_mass_scale` 1 [0.1, 10] (see physics-context.ts).
 *
 * ## Differences from MuJoCo
 * Hard contacts and joint limits, armature as extra segment inertia, segments collide with the
 * floor only (the legs pass through each other), semi-implicit Euler instead of RK4.
 *
 * ## Version history
 * - v0: Gymnasium Walker2d-v4 shapes, reward, termination and reset noise on a Rapier body.
 */
import { defineEnv } from '../../core/index.ts';
import { physicsFeatures } from './physics-context.ts';
import { type HingeJoint, type PlanarBodySpec, type Segment, capsuleAt, degreeRange } from './planar-body.ts';
import { healthyLocomotionParts, planarArgs, planarInstance, planarSimFactory, planarSpaces, terminateArg } from './planar-sim.ts';

const hinge = (anchor: [number, number], range: [number, number]): HingeJoint => ({ anchor, axisSign: -1, range: degreeRange(range), stiffness: 0, damping: 0.1, armature: 0.01, gear: 100 });

/** One leg of walker2d.xml hanging from the torso (segment 0); `first` is the thigh's index. */
const leg = (suffix: string, first: number, footFriction: number): Segment[] => [
  { name: `thigh${suffix}`, parent: 0, pos: [0, -0.2], geoms: [capsuleAt([0, -0.225], 0, 0.225, 0.05, 0.9)], joint: hinge([0, 0], [-150, 0]) },
  { name: `leg${suffix}`, parent: first, pos: [0, -0.7], geoms: [capsuleAt([0, 0], 0, 0.25, 0.04, 0.9)], joint: hinge([0, 0.25], [-150, 0]) },
  { name: `foot${suffix}`, parent: first + 1, pos: [0.2, -0.35], geoms: [capsuleAt([-0.1, 0.1], -Math.PI / 2, 0.1, 0.06, footFriction)], joint: hinge([-0.2, 0.1], [-45, 45]) },
];

/** Segments of Gymnasium's walker2d.xml (positions in the parent's frame, metres). */
export const WALKER2D_SEGMENTS: readonly Segment[] = [
  { name: 'torso', pos: [0, 1.25], geoms: [capsuleAt([0, 0], 0, 0.2, 0.05, 0.9)] },
  ...leg('', 1, 0.9),
  ...leg('_left', 4, 1.9),
];

export const WALKER2D_DT = 0.008;
export const WALKER2D_SUBSTEPS = 1;
export const WALKER2D_SOLVER_ITERATIONS = 8;

export const walker2dSpec = (substeps: number, solverIterations: number): PlanarBodySpec => ({ segments: WALKER2D_SEGMENTS, density: 1000, rootZRef: 1.25, envDt: WALKER2D_DT, substeps, solverIterations });

export const walker2dFeatures = physicsFeatures({ gravity: 9.81, segments: WALKER2D_SEGMENTS.map((s) => s.name), stiffness: false });

export const createWalker2dSim = planarSimFactory(walker2dSpec, { kind: 'uniform', scale: 5e-3 });

/** Gymnasium v4's Walker2d health rule: 0.8 < z < 2.0 and −1 < angle < 1. */
export function walker2dIsHealthy(qpos: ArrayLike<number>): boolean {
  const z = qpos[1], angle = qpos[2];
  return z > 0.8 && z < 2.0 && angle > -1 && angle < 1;
}

export default defineEnv({
  id: 'Walker2d-v0',
  description: 'Planar two-legged walker (Gymnasium Walker2d-v4 shapes, reward and termination, Rapier physics).',
  args: { ...planarArgs(WALKER2D_SUBSTEPS, WALKER2D_SOLVER_ITERATIONS), ...terminateArg },
  ...planarSpaces(17, 6),
  context: walker2dFeatures,
  create: (args) => planarInstance(createWalker2dSim(args), args, healthyLocomotionParts((sim) => walker2dIsHealthy(sim.qpos), args.terminate_when_unhealthy)),
});
