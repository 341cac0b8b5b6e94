/**
 * # Hopper-v0
 *
 * A planar one-legged hopper (torso, thigh, leg, foot) rebuilt in Rapier from the geometry of
 * Gymnasium's `hopper.xml` (capsules of density 1000 kg/m³, joint ranges, damping 1, armature 1,
 * gears 200). Hop forward without falling.
 *
 * - Action space: `Box(-1, 1, (3,), float32)` — torques on the thigh, leg and foot joints,
 *   each `ctrl × 200 × actuator_strength` N·m.
 * - Observation space: `Box(-inf, inf, (11,), float64)` — Gymnasium v4's `qpos[1:]` (torso z,
 *   torso angle, three joint angles) then `clip(qvel, −10, 10)` (root x/z velocity, root angular
 *   velocity, three joint velocities).
 * - Reward: `1 + forward_velocity − 0.001 · ‖a‖²` (Gymnasium v4: healthy_reward 1, paid on every
 *   step because the episode ends when unhealthy; forward velocity = Δx / 0.008 s).
 * - Start: reference pose (torso at 1.25 m) with `qpos, qvel += U(−0.005, 0.005)` per coordinate.
 * - Episode end: terminated when unhealthy, exactly Gymnasium v4's rule: healthy iff every entry
 *   of `(qpos[2:], qvel)` is strictly inside (−100, 100), `0.7 < z`, and `−0.2 < angle < 0.2`
 *   (z = qpos[1], angle = qpos[2]); truncated after 1000 steps. With
 *   `args.terminate_when_unhealthy = false` (Gymnasium's option of that name) the episode runs
 *   on and the healthy reward is paid only while healthy.
 * - Time: 0.008 s per env step as Gymnasium (0.002 s × frame skip 4), simulated by `substeps`
 *   Rapier steps (default one 0.008 s step with 4 solver iterations: the 10k-step stability
 *   test holds there with joint drift below 1 cm, and it is about 3× as fast as 4 × 0.002 s).
 * - Info: `x_position`, `x_velocity`, `healthy`; with `args.poses` also `poses`.
 *
 * ## Context features (defaults; bounds)
 * gravity 9.81 [0.1, 100] m/s²; friction_scale 1 [0.05, 10]; joint_damping_scale 1 [0, 10];
 * actuator_strength 1 [0.1, 10]; torso/thigh/leg/foot `_mass_scale` 1 [0.1, 10]
 * (see physics-context.ts).
 *
 * ## Differences from MuJoCo
 * Hard contacts and joint limits, armature as extra segment inertia, segments collide with the
 * floor only, semi-implicit Euler instead of RK4.
 *
 * ## Version history
 * - v0: Gymnasium Hopper-v4 shapes, reward, termination and reset noise on a Rapier body.
 */
import { defineEnv } from '../../core/index.ts';
import { physicsFeatures } from './physics-context.ts';
import { type HingeJoint, type PlanarBodySpec, type Segment, capsuleAt, degreeRange } from './planar-body.ts';
import { healthyLocomotionParts, planarArgs, planarInstance, planarSimFactory, planarSpaces, terminateArg } from './planar-sim.ts';

const hinge = (anchor: [number, number], range: [number, number]): HingeJoint => ({ anchor, axisSign: -1, range: degreeRange(range), stiffness: 0, damping: 1, armature: 1, gear: 200 });

/** Segments of Gymnasium's hopper.xml; contact friction is max(geom, floor 1.0) as in MuJoCo. */
export const HOPPER_SEGMENTS: readonly Segment[] = [
  { name: 'torso', pos: [0, 1.25], geoms: [capsuleAt([0, 0], 0, 0.2, 0.05, 1.0)] },
  { name: 'thigh', parent: 0, pos: [0, -0.2], geoms: [capsuleAt([0, -0.225], 0, 0.225, 0.05, 1.0)], joint: hinge([0, 0], [-150, 0]) },
  { name: 'leg', parent: 1, pos: [0, -0.7], geoms: [capsuleAt([0, 0], 0, 0.25, 0.04, 1.0)], joint: hinge([0, 0.25], [-150, 0]) },
  { name: 'foot', parent: 2, pos: [0.13, -0.35], geoms: [capsuleAt([-0.065, 0.1], -Math.PI / 2, 0.195, 0.06, 2.0)], joint: hinge([-0.13, 0.1], [-45, 45]) },
];

export const HOPPER_DT = 0.008;
export const HOPPER_SUBSTEPS = 1;
export const HOPPER_SOLVER_ITERATIONS = 4;

export const hopperSpec = (substeps: number, solverIterations: number): PlanarBodySpec => ({ segments: HOPPER_SEGMENTS, density: 1000, rootZRef: 1.25, envDt: HOPPER_DT, substeps, solverIterations });

export const hopperFeatures = physicsFeatures({ gravity: 9.81, segments: HOPPER_SEGMENTS.map((s) => s.name), stiffness: false });

export const createHopperSim = planarSimFactory(hopperSpec, { kind: 'uniform', scale: 5e-3 });

/** Gymnasium v4's Hopper health rule on generalised coordinates. */
export function hopperIsHealthy(qpos: ArrayLike<number>, qvel: ArrayLike<number>): boolean {
  for (let i = 2; i < qpos.length; i++) if (!(qpos[i] > -100 && qpos[i] < 100)) return false;
  for (let i = 0; i < qvel.length; i++) if (!(qvel[i] > -100 && qvel[i] < 100)) return false;
  const z = qpos[1], angle = qpos[2];
  return z > 0.7 && angle > -0.2 && angle < 0.2;
}

export default defineEnv({
  id: 'Hopper-v0',
  description: 'Planar one-legged hopper (Gymnasium Hopper-v4 shapes, reward and termination, Rapier physics).',
  args: { ...planarArgs(HOPPER_SUBSTEPS, HOPPER_SOLVER_ITERATIONS), ...terminateArg },
  ...planarSpaces(11, 3),
  context: hopperFeatures,
  create: (args) => planarInstance(createHopperSim(args), args, healthyLocomotionParts((sim) => hopperIsHealthy(sim.qpos, sim.qvel), args.terminate_when_unhealthy)),
});
