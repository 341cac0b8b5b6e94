/**
 * 3-D and slider locomotion benchmark: env-steps/s of Ant-v0 and InvertedPendulum-v0 on one core
 * (random actions, resets included) next to native MuJoCo's env-steps/s on the same model file
 * when `mujoco-testspeed` is installed (`mujoco-testspeed MODEL.xml 20000 1 0.01` physics
 * steps/s divided by Gymnasium's frame skip), and a random policy's return distribution.
 * Each body runs 1.5 s unmeasured first, so that the wasm engine has optimised Rapier's code.
 */
import { Box, Rng } from '../src/core/index.ts';
import { createBuiltinRegistry } from '../src/plugins/index.ts';
import { mujocoEnvStepsPerSecond } from './locomotion.bench.ts';

const BODIES = [
  { id: 'Ant-v0', model: 'ant.xml', frameSkip: 5 },
  { id: 'InvertedPendulum-v0', model: 'inverted_pendulum.xml', frameSkip: 2 },
];
const RETURN_EPISODES = 10;
const WARMUP_SECONDS = 1.5;

const round2 = (v: number) => Number(v.toFixed(2));

export async function run(opts: { seconds: number }): Promise<Record<string, unknown>> {
  const registry = createBuiltinRegistry();
  const results: Record<string, unknown> = {};
  for (const body of BODIES) {
    const env = registry.make(body.id);
    const space = env.actionSpace as Box;
    const n = space.size;
    const rng = new Rng(0);
    const action = new Float32Array(n);
    const sample = () => {
      for (let i = 0; i < n; i++) action[i] = rng.uniform(space.low[i], space.high[i]);
      return action;
    };
    env.reset({ seed: 0 });
    // warm-up: Rapier's wasm is compiled by a baseline tier first and optimised after a while
    const warm = performance.now() + WARMUP_SECONDS * 1000;
    while (performance.now() < warm) {
      const r = env.step(sample());
      if (r.terminated || r.truncated) env.reset();
    }
    env.reset();
    let steps = 0;
    const start = performance.now();
    const deadline = start + opts.seconds * 1000;
    while (performance.now() < deadline) {
      for (let k = 0; k < 100; k++) {
        const r = env.step(sample());
        steps += 1;
        if (r.terminated || r.truncated) env.reset();
      }
    }
    const rapier = (steps / (performance.now() - start)) * 1000;
    const returns: number[] = [];
    const lengths: number[] = [];
    for (let ep = 0; ep < RETURN_EPISODES; ep++) {
      env.reset({ seed: 100 + ep });
      let ret = 0;
      for (let t = 1; ; t++) {
        const r = env.step(sample());
        ret += r.reward;
        if (r.terminated || r.truncated) {
          lengths.push(t);
          break;
        }
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
      random_policy_return: {
        episodes: returns.length,
        mean: round2(mean),
        std: round2(std),
        min: round2(Math.min(...returns)),
        max: round2(Math.max(...returns)),
        mean_length: round2(lengths.reduce((a, b) => a + b, 0) / lengths.length),
      },
    };
  }
  return results;
}
