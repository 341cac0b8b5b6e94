/**
 * # Ant-v0
 *
 * A four-legged "ant" (spherical torso, four legs of a hip and an ankle hinge each) rebuilt in
 * Rapier from the geometry of Gymnasium's `ant.xml`: capsules and a sphere of density 5 kg/m³,
 * joint ranges (hips ±30°, ankles 30°–70° or −70°–−30°), damping 1, armature 1, gears 150,
 * friction 1. The torso floats freely. Walk in the direction the context gives (+x by default).
 *
 * - Action space: `Box(-1, 1, (8,), float32)` in ant.xml's actuator order: hip_4, ankle_4,
 *   hip_1, ankle_1, hip_2, ankle_2, hip_3, ankle_3; torque `ctrl × 150 × actuator_strength` N·m.
 * - Observation space: `Box(-inf, inf, (27,), float64)` — Gymnasium v4's `qpos[2:]` (torso z,
 *   torso orientation quaternion w, x, y, z, eight joint angles in the order hip_1, ankle_1,
 *   …, hip_4, ankle_4) then `qvel` (torso linear velocity in the world frame, torso angular
 *   velocity in its own frame, eight joint rates). No contact forces (v4's default
 *   `use_contact_forces=False`).
 * - Reward: `v · (cos φ, sin φ) + 1 − 0.5 · ‖a‖²`, v = Δ(torso x, y) / 0.05 s, φ =
 *   `direction_angle`. With φ = 0 (the default) this is Gymnasium v4's Ant reward
 *   (forward velocity + healthy reward 1 − ctrl cost, contact cost 0 without contact forces);
 *   with φ ~ U[0, 2π) it is PEARL's ant-dir (whose contact cost reads MuJoCo's `cfrc_ext`,
 *   zero in MuJoCo ≥ 2.0, so it is left out here too).
 * - Start: reference pose (torso at z = 0.75, identity orientation, joints 0) with
 *   `qpos += U(−0.1, 0.1)` per coordinate and `qvel += 0.1 · N(0, 1)` (v4's reset noise 0.1);
 *   the perturbed quaternion is normalised before placing the body. The ankles start outside
 *   their ranges (as in MuJoCo, whose soft limits pull them in); the hard Rapier limits push them
 *   in during the first steps.
 * - Episode end: terminated when unhealthy, exactly v4's rule: healthy iff every entry of
 *   `(qpos, qvel)` is finite and `0.2 ≤ torso z ≤ 1.0`; truncated after 1000 steps.
 * - Time: 0.05 s per env step as Gymnasium (0.01 s × frame skip 5), simulated by `substeps`
 *   Rapier steps (default 3 × 1/60 s with 8 solver iterations: as stable as 5 × 0.01 s in the
 *   stability test — bounded energy, penetration and joint drift — and ≈ 5/3 as fast).
 * - Info: `x_position`, `y_position`, `x_velocity`, `y_velocity`, `reward_forward`,
 *   `reward_ctrl`, `reward_survive`, `distance_from_origin`; with `args.poses` also `poses`
 *   (per segment x, y, z, qx, qy, qz, qw; segments torso, aux_1, foot_1, …, aux_4, foot_4).
 *
 * ## Task family: ant-dir (PEARL)
 * `make('Ant-v0', {split: 'train' | 'test'})` draws `direction_angle ~ U[0, 2π]`
 * (`ANT_DIR_TASKS`) for disjoint, seeded train (100) and test (30) task lists; without a split the
 * ant runs forward (+x), Gymnasium's task.
 *
 * ## Context features (defaults; bounds)
 * gravity 9.81 [0.1, 100] m/s²; friction_scale 1 [0.05, 10]; joint_damping_scale 1 [0, 10];
 * actuator_strength 1 [0.1, 10]; torso/aux_i/foot_i `_mass_scale` 1 [0.1, 10] (see
 * physics-context.ts); direction_angle 0 [0, 2π] rad, the walking direction (0 = +x).
 *
 * ## Differences from MuJoCo
 * Hard contacts and joint limits; armature applied implicitly in joint space (see
 * spatial-body.ts); semi-implicit Euler instead of RK4; the torso's four welded leg stubs are
 * part of the torso segment. Returns are comparable in scale, not equal, to Gymnasium's.
 *
 * ## Version history
 * - v0: Gymnasium Ant-v4 shapes, reward, termination and reset noise on a Rapier body, with
 *   PEARL's ant-dir as a context feature.
 */
import { Box, type ContextFeature, type ContextSamplerSpec, defineEnv, type Rng } from '../../core/index.ts';
import { physicsFeatures, physicsParams } from './physics-context.ts';
import { sumOfSquares } from './planar-sim.ts';
import { checkState } from './start-state.ts';
import { type SpatialBodySpec, type SpatialGeom, type SpatialHinge, type SpatialSegment, SpatialBody, type Vec3 } from './spatial-body.ts';

