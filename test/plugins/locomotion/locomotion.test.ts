import { describe, expect, it } from 'vitest';
import { Registry, Rng } from '../../../src/core/index.ts';
import { createCheetahSim, HALF_CHEETAH_PGS_ITERATIONS, HALF_CHEETAH_SEGMENTS, HALF_CHEETAH_SOLVER_ITERATIONS, HALF_CHEETAH_SUBSTEPS, halfCheetahFeatures } from '../../../src/plugins/locomotion/half-cheetah.ts';
import { createHopperSim, hopperFeatures, hopperIsHealthy } from '../../../src/plugins/locomotion/hopper.ts';
import { locomotion } from '../../../src/plugins/locomotion/index.ts';
import { mechanicalEnergy, jointDrift } from './body-checks.ts';

const registry = new Registry(locomotion);
const defaults = (fs: readonly { name: string; default: number }[]) => Object.fromEntries(fs.map((f) => [f.name, f.default]));
const cheetahArgs = { substeps: HALF_CHEETAH_SUBSTEPS, solver_iterations: HALF_CHEETAH_SOLVER_ITERATIONS, pgs_iterations: HALF_CHEETAH_PGS_ITERATIONS, poses: false };
const hopperArgs = { substeps: 4, solver_iterations: 4, poses: false };

