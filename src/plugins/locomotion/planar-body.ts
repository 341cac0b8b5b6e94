/**
 * The shared body builder for planar (x–z plane) locomotion bodies simulated with Rapier.
 *
 * A body is data: segments (capsules in the segment's own frame), the hinge joints that attach
 * each segment to its parent (anchor, axis sign, range, stiffness, damping, armature, gear), and
 * the simulation step. Coordinates follow MuJoCo's models: z is up, bodies move in the x–z plane
 * and joints turn about ±y. `PlanarBody` builds the Rapier world once, keeps a snapshot of it, and
 * resets by restoring that snapshot (bit-identical) and placing the segments by forward
 * kinematics from generalised coordinates (Gymnasium's `qpos`/`qvel`: root x, root z, root
 * angle, joint angles, then their velocities).
 *
 * Modelling choices (Rapier is not MuJoCo):
 * - Impulse revolute joints in maximal coordinates; only the root segment has its off-plane
 *   translation and rotations locked (locking children too makes the solver fight itself).
 * - MuJoCo joint stiffness and damping become a force-based joint motor (an implicit spring to
 *   angle 0 with damping), joint armature becomes extra rotational inertia about y on the child.
 *   MuJoCo's armature is inertia of the relative joint coordinate, which also shields the parent
 *   from the reaction torque; here the parent feels the full torque, so a light parent (the
 *   hopper's and walker's torso, armature 1 and 0.01) turns faster under joint torques than in
 *   MuJoCo.
 * - Controls are torques `ctrl × gear × actuator_strength` on the joint, held constant over the
 *   frame skip and integrated implicitly with the joint's spring/damping (see `setControls`).
 * - Segments collide with the floor only (MuJoCo's cheetah does the same; hopper/walker self
 *   contacts are rare). A capsule can touch a flat floor only with its end spheres, so the
 *   floor meets two massless balls per capsule (the capsules themselves carry the mass and
 *   touch nothing): ball–box contacts keep an upward normal however deep a ball is pressed,
 *   where a capsule whose core segment sinks into the box gets a sideways normal and falls
 *   through. Contact friction is each geom's MuJoCo friction, combined with `Max` as MuJoCo
 *   does (the floor's coefficient is folded into the geom's). A body without a floor
 *   (`floor: false`, the swimmer) has no contacts at all.
 * - The plane is enforced after every env step (`projectToPlane`): the solver lets segments
 *   creep out of the x–z plane (the root's locked axes are not exact under hard joint limits
 *   and contacts), and a body tilted out of its plane tears its joints apart within a few
 *   thousand steps. Projection removes any off-plane position, rotation and velocity.
 * - A body in a fluid (`fluid`) gets MuJoCo's inertia-box fluid forces on every segment at
 *   every Rapier step (see `fluidForces`).
 */
import type { PhysicsParams } from './physics-context.ts';
import RAPIER from './rapier.ts';
import { addHinge, bodyPoses, checkSegmentTree, createWorld, jointMotor, type MotorSetting, restoreWorld, segmentGroups, touchingFloor, wrapAngle } from './rapier-world.ts';

export type Vec2 = readonly [x: number, z: number];

/** A capsule between two points of the segment's frame. */
export interface Capsule {
  from: Vec2;
  to: Vec2;
  radius: number;
  /** Coulomb friction of contacts with the floor (before the friction context scale). */
  friction: number;
}

export interface HingeJoint {
  /** Joint position in the child segment's frame. */
  anchor: Vec2;
  /** +1 when the MuJoCo axis is (0, 1, 0), −1 when it is (0, −1, 0). */
  axisSign: 1 | -1;
  /** [lower, upper] angle in radians. */
  range: readonly [number, number];
  /** Spring torque per radian towards angle 0 (N·m/rad). */
  stiffness: number;
  /** Viscous torque per rad/s (N·m·s/rad). */
  damping: number;
  /** Extra rotor inertia about the joint axis (kg·m²). */
  armature: number;
  /** Torque at ctrl = 1 (N·m). */
  gear: number;
}