const DEG = Math.PI / 180;
const LEG_RADIUS = 0.08;
const FRICTION = 1;
const capsule = (to: Vec3): SpatialGeom => ({ kind: 'capsule', from: [0, 0, 0], to, radius: LEG_RADIUS, friction: FRICTION });
const hinge = (axis: Vec3, range: [number, number]): SpatialHinge => ({ anchor: [0, 0, 0], axis, range: [range[0] * DEG, range[1] * DEG], damping: 1, armature: 1, gear: 150 });

/** One leg of ant.xml: direction (sx, sy) of its stub, thigh and shin, and its ankle axis and range. */
function leg(n: number, sx: number, sy: number, ankleAxis: Vec3, ankleRange: [number, number]): SpatialSegment[] {
  const thighIndex = 2 * n - 1;
  return [
    { name: `aux_${n}`, parent: 0, pos: [0.2 * sx, 0.2 * sy, 0], geoms: [capsule([0.2 * sx, 0.2 * sy, 0])], joint: hinge([0, 0, 1], [-30, 30]) },
    { name: `foot_${n}`, parent: thighIndex, pos: [0.2 * sx, 0.2 * sy, 0], geoms: [capsule([0.4 * sx, 0.4 * sy, 0])], joint: hinge(ankleAxis, ankleRange) },
  ];
}

/** Segments of Gymnasium's ant.xml; joint order hip_1, ankle_1, …, hip_4, ankle_4 (MuJoCo's qpos order). */
export const ANT_SEGMENTS: readonly SpatialSegment[] = [
  {
    name: 'torso',
    pos: [0, 0, 0.75],
    geoms: [
      { kind: 'sphere', centre: [0, 0, 0], radius: 0.25, friction: FRICTION },
      capsule([0.2, 0.2, 0]),
      capsule([-0.2, 0.2, 0]),
      capsule([-0.2, -0.2, 0]),
      capsule([0.2, -0.2, 0]),
    ],
  },
  ...leg(1, 1, 1, [-1, 1, 0], [30, 70]),
  ...leg(2, -1, 1, [1, 1, 0], [-70, -30]),
  ...leg(3, -1, -1, [-1, 1, 0], [-70, -30]),
  ...leg(4, 1, -1, [1, 1, 0], [30, 70]),
];

/** Joint (qpos order) driven by each action entry, in ant.xml's actuator order. */
export const ANT_ACTUATED_JOINTS = [6, 7, 0, 1, 2, 3, 4, 5] as const;
export const ANT_DT = 0.05;
export const ANT_SUBSTEPS = 3;
export const ANT_SOLVER_ITERATIONS = 8;
const SEGMENT_NAMES = ANT_SEGMENTS.map((s) => s.name);

/** Context sampler of PEARL's ant-dir task family. */
export const ANT_DIR_TASKS: ContextSamplerSpec = { kind: 'uniform', features: ['direction_angle'] };

export const antFeatures: ContextFeature[] = [
  ...physicsFeatures({ gravity: 9.81, segments: SEGMENT_NAMES, stiffness: false }),
  { name: 'direction_angle', default: 0, lower: 0, upper: 2 * Math.PI, unit: 'rad', description: 'Direction the reward asks to walk in, counter-clockwise from +x (ant-dir task).' },
];

export function antSpec(substeps: number, solverIterations: number): SpatialBodySpec {
  return { segments: ANT_SEGMENTS, density: 5, envDt: ANT_DT, substeps, solverIterations };
}

/** Gymnasium v4's Ant health rule on the state vector (qpos, qvel). */
export function antIsHealthy(qpos: ArrayLike<number>, qvel: ArrayLike<number>): boolean {
  for (let i = 0; i < qpos.length; i++) if (!Number.isFinite(qpos[i])) return false;
  for (let i = 0; i < qvel.length; i++) if (!Number.isFinite(qvel[i])) return false;
  return qpos[2] >= 0.2 && qpos[2] <= 1.0;
}

/** The Ant body with generalised state, seeded reset noise and action mapping; rewards stay in the env. */
export class AntSim {
  readonly body: SpatialBody;
  readonly qpos: Float64Array;
  readonly qvel: Float64Array;
  private readonly ctrl = new Float64Array(8);

  constructor(substeps = ANT_SUBSTEPS, solverIterations = ANT_SOLVER_ITERATIONS) {
    this.body = new SpatialBody(antSpec(substeps, solverIterations));
    this.qpos = new Float64Array(this.body.nq);
    this.qvel = new Float64Array(this.body.nv);
  }