/** Torso height after `steps` zero-action env steps from rest at height z0 (high above the floor). */
function hopperFall(gravity: number, steps: number, massScale = 1): { drop: number; seconds: number } {
  const sim = createHopperSim(hopperArgs);
  const z0 = 20;
  sim.reset(new Rng(0), { ...defaults(hopperFeatures), gravity, torso_mass_scale: massScale }, [0, z0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const a = new Float32Array(3);
  for (let t = 0; t < steps; t++) sim.advance(a);
  return { drop: z0 - sim.qpos[1], seconds: steps * sim.dt };
}

describe('locomotion envs', () => {
  it('have Gymnasium v4 shapes', () => {
    const cheetah = registry.make('HalfCheetah-v0');
    const hopper = registry.make('Hopper-v0');
    expect((cheetah.reset({ seed: 1 }).obs as Float64Array).length).toBe(17);
    expect((hopper.reset({ seed: 1 }).obs as Float64Array).length).toBe(11);
    expect(cheetah.step(new Float32Array(6)).info.x_velocity).toBeTypeOf('number');
    expect(hopper.step(new Float32Array(3)).info.x_velocity).toBeTypeOf('number');
    cheetah.close();
    hopper.close();
  });

  it('fall freely under gravity: drop = g t² / 2 (within one Rapier step of Euler lag)', () => {
    for (const g of [9.81, 3]) {
      const { drop, seconds } = hopperFall(g, 40);
      const subDt = 0.002;
      expect(Math.abs(drop - (g * seconds * seconds) / 2)).toBeLessThan(g * seconds * subDt + 1e-4);
    }
    // free fall does not depend on mass
    expect(hopperFall(9.81, 40, 3).drop).toBeCloseTo(hopperFall(9.81, 40, 1).drop, 5);
  });

  it('keep joints inside their ranges under full torque', () => {
    for (const sign of [1, -1]) {
      const sim = createCheetahSim(cheetahArgs);
      // nearly weightless and high up, springs almost off, so the torques drive every joint to a stop
      sim.reset(new Rng(0), { ...defaults(halfCheetahFeatures), gravity: 0.1, joint_stiffness_scale: 0.01 }, [0, 5, ...new Array(16).fill(0)]);
      const a = new Float32Array(6).fill(sign);
      for (let t = 0; t < 60; t++) sim.advance(a);
      HALF_CHEETAH_SEGMENTS.slice(1).forEach((s, j) => {
        const q = sim.qpos[3 + j];
        const [lo, hi] = s.joint!.range;
        // Rapier's limits are solved by a few iterations per step, so they give a little under
        // full torque, as MuJoCo's soft limits do: a few degrees at most
        expect(q).toBeGreaterThan(lo - 0.06);
        expect(q).toBeLessThan(hi + 0.06);
        // full torque pushes each joint to the stop on its side
        expect(Math.abs(q - (sign > 0 ? hi : lo))).toBeLessThan(0.3);
      });
    }
  });

  it('Hopper health follows Gymnasium v4 exactly (strict bounds)', () => {
    const ok = [0, 1.25, 0, 0, 0, 0];
    const vel = [0, 0, 0, 0, 0, 0];
    expect(hopperIsHealthy(ok, vel)).toBe(true);
    expect(hopperIsHealthy([0, 0.7, 0, 0, 0, 0], vel)).toBe(false);
    expect(hopperIsHealthy([0, 0.7001, 0, 0, 0, 0], vel)).toBe(true);
    expect(hopperIsHealthy([0, 1.25, 0.2, 0, 0, 0], vel)).toBe(false);
    expect(hopperIsHealthy([0, 1.25, -0.2, 0, 0, 0], vel)).toBe(false);
    expect(hopperIsHealthy([0, 1.25, 0.199, 0, 0, 0], vel)).toBe(true);
    expect(hopperIsHealthy(ok, [0, 0, 0, 100, 0, 0])).toBe(false);
    expect(hopperIsHealthy([0, 1.25, 0, -100, 0, 0], vel)).toBe(false);
    // x position is not part of the rule; x velocity is (state_vector()[2:] holds all of qvel)
    expect(hopperIsHealthy([1e6, 1.25, 0, 0, 0, 0], vel)).toBe(true);
    expect(hopperIsHealthy(ok, [100, 0, 0, 0, 0, 0])).toBe(false);
  });

  it('Hopper terminates on the step it becomes unhealthy, and only then', () => {
    const env = registry.make('Hopper-v0');
    env.reset({ seed: 3 });
    const rng = new Rng(3);
    let ended = false;
    for (let t = 0; t < 1000 && !ended; t++) {
      const r = env.step(Float32Array.from([rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)]));
      const o = r.obs as Float64Array;
      const z = o[0], angle = o[1];
      const visiblyUnhealthy = !(z > 0.7 && angle > -0.2 && angle < 0.2) || o.slice(1, 5).some((v) => !(Math.abs(v) < 100));
      if (visiblyUnhealthy) expect(r.terminated).toBe(true);
      expect(r.terminated).toBe(!r.info.healthy);
      ended = r.terminated || r.truncated;
    }
    expect(ended).toBe(true);
    // a start tilted past 0.2 rad terminates on the first step
    env.reset({ options: { state: [0, 1.25, 0.3, 0, 0, 0, 0, 0, 0, 0, 0, 0] } });
    expect(env.step(new Float32Array(3)).terminated).toBe(true);
  });

  it('respond to gravity and mass context in the expected direction', () => {
    expect(hopperFall(3, 40).drop).toBeLessThan(hopperFall(9.81, 40).drop * 0.5);
    // a heavier back thigh turns less under the same torque
    const spin = (mass: number) => {
      const sim = createCheetahSim(cheetahArgs);
      sim.reset(new Rng(0), { ...defaults(halfCheetahFeatures), gravity: 0.1, bthigh_mass_scale: mass, joint_stiffness_scale: 0 }, [0, 5, ...new Array(16).fill(0)]);
      sim.advance(Float32Array.of(0.2, 0, 0, 0, 0, 0));
      return sim.qvel[3];
    };
    expect(spin(1)).toBeGreaterThan(0);
    expect(spin(4)).toBeLessThan(spin(1));
    // stronger actuators, faster turn
    const strong = createCheetahSim(cheetahArgs);
    strong.reset(new Rng(0), { ...defaults(halfCheetahFeatures), gravity: 0.1, actuator_strength: 3, joint_stiffness_scale: 0 }, [0, 5, ...new Array(16).fill(0)]);
    strong.advance(Float32Array.of(0.2, 0, 0, 0, 0, 0));
    expect(strong.qvel[3]).toBeGreaterThan(spin(1));
  });

  it('HalfCheetah runs forward upright under a scripted sine gait, not under zero action', () => {
    const run = (gait: boolean) => {
      const env = registry.make('HalfCheetah-v0');
      env.reset({ seed: 0 });
      let ret = 0, x = 0, tilt = 0;
      for (let t = 0; t < 300; t++) {
        // 1.5 Hz, amplitude 0.4, front leg half a cycle after the back leg, each joint 0.8 rad ahead of the one above
        const w = 2 * Math.PI * 1.5 * t * 0.05;
        const a = new Float32Array(6);
        if (gait) for (let j = 0; j < 3; j++) [a[j], a[3 + j]] = [0.4 * Math.sin(w - 0.8 * j), 0.4 * Math.sin(w + Math.PI - 0.8 * j)];
        const r = env.step(a);
        ret += r.reward;
        x = r.info.x_position as number;
        tilt = Math.max(tilt, Math.abs((r.obs as Float64Array)[1]));
      }
      return { ret, x, tilt };
    };
    const gait = run(true);
    expect(gait.x).toBeGreaterThan(4);
    expect(gait.ret).toBeGreaterThan(0);
    // it does not flip over onto its back
    expect(gait.tilt).toBeLessThan(1);
    expect(Math.abs(run(false).x)).toBeLessThan(1);
  });

  it('give bit-identical trajectories for the same seed and different ones for another', () => {
    const trace = (id: string, seed: number, n: number) => {
      const env = registry.make(id, { args: { poses: true } });
      const out: number[] = [...(env.reset({ seed }).obs as Float64Array)];
      const rng = new Rng(7);
      for (let t = 0; t < 50; t++) {
        const r = env.step(Float32Array.from({ length: n }, () => rng.uniform(-1, 1)));
        out.push(...(r.obs as Float64Array), r.reward, ...(r.info.poses as Float64Array));
        if (r.terminated) break;
      }
      env.close();
      return out;
    };
    for (const [id, n] of [['HalfCheetah-v0', 6], ['Hopper-v0', 3]] as const) {
      const a = trace(id, 5, n);
      expect(trace(id, 5, n)).toEqual(a);
      expect(trace(id, 6, n)).not.toEqual(a);
    }
  });

  it('reset restores the start exactly even after a long episode', () => {
    const env = registry.make('HalfCheetah-v0');
    const first = env.reset({ seed: 11 }).obs;
    for (let t = 0; t < 100; t++) env.step(Float32Array.of(1, -1, 1, -1, 1, -1));
    expect(env.reset({ seed: 11 }).obs).toEqual(first);
  });

  it('stay physically sound over a random-action episode at the default step', () => {
    for (const [make, feats, n] of [[createCheetahSim, halfCheetahFeatures, 6], [createHopperSim, hopperFeatures, 3]] as const) {
      const sim = make(n === 6 ? cheetahArgs : hopperArgs);
      const rng = new Rng(3);
      sim.reset(rng, defaults(feats), undefined);
      const startEnergy = mechanicalEnergy(sim.body, 9.81);
      let maxEnergy = -Infinity, lowest = Infinity, drift = 0;
      const a = new Float32Array(n);
      for (let t = 0; t < 1000; t++) {
        for (let i = 0; i < n; i++) a[i] = rng.uniform(-1, 1);
        sim.advance(a);
        if (t % 5 === 0) {
          maxEnergy = Math.max(maxEnergy, mechanicalEnergy(sim.body, 9.81));
          lowest = Math.min(lowest, sim.body.lowestPoint());
          drift = Math.max(drift, jointDrift(sim.body));
        }
      }
      expect(maxEnergy).toBeLessThan(startEnergy + 200);
      expect(lowest).toBeGreaterThan(-0.1);
      expect(drift).toBeLessThan(0.1);
    }
  });
});
