/**
 * The physical context features every locomotion body shares (CARL-Brax style) and their
 * translation into `PhysicsParams` for the body builder.
 *
 * | name | default | bounds | unit |
 * |---|---|---|---|
 * | gravity | 9.81 | [0.1, 100] | m/s² (downward) |
 * | friction_scale | 1 | [0.05, 10] | × each geom's contact friction |
 * | joint_damping_scale | 1 | [0, 10] | × each joint's damping |
 * | joint_stiffness_scale | 1 | [0, 10] | × each joint's spring stiffness (bodies with springs) |
 * | actuator_strength | 1 | [0.1, 10] | × each actuator's gear (torque at ctrl = 1) |
 * | <segment>_mass_scale | 1 | [0.1, 10] | × that segment's mass (and inertia) |
 *
 * A body that has no floor (the swimmer, moving in a horizontal plane) leaves out gravity and
 * friction — they would change nothing — and describes its medium with `fluidFeatures`.
 */
import type { ContextFeature } from '../../core/index.ts';

/** Physical parameters a context sets at reset. Scales are relative to the model's values. */
export interface PhysicsParams {
  gravity: number;
  frictionScale: number;
  /** One per segment. */
  massScale: readonly number[];
  dampingScale: number;
  stiffnessScale: number;
  actuatorStrength: number;
  /** Fluid density (kg/m³) and viscosity (Pa·s) when the body has a fluid. */
  fluidDensity?: number;
  viscosity?: number;
}

export interface PhysicsFeatureOptions {
  gravity: number;
  /** Segment names; each gets a `<name>_mass_scale` feature. */
  segments: readonly string[];
  /** Include `joint_stiffness_scale` (only bodies whose joints have springs). */
  stiffness: boolean;
  /** False for a body without floor contact in a horizontal plane: no gravity or friction features. */
  floor?: boolean;
  /**
   * For a body whose joints have no damping of their own: a `joint_damping` feature (N·m·s/rad,
   * this default, bounds [0, 100]) instead of `joint_damping_scale`; its joints must declare
   * damping 1 so that the value is the damping itself.
   */
  absoluteDamping?: number;
}

export function physicsFeatures(o: PhysicsFeatureOptions): ContextFeature[] {
  const features: ContextFeature[] = [];
  if (o.floor ?? true) {
    features.push(
      { name: 'gravity', default: o.gravity, lower: 0.1, upper: 100, unit: 'm/s^2', description: 'Gravitational acceleration (downward).' },
      { name: 'friction_scale', default: 1, lower: 0.05, upper: 10, description: "Multiplier of every geom's floor contact friction." },
    );
  }
  if (o.absoluteDamping !== undefined) features.push({ name: 'joint_damping', default: o.absoluteDamping, lower: 0, upper: 100, unit: 'N*m*s/rad', description: 'Viscous damping of every joint.' });
  else features.push({ name: 'joint_damping_scale', default: 1, lower: 0, upper: 10, description: "Multiplier of every joint's viscous damping." });
  if (o.stiffness) features.push({ name: 'joint_stiffness_scale', default: 1, lower: 0, upper: 10, description: "Multiplier of every joint's spring stiffness." });
  features.push({ name: 'actuator_strength', default: 1, lower: 0.1, upper: 10, description: "Multiplier of every actuator's gear (torque at control 1)." });
  for (const s of o.segments) features.push({ name: `${s}_mass_scale`, default: 1, lower: 0.1, upper: 10, description: `Multiplier of the ${s} segment's mass and inertia.` });
  return features;
}

/** Context features of a body moving through a fluid (MuJoCo's `option density/viscosity`). */
export function fluidFeatures(o: { density: number; viscosity: number }): ContextFeature[] {
  return [
    { name: 'fluid_density', default: o.density, lower: 0, upper: 10 * o.density, unit: 'kg/m^3', description: 'Density of the medium (quadratic drag).' },
    { name: 'viscosity', default: o.viscosity, lower: 0, upper: 100 * o.viscosity, unit: 'Pa*s', description: 'Viscosity of the medium (linear drag).' },
  ];
}

/** Physical parameters from a complete context; features a body does not declare keep their neutral value. */
export function physicsParams(c: Readonly<Record<string, number>>, segments: readonly string[]): PhysicsParams {
  return {
    gravity: c.gravity ?? 0,
    frictionScale: c.friction_scale ?? 1,
    dampingScale: c.joint_damping_scale ?? c.joint_damping ?? 1,
    stiffnessScale: c.joint_stiffness_scale ?? 1,
    actuatorStrength: c.actuator_strength ?? 1,
    massScale: segments.map((s) => c[`${s}_mass_scale`] ?? 1),
    fluidDensity: c.fluid_density,
    viscosity: c.viscosity,
  };
}
