/**
 * The body builder for 3-D (free-floating) locomotion bodies simulated with Rapier, the spatial
 * counterpart of planar-body.ts.
 *
 * A body is data: segments (capsules and spheres in the segment's own frame), the hinge joints
 * that attach each segment to its parent (anchor, axis, range, damping, armature, gear), and the
 * simulation step. Coordinates follow MuJoCo's models: z is up, and at the reference pose every
 * segment frame is aligned with the world (as in ant.xml), so a hinge axis is the same vector in
 * the parent's and the child's frame. The root segment floats freely (MuJoCo's `free` joint).
 *
 * `SpatialBody` builds the Rapier world once, keeps a snapshot of it, and resets by restoring
 * that snapshot (bit-identical) and placing the segments by forward kinematics from generalised
 * coordinates in MuJoCo's layout:
 * - `qpos` = root position (x, y, z), root orientation quaternion (w, x, y, z), joint angles;
 * - `qvel` = root linear velocity (world frame), root angular velocity (root's own frame, as
 *   MuJoCo's free joint), joint angular rates.
 *
 * Modelling choices (Rapier is not MuJoCo):
 * - Impulse revolute joints in maximal coordinates with Rapier's limits. Against the armature
 *   motors and ground contacts those limits give way by up to 25° under load, so every env step
 *   ends with a projection (`projectLimits`): a joint past its range is turned back onto it,
 *   subtree and all, and its outward rate removed — MuJoCo's own limits are soft, too, but
 *   settle within a few degrees.
 * - MuJoCo's joint armature is an inertia on the joint coordinate alone, not on a body. It is
 *   applied in joint space, implicitly: before every Rapier step each joint's motor is set by
 *   `jointMotor` (rapier-world.ts) to actuation − damping − armature·q̈. Adding the armature to
 *   the child's body inertia instead would also slow the parent's own rotations (the Ant's
 *   light torso would carry eight units of leg armature).
 * - Controls are torques `ctrl × gear × actuator_strength`, held over the env step.
 * - Segments collide with the floor only (ant.xml's body geoms have `conaffinity 0`). Contact
 *   friction is each geom's friction (MuJoCo takes the max of geom and floor; the floor's is
 *   folded in), scaled by the context.
 */
import RAPIER from './rapier.ts';
import { MetarenaError } from '../../core/index.ts';
import type { PhysicsParams } from './physics-context.ts';
import { addHinge, bodyPoses, checkSegmentTree, createWorld, jointMotor, type MotorSetting, restoreWorld, touchingFloor, wrapAngle } from './rapier-world.ts';

export type Vec3 = readonly [x: number, y: number, z: number];

export type SpatialGeom =
  | { kind: 'capsule'; from: Vec3; to: Vec3; radius: number; friction: number }
  | { kind: 'sphere'; centre: Vec3; radius: number; friction: number };

export interface SpatialHinge {
  /** Joint position in the child segment's frame. */
  anchor: Vec3;
  /** Rotation axis (any length; normalised here), in the parent's and the child's frame. */
  axis: Vec3;
  /** [lower, upper] angle in radians. */
  range: readonly [number, number];
  /** Viscous torque per rad/s (N·m·s/rad). */
  damping: number;
  /** Rotor inertia on the joint coordinate (kg·m²). */
  armature: number;
  /** Torque at ctrl = 1 (N·m). */
  gear: number;
}

export interface SpatialSegment {
  name: string;
  /** Index of the parent segment; the root has none. */
  parent?: number;
  /** Segment origin in the parent's frame (root: world position) at the reference pose. */
  pos: Vec3;
  geoms: readonly SpatialGeom[];
  joint?: SpatialHinge;
}

export interface SpatialBodySpec {
  segments: readonly SpatialSegment[];
  /** Material density (kg/m³). */
  density: number;
  /** Simulated seconds per env step (Gymnasium's timestep × frame_skip). */
  envDt: number;
  /** Rapier steps per env step. */
  substeps: number;
  /** Rapier solver iterations per step. */
  solverIterations: number;
}

