/**
 * # InvertedPendulum-v0
 *
 * A cart on a rail with a pole hinged on top, rebuilt in Rapier from Gymnasium's
 * `inverted_pendulum.xml`: the cart is a capsule (radius 0.1, half-length 0.1, along x) on a
 * slider with range [−1, 1] m, the pole a capsule from (0, 0, 0) to (0.001, 0, 0.6) of radius
 * 0.049, both of density 1000 kg/m³ (cart ≈ 10.5 kg, pole ≈ 5.0 kg); both joints have damping 1.
 * Keep the pole upright by pushing the cart.
 *
 * - Action space: `Box(-3, 3, (1,), float32)` — the force on the cart is
 *   `a × 100 × actuator_strength` N (gear 100).
 * - Observation space: `Box(-inf, inf, (4,), float64)` — cart position (m), pole angle (rad,
 *   positive tilts the tip towards +x), cart velocity, pole angular velocity (Gymnasium v4's
 *   `qpos`, `qvel`).
 * - Reward: 1 for every step, the terminating one included (v4).
 * - Start: upright pole, cart at 0, with `qpos, qvel += U(−0.01, 0.01)` per coordinate.
 * - Episode end: terminated when the observation is not finite or |pole angle| > 0.2 rad (v4);
 *   truncated after 1000 steps.
 * - Time: 0.04 s per env step as Gymnasium (0.02 s × frame skip 2), simulated by `substeps`
 *   Rapier steps (default 2 × 0.02 s, MuJoCo's own step).
 * - Info: empty; with `args.poses` `poses` (cart, pole: x, y, z, qx, qy, qz, qw).
 *
 * ## Context features (defaults; bounds)
 * gravity 9.81 [0.1, 100] m/s²; pole_length 0.6 [0.1, 3] m (the pole capsule's length, its
 * mass follows at constant density); pole_mass_scale 1 [0.1, 10]; cart_mass_scale 1 [0.1, 10];
 * joint_damping_scale 1 [0, 10] (× slider and hinge damping 1); actuator_strength 1 [0.1, 10].
 * There is no floor and no contact, so no friction feature.
 *
 * ## Differences from MuJoCo
 * Hard slider and hinge limits; semi-implicit Euler instead of RK4 (both at 0.02 s).
 *
 * ## Version history
 * - v0: Gymnasium InvertedPendulum-v4 shapes, reward, termination and reset noise on Rapier.
 */
import RAPIER from './rapier.ts';
import { Box, type ContextFeature, defineEnv, type Rng } from '../../core/index.ts';
import { checkState } from './start-state.ts';


const CART_RADIUS = 0.1;
const CART_HALF_LENGTH = 0.1;
const POLE_RADIUS = 0.049;
/** The pole's axis in the model: (0.001, 0, 0.6) per 0.6 m of length. */
const POLE_TILT = 0.001 / 0.6;
const DENSITY = 1000;
const GEAR = 100;
const DAMPING = 1;
export const INVERTED_PENDULUM_DT = 0.04;

export const invertedPendulumFeatures: ContextFeature[] = [
  { name: 'gravity', default: 9.81, lower: 0.1, upper: 100, unit: 'm/s^2', description: 'Gravitational acceleration (downward).' },
  { name: 'pole_length', default: 0.6, lower: 0.1, upper: 3, unit: 'm', description: 'Length of the pole capsule (its mass follows at constant density).' },
  { name: 'pole_mass_scale', default: 1, lower: 0.1, upper: 10, description: "Multiplier of the pole's mass and inertia." },
  { name: 'cart_mass_scale', default: 1, lower: 0.1, upper: 10, description: "Multiplier of the cart's mass." },
  { name: 'joint_damping_scale', default: 1, lower: 0, upper: 10, description: 'Multiplier of the slider and hinge damping (1 N·s/m, 1 N·m·s/rad).' },
  { name: 'actuator_strength', default: 1, lower: 0.1, upper: 10, description: 'Multiplier of the gear (100 N at action 1).' },
];

/** The Rapier cart-pole: state in Gymnasium's layout (x, θ, ẋ, θ̇). */
export class PendulumSim {
  readonly state = new Float64Array(4);
  private world: RAPIER.World;
  private readonly snapshot: Uint8Array;
  private readonly handles: { cart: number; pole: number; poleCollider: number; cartCollider: number; slider: number; hinge: number };
  private cart!: RAPIER.RigidBody;
  private pole!: RAPIER.RigidBody;
  private force = 0;
  private gear = GEAR;
  private poleLength = 0.6;
  private readonly force3 = { x: 0, y: 0, z: 0 };