export interface Segment {
  name: string;
  /** Index of the parent segment in the body's list; the root has none. */
  parent?: number;
  /** Segment origin in the parent's frame (root: world position) at the reference pose. */
  pos: Vec2;
  geoms: readonly Capsule[];
  joint?: HingeJoint;
}

export interface PlanarBodySpec {
  segments: readonly Segment[];
  /** Material density (kg/m³) when no total mass is given. */
  density: number;
  /** MuJoCo's `settotalmass`: densities scaled so the whole body weighs this (kg). */
  totalMass?: number;
  /** qpos[1] at the reference pose (MuJoCo slide `ref`): qpos[1] = z − pos.z + rootZRef. */
  rootZRef: number;
  /** Simulated seconds per env step (Gymnasium's timestep × frame_skip). */
  envDt: number;
  /** Rapier steps per env step. */
  substeps: number;
  /** Rapier solver iterations per step. */
  solverIterations: number;
  /** Rapier internal PGS iterations per solver iteration (default 1). */
  pgsIterations?: number;
  /**
   * +1 (default) when qpos[2] is the root's angle about +y; −1 when the model turns about the
   * opposite axis (the swimmer, whose MuJoCo plane is x–y with hinges about +z).
   */
  rootAxisSign?: 1 | -1;
  /** Whether a floor (the plane z = 0) exists; default true. */
  floor?: boolean;
  /** The medium the body moves in (MuJoCo's `option density/viscosity`); none when absent. */
  fluid?: { density: number; viscosity: number };
}

/** Off-plane position (m), rotation (quaternion x/z) or velocity beyond which a segment is projected back. */
const OFF_PLANE = 1e-7;

function capsuleVolume(c: Capsule): number {
  const len = Math.hypot(c.to[0] - c.from[0], c.to[1] - c.from[1]);
  return Math.PI * c.radius * c.radius * len + (4 / 3) * Math.PI * c.radius ** 3;
}

/** Quaternion of a rotation by `angle` about +y (x, y, z, w). */
const yQuat = (angle: number) => ({ x: 0, y: Math.sin(angle / 2), z: 0, w: Math.cos(angle / 2) });

/** Angle about +y of a rotation that is (nearly) about y. */
function yAngle(q: { x: number; y: number; z: number; w: number }): number {
  return q.w >= 0 ? 2 * Math.atan2(q.y, q.w) : 2 * Math.atan2(-q.y, -q.w);
}

/** Rotates (x, z) by `angle` about +y: x' = c·x + s·z, z' = −s·x + c·z. */
function rotate(angle: number, x: number, z: number): [number, number] {
  const c = Math.cos(angle), s = Math.sin(angle);
  return [c * x + s * z, -s * x + c * z];
}

/** Everything about a body that does not change with the context. */
interface SegmentLayout {
  /** Segment origin relative to the parent origin, parent frame, at the reference pose. */
  offset: Vec2;
  /** Centre of mass in the segment frame. */
  com: Vec2;
  baseDensity: number;
  mass: number;
  /** Sides of MuJoCo's equivalent inertia box: along the segment's x, (y,) z axes (m). */
  box: [number, number, number];
}

/** Principal moments about a capsule's axis and across it, per unit density, about its centre. */
function capsuleInertia(c: Capsule): { axial: number; cross: number } {
  const h = Math.hypot(c.to[0] - c.from[0], c.to[1] - c.from[1]), r = c.radius;
  const mc = Math.PI * r * r * h, mh = (4 / 3) * Math.PI * r ** 3;
  return { axial: (mc * r * r) / 2 + (mh * 2 * r * r) / 5, cross: mc * (h * h / 12 + r * r / 4) + mh * ((2 * r * r) / 5 + (h * h) / 4 + (3 * h * r) / 8) };
}

/**
 * MuJoCo's equivalent inertia box of a segment (sides sᵢ = √(6 (I_j + I_k − I_i) / m)), from the
 * planar inertia tensor of its capsules about the segment's centre of mass (per unit density).
 */