interface Quat {
  x: number;
  y: number;
  z: number;
  w: number;
}
type V3 = [number, number, number];

const qmul = (a: Quat, b: Quat): Quat => ({
  w: a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
  x: a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
  y: a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
  z: a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
});

/** Rotates v by the unit quaternion q. */
function qrot(q: Quat, v: readonly number[]): V3 {
  // t = 2 q.xyz × v; v' = v + w t + q.xyz × t
  const tx = 2 * (q.y * v[2] - q.z * v[1]);
  const ty = 2 * (q.z * v[0] - q.x * v[2]);
  const tz = 2 * (q.x * v[1] - q.y * v[0]);
  return [v[0] + q.w * tx + (q.y * tz - q.z * ty), v[1] + q.w * ty + (q.z * tx - q.x * tz), v[2] + q.w * tz + (q.x * ty - q.y * tx)];
}

/** Rotates v by the inverse of the unit quaternion q. */
const qrotInv = (q: Quat, v: readonly number[]): V3 => qrot({ x: -q.x, y: -q.y, z: -q.z, w: q.w }, v);

const axisAngle = (n: Vec3, angle: number): Quat => {
  const s = Math.sin(angle / 2);
  return { x: n[0] * s, y: n[1] * s, z: n[2] * s, w: Math.cos(angle / 2) };
};

const cross = (a: readonly number[], b: readonly number[]): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

function normalise(v: Vec3): Vec3 {
  const n = Math.hypot(v[0], v[1], v[2]);
  if (!(n > 0)) throw new MetarenaError('METARENA_PLUGIN_ERROR', 'a hinge axis must be a non-zero vector');
  return [v[0] / n, v[1] / n, v[2] / n];
}

function geomVolume(g: SpatialGeom): number {
  const sphere = (4 / 3) * Math.PI * g.radius ** 3;
  if (g.kind === 'sphere') return sphere;
  const len = Math.hypot(g.to[0] - g.from[0], g.to[1] - g.from[1], g.to[2] - g.from[2]);
  return Math.PI * g.radius * g.radius * len + sphere;
}

const geomCentre = (g: SpatialGeom): V3 => (g.kind === 'sphere' ? [...g.centre] : [(g.from[0] + g.to[0]) / 2, (g.from[1] + g.to[1]) / 2, (g.from[2] + g.to[2]) / 2]);

/** Rotation taking +y (Rapier's capsule axis) onto the unit vector d. */
function yOnto(d: V3): Quat {
  // half-way quaternion between y and d; for d = −y any perpendicular axis
  const w = 1 + d[1];
  if (w < 1e-9) return { x: 1, y: 0, z: 0, w: 0 };
  const q = { x: d[2], y: 0, z: -d[0], w };
  const n = Math.hypot(q.x, q.z, q.w);
  return { x: q.x / n, y: 0, z: q.z / n, w: q.w / n };
}

export class SpatialBody {
  readonly spec: SpatialBodySpec;
  readonly nJoints: number;
  /** qpos length: 7 + joints. */
  readonly nq: number;
  /** qvel length: 6 + joints. */
  readonly nv: number;
  /** Default mass of each segment (kg). */
  readonly segmentMass: readonly number[];
  /** The reference pose (Gymnasium's init_qpos): root at its position, identity orientation, joints 0. */
  readonly initQpos: Float64Array;

  private world: RAPIER.World;
  private readonly snapshot: Uint8Array;
  private readonly axes: Vec3[];
  /** Centre of mass of each segment in its own frame. */
  private readonly com: V3[];
  private readonly bodyHandles: number[] = [];
  private readonly colliderHandles: number[][] = [];
  private readonly jointHandles: number[] = [];
  private bodies: RAPIER.RigidBody[] = [];
  private joints: RAPIER.RevoluteImpulseJoint[] = [];
  private readonly torque: Float64Array;
  private readonly gear: Float64Array;
  private readonly damping: Float64Array;
  private readonly armature: Float64Array;
  /** Per segment, itself and every segment hanging from it. */
  private readonly subtree: number[][];
  private readonly motor: MotorSetting = { position: 0, velocity: 0, stiffness: 0, damping: 0 };
  private readonly rate: Float64Array;
  private readonly angle: Float64Array;
  private readonly h: number;

