/**
 * Locomotion benchmark, per planar body:
 * - `rapier_env_steps_per_s`: env steps per second of the registered env on one core (random
 *   actions, resets included), by wall clock and by this process's CPU time (the CPU figure is
 *   counts every thread of the process, JIT and GC included), with the physics settings that
 *   produced it;
 * - `mujoco_env_steps_per_s`: native MuJoCo on Gymnasium's model file on the same machine
 *   (`mujoco-testspeed MODEL 20000 1 0.01` steps/s divided by the frame skip), or a note saying
 *   why it is missing, and the ratio of the two;
 * - `random_policy_return`: mean, std, min, max over 20 seeded episodes of uniform random actions;
 * - `scripted_forward_progress`: torso x after 1000 steps of a scripted gait (sine gait on
 *   HalfCheetah, travelling wave on Swimmer), against zero action;
 * - `stability_10k`: the stability test's figures over 10,000 random-action steps without
 *   termination (the test suite runs the same check over 2,000 steps).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../src/core/index.ts';
import { createBuiltinRegistry } from '../src/plugins/index.ts';
import * as cheetah from '../src/plugins/locomotion/half-cheetah.ts';
import * as hopper from '../src/plugins/locomotion/hopper.ts';
import { randomActionStability } from '../test/plugins/locomotion/body-checks.ts';
import type { PlanarArgs, PlanarSim } from '../src/plugins/locomotion/planar-sim.ts';
import * as swimmer from '../src/plugins/locomotion/swimmer.ts';
import * as walker from '../src/plugins/locomotion/walker2d.ts';

const MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/mujoco');

type Gait = (t: number, a: Float32Array) => void;
/** 1.5 Hz, amplitude 0.4, front leg half a cycle after the back leg, each joint 0.8 rad ahead of the one above. */
const sineGait: Gait = (t, a) => {
  const w = 2 * Math.PI * 1.5 * t * 0.05;
  for (let j = 0; j < 3; j++) [a[j], a[3 + j]] = [0.4 * Math.sin(w - 0.8 * j), 0.4 * Math.sin(w + Math.PI - 0.8 * j)];
};
const swimWave: Gait = (t, a) => {
  const w = 2 * Math.PI * 0.5 * t * 0.04;
  a[0] = Math.sin(w);
  a[1] = Math.sin(w - Math.PI / 2);
};

interface Body {
  id: string;
  model: string;
  frameSkip: number;
  sim: (args: PlanarArgs) => PlanarSim;
  features: readonly { name: string; default: number }[];
  settings: { env_dt: number; substeps: number; solver_iterations: number; pgs_iterations?: number };
  gait?: Gait;
}

const BODIES: Body[] = [
  { id: 'HalfCheetah-v0', model: 'half_cheetah.xml', frameSkip: 5, sim: cheetah.createCheetahSim, features: cheetah.halfCheetahFeatures, settings: { env_dt: cheetah.HALF_CHEETAH_DT, substeps: cheetah.HALF_CHEETAH_SUBSTEPS, solver_iterations: cheetah.HALF_CHEETAH_SOLVER_ITERATIONS, pgs_iterations: cheetah.HALF_CHEETAH_PGS_ITERATIONS }, gait: sineGait },
  { id: 'Hopper-v0', model: 'hopper.xml', frameSkip: 4, sim: hopper.createHopperSim, features: hopper.hopperFeatures, settings: { env_dt: hopper.HOPPER_DT, substeps: hopper.HOPPER_SUBSTEPS, solver_iterations: hopper.HOPPER_SOLVER_ITERATIONS } },
  { id: 'Walker2d-v0', model: 'walker2d.xml', frameSkip: 4, sim: walker.createWalker2dSim, features: walker.walker2dFeatures, settings: { env_dt: walker.WALKER2D_DT, substeps: walker.WALKER2D_SUBSTEPS, solver_iterations: walker.WALKER2D_SOLVER_ITERATIONS } },
  { id: 'Swimmer-v0', model: 'swimmer.xml', frameSkip: 4, sim: swimmer.createSwimmerSim, features: swimmer.swimmerFeatures, settings: { env_dt: swimmer.SWIMMER_DT, substeps: swimmer.SWIMMER_SUBSTEPS, solver_iterations: swimmer.SWIMMER_SOLVER_ITERATIONS }, gait: swimWave },
];