function equivalentBox(geoms: readonly Capsule[], com: Vec2): [number, number, number] {
  // inertia tensor entries about the centre of mass: Ixx, Izz, Ixz in the x–z plane, and Iyy
  let ixx = 0, izz = 0, ixz = 0, iyy = 0, m = 0;
  for (const g of geoms) {
    const v = capsuleVolume(g);
    const { axial, cross } = capsuleInertia(g);
    const a = Math.atan2(g.to[0] - g.from[0], g.to[1] - g.from[1]);
    // axis direction u = (sin a, cos a) in (x, z); I = axial·uuᵀ + cross·(1 − uuᵀ) in the plane
    const ux = Math.sin(a), uz = Math.cos(a);
    const cx = (g.from[0] + g.to[0]) / 2 - com[0], cz = (g.from[1] + g.to[1]) / 2 - com[1];
    ixx += axial * ux * ux + cross * (1 - ux * ux) + v * cz * cz;
    izz += axial * uz * uz + cross * (1 - uz * uz) + v * cx * cx;
    ixz += (axial - cross) * ux * uz - v * cx * cz;
    iyy += cross + v * (cx * cx + cz * cz);
    m += v;
  }
  // the segment's own axes are taken as the box axes (the product of inertia ixz is left out;
  // it is zero for a segment of one capsule along x or z, as the swimmer's)
  void ixz;
  const side = (a: number, b: number, c: number) => Math.sqrt(Math.max(0, (6 * (b + c - a)) / m));
  return [side(ixx, iyy, izz), side(iyy, ixx, izz), side(izz, ixx, iyy)];
}

export class PlanarBody {
  readonly spec: PlanarBodySpec;
  /** Number of hinge joints (= segments − 1 = actuators). */
  readonly nJoints: number;
  /** qpos length: x, z, angle, joints. */
  readonly nq: number;
  /** Default mass of each segment (kg). */
  readonly segmentMass: readonly number[];
  /** The reference-pose generalised coordinates (Gymnasium's init_qpos). */
  readonly initQpos: Float64Array;

  private world: RAPIER.World;
  private readonly snapshot: Uint8Array;
  private readonly layout: SegmentLayout[];
  private readonly bodyHandles: number[] = [];
  private readonly colliderHandles: number[][] = [];
  /** Per segment, the floor-contact balls: two per capsule (its end spheres), in geom order. */
  private readonly contactHandles: number[][] = [];
  private readonly jointHandles: number[] = [];
  private bodies: RAPIER.RigidBody[] = [];
  private joints: RAPIER.RevoluteImpulseJoint[] = [];
  private readonly gear: Float64Array;
  private readonly stiffness: Float64Array;
  private readonly damping: Float64Array;
  private readonly zeroCtrl: Float64Array;
  private explicitJoints = 0;
  private readonly motor: MotorSetting = { position: 0, velocity: 0, stiffness: 0, damping: 0 };
  private readonly torque = { x: 0, y: 0, z: 0 };
  private readonly force = { x: 0, y: 0, z: 0 };
  private readonly substepDt: number;
  /** Explicit joint torques of the current controls (joints with neither spring nor damping). */
  private readonly explicitTorque: Float64Array;
  private fluidDensity = 0;
  private viscosity = 0;
  /** Per-segment state read once per env step: x, z, angle, vx, vz, ω (segment origin frame: body's centre of mass). */
  private readonly px: Float64Array;
  private readonly pz: Float64Array;
  private readonly th: Float64Array;
  private readonly vx: Float64Array;
  private readonly vz: Float64Array;
  private readonly w: Float64Array;

