/**
 * # Swimmer-v0
 *
 * A three-segment swimmer (torso, mid, back: capsules 1 m long, radius 0.1 m, density
 * 1000 kg/m³) in a viscous fluid, rebuilt in Rapier from Gymnasium's `swimmer.xml` (two hinges
 * with range ±100°, armature 0.1, gear 150; medium density 4000 kg/m³, viscosity 0.1). Swim
 * forward (+x) as fast as possible.
 *
 * The model's plane is MuJoCo's x–y plane (hinges about +z); here it is simulated in the x–z
 * plane (MuJoCo's y is z here), without gravity or floor: in MuJoCo neither acts on this body.
 * The fluid forces are MuJoCo's inertia-box model (its default when `density`/`viscosity` are
 * set), computed here per segment at every Rapier step: with v and ω the segment's velocity at
 * its centre of mass in its own frame, s the sides of its equivalent inertia box and
 * d = (s₀ + s₁ + s₂)/3: viscous force −3πβd·v and torque −πβd³·ω; quadratic drag
 * −½ρ s_j s_k |vᵢ| vᵢ per axis and torque −ρ sᵢ (s_j⁴ + s_k⁴) |ωᵢ| ωᵢ / 64.
 *
 * - Action space: `Box(-1, 1, (2,), float32)` — torques on the two hinges,
 *   `ctrl × 150 × actuator_strength` N·m.
 * - Observation space: `Box(-inf, inf, (8,), float64)` — Gymnasium v4's `qpos[2:]` (torso angle,
 *   two joint angles; angles about MuJoCo's +z) then `qvel` (torso x/y velocity, torso angular
 *   velocity, two joint velocities).
 * - Reward: `forward_velocity − 1e-4 · ‖a‖²` (Gymnasium v4: forward_reward_weight 1,
 *   ctrl_cost_weight 1e-4; forward velocity = Δx of the torso / 0.04 s).
 * - Start: reference pose (straight, torso at the origin) with `qpos, qvel += U(−0.1, 0.1)` per
 *   coordinate (reset_noise_scale 0.1).
 * - Episode end: never terminates; truncated after 1000 steps.
 * - Time: 0.04 s per env step as Gymnasium (0.01 s × frame skip 4), simulated by `substeps`
 *   Rapier steps (default 4 × 0.01 s, the model's step; the fluid forces are explicit and
 *   refreshed every Rapier step).
 * - Info: `x_position`, `x_velocity`, `reward_fwd`, `reward_ctrl`; with `args.poses` also `poses`.
 *
 * ## Context features (defaults; bounds)
 * fluid_density 4000 [0, 40000] kg/m³; viscosity 0.1 [0, 10] Pa·s; joint_damping 0 [0, 100]
 * N·m·s/rad (the model's hinges have none); actuator_strength 1 [0.1, 10]; torso/mid/back
 * `_mass_scale` 1 [0.1, 10]. No gravity or friction: they do not act on this body.
 *
 * ## Differences from MuJoCo
 * Semi-implicit Euler with explicit fluid forces instead of RK4; hard joint limits.
 *
 * ## Version history
 * - v0: Gymnasium Swimmer-v4 shapes, reward and reset noise on a Rapier body in a modelled fluid.
 */
import { defineEnv } from '../../core/index.ts';
import { fluidFeatures, physicsFeatures } from './physics-context.ts';
import { type HingeJoint, type PlanarBodySpec, type Segment, degreeRange } from './planar-body.ts';
import { planarArgs, planarInstance, planarSimFactory, planarSpaces, stateObservation, sumOfSquares } from './planar-sim.ts';

const R = 0.1;
/** MuJoCo's hinges turn about +z (x towards y); with y mapped to z that is −y here. */
const hinge: HingeJoint = { anchor: [0, 0], axisSign: -1, range: degreeRange([-100, 100]), stiffness: 0, damping: 1, armature: 0.1, gear: 150 };

/** Segments of Gymnasium's swimmer.xml, MuJoCo (x, y) written as (x, z). */
export const SWIMMER_SEGMENTS: readonly Segment[] = [
  { name: 'torso', pos: [0, 0], geoms: [{ from: [1.5, 0], to: [0.5, 0], radius: R, friction: 0 }] },
  { name: 'mid', parent: 0, pos: [0.5, 0], geoms: [{ from: [0, 0], to: [-1, 0], radius: R, friction: 0 }], joint: hinge },
  { name: 'back', parent: 1, pos: [-1, 0], geoms: [{ from: [0, 0], to: [-1, 0], radius: R, friction: 0 }], joint: hinge },
];

export const SWIMMER_DT = 0.04;
export const SWIMMER_SUBSTEPS = 4;
export const SWIMMER_SOLVER_ITERATIONS = 2;
export const SWIMMER_FLUID = { density: 4000, viscosity: 0.1 };

export function swimmerSpec(substeps: number, solverIterations: number): PlanarBodySpec {
  return { segments: SWIMMER_SEGMENTS, density: 1000, rootZRef: 0, envDt: SWIMMER_DT, substeps, solverIterations, rootAxisSign: -1, floor: false, fluid: SWIMMER_FLUID };
}

export const swimmerFeatures = [
  ...fluidFeatures(SWIMMER_FLUID),
  ...physicsFeatures({ gravity: 0, segments: SWIMMER_SEGMENTS.map((s) => s.name), stiffness: false, floor: false, absoluteDamping: 0 }),
];

export const createSwimmerSim = planarSimFactory(swimmerSpec, { kind: 'uniform', scale: 0.1 });

export default defineEnv({
  id: 'Swimmer-v0',
  description: 'Three-segment swimmer in a viscous fluid (Gymnasium Swimmer-v4 shapes and reward, Rapier physics with a modelled fluid).',
  args: planarArgs(SWIMMER_SUBSTEPS, SWIMMER_SOLVER_ITERATIONS),
  ...planarSpaces(8, 2),
  context: swimmerFeatures,
  create: (args) =>
    planarInstance(createSwimmerSim(args), args, {
      observe: (sim) => stateObservation(sim, 2),
      score(_sim, action, v) {
        const cost = 1e-4 * sumOfSquares(action);
        return { reward: v - cost, terminated: false, info: { reward_fwd: v, reward_ctrl: -cost } };
      },
    }),
});
