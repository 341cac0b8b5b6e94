/**
 * Physical soundness figures of a planar body under random actions: the stability test and the
 * locomotion benchmark both use them (the test on a CI-sized run, the benchmark on 10k steps).
 */
import { Rng } from '../../core/index.ts';
import type { PlanarSim } from './planar-sim.ts';

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
      f.maxEnergy = Math.max(f.maxEnergy, body.energy(g));
      f.lowestPoint = Math.min(f.lowestPoint, body.lowestPoint());
      f.maxJointDrift = Math.max(f.maxJointDrift, body.jointDrift());
    }
    if (!sim.qpos.every(Number.isFinite) || !sim.qvel.every(Number.isFinite)) {
      f.finite = false;
      break;
    }
  }
  return f;
}
