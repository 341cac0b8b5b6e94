/**
 * # HalfCheetah-v0
 *
 * A planar two-legged "cheetah" (torso with head, back thigh/shin/foot, front thigh/shin/foot)
 * rebuilt in Rapier from the geometry of Gymnasium's `half_cheetah.xml` (total mass 14 kg, joint
 * ranges, springs, damping and gears as in the model). Run forward as fast as possible — or, with
 * the `task` argument, run at a goal velocity or in a goal direction (PEARL's task families).
 *
 * - Action space: `Box(-1, 1, (6,), float32)` — torques on bthigh, bshin, bfoot, fthigh, fshin,
 *   ffoot, each `ctrl × gear × actuator_strength` with gears 120, 90, 60, 120, 60, 30 N·m.
 * - Observation space: `Box(-inf, inf, (17,), float64)` — Gymnasium v4's `qpos[1:]` (root z
 *   relative to the start height, root angle, six joint angles) then `qvel` (root x/z velocity,
 *   root angular velocity, six joint velocities).
 * - Reward, by `args.task` (v = Δx of the torso / 0.05 s, a = the action):
 *   - `forward` (default, Gymnasium v4): `v − 0.1 · ‖a‖²` (forward_reward_weight 1, ctrl_cost_weight 0.1).
 *   - `vel` (PEARL cheetah-vel): `−|v − goal_velocity| − 0.05 · ‖a‖²`.
 *   - `dir` (PEARL cheetah-dir): `direction · v − 0.05 · ‖a‖²`.
 * - Start: reference pose with `qpos += U(−0.1, 0.1)` and `qvel += 0.1 · N(0, 1)` per coordinate
 *   (Gymnasium's reset_noise_scale 0.1), drawn from the episode's seeded rng.
 * - Episode end: never terminates; truncated after 1000 steps.
 * - Time: 0.05 s per env step as Gymnasium (0.01 s × frame skip 5), simulated by `substeps`
 *   Rapier steps (default 2 × 0.025 s, each with 3 solver iterations of 3 internal PGS
 *   iterations: the cheapest setting the stability test holds at — joints open by at most
 *   2 cm at the most violent moments and limits give as much as MuJoCo's soft ones; more
 *   substeps or iterations (`substeps`, `solver_iterations`, `pgs_iterations`) tighten both at
 *   a proportional cost).
 * - Info: `x_position`, `x_velocity`, `reward_run` (the task's velocity term), `reward_ctrl`;
 *   with `args.poses` also `poses` (per segment x, y, z, qx, qy, qz, qw in world coordinates, z up).
 *
 * ## Task families (context features, CARL style)
 * | family | make options | train / test |
 * |---|---|---|
 * | cheetah-vel | `{args: {task: 'vel'}, split}` (sampler `CHEETAH_VEL_TASKS`) | 100 / 30 goal velocities ~ U[0, 3], disjoint and seeded |
 * | cheetah-dir | `{args: {task: 'dir'}, split}` (sampler `CHEETAH_DIR_TASKS`) | directions +1, −1 alternating: both in both splits |
 * Without a split, the same samplers draw a fresh task every trial; an explicit
 * `context: {goal_velocity: 2}` pins one task. `goal_velocity` and `direction` are part of the
 * context, so `ContextObservation` can show them to an agent. The `forward` task ignores both.
 *
 * ## Context features (defaults; bounds)
 * gravity 9.81 [0.1, 100] m/s²; friction_scale 1 [0.05, 10]; joint_damping_scale 1 [0, 10];
 * joint_stiffness_scale 1 [0, 10]; actuator_strength 1 [0.1, 10]; torso/bthigh/bshin/bfoot/
 * fthigh/fshin/ffoot `_mass_scale` 1 [0.1, 10] (see physics-context.ts);
 * goal_velocity 0 [0, 10] m/s (task `vel`); direction 1 [−1, 1] (task `dir`; the families use ±1).
 *
 * ## Differences from MuJoCo
 * Rapier contacts and joint limits are hard (MuJoCo's are soft), joint springs/damping are
 * implicit motors, segments collide only with the floor. Returns are comparable in scale, not
 * equal, to Gymnasium's.
 *
 * ## Version history
 * - v0: Gymnasium HalfCheetah-v4 shapes, rewards and reset noise on a Rapier body; PEARL's
 *   cheetah-vel and cheetah-dir as `task` variants.
 */
