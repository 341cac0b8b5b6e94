/**
 * The Rapier world pieces the planar and the spatial body builders share: the world with its
 * floor, collision groups (segments touch the floor only), revolute hinges with limits, restoring
 * the reference world under a context, and reading segment poses.
 */
import RAPIER from './rapier.ts';
import { MetarenaError } from '../../core/index.ts';
import type { PhysicsParams } from './physics-context.ts';


/** A thick floor: a segment pushed deep into it is still pushed back up, never out the bottom. */
const FLOOR_HALF_THICKNESS = 50;
const FLOOR_GROUP = 0x0001;
const BODY_GROUP = 0x0002;
/** Rapier interaction groups: 16 bits membership, 16 bits filter. */
const groups = (member: number, filter: number) => ((member << 16) | filter) >>> 0;

/** Collision groups of a segment's colliders: the floor only, or nothing when there is no floor. */
export const segmentGroups = (hasFloor: boolean) => (hasFloor ? groups(BODY_GROUP, FLOOR_GROUP) : groups(BODY_GROUP, 0));

/** `desc` as a collider that touches the floor: the geom's friction, combined with the floor's by max as MuJoCo does. */
export const touchingFloor = (desc: RAPIER.ColliderDesc, friction: number): RAPIER.ColliderDesc =>
  desc.setFriction(friction).setFrictionCombineRule(RAPIER.CoefficientCombineRule.Max).setCollisionGroups(segmentGroups(true));

export const wrapAngle = (a: number) => a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));

/**
 * A world with gravity 9.81 m/s² along −z (reset sets the context's), `timestep` per step,
 * `solverIterations` with `pgsIterations` internal PGS iterations each, and a frictionless floor (top face z = 0, half-extents x and y) unless
 * `floor` is undefined (contact friction is the segment geom's, combined by max).
 */
export function createWorld(timestep: number, solverIterations: number, floor: readonly [halfX: number, halfY: number] | undefined, pgsIterations = 1): RAPIER.World {
  const world = new RAPIER.World({ x: 0, y: 0, z: -9.81 });
  world.timestep = timestep;
  world.numSolverIterations = solverIterations;
  world.numInternalPgsIterations = pgsIterations;
  // No body uses continuous collision detection; skipping its pass saves about a tenth of a
  // step. Contacts are predicted 20 cm ahead instead: a foot whipped down at 7 m/s covers 17 cm
  // in one 0.025 s step, and a contact found only once the foot touched lets it sink in before
  // it is pushed out.
  world.integrationParameters.maxCcdSubsteps = 0;
  world.integrationParameters.normalizedPredictionDistance = 0.2;
  if (floor) {
    const body = world.createRigidBody(RAPIER.RigidBodyDesc.fixed().setTranslation(0, 0, -FLOOR_HALF_THICKNESS));
    world.createCollider(RAPIER.ColliderDesc.cuboid(floor[0], floor[1], FLOOR_HALF_THICKNESS).setFriction(0).setCollisionGroups(groups(FLOOR_GROUP, BODY_GROUP)), body);
  }
  return world;
}

/** A revolute joint between two bodies, anchors in each body's frame, with its limits (radians). */
export function addHinge(world: RAPIER.World, parent: number, child: number, parentAnchor: RAPIER.Vector, childAnchor: RAPIER.Vector, axis: RAPIER.Vector, range: readonly [number, number]): RAPIER.RevoluteImpulseJoint {
  const data = RAPIER.JointData.revolute(parentAnchor, childAnchor, axis);
  const joint = world.createImpulseJoint(data, world.getRigidBody(parent), world.getRigidBody(child), true) as RAPIER.RevoluteImpulseJoint;
  // limits given in JointData are not passed on for revolute joints; set them on the joint
  joint.setLimits(range[0], range[1]);
  return joint;
}

/** A force-based joint motor: torque `stiffness·(position − q) + damping·(velocity − q̇)`. */
export interface MotorSetting {
  position: number;
  velocity: number;
  stiffness: number;
  damping: number;
}

/**
 * The motor that applies, implicitly over one Rapier step of `h` seconds, a joint's actuation
 * torque `tau`, its spring `k` (rest angle 0), damping `d` and armature `a` — MuJoCo's rotor
 * inertia on the joint coordinate alone, not on a body — given the joint's angle `q` and rate
 * `rate` at the start of the step: with damping `D = d + a/h` the motor yields
 * `τ − k·q − d·q̇ − a·(q̇ − rate)/h` = actuation − spring − damping − armature·q̈. A spring takes
 * the actuation as a shift of its rest angle (k·(τ/k − q) = τ − k·q). With armature the motor
 * dominates light segments, so it also carries the joint limits: a target rate that would cross
 * `range` within the step is cut to the rate that reaches it (Rapier's own limits stay as a
 * backstop). Solving actuation, spring, damping and armature inside the solver stays stable at
 * steps where the same torques applied explicitly blow up.
 */