  constructor(private readonly substeps = 2) {
    const world = new RAPIER.World({ x: 0, y: 0, z: -9.81 });
    world.timestep = INVERTED_PENDULUM_DT / substeps;
    const rail = world.createRigidBody(RAPIER.RigidBodyDesc.fixed());
    const cart = world.createRigidBody(RAPIER.RigidBodyDesc.dynamic().setCanSleep(false));
    // capsule along x: Rapier's capsule axis y turned onto x
    const cartCollider = world.createCollider(
      RAPIER.ColliderDesc.capsule(CART_HALF_LENGTH, CART_RADIUS).setRotation({ x: 0, y: 0, z: -Math.SQRT1_2, w: Math.SQRT1_2 }).setDensity(DENSITY).setCollisionGroups(0),
      cart,
    );
    const pole = world.createRigidBody(RAPIER.RigidBodyDesc.dynamic().setCanSleep(false));
    const poleCollider = world.createCollider(RAPIER.ColliderDesc.capsule(0.3, POLE_RADIUS).setDensity(DENSITY).setCollisionGroups(0), pole);
    const slider = world.createImpulseJoint(RAPIER.JointData.prismatic({ x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: 0 }, { x: 1, y: 0, z: 0 }), rail, cart, true) as RAPIER.PrismaticImpulseJoint;
    slider.setLimits(-1, 1);
    slider.configureMotorModel(RAPIER.MotorModel.ForceBased);
    const hinge = world.createImpulseJoint(RAPIER.JointData.revolute({ x: 0, y: 0, z: 0 }, { x: 0, y: 0, z: 0 }, { x: 0, y: 1, z: 0 }), cart, pole, true) as RAPIER.RevoluteImpulseJoint;
    hinge.setLimits(-Math.PI / 2, Math.PI / 2);
    hinge.configureMotorModel(RAPIER.MotorModel.ForceBased);
    this.handles = { cart: cart.handle, pole: pole.handle, poleCollider: poleCollider.handle, cartCollider: cartCollider.handle, slider: slider.handle, hinge: hinge.handle };
    this.snapshot = world.takeSnapshot();
    this.world = world;
    this.cart = cart;
    this.pole = pole;
  }

  /** Restores the start world under context `c` and places the cart-pole at `state` (x, θ, ẋ, θ̇). */
  reset(c: Readonly<Record<string, number>>, state: ArrayLike<number>): void {
    this.world.free();
    const world = RAPIER.World.restoreSnapshot(this.snapshot);
    this.world = world;
    world.gravity = { x: 0, y: 0, z: -c.gravity };
    const h = this.handles;
    this.cart = world.getRigidBody(h.cart);
    this.pole = world.getRigidBody(h.pole);
    this.poleLength = c.pole_length;
    const len = c.pole_length;
    const tilt = Math.atan(POLE_TILT);
    const poleCollider = world.getCollider(h.poleCollider);
    // the capsule from (0,0,0) to (0.001, 0, 0.6)·len/0.6: its axis tilted by `tilt` about y
    poleCollider.setHalfHeight((len * Math.hypot(1, POLE_TILT)) / 2);
    poleCollider.setTranslationWrtParent({ x: (len * POLE_TILT) / 2, y: 0, z: len / 2 });
    // capsule axis y → z (+90° about x), then tilted about y
    const qx = { x: Math.SQRT1_2, y: 0, z: 0, w: Math.SQRT1_2 };
    const s = Math.sin(tilt / 2), co = Math.cos(tilt / 2);
    poleCollider.setRotationWrtParent({ x: co * qx.x, y: s * qx.w, z: -s * qx.x, w: co * qx.w });
    poleCollider.setDensity(DENSITY * c.pole_mass_scale);
    world.getCollider(h.cartCollider).setDensity(DENSITY * c.cart_mass_scale);
    const damping = DAMPING * c.joint_damping_scale;
    (world.getImpulseJoint(h.slider) as RAPIER.PrismaticImpulseJoint).configureMotorVelocity(0, damping);
    (world.getImpulseJoint(h.hinge) as RAPIER.RevoluteImpulseJoint).configureMotorVelocity(0, damping);
    this.gear = GEAR * c.actuator_strength;
    this.force = 0;
    const [x, th, v, w] = [state[0], state[1], state[2], state[3]];
    this.cart.setTranslation({ x, y: 0, z: 0 }, false);
    this.cart.setLinvel({ x: v, y: 0, z: 0 }, false);
    this.pole.setTranslation({ x, y: 0, z: 0 }, false);
    this.pole.setRotation({ x: 0, y: Math.sin(th / 2), z: 0, w: Math.cos(th / 2) }, false);
    // pole centre-of-mass velocity: cart velocity + (0, ω, 0) × r, r = R_y(θ)·(centre of the capsule)
    const cx = (len * POLE_TILT) / 2, cz = len / 2;
    const rx = Math.cos(th) * cx + Math.sin(th) * cz, rz = -Math.sin(th) * cx + Math.cos(th) * cz;
    this.pole.setLinvel({ x: v + w * rz, y: 0, z: -w * rx }, false);
    this.pole.setAngvel({ x: 0, y: w, z: 0 }, false);
    this.read();
  }