  constructor(spec: SpatialBodySpec) {
    this.spec = spec;
    const segs = spec.segments;
    checkSegmentTree(segs, spec.substeps, 'spatial');
    this.nJoints = segs.length - 1;
    this.nq = 7 + this.nJoints;
    this.nv = 6 + this.nJoints;
    this.h = spec.envDt / spec.substeps;
    this.axes = segs.slice(1).map((s) => normalise(s.joint!.axis));
    this.com = segs.map((s) => {
      let v = 0;
      const c: V3 = [0, 0, 0];
      for (const g of s.geoms) {
        const gv = geomVolume(g);
        const gc = geomCentre(g);
        v += gv;
        for (let k = 0; k < 3; k++) c[k] += gv * gc[k];
      }
      return [c[0] / v, c[1] / v, c[2] / v];
    });
    this.segmentMass = segs.map((s) => s.geoms.reduce((acc, g) => acc + spec.density * geomVolume(g), 0));
    this.torque = new Float64Array(this.nJoints);
    this.gear = new Float64Array(this.nJoints);
    this.damping = new Float64Array(this.nJoints);
    this.armature = new Float64Array(this.nJoints);
    this.subtree = spec.segments.map(() => [] as number[]);
    // segments come root first, so walking each one up its chain of parents lists it under all of them
    spec.segments.forEach((_, i) => {
      for (let k: number | undefined = i; k !== undefined; k = spec.segments[k].parent) this.subtree[k].push(i);
    });
    this.rate = new Float64Array(this.nJoints);
    this.angle = new Float64Array(this.nJoints);
    this.initQpos = new Float64Array(this.nq);
    this.initQpos.set(segs[0].pos, 0);
    this.initQpos[3] = 1;

    const world = createWorld(this.h, spec.solverIterations, [1e4, 1e4]);

    const origin: V3[] = [];
    segs.forEach((s, i) => {
      const base = s.parent === undefined ? [0, 0, 0] : origin[s.parent];
      origin.push([base[0] + s.pos[0], base[1] + s.pos[1], base[2] + s.pos[2]]);
      const desc = RAPIER.RigidBodyDesc.dynamic().setTranslation(...origin[i]).setCanSleep(false);
      const body = world.createRigidBody(desc);
      this.bodyHandles.push(body.handle);
      this.colliderHandles.push(
        s.geoms.map((g) => {
          let cd: RAPIER.ColliderDesc;
          if (g.kind === 'sphere') {
            cd = RAPIER.ColliderDesc.ball(g.radius).setTranslation(...g.centre);
          } else {
            const d: V3 = [g.to[0] - g.from[0], g.to[1] - g.from[1], g.to[2] - g.from[2]];
            const len = Math.hypot(...d);
            cd = RAPIER.ColliderDesc.capsule(len / 2, g.radius)
              .setTranslation(...geomCentre(g))
              .setRotation(yOnto([d[0] / len, d[1] / len, d[2] / len]));
          }
          return world.createCollider(touchingFloor(cd.setDensity(spec.density), g.friction), body).handle;
        }),
      );
    });
    segs.forEach((s, i) => {
      if (s.parent === undefined) return;
      const j = s.joint!;
      const o = origin[i], po = origin[s.parent];
      const anchorWorld = [o[0] + j.anchor[0], o[1] + j.anchor[1], o[2] + j.anchor[2]];
      const axis = this.axes[i - 1];
      const joint = addHinge(
        world,
        this.bodyHandles[s.parent],
        this.bodyHandles[i],
        { x: anchorWorld[0] - po[0], y: anchorWorld[1] - po[1], z: anchorWorld[2] - po[2] },
        { x: j.anchor[0], y: j.anchor[1], z: j.anchor[2] },
        { x: axis[0], y: axis[1], z: axis[2] },
        j.range,
      );
      joint.configureMotorModel(RAPIER.MotorModel.ForceBased);
      this.jointHandles.push(joint.handle);
    });
    this.snapshot = world.takeSnapshot();
    this.world = world;
    this.bodies = this.bodyHandles.map((h) => world.getRigidBody(h));
  }