import { Box, type ContextFeature, type ContextSamplerSpec, defineEnv } from '../../core/index.ts';
import { physicsFeatures } from './physics-context.ts';
import { type HingeJoint, type PlanarBodySpec, type Segment, capsuleAt } from './planar-body.ts';
import { type PlanarArgs, PlanarSim, planarArgs, planarInstance, stateObservation, sumOfSquares } from './planar-sim.ts';

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

/** Task features: read only by the `vel` and `dir` tasks. */
const TASK_FEATURES: ContextFeature[] = [
  { name: 'goal_velocity', default: 0, lower: 0, upper: 10, unit: 'm/s', description: 'Forward velocity the cheetah-vel task (task: vel) rewards.' },
  { name: 'direction', default: 1, lower: -1, upper: 1, description: 'Running direction the cheetah-dir task (task: dir) rewards: +1 forward, −1 backward.' },
];

export const halfCheetahFeatures: ContextFeature[] = [...physicsFeatures({ gravity: 9.81, segments: SEGMENT_NAMES, stiffness: true }), ...TASK_FEATURES];

/** Context sampler of PEARL's cheetah-vel family: goal velocity ~ U[0, 3] m/s. */
export const CHEETAH_VEL_TASKS: ContextSamplerSpec = { kind: 'uniform', features: ['goal_velocity'], bounds: { goal_velocity: [0, 3] } };
/** Context sampler of PEARL's cheetah-dir family: forward and backward, taken in turn. */
export const CHEETAH_DIR_TASKS: ContextSamplerSpec = { kind: 'list', contexts: [{ direction: 1 }, { direction: -1 }], order: 'cycle' };

export type CheetahTask = 'forward' | 'vel' | 'dir';

/** Rapier steps per env step and solver iterations chosen for the cheetah (see the stability test). */
export const HALF_CHEETAH_SUBSTEPS = 2;
export const HALF_CHEETAH_SOLVER_ITERATIONS = 3;
export const HALF_CHEETAH_PGS_ITERATIONS = 3;

export function createCheetahSim(args: PlanarArgs): PlanarSim {
  return new PlanarSim({ ...halfCheetahSpec(args.substeps, args.solver_iterations), pgsIterations: args.pgs_iterations }, { kind: 'cheetah', scale: 0.1 });
}

/** Velocity reward term and control cost weight of each task. */
export function cheetahReward(task: CheetahTask, v: number, c: Readonly<Record<string, number>>): { run: number; ctrlWeight: number } {
  if (task === 'vel') return { run: -Math.abs(v - c.goal_velocity), ctrlWeight: 0.05 };
  if (task === 'dir') return { run: c.direction * v, ctrlWeight: 0.05 };
  return { run: v, ctrlWeight: 0.1 };
}

export default defineEnv({
  id: 'HalfCheetah-v0',
  description: 'Planar cheetah running forward, at a goal velocity or in a goal direction (Gymnasium HalfCheetah-v4, PEARL cheetah-vel/dir; Rapier physics).',
  args: {
    ...planarArgs(HALF_CHEETAH_SUBSTEPS, HALF_CHEETAH_SOLVER_ITERATIONS, HALF_CHEETAH_PGS_ITERATIONS),
    task: { type: 'string', default: 'forward', choices: ['forward', 'vel', 'dir'], description: 'Reward: forward (Gymnasium), vel (PEARL cheetah-vel, goal_velocity), dir (PEARL cheetah-dir, direction).' },
  },
  observationSpace: new Box({ low: -Infinity, high: Infinity, shape: [17], dtype: 'float64' }),
  actionSpace: new Box({ low: -1, high: 1, shape: [6], dtype: 'float32' }),
  maxEpisodeSteps: 1000,
  context: halfCheetahFeatures,
  splits: { train: 100, test: 30 },
  taskFamily: ({ task }) => (task === 'vel' ? { sampler: CHEETAH_VEL_TASKS } : task === 'dir' ? { sampler: CHEETAH_DIR_TASKS } : undefined),
  create: (args) => {
    const task = args.task as CheetahTask;
    let context: Readonly<Record<string, number>> = {};
    return planarInstance(createCheetahSim(args), args, {
      onReset: (c) => void (context = c),
      observe: (sim) => stateObservation(sim, 1),
      score(_sim, action, v) {
        const { run, ctrlWeight } = cheetahReward(task, v, context);
        const cost = ctrlWeight * sumOfSquares(action);
        return { reward: run - cost, terminated: false, info: { reward_run: run, reward_ctrl: -cost } };
      },
    });
  },
});