  constructor(spec: PlanarBodySpec) {
    this.spec = spec;
    const segs = spec.segments;
    checkSegmentTree(segs, spec.substeps, 'planar');
    this.nJoints = segs.length - 1;
    this.nq = 3 + this.nJoints;
    this.substepDt = spec.envDt / spec.substeps;

    const volume = segs.map((s) => s.geoms.reduce((acc, g) => acc + capsuleVolume(g), 0));
    const totalVolume = volume.reduce((a, b) => a + b, 0);
    const density = spec.totalMass !== undefined ? spec.totalMass / totalVolume : spec.density;
    this.layout = segs.map((s, i) => {
      let cx = 0, cz = 0;
      for (const g of s.geoms) {
        const v = capsuleVolume(g);
        cx += (v * (g.from[0] + g.to[0])) / 2;
        cz += (v * (g.from[1] + g.to[1])) / 2;
      }
      const com: Vec2 = [cx / volume[i], cz / volume[i]];
      return { offset: s.pos, com, baseDensity: density, mass: density * volume[i], box: equivalentBox(s.geoms, com) };
    });
    this.segmentMass = this.layout.map((l) => l.mass);
    this.gear = Float64Array.from(segs.slice(1).map((s) => s.joint!.gear));
    this.stiffness = new Float64Array(this.nJoints);
    this.damping = new Float64Array(this.nJoints);
    this.zeroCtrl = new Float64Array(this.nJoints);
    this.explicitTorque = new Float64Array(this.nJoints);
    const n = segs.length;
    this.px = new Float64Array(n);
    this.pz = new Float64Array(n);
    this.th = new Float64Array(n);
    this.vx = new Float64Array(n);
    this.vz = new Float64Array(n);
    this.w = new Float64Array(n);

    this.initQpos = new Float64Array(this.nq);
    this.initQpos[1] = spec.rootZRef;

    const hasFloor = spec.floor ?? true;
    const world = createWorld(this.substepDt, spec.solverIterations, hasFloor ? [1e4, 10] : undefined, spec.pgsIterations);

    // reference pose: every segment unrotated, origins chained through parents
    const origin: [number, number][] = [];
    segs.forEach((s, i) => {
      const base = s.parent === undefined ? [0, 0] : origin[s.parent];
      origin.push([base[0] + s.pos[0], base[1] + s.pos[1]]);
      const desc = RAPIER.RigidBodyDesc.dynamic().setTranslation(origin[i][0], 0, origin[i][1]).setCanSleep(false);
      if (i === 0) desc.enabledTranslations(true, false, true).enabledRotations(false, true, false);
      const armature = s.joint?.armature ?? 0;
      if (armature > 0) desc.setAdditionalMassProperties(0, { x: 0, y: 0, z: 0 }, { x: armature, y: armature, z: armature }, { x: 0, y: 0, z: 0, w: 1 });
      const body = world.createRigidBody(desc);
      this.bodyHandles.push(body.handle);
      this.colliderHandles.push(
        s.geoms.map((g) => {
          const dx = g.to[0] - g.from[0], dz = g.to[1] - g.from[1];
          const len = Math.hypot(dx, dz);
          // Rapier capsules lie along local y: turn y onto z (+90° about x), then z onto the
          // capsule's direction (sin a, 0, cos a) by a about y; q = q_y(a) ⊗ q_x(90°)
          const a = Math.atan2(dx, dz);
          const c = Math.cos(a / 2) * Math.SQRT1_2, sn = Math.sin(a / 2) * Math.SQRT1_2;
          const q = { x: c, y: sn, z: -sn, w: c };
          const cd = RAPIER.ColliderDesc.capsule(len / 2, g.radius)
            .setTranslation((g.from[0] + g.to[0]) / 2, 0, (g.from[1] + g.to[1]) / 2)
            .setRotation(q)
            .setDensity(density)
            .setCollisionGroups(segmentGroups(false));
          return world.createCollider(cd, body).handle;
        }),
      );
      // the floor touches a capsule only at its end spheres: two massless balls per capsule
      this.contactHandles.push(
        hasFloor
          ? s.geoms.flatMap((g) =>
              [g.from, g.to].map((p) => {
                const ball = RAPIER.ColliderDesc.ball(g.radius).setTranslation(p[0], 0, p[1]).setDensity(0);
                return world.createCollider(touchingFloor(ball, g.friction), body).handle;
              }),
            )
          : [],
      );
    });
    segs.forEach((s, i) => {
      if (s.parent === undefined) return;
      const j = s.joint!;
      const anchorWorld = [origin[i][0] + j.anchor[0], origin[i][1] + j.anchor[1]];
      const parentOrigin = origin[s.parent];
      const joint = addHinge(
        world,
        this.bodyHandles[s.parent],
        this.bodyHandles[i],
        { x: anchorWorld[0] - parentOrigin[0], y: 0, z: anchorWorld[1] - parentOrigin[1] },
        { x: j.anchor[0], y: 0, z: j.anchor[1] },
        { x: 0, y: j.axisSign, z: 0 },
        j.range,
      );
      this.jointHandles.push(joint.handle);
    });
    this.snapshot = world.takeSnapshot();
    this.world = world;
    this.bodies = this.bodyHandles.map((h) => world.getRigidBody(h));
  }