export function jointMotor(out: MotorSetting, tau: number, k: number, d: number, a: number, h: number, q: number, rate: number, range: readonly [number, number]): MotorSetting {
  const ah = a / h;
  const damping = d + ah;
  let position = 0, velocity = 0;
  if (k > 0) {
    position = tau / k;
    velocity = damping > 0 ? (ah * rate) / damping : 0;
  } else if (damping > 0) velocity = (tau + ah * rate) / damping;
  if (ah > 0) velocity = Math.min((range[1] - q) / h, Math.max((range[0] - q) / h, velocity));
  out.position = position;
  out.velocity = velocity;
  out.stiffness = k;
  out.damping = damping;
  return out;
}

/** Handles of a body's pieces, stable across snapshot restores. */
export interface WorldHandles {
  bodies: readonly number[];
  /** Per segment, its colliders in geom order (they carry the mass). */
  colliders: readonly (readonly number[])[];
  /**
   * Per segment, the colliders that touch the floor, `per geom` of them for each geom in geom
   * order (their friction is the geom's); the mass colliders themselves when absent.
   */
  contacts?: readonly (readonly number[])[];
  joints: readonly number[];
}

/**
 * Frees `old` and restores the reference world from `snapshot` with the context's gravity, each
 * segment's density `baseDensity(i) × massScale[i]` and each geom's friction × frictionScale.
 */
export function restoreWorld(
  old: RAPIER.World,
  snapshot: Uint8Array,
  handles: WorldHandles,
  params: PhysicsParams,
  geoms: readonly { geoms: readonly { friction: number }[] }[],
  baseDensity: (segment: number) => number,
): { world: RAPIER.World; bodies: RAPIER.RigidBody[]; joints: RAPIER.RevoluteImpulseJoint[] } {
  old.free();
  const world = RAPIER.World.restoreSnapshot(snapshot);
  world.gravity = { x: 0, y: 0, z: -params.gravity };
  const bodies = handles.bodies.map((h) => world.getRigidBody(h));
  geoms.forEach((s, i) => {
    for (const h of handles.colliders[i]) world.getCollider(h).setDensity(baseDensity(i) * params.massScale[i]);
    const contacts = handles.contacts?.[i] ?? handles.colliders[i];
    const perGeom = contacts.length / Math.max(1, s.geoms.length);
    contacts.forEach((h, k) => world.getCollider(h).setFriction(s.geoms[Math.floor(k / perGeom)].friction * params.frictionScale));
  });
  const joints = handles.joints.map((h) => world.getImpulseJoint(h) as RAPIER.RevoluteImpulseJoint);
  return { world, bodies, joints };
}

/** World poses of the bodies: per body x, y, z, qx, qy, qz, qw. */
export function bodyPoses(bodies: readonly RAPIER.RigidBody[], out: Float64Array = new Float64Array(bodies.length * 7)): Float64Array {
  for (let i = 0; i < bodies.length; i++) {
    const b = bodies[i];
    const t = b.translation(), q = b.rotation();
    out.set([t.x, t.y, t.z, q.x, q.y, q.z, q.w], i * 7);
  }
  return out;
}

/**
 * Checks a body's segment tree (root first, every other segment jointed to an earlier parent)
 * and its substep count; `kind` names the builder in the error.
 */
export function checkSegmentTree(segments: readonly { name: string; parent?: number; joint?: unknown }[], substeps: number, kind: string): void {
  if (segments.length === 0 || segments[0].parent !== undefined) throw new MetarenaError('METARENA_PLUGIN_ERROR', `a ${kind} body needs its root segment first`);
  for (let i = 1; i < segments.length; i++) {
    const p = segments[i].parent;
    if (p === undefined || p >= i || !segments[i].joint) throw new MetarenaError('METARENA_PLUGIN_ERROR', `segment ${segments[i].name} needs a joint and an earlier parent`);
  }
  if (!Number.isInteger(substeps) || substeps < 1) throw new MetarenaError('METARENA_PLUGIN_ERROR', 'substeps must be a positive integer');
}
