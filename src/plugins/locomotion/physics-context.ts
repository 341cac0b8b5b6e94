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
 */
import type { ContextFeature } from '../../core/index.ts';
import type { PhysicsParams } from './planar-body.ts';

export interface PhysicsFeatureOptions {
  gravity: number;
  /** Segment names; each gets a `<name>_mass_scale` feature. */
  segments: readonly string[];
  /** Include `joint_stiffness_scale` (only bodies whose joints have springs). */
  stiffness: boolean;
}

export function physicsFeatures(o: PhysicsFeatureOptions): ContextFeature[] {
  const features: ContextFeature[] = [
    { name: 'gravity', default: o.gravity, lower: 0.1, upper: 100, unit: 'm/s^2', description: 'Gravitational acceleration (downward).' },
    { name: 'friction_scale', default: 1, lower: 0.05, upper: 10, description: "Multiplier of every geom's floor contact friction." },
    { name: 'joint_damping_scale', default: 1, lower: 0, upper: 10, description: "Multiplier of every joint's viscous damping." },
  ];
  if (o.stiffness) features.push({ name: 'joint_stiffness_scale', default: 1, lower: 0, upper: 10, description: "Multiplier of every joint's spring stiffness." });
  features.push({ name: 'actuator_strength', default: 1, lower: 0.1, upper: 10, description: "Multiplier of every actuator's gear (torque at control 1)." });
  for (const s of o.segments) features.push({ name: `${s}_mass_scale`, default: 1, lower: 0.1, upper: 10, description: `Multiplier of the ${s} segment's mass and inertia.` });
  return features;
}

export function physicsParams(c: Readonly<Record<string, number>>, segments: readonly string[]): PhysicsParams {
  return {
    gravity: c.gravity,
    frictionScale: c.friction_scale,
    dampingScale: c.joint_damping_scale,
    stiffnessScale: c.joint_stiffness_scale ?? 1,
    actuatorStrength: c.actuator_strength,
    massScale: segments.map((s) => c[`${s}_mass_scale`]),
  };
}