  /** Restores the reference world, applies `params` and places the body at (qpos, qvel). */
  reset(params: PhysicsParams, qpos: ArrayLike<number>, qvel: ArrayLike<number>): void {
    const segs = this.spec.segments;
    const handles = { bodies: this.bodyHandles, colliders: this.colliderHandles, joints: this.jointHandles };
    ({ world: this.world, bodies: this.bodies, joints: this.joints } = restoreWorld(this.world, this.snapshot, handles, params, segs, () => this.spec.density));
    for (let j = 0; j < this.nJoints; j++) {
      const hinge = segs[j + 1].joint!;
      this.gear[j] = hinge.gear * params.actuatorStrength;
      this.damping[j] = hinge.damping * params.dampingScale;
      this.armature[j] = hinge.armature;
      this.torque[j] = 0;
    }
    this.setState(qpos, qvel);
  }

  /** Places every segment by forward kinematics from generalised coordinates. */
  private setState(qpos: ArrayLike<number>, qvel: ArrayLike<number>): void {
    const segs = this.spec.segments;
    const n = segs.length;
    const pos: V3[] = new Array(n), rot: Quat[] = new Array(n), vel: V3[] = new Array(n), ang: V3[] = new Array(n);
    const qn = Math.hypot(qpos[3], qpos[4], qpos[5], qpos[6]) || 1;
    rot[0] = { w: qpos[3] / qn, x: qpos[4] / qn, y: qpos[5] / qn, z: qpos[6] / qn };
    pos[0] = [qpos[0], qpos[1], qpos[2]];
    vel[0] = [qvel[0], qvel[1], qvel[2]];
    ang[0] = qrot(rot[0], [qvel[3], qvel[4], qvel[5]]);
    for (let i = 1; i < n; i++) {
      const s = segs[i], p = s.parent!, j = s.joint!;
      const axis = this.axes[i - 1];
      const rel = qrot(rot[p], [s.pos[0] + j.anchor[0], s.pos[1] + j.anchor[1], s.pos[2] + j.anchor[2]]);
      const anchor: V3 = [pos[p][0] + rel[0], pos[p][1] + rel[1], pos[p][2] + rel[2]];
      rot[i] = qmul(rot[p], axisAngle(axis, qpos[6 + i]));
      const back = qrot(rot[i], [-j.anchor[0], -j.anchor[1], -j.anchor[2]]);
      pos[i] = [anchor[0] + back[0], anchor[1] + back[1], anchor[2] + back[2]];
      const wAxis = qrot(rot[p], axis);
      const rate = qvel[5 + i];
      ang[i] = [ang[p][0] + wAxis[0] * rate, ang[p][1] + wAxis[1] * rate, ang[p][2] + wAxis[2] * rate];
      const va = cross(ang[p], rel), vb = cross(ang[i], back);
      vel[i] = [vel[p][0] + va[0] + vb[0], vel[p][1] + va[1] + vb[1], vel[p][2] + va[2] + vb[2]];
    }
    for (let i = 0; i < n; i++) {
      const b = this.bodies[i];
      b.setTranslation({ x: pos[i][0], y: pos[i][1], z: pos[i][2] }, false);
      b.setRotation(rot[i], false);
      const c = cross(ang[i], qrot(rot[i], this.com[i]));
      b.setLinvel({ x: vel[i][0] + c[0], y: vel[i][1] + c[1], z: vel[i][2] + c[2] }, false);
      b.setAngvel({ x: ang[i][0], y: ang[i][1], z: ang[i][2] }, false);
      b.resetForces(false);
      b.resetTorques(false);
    }
  }