  /** Restores the reference world, applies `params` and places the body at (qpos, qvel). */
  reset(params: PhysicsParams, qpos: ArrayLike<number>, qvel: ArrayLike<number>): void {
    const segs = this.spec.segments;
    const handles = { bodies: this.bodyHandles, colliders: this.colliderHandles, contacts: this.contactHandles, joints: this.jointHandles };
    ({ world: this.world, bodies: this.bodies, joints: this.joints } = restoreWorld(this.world, this.snapshot, handles, params, segs, (i) => this.layout[i].baseDensity));
    this.explicitJoints = 0;
    this.fluidDensity = this.spec.fluid ? (params.fluidDensity ?? this.spec.fluid.density) : 0;
    this.viscosity = this.spec.fluid ? (params.viscosity ?? this.spec.fluid.viscosity) : 0;
    for (let j = 0; j < this.nJoints; j++) {
      const hinge = segs[j + 1].joint!;
      this.joints[j].configureMotorModel(RAPIER.MotorModel.ForceBased);
      this.stiffness[j] = hinge.stiffness * params.stiffnessScale;
      this.damping[j] = hinge.damping * params.dampingScale;
      this.gear[j] = hinge.gear * params.actuatorStrength;
      if (this.stiffness[j] === 0 && this.damping[j] === 0) this.explicitJoints += 1;
    }
    this.setState(qpos, qvel);
    this.setControls(this.zeroCtrl);
    this.projectToPlane();
  }

  /** Places every segment by forward kinematics from generalised coordinates. */
  private setState(qpos: ArrayLike<number>, qvel: ArrayLike<number>): void {
    const segs = this.spec.segments;
    const n = segs.length;
    const px = new Float64Array(n), pz = new Float64Array(n), th = new Float64Array(n);
    const vx = new Float64Array(n), vz = new Float64Array(n), w = new Float64Array(n);
    const root = segs[0];
    px[0] = root.pos[0] + qpos[0];
    pz[0] = root.pos[1] + qpos[1] - this.spec.rootZRef;
    const rootSign = this.spec.rootAxisSign ?? 1;
    th[0] = rootSign * qpos[2];
    vx[0] = qvel[0];
    vz[0] = qvel[1];
    w[0] = rootSign * qvel[2];
    for (let i = 1; i < n; i++) {
      const s = segs[i], p = s.parent!, j = s.joint!;
      // anchor in the parent frame at the reference pose
      const ax = s.pos[0] + j.anchor[0], az = s.pos[1] + j.anchor[1];
      const [rax, raz] = rotate(th[p], ax, az);
      const anchorX = px[p] + rax, anchorZ = pz[p] + raz;
      th[i] = th[p] + j.axisSign * qpos[2 + i];
      w[i] = w[p] + j.axisSign * qvel[2 + i];
      const [rcx, rcz] = rotate(th[i], -j.anchor[0], -j.anchor[1]);
      px[i] = anchorX + rcx;
      pz[i] = anchorZ + rcz;
      // v_anchor = v_p + w_p × (anchor − p); v_i = v_anchor + w_i × (i − anchor); (0,w,0)×(x,0,z) = (w·z, 0, −w·x)
      const vax = vx[p] + w[p] * raz, vaz = vz[p] - w[p] * rax;
      vx[i] = vax + w[i] * rcz;
      vz[i] = vaz - w[i] * rcx;
    }
    for (let i = 0; i < n; i++) {
      const b = this.bodies[i];
      b.setTranslation({ x: px[i], y: 0, z: pz[i] }, false);
      b.setRotation(yQuat(th[i]), false);
      const [cx, cz] = rotate(th[i], this.layout[i].com[0], this.layout[i].com[1]);
      b.setLinvel({ x: vx[i] + w[i] * cz, y: 0, z: vz[i] - w[i] * cx }, false);
      b.setAngvel({ x: 0, y: w[i], z: 0 }, false);
      b.resetForces(false);
      b.resetTorques(false);
    }
  }

