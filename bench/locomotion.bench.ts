/**
 * Locomotion benchmark: env-steps/s of each Rapier body on one core (random actions, resets
 * included), native MuJoCo's env-steps/s on the same model file when `mujoco-testspeed` is
 * installed (physics steps/s divided by Gymnasium's frame skip), and a random policy's return
 * distribution per env.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../src/core/index.ts';
import { createBuiltinRegistry } from '../src/plugins/index.ts';

const MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/mujoco');
const BODIES = [
  { id: 'HalfCheetah-v0', model: 'half_cheetah.xml', frameSkip: 5, mujocoTimestep: 0.01 },
  { id: 'Hopper-v0', model: 'hopper.xml', frameSkip: 4, mujocoTimestep: 0.002 },
];

function mujocoEnvStepsPerSecond(model: string, frameSkip: number): { value: number | null; reason?: string } {
  const file = resolve(process.env.METARENA_MUJOCO_MODELS ?? MODELS_DIR, model);
  if (!existsSync(file)) return { value: null, reason: `model file not found: ${model}` };
  let out: string;
  try {
    out = execFileSync('mujoco-testspeed', [file, '20000', '1', '0.01'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return { value: null, reason: `mujoco-testspeed not runnable (apt-get install libmujoco-samples): ${(e as Error).message.split('\n')[0]}` };
  }
  const m = /Steps per second\s*:\s*([\d.]+)/i.exec(out) ?? /([\d.]+)\s*steps\/s/i.exec(out);
  if (!m) return { value: null, reason: 'could not read steps per second from mujoco-testspeed output' };
  return { value: Number(m[1]) / frameSkip };
}

export async function run(opts: { seconds: number }): Promise<Record<string, unknown>> {
  const registry = createBuiltinRegistry();
  const results: Record<string, unknown> = {};
  for (const body of BODIES) {
    const env = registry.make(body.id);
    const n = (env.actionSpace as unknown as { size: number }).size;
    const rng = new Rng(0);
    const action = new Float32Array(n);
    env.reset({ seed: 0 });
    let steps = 0;
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
    const rapier = (steps / (performance.now() - start)) * 1000;
    const returns: number[] = [];
    for (let ep = 0; ep < 10; ep++) {
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
    env.close();
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const std = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / returns.length);
    const mujoco = mujocoEnvStepsPerSecond(body.model, body.frameSkip);
    results[body.id] = {
      rapier_env_steps_per_s: Math.round(rapier),
      mujoco_env_steps_per_s: mujoco.value === null ? null : Math.round(mujoco.value),
      ...(mujoco.reason ? { mujoco_note: mujoco.reason } : {}),
      ratio_vs_mujoco: mujoco.value === null ? null : Number((rapier / mujoco.value).toFixed(3)),
      random_policy_return: { episodes: returns.length, mean: Number(mean.toFixed(2)), std: Number(std.toFixed(2)), min: Number(Math.min(...returns).toFixed(2)), max: Number(Math.max(...returns).toFixed(2)) },
    };
  }
  return results;
}