  /** Pushes the cart with `action × gear` N (held for the env step) and advances one env step. */
  advance(action: number): void {
    this.force3.x = action * this.gear;
    this.cart.resetForces(false);
    this.cart.addForce(this.force3, false);
    for (let k = 0; k < this.substeps; k++) this.world.step();
    this.read();
  }

  private read(): void {
    const t = this.cart.translation(), v = this.cart.linvel();
    const q = this.pole.rotation(), w = this.pole.angvel();
    this.state[0] = t.x;
    this.state[1] = q.w >= 0 ? 2 * Math.atan2(q.y, q.w) : 2 * Math.atan2(-q.y, -q.w);
    this.state[2] = v.x;
    this.state[3] = w.y;
  }

  /** Cart and pole poses: x, y, z, qx, qy, qz, qw each. */
  poses(): Float64Array {
    const out = new Float64Array(14);
    [this.cart, this.pole].forEach((b, i) => {
      const t = b.translation(), q = b.rotation();
      out.set([t.x, t.y, t.z, q.x, q.y, q.z, q.w], i * 7);
    });
    return out;
  }

  /** Pole mass (kg) in the current world. */
  poleMass(): number {
    return this.pole.mass();
  }

  /** Height of the pole tip above the hinge (m). */
  tipHeight(): number {
    return this.poleLength * Math.cos(this.state[1]);
  }

  close(): void {
    this.world.free();
  }
}

export default defineEnv({
  id: 'InvertedPendulum-v0',
  description: 'Cart-pole balancing in Rapier (Gymnasium InvertedPendulum-v4 shapes, reward and termination).',
  args: {
    substeps: { type: 'integer', default: 2, min: 1, max: 50, description: 'Rapier steps per env step.' },
    poses: { type: 'boolean', default: false, description: 'Add the cart and pole poses to every step info as `poses`.' },
  },
  observationSpace: new Box({ low: -Infinity, high: Infinity, shape: [4], dtype: 'float64' }),
  actionSpace: new Box({ low: -3, high: 3, shape: [1], dtype: 'float32' }),
  maxEpisodeSteps: 1000,
  context: invertedPendulumFeatures,
  create: (args) => {
    const sim = new PendulumSim(args.substeps);
    const start = new Float64Array(4);
    return {
      reset(rng: Rng, c, _task, options) {
        if (options.state !== undefined) {
          checkState(options.state, 4, 'x, angle, x velocity, angular velocity');
          start.set(Array.from(options.state));
        } else {
          for (let i = 0; i < 4; i++) start[i] = rng.uniform(-0.01, 0.01);
        }
        sim.reset(c, start);
        return { obs: Float64Array.from(sim.state) };
      },
      step(action: Float32Array) {
        sim.advance(action[0]);
        const s = sim.state;
        const terminated = !(Number.isFinite(s[0]) && Number.isFinite(s[1]) && Number.isFinite(s[2]) && Number.isFinite(s[3]) && Math.abs(s[1]) <= 0.2);
        return { obs: Float64Array.from(s), reward: 1, terminated, info: args.poses ? { poses: sim.poses() } : {} };
      },
      close() {
        sim.close();
      },
    };
  },
});