  /**
   * Sets the joint torques from controls in [−1, 1] (clipped), held until the next call. A joint
   * with a spring or damping gets its torque through its motor (`jointMotor`: the solver
   * integrates actuation, spring and damping together); a joint with neither as an explicit
   * torque on both segments.
   */
  setControls(ctrl: ArrayLike<number>): void {
    for (let j = 0; j < this.nJoints; j++) {
      const c = Math.max(-1, Math.min(1, ctrl[j]));
      const tau = c * this.gear[j];
      const k = this.stiffness[j], d = this.damping[j];
      this.explicitTorque[j] = 0;
      if (k > 0 || d > 0) {
        // armature rides on the child body here, so the motor carries actuation, spring and damping only
        const m = jointMotor(this.motor, tau, k, d, 0, this.substepDt, 0, 0, this.spec.segments[j + 1].joint!.range);
        this.joints[j].configureMotor(m.position, m.velocity, m.stiffness, m.damping);
      } else this.explicitTorque[j] = tau;
    }
    if (this.explicitJoints > 0 && !this.spec.fluid) this.applyExternal();
  }

  /** Sets the user forces of every segment: explicit joint torques, then fluid forces. */
  private applyExternal(): void {
    const segs = this.spec.segments;
    for (let i = 0; i < this.bodies.length; i++) {
      this.bodies[i].resetTorques(false);
      this.bodies[i].resetForces(false);
    }
    const t = this.torque;
    t.x = 0;
    t.z = 0;
    for (let j = 0; j < this.nJoints; j++) {
      const tau = this.explicitTorque[j];
      if (tau === 0) continue;
      const s = segs[j + 1];
      t.y = tau * s.joint!.axisSign;
      this.bodies[j + 1].addTorque(t, false);
      t.y = -t.y;
      this.bodies[s.parent!].addTorque(t, false);
    }
    if (this.spec.fluid) this.fluidForces();
  }

  /**
   * MuJoCo's inertia-box fluid model (its `option density/viscosity`, no wind) on every segment:
   * with the segment's centre-of-mass velocity v and angular velocity ω in its own frame and its
   * equivalent inertia box of sides s, d = (s₀ + s₁ + s₂)/3:
   * viscous f = −3πβd·v, g = −πβd³·ω; quadratic drag fᵢ = −½ρ s_j s_k |vᵢ| vᵢ,
   * gᵢ = −ρ sᵢ (s_j⁴ + s_k⁴) |ωᵢ| ωᵢ / 64. In the plane only the in-plane velocity components
   * (segment x and z) and the rotation about y act.
   */
  private fluidForces(): void {
    const rho = this.fluidDensity, beta = this.viscosity;
    for (let i = 0; i < this.bodies.length; i++) {
      const b = this.bodies[i];
      const [sx, sy, sz] = this.layout[i].box;
      const d = (sx + sy + sz) / 3;
      const v = b.linvel(), wy = b.angvel().y;
      const th = yAngle(b.rotation());
      // world velocity into the segment frame: rotate by −th
      const [lx, lz] = rotate(-th, v.x, v.z);
      let fx = -3 * Math.PI * beta * d * lx - 0.5 * rho * sy * sz * Math.abs(lx) * lx;
      let fz = -3 * Math.PI * beta * d * lz - 0.5 * rho * sx * sy * Math.abs(lz) * lz;
      [fx, fz] = rotate(th, fx, fz);
      const gy = -Math.PI * beta * d * d * d * wy - (rho * sy * (sx ** 4 + sz ** 4) * Math.abs(wy) * wy) / 64;
      this.force.x = fx;
      this.force.y = 0;
      this.force.z = fz;
      b.addForce(this.force, false);
      this.torque.x = 0;
      this.torque.y = gy;
      this.torque.z = 0;
      b.addTorque(this.torque, false);
    }
  }

  /** Advances one env step (all Rapier substeps), then puts the body back into its plane. */
  advance(): void {
    const fluid = this.spec.fluid !== undefined;
    for (let k = 0; k < this.spec.substeps; k++) {
      if (fluid) this.applyExternal();
      this.world.step();
    }
    this.projectToPlane();
  }