/** Native MuJoCo's env steps/s on a model file: `mujoco-testspeed` physics steps/s over the frame skip, or why it is missing. */
export function mujocoEnvStepsPerSecond(model: string, frameSkip: number): { value: number | null; reason?: string } {
  const file = resolve(process.env.METARENA_MUJOCO_MODELS ?? MODELS_DIR, model);
  if (!existsSync(file)) return { value: null, reason: `model file not found: ${model}` };
  let out: string;
  try {
    out = execFileSync('mujoco-testspeed', [file, '20000', '1', '0.01'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return { value: null, reason: `mujoco-testspeed not runnable (apt-get install libmujoco-samples): ${(e as Error).message.split('\n')[0]}` };
  }
  const m = /Steps per second\s*:\s*([\d.]+)/i.exec(out);
  if (!m) return { value: null, reason: 'could not read steps per second from mujoco-testspeed output' };
  return { value: Number(m[1]) / frameSkip };
}

const round = (x: number, d = 2) => Number(x.toFixed(d));

export async function run(opts: { seconds: number }): Promise<Record<string, unknown>> {
  const registry = createBuiltinRegistry();
  const results: Record<string, unknown> = {};
  for (const body of BODIES) {
    const env = registry.make(body.id);
    const n = body.sim === swimmer.createSwimmerSim ? 2 : body.sim === hopper.createHopperSim ? 3 : 6;
    const rng = new Rng(0);
    const action = new Float32Array(n);
    env.reset({ seed: 0 });
    // warm-up outside the timed loop: JIT, and the wasm engine's optimising tier for Rapier
    for (let k = 0; k < 2000; k++) {
      for (let i = 0; i < n; i++) action[i] = rng.uniform(-1, 1);
      const r = env.step(action);
      if (r.terminated || r.truncated) env.reset();
    }
    let steps = 0;
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const deadline = start + opts.seconds * 1000;
    while (performance.now() < deadline) {
      for (let k = 0; k < 100; k++) {
        for (let i = 0; i < n; i++) action[i] = rng.uniform(-1, 1);
        const r = env.step(action);
        steps += 1;
        if (r.terminated || r.truncated) env.reset();
      }
    }
    const wall = (steps / (performance.now() - start)) * 1000;
    const cpuUsed = process.cpuUsage(cpu0);
    const cpu = steps / ((cpuUsed.user + cpuUsed.system) / 1e6);

    const returns: number[] = [];
    for (let ep = 0; ep < 20; ep++) {
      env.reset({ seed: 100 + ep });
      let ret = 0;
      for (;;) {
        for (let i = 0; i < n; i++) action[i] = rng.uniform(-1, 1);
        const r = env.step(action);
        ret += r.reward;
        if (r.terminated || r.truncated) break;
      }
      returns.push(ret);
    }
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const std = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / returns.length);

    let scripted: Record<string, number> | null = null;
    if (body.gait) {
      const progress = (gait: Gait | undefined) => {
        env.reset({ seed: 0 });
        let x = 0;
        for (let t = 0; t < 1000; t++) {
          action.fill(0);
          gait?.(t, action);
          const r = env.step(action);
          x = r.info.x_position as number;
          if (r.terminated || r.truncated) break;
        }
        return x;
      };
      scripted = { steps: 1000, x_after_gait: round(progress(body.gait)), x_after_zero_action: round(progress(undefined)) };
    }
    env.close();

    const sim = body.sim({ ...body.settings, poses: false });
    const context = Object.fromEntries(body.features.map((f) => [f.name, f.default]));
    const s = randomActionStability(sim, context, 10_000, 1, 1);
    sim.close();

    const mujoco = mujocoEnvStepsPerSecond(body.model, body.frameSkip);
    results[body.id] = {
      settings: body.settings,
      rapier_env_steps_per_s: { wall: Math.round(wall), cpu: Math.round(cpu) },
      mujoco_env_steps_per_s: mujoco.value === null ? null : Math.round(mujoco.value),
      ...(mujoco.reason ? { mujoco_note: mujoco.reason } : {}),
      ratio_vs_mujoco: mujoco.value === null ? null : { wall: round(wall / mujoco.value, 3), cpu: round(cpu / mujoco.value, 3) },
      random_policy_return: { episodes: returns.length, mean: round(mean), std: round(std), min: round(Math.min(...returns)), max: round(Math.max(...returns)) },
      scripted_forward_progress: scripted,
      stability_10k: {
        steps: s.steps,
        finite: s.finite,
        max_energy_j: round(s.maxEnergy, 1),
        mass_kg: round(s.mass, 2),
        max_speed: round(s.maxSpeed, 1),
        lowest_point_m: round(s.lowestPoint, 4),
        max_joint_drift_m: round(s.maxJointDrift, 4),
        max_joint_range_excess_rad: round(s.maxRangeExcess, 4),
      },
    };
  }
  return results;
}