  /** Sets the joint torques from controls in [−1, 1] (clipped), held until the next call. */
  setControls(ctrl: ArrayLike<number>): void {
    for (let j = 0; j < this.nJoints; j++) this.torque[j] = Math.max(-1, Math.min(1, ctrl[j])) * this.gear[j];
  }

  /** Joint angles (rad, when `angle` is given) and rates (rad/s). */
  private readJoints(angle: Float64Array | undefined, rate: Float64Array): void {
    const segs = this.spec.segments;
    for (let j = 0; j < this.nJoints; j++) {
      const i = j + 1, p = segs[i].parent!;
      const bc = this.bodies[i], bp = this.bodies[p];
      const wc = bc.angvel(), wp = bp.angvel(), qp = bp.rotation();
      const n = this.axes[j];
      const a = qrot(qp, n);
      rate[j] = (wc.x - wp.x) * a[0] + (wc.y - wp.y) * a[1] + (wc.z - wp.z) * a[2];
      if (angle) {
        const qc = bc.rotation();
        // relative rotation conj(qp) ⊗ qc; its angle about the axis
        const rel = qmul({ x: -qp.x, y: -qp.y, z: -qp.z, w: qp.w }, qc);
        angle[j] = wrapAngle(2 * Math.atan2(rel.x * n[0] + rel.y * n[1] + rel.z * n[2], rel.w));
      }
    }
  }

  /**
   * Advances one env step. Before each Rapier step every joint motor gets actuation, damping and
   * armature (see the file's doc block). With armature the motor dominates the light segments,
   * so it also carries the joint limits: a target rate that would cross a limit within the step
   * is cut to the rate that reaches the limit (a violated limit is corrected within the step);
   * Rapier's own limits stay as a backstop.
   */
  advance(): void {
    const segs = this.spec.segments;
    for (let k = 0; k < this.spec.substeps; k++) {
      this.readJoints(this.angle, this.rate);
      for (let j = 0; j < this.nJoints; j++) {
        if (this.damping[j] + this.armature[j] > 0) {
          const m = jointMotor(this.motor, this.torque[j], 0, this.damping[j], this.armature[j], this.h, this.angle[j], this.rate[j], segs[j + 1].joint!.range);
          this.joints[j].configureMotor(m.position, m.velocity, m.stiffness, m.damping);
        } else this.explicitTorque(j);
      }
      this.world.step();
    }
    this.projectLimits();
  }

  /**
   * Puts every joint that ended the step past its range back onto the range: its child segment
   * and everything hanging from it turn rigidly about the joint axis through the joint's anchor
   * (positions, orientations and velocity directions), and a relative rate still pointing out of
   * the range is removed from that subtree. Joints are taken root first, so a joint's correction
   * carries its descendants along without changing their own angles.
   */
  private projectLimits(): void {
    const segs = this.spec.segments;
    this.readJoints(this.angle, this.rate);
    let lowBefore: number | undefined;
    for (let j = 0; j < this.nJoints; j++) {
      const [lo, hi] = segs[j + 1].joint!.range;
      const q = this.angle[j];
      const excess = q > hi ? q - hi : q < lo ? q - lo : 0;
      if (excess === 0) continue;
      const rate = this.rate[j];
      const outward = Math.sign(rate) === Math.sign(excess) ? rate : 0;
      const i = j + 1, child = this.bodies[i], parent = this.bodies[segs[i].parent!];
      const axis = qrot(parent.rotation(), this.axes[j]);
      const ct = child.translation(), anchorRel = qrot(child.rotation(), segs[i].joint!.anchor);
      const pivot: V3 = [ct.x + anchorRel[0], ct.y + anchorRel[1], ct.z + anchorRel[2]];
      const turn = axisAngle(axis as Vec3, -excess);
      lowBefore ??= this.lowestPoint();
      for (const k of this.subtree[i]) {
        const b = this.bodies[k];
        const t = b.translation(), r = b.rotation(), v = b.linvel(), w = b.angvel(), com = b.worldCom();
        const d = qrot(turn, [t.x - pivot[0], t.y - pivot[1], t.z - pivot[2]]);
        b.setTranslation({ x: pivot[0] + d[0], y: pivot[1] + d[1], z: pivot[2] + d[2] }, false);
        b.setRotation(qmul(turn, r), false);
        const cd = qrot(turn, [com.x - pivot[0], com.y - pivot[1], com.z - pivot[2]]);
        const w2 = qrot(turn, [w.x - outward * axis[0], w.y - outward * axis[1], w.z - outward * axis[2]]);
        // the removed rate turned the subtree about the pivot: take its share of the velocity away too
        const dv = cross(axis, cd);
        const v2 = qrot(turn, [v.x, v.y, v.z]);
        b.setLinvel({ x: v2[0] - outward * dv[0], y: v2[1] - outward * dv[1], z: v2[2] - outward * dv[2] }, false);
        b.setAngvel({ x: w2[0], y: w2[1], z: w2[2] }, false);
      }
    }
    // a leg turned back onto its range may swing into the floor: lift the body so that the
    // projection never presses any segment deeper than the step left it
    if (lowBefore === undefined) return;
    const lift = Math.min(lowBefore, 0) - this.lowestPoint();
    if (lift <= 0) return;
    for (const b of this.bodies) {
      const t = b.translation();
      b.setTranslation({ x: t.x, y: t.y, z: t.z + lift }, false);
    }
  }