  /** Restores the start world under context `c`; `state` (15 qpos then 14 qvel) replaces the noisy start. */
  reset(rng: Rng, c: Readonly<Record<string, number>>, state?: ArrayLike<number>): void {
    const { qpos, qvel, body } = this;
    if (state !== undefined) {
      checkState(state, body.nq + body.nv);
      for (let i = 0; i < body.nq; i++) qpos[i] = state[i];
      for (let i = 0; i < body.nv; i++) qvel[i] = state[body.nq + i];
    } else {
      for (let i = 0; i < body.nq; i++) qpos[i] = body.initQpos[i] + rng.uniform(-0.1, 0.1);
      for (let i = 0; i < body.nv; i++) qvel[i] = 0.1 * rng.normal(0, 1);
    }
    body.reset(physicsParams(c, SEGMENT_NAMES), qpos, qvel);
    body.readState(qpos, qvel);
  }

  /** Applies the action for one env step; returns the torso's (x, y) velocity Δ/dt. */
  advance(action: ArrayLike<number>): [number, number] {
    const x0 = this.qpos[0], y0 = this.qpos[1];
    for (let k = 0; k < 8; k++) this.ctrl[ANT_ACTUATED_JOINTS[k]] = action[k];
    this.body.setControls(this.ctrl);
    this.body.advance();
    this.body.readState(this.qpos, this.qvel);
    return [(this.qpos[0] - x0) / ANT_DT, (this.qpos[1] - y0) / ANT_DT];
  }

  close(): void {
    this.body.free();
  }
}

const observe = (sim: AntSim, out: Float64Array | Float32Array = new Float64Array(27), offset = 0) => {
  for (let i = 2; i < 15; i++) out[offset + i - 2] = sim.qpos[i];
  for (let i = 0; i < 14; i++) out[offset + 13 + i] = sim.qvel[i];
  return out;
};

export default defineEnv({
  id: 'Ant-v0',
  description: 'Four-legged ant walking in a context-given direction (Gymnasium Ant-v4 shapes and rewards, PEARL ant-dir, Rapier physics).',
  args: {
    substeps: { type: 'integer', default: ANT_SUBSTEPS, min: 1, max: 50, description: 'Rapier steps per env step.' },
    solver_iterations: { type: 'integer', default: ANT_SOLVER_ITERATIONS, min: 1, max: 50, description: 'Rapier solver iterations per step.' },
    poses: { type: 'boolean', default: false, description: 'Add the segment poses to every step info as `poses` (per segment x, y, z, qx, qy, qz, qw).' },
  },
  observationSpace: new Box({ low: -Infinity, high: Infinity, shape: [27], dtype: 'float64' }),
  actionSpace: new Box({ low: -1, high: 1, shape: [8], dtype: 'float32' }),
  maxEpisodeSteps: 1000,
  splits: { train: 100, test: 30 },
  taskFamily: { sampler: ANT_DIR_TASKS },
  context: antFeatures,
  create: (args) => {
    const sim = new AntSim(args.substeps, args.solver_iterations);
    let dirX = 1, dirY = 0;
    const step = (action: Float32Array) => {
      const [vx, vy] = sim.advance(action);
      const forward = vx * dirX + vy * dirY;
      const ctrlCost = 0.5 * sumOfSquares(action);
      const info: Record<string, unknown> = {
        x_position: sim.qpos[0],
        y_position: sim.qpos[1],
        x_velocity: vx,
        y_velocity: vy,
        reward_forward: forward,
        reward_ctrl: -ctrlCost,
        reward_survive: 1,
        distance_from_origin: Math.hypot(sim.qpos[0], sim.qpos[1]),
      };
      if (args.poses) info.poses = sim.body.poses();
      return { reward: forward + 1 - ctrlCost, terminated: !antIsHealthy(sim.qpos, sim.qvel), info };
    };
    return {
      reset(rng, c, _task, options) {
        sim.reset(rng, c, options.state);
        // direction 0 gives exactly (1, 0), so the default reward is v4's forward velocity
        dirX = c.direction_angle === 0 ? 1 : Math.cos(c.direction_angle);
        dirY = c.direction_angle === 0 ? 0 : Math.sin(c.direction_angle);
        return { obs: observe(sim), info: { x_position: sim.qpos[0], y_position: sim.qpos[1] } };
      },
      step(action: Float32Array) {
        const r = step(action);
        return { obs: observe(sim), ...r };
      },
      stepInto(action: Float32Array, out, offset) {
        const r = step(action);
        observe(sim, out as Float64Array, offset);
        return r;
      },
      close() {
        sim.close();
      },
    };
  },
});