  /**
   * Reads every segment once (translation, rotation, velocities) into the per-segment arrays and
   * removes whatever lies off the x–z plane.
   */
  private projectToPlane(): void {
    const { px, pz, th, vx, vz, w } = this;
    for (let i = 0; i < this.bodies.length; i++) {
      const b = this.bodies[i];
      const t = b.translation(), q = b.rotation(), v = b.linvel(), av = b.angvel();
      px[i] = t.x;
      pz[i] = t.z;
      th[i] = yAngle(q);
      vx[i] = v.x;
      vz[i] = v.z;
      w[i] = av.y;
      if (Math.abs(t.y) > OFF_PLANE || Math.abs(q.x) > OFF_PLANE || Math.abs(q.z) > OFF_PLANE) {
        b.setTranslation({ x: t.x, y: 0, z: t.z }, false);
        b.setRotation(yQuat(th[i]), false);
      }
      if (Math.abs(v.y) > OFF_PLANE || Math.abs(av.x) > OFF_PLANE || Math.abs(av.z) > OFF_PLANE) {
        b.setLinvel({ x: v.x, y: 0, z: v.z }, false);
        b.setAngvel({ x: 0, y: av.y, z: 0 }, false);
      }
    }
  }

  /** Gymnasium's qpos and qvel (velocities of segment origins, relative joint rates), from the last readout. */
  readState(qpos: Float64Array, qvel: Float64Array): void {
    const segs = this.spec.segments;
    const { px, pz, th, vx, vz, w } = this;
    const th0 = th[0];
    qpos[0] = px[0] - segs[0].pos[0];
    qpos[1] = pz[0] - segs[0].pos[1] + this.spec.rootZRef;
    const rootSign = this.spec.rootAxisSign ?? 1;
    qpos[2] = rootSign * th0;
    // origin velocity = v_com + w × (origin − com); (0,w,0)×(x,0,z) = (w·z, 0, −w·x)
    const [cx, cz] = rotate(th0, this.layout[0].com[0], this.layout[0].com[1]);
    qvel[0] = vx[0] - w[0] * cz;
    qvel[1] = vz[0] + w[0] * cx;
    qvel[2] = rootSign * w[0];
    for (let i = 1; i < segs.length; i++) {
      const sign = segs[i].joint!.axisSign;
      const p = segs[i].parent!;
      qpos[2 + i] = sign * wrapAngle(th[i] - th[p]);
      qvel[2 + i] = sign * (w[i] - w[p]);
    }
  }

  /** World poses of the segments: per segment x, y, z, qx, qy, qz, qw. */
  poses(out?: Float64Array): Float64Array {
    return bodyPoses(this.bodies, out);
  }

  /** The segments' Rapier bodies in segment order, to read their state (e.g. energy checks); moving them bypasses the body. */
  get rigidBodies(): readonly RAPIER.RigidBody[] {
    return this.bodies;
  }

  /** Lowest point of any capsule (negative: penetrating the floor). */
  lowestPoint(): number {
    let low = Infinity;
    this.spec.segments.forEach((s, i) => {
      const b = this.bodies[i];
      const t = b.translation();
      const th = yAngle(b.rotation());
      for (const g of s.geoms) {
        for (const p of [g.from, g.to]) {
          const [, rz] = rotate(th, p[0], p[1]);
          low = Math.min(low, t.z + rz - g.radius);
        }
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

const DEG = Math.PI / 180;

/** A joint range written in degrees (MuJoCo's `angle="degree"`), in radians. */
export const degreeRange = (range: readonly [number, number]): [number, number] => [range[0] * DEG, range[1] * DEG];

/** A capsule as MuJoCo writes it: centre, angle about +y of its axis (from +z), half-length. */
export function capsuleAt(centre: Vec2, angle: number, halfLength: number, radius: number, friction: number): Capsule {
  const dx = Math.sin(angle) * halfLength, dz = Math.cos(angle) * halfLength;
  return { from: [centre[0] - dx, centre[1] - dz], to: [centre[0] + dx, centre[1] + dz], radius, friction };
}
