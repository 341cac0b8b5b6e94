import { describe, expect, it } from 'vitest';
import { Registry, Rng } from '../../../src/core/index.ts';
import { createCheetahSim, halfCheetahFeatures, HALF_CHEETAH_PGS_ITERATIONS, HALF_CHEETAH_SOLVER_ITERATIONS, HALF_CHEETAH_SUBSTEPS } from '../../../src/plugins/locomotion/half-cheetah.ts';
import { createHopperSim, hopperFeatures, HOPPER_SOLVER_ITERATIONS, HOPPER_SUBSTEPS } from '../../../src/plugins/locomotion/hopper.ts';
import { locomotion } from '../../../src/plugins/locomotion/index.ts';
import { mechanicalEnergy, jointDrift, randomActionStability } from './body-checks.ts';
import type { PlanarArgs, PlanarSim } from '../../../src/plugins/locomotion/planar-sim.ts';
import { createSwimmerSim, swimmerFeatures, SWIMMER_SOLVER_ITERATIONS, SWIMMER_SUBSTEPS } from '../../../src/plugins/locomotion/swimmer.ts';
import { createWalker2dSim, walker2dFeatures, WALKER2D_SOLVER_ITERATIONS, WALKER2D_SUBSTEPS } from '../../../src/plugins/locomotion/walker2d.ts';

const defaults = (fs: readonly { name: string; default: number }[]) => Object.fromEntries(fs.map((f) => [f.name, f.default]));

/** CI-sized run; `npx tsx bench/run.ts --only locomotion` runs the same check over 10,000 steps. */
const STEPS = 2000;

const BODIES: { name: string; make: (a: PlanarArgs) => PlanarSim; features: { name: string; default: number }[]; args: PlanarArgs; floor: boolean }[] = [
  { name: 'HalfCheetah', make: createCheetahSim, features: halfCheetahFeatures, args: { substeps: HALF_CHEETAH_SUBSTEPS, solver_iterations: HALF_CHEETAH_SOLVER_ITERATIONS, pgs_iterations: HALF_CHEETAH_PGS_ITERATIONS, poses: false }, floor: true },
  { name: 'Hopper', make: createHopperSim, features: hopperFeatures, args: { substeps: HOPPER_SUBSTEPS, solver_iterations: HOPPER_SOLVER_ITERATIONS, poses: false }, floor: true },
  { name: 'Walker2d', make: createWalker2dSim, features: walker2dFeatures, args: { substeps: WALKER2D_SUBSTEPS, solver_iterations: WALKER2D_SOLVER_ITERATIONS, poses: false }, floor: true },
  { name: 'Swimmer', make: createSwimmerSim, features: swimmerFeatures, args: { substeps: SWIMMER_SUBSTEPS, solver_iterations: SWIMMER_SOLVER_ITERATIONS, poses: false }, floor: false },
];

describe('planar bodies stay physically sound under random actions at their default step', () => {
  for (const b of BODIES) {
    it(`${b.name}: ${STEPS} steps without termination — bounded energy, speed, penetration, joint drift and joint ranges`, () => {
      const c = defaults(b.features);
      const sim = b.make(b.args);
      const f = randomActionStability(sim, c, STEPS, 1, 2);
      sim.close();
      expect(f.finite).toBe(true);
      // energy: at most that of lifting the whole body 2 m and moving it at 5 m/s
      expect(f.maxEnergy).toBeLessThan(f.mass * (2 * (c.gravity ?? 0) + 0.5 * 25));
      expect(f.maxSpeed).toBeLessThan(100);
      if (b.floor) expect(f.lowestPoint).toBeGreaterThan(-0.03);
      expect(f.maxJointDrift).toBeLessThan(0.03);
      // a joint slamming into its stop at ω ≈ 20 rad/s passes it briefly; MuJoCo's default soft
      // limit (critically damped, time constant 0.02 s) overshoots by up to ω·0.02/e ≈ 0.15 rad
      expect(f.maxRangeExcess).toBeLessThan(0.2);
    });
  }

  it('HalfCheetah: extreme periodic and bang-bang controls (what a learned policy may find) neither sink it into the floor nor pump energy into it', () => {
    const b = BODIES[0];
    const c = defaults(b.features);
    const sim = b.make(b.args);
    const rng = new Rng(9);
    const n = sim.body.nJoints;
    const a = new Float32Array(n);
    const mass = sim.body.masses().reduce((x, y) => x + y, 0);
    let low = Infinity, energy = 0, drift = 0;
    const run = (control: (t: number) => void) => {
      sim.reset(rng, c, undefined);
      for (let t = 0; t < 150; t++) {
        control(t);
        sim.advance(a);
        // the first steps settle the reset noise, which may start a foot inside the floor
        if (t >= 5) low = Math.min(low, sim.body.lowestPoint());
        energy = Math.max(energy, mechanicalEnergy(sim.body, c.gravity));
        drift = Math.max(drift, jointDrift(sim.body));
      }
    };
    // every corner of the action box held, then sines of random frequency (up to 8 Hz), phase and clipped amplitude
    for (let m = 0; m < 2 ** n; m++) run(() => a.forEach((_, i) => (a[i] = (m >> i) & 1 ? 1 : -1)));
    for (let k = 0; k < 40; k++) {
      const f = Array.from(a, () => rng.uniform(0.2, 8)), phase = Array.from(a, () => rng.uniform(0, 2 * Math.PI)), amp = Array.from(a, () => rng.uniform(0.3, 3));
      run((t) => a.forEach((_, i) => (a[i] = Math.max(-1, Math.min(1, amp[i] * Math.sin(2 * Math.PI * f[i] * t * sim.dt + phase[i]))))));
    }
    sim.close();
    expect(low).toBeGreaterThan(-0.03);
    expect(drift).toBeLessThan(0.03);
    expect(energy).toBeLessThan(mass * (2 * c.gravity + 0.5 * 25));
  });

  it('Hopper and Walker2d envs survive random episodes with terminations and resets', () => {
    const registry = new Registry(locomotion);
    for (const [id, n] of [['Hopper-v0', 3], ['Walker2d-v0', 6]] as const) {
      const env = registry.make(id);
      env.reset({ seed: 4 });
      const rng = new Rng(4);
      let episodes = 0;
      for (let t = 0; t < 1500; t++) {
        const r = env.step(Float32Array.from({ length: n }, () => rng.uniform(-1, 1)));
        expect((r.obs as Float64Array).every(Number.isFinite)).toBe(true);
        if (r.terminated || r.truncated) {
          episodes += 1;
          env.reset();
        }
      }
      // random actions fall over within tens of steps
      expect(episodes).toBeGreaterThan(10);
      env.close();
    }
  });
});
