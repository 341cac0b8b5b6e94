/**
 * Physical soundness figures of a locomotion body, read from its Rapier bodies: total mechanical
 * energy, joint drift (how far a hinge's anchor seen from the child is from the same anchor seen
 * from the parent) and, for planar bodies under random actions, the figures the stability tests
 * and the locomotion benchmark report. Instrumentation only: nothing shipped uses it.
 *
 * Planar bodies write their points as (x, z); they are lifted to (x, 0, z) here, so one
 * implementation serves the planar and the spatial bodies.
 */
import { Rng } from '../../../src/core/index.ts';
import type { PlanarBody } from '../../../src/plugins/locomotion/planar-body.ts';
import type { PlanarSim } from '../../../src/plugins/locomotion/planar-sim.ts';
import type { SpatialBody } from '../../../src/plugins/locomotion/spatial-body.ts';

type V3 = [number, number, number];
interface Quat {
  x: number;
  y: number;
  z: number;
  w: number;
}

/** Rotates v by the unit quaternion q (the inverse rotation when `inverse`). */
function rotate(q: Quat, v: readonly number[], inverse = false): V3 {
  const s = inverse ? -1 : 1;
  const qx = s * q.x, qy = s * q.y, qz = s * q.z;
  const tx = 2 * (qy * v[2] - qz * v[1]);
  const ty = 2 * (qz * v[0] - qx * v[2]);
  const tz = 2 * (qx * v[1] - qy * v[0]);
  return [v[0] + q.w * tx + (qy * tz - qz * ty), v[1] + q.w * ty + (qz * tx - qx * tz), v[2] + q.w * tz + (qx * ty - qy * tx)];
}

const lift = (p: readonly number[]): V3 => (p.length === 2 ? [p[0], 0, p[1]] : [p[0], p[1], p[2]]);

type Body = PlanarBody | SpatialBody;

/** Total mechanical energy (J): kinetic (linear and rotational, no armature term) plus gravitational potential at gravity g. */
export function mechanicalEnergy(body: Body, g: number): number {
  let e = 0;
  for (const b of body.rigidBodies) {
    const m = b.mass();
    const v = b.linvel(), w = b.angvel();
    // the angular velocity in the principal frame of the inertia: world → body → principal
    const wp = rotate(b.principalInertiaLocalFrame(), rotate(b.rotation(), [w.x, w.y, w.z], true), true);
    const inertia = b.principalInertia();
    e += 0.5 * m * (v.x * v.x + v.y * v.y + v.z * v.z) + 0.5 * (inertia.x * wp[0] ** 2 + inertia.y * wp[1] ** 2 + inertia.z * wp[2] ** 2) + m * g * b.worldCom().z;
  }
  return e;
}

/** Largest distance (m) between a hinge's anchor as seen from the child and from the parent. */
export function jointDrift(body: Body): number {
  let worst = 0;
  const segments = body.spec.segments;
  for (let i = 1; i < segments.length; i++) {
    const s = segments[i];
    const anchor = lift(s.joint!.anchor);
    const pos = lift(s.pos);
    const c = body.rigidBodies[i], p = body.rigidBodies[s.parent!];
    const ct = c.translation(), pt = p.translation();
    const ca = rotate(c.rotation(), anchor);
    const pa = rotate(p.rotation(), [pos[0] + anchor[0], pos[1] + anchor[1], pos[2] + anchor[2]]);
    worst = Math.max(worst, Math.hypot(ct.x + ca[0] - pt.x - pa[0], ct.y + ca[1] - pt.y - pa[1], ct.z + ca[2] - pt.z - pa[2]));
  }
  return worst;
}

export interface StabilityFigures {
  steps: number;
  /** Largest total mechanical energy seen (J), and the body's mass (kg) to judge it by. */
  maxEnergy: number;
  mass: number;
  /** Largest |qvel| entry. */
  maxSpeed: number;
  /** Lowest point of any capsule (m); negative is floor penetration. */
  lowestPoint: number;
  /** Largest distance between a joint's anchor as seen from its two segments (m). */
  maxJointDrift: number;
  /** Largest excursion of a joint angle beyond its range (rad; 0 when always inside). */
  maxRangeExcess: number;
  /** Whether every figure stayed finite. */
  finite: boolean;
}

/**
 * Runs `steps` env steps of uniformly random actions from a seeded reset under context `c`
 * (no termination: the body sees every step) and records the figures every `every` steps.
 */
export function randomActionStability(sim: PlanarSim, c: Readonly<Record<string, number>>, steps: number, seed: number, every = 1): StabilityFigures {
  const rng = new Rng(seed);
  sim.reset(rng, c, undefined);
  const body = sim.body;
  const g = c.gravity ?? 0;
  const joints = body.spec.segments.slice(1).map((s) => s.joint!.range);
  const action = new Float32Array(body.nJoints);
  const f: StabilityFigures = { steps, maxEnergy: -Infinity, mass: body.masses().reduce((a, b) => a + b, 0), maxSpeed: 0, lowestPoint: Infinity, maxJointDrift: 0, maxRangeExcess: 0, finite: true };
  for (let t = 1; t <= steps; t++) {
    for (let i = 0; i < action.length; i++) action[i] = rng.uniform(-1, 1);
    sim.advance(action);
    for (let i = 0; i < sim.qvel.length; i++) f.maxSpeed = Math.max(f.maxSpeed, Math.abs(sim.qvel[i]));
    joints.forEach(([lo, hi], j) => {
      const q = sim.qpos[3 + j];
      f.maxRangeExcess = Math.max(f.maxRangeExcess, lo - q, q - hi);
    });
    if (t % every === 0 || t === steps) {
      f.maxEnergy = Math.max(f.maxEnergy, mechanicalEnergy(body, g));
      f.lowestPoint = Math.min(f.lowestPoint, body.lowestPoint());
      f.maxJointDrift = Math.max(f.maxJointDrift, jointDrift(body));
    }
    if (!sim.qpos.every(Number.isFinite) || !sim.qvel.every(Number.isFinite)) {
      f.finite = false;
      break;
    }
  }
  return f;
}