  /** A joint with neither damping nor armature: its torque on both segments, for the next Rapier step. */
  private explicitTorque(j: number): void {
    const i = j + 1, p = this.spec.segments[i].parent!;
    const a = qrot(this.bodies[p].rotation(), this.axes[j]);
    const t = this.torque[j];
    this.bodies[i].resetTorques(false);
    this.bodies[i].addTorque({ x: a[0] * t, y: a[1] * t, z: a[2] * t }, false);
    this.bodies[p].addTorque({ x: -a[0] * t, y: -a[1] * t, z: -a[2] * t }, false);
  }

  /** MuJoCo's qpos and qvel (see the file's doc block for the layout). */
  readState(qpos: Float64Array, qvel: Float64Array): void {
    const segs = this.spec.segments;
    const b0 = this.bodies[0];
    const t = b0.translation(), r = b0.rotation();
    qpos[0] = t.x;
    qpos[1] = t.y;
    qpos[2] = t.z;
    qpos[3] = r.w;
    qpos[4] = r.x;
    qpos[5] = r.y;
    qpos[6] = r.z;
    const lv = b0.linvel(), av = b0.angvel();
    const w: V3 = [av.x, av.y, av.z];
    const c = cross(w, qrot(r, this.com[0]));
    qvel[0] = lv.x - c[0];
    qvel[1] = lv.y - c[1];
    qvel[2] = lv.z - c[2];
    const local = qrotInv(r, w);
    qvel[3] = local[0];
    qvel[4] = local[1];
    qvel[5] = local[2];
    this.readJoints(this.angle, this.rate);
    qpos.set(this.angle, 7);
    qvel.set(this.rate, 6);
  }

  /** World poses of the segments: per segment x, y, z, qx, qy, qz, qw. */
  poses(out?: Float64Array): Float64Array {
    return bodyPoses(this.bodies, out);
  }

  /** The segments' Rapier bodies in segment order, to read their state (e.g. energy checks); moving them bypasses the body. */
  get rigidBodies(): readonly RAPIER.RigidBody[] {
    return this.bodies;
  }

  /** Lowest point of any geom (negative: penetrating the floor). */
  lowestPoint(): number {
    let low = Infinity;
    this.spec.segments.forEach((s, i) => {
      const b = this.bodies[i];
      const t = b.translation(), r = b.rotation();
      for (const g of s.geoms) {
        const points = g.kind === 'sphere' ? [g.centre] : [g.from, g.to];
        for (const p of points) low = Math.min(low, t.z + qrot(r, p)[2] - g.radius);
      }
    });
    return low;
  }

  /** Segment masses in the current world (kg). */
  masses(): number[] {
    return this.bodies.map((b) => b.mass());
  }

  free(): void {
    this.world.free();
  }
}
