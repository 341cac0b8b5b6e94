/**
 * In-process env-steps/s for every registered env: one env (`single`, Env.step with a reset at
 * each episode end) and a 64-env SyncVectorEnv (`vector`, stepSync with next_step autoreset).
 * Random actions are sampled from a seeded Rng before timing and cycled, so sampling is not
 * counted. Each figure follows a short untimed warm-up.
 */
import { type Batch, type Env, Rng, type SyncVectorEnv, toBatch } from '../src/core/index.ts';
import { createBuiltinRegistry } from '../src/plugins/index.ts';
import type { BenchOptions } from './run.ts';

export const NUM_ENVS = 64;
const ACTION_POOL = 64;

/** Calls `chunk` (which does `stepsPerChunk` env-steps) for about `seconds`; env-steps/s. */
function timeLoop(seconds: number, stepsPerChunk: number, chunk: () => void): number {
  const warmUntil = performance.now() + Math.min(0.3, seconds / 4) * 1000;
  while (performance.now() < warmUntil) chunk();
  let steps = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let now = start;
  while (now < end) {
    chunk();
    steps += stepsPerChunk;
    now = performance.now();
  }
  return steps / ((now - start) / 1000);
}

function measureSingle(env: Env, seconds: number): number {
  const rng = new Rng(1);
  const actions = Array.from({ length: ACTION_POOL * 16 }, () => env.actionSpace.sample(rng));
  env.reset({ seed: 0 });
  let k = 0;
  const chunkSize = 64;
  return timeLoop(seconds, chunkSize, () => {
    for (let j = 0; j < chunkSize; j++) {
      const r = env.step(actions[k]);
      k = (k + 1) % actions.length;
      if (r.terminated || r.truncated) env.reset();
    }
  });
}

function measureVector(vec: SyncVectorEnv, seconds: number): number {
  const rng = new Rng(2);
  const space = vec.singleActionSpace;
  const batches: Batch[] = Array.from({ length: ACTION_POOL }, () =>
    toBatch(space, Array.from({ length: vec.numEnvs }, () => space.sample(rng)), vec.numEnvs, 'actions'),
  );
  vec.resetSync({ seed: 0 });
  let k = 0;
  const chunkSize = 8;
  return timeLoop(seconds, chunkSize * vec.numEnvs, () => {
    for (let j = 0; j < chunkSize; j++) {
      vec.stepSync(batches[k]);
      k = (k + 1) % batches.length;
    }
  });
}

export async function run({ seconds }: BenchOptions): Promise<Record<string, unknown>> {
  const registry = createBuiltinRegistry();
  const envSteps: Record<string, { single: number; vector: number } | { error: string }> = {};
  for (const plugin of registry.listEnvs()) {
    process.stderr.write(`  ${plugin.id} `);
    try {
      const env = registry.make(plugin.id);
      const single = measureSingle(env, seconds);
      env.close();
      const vec = registry.makeVec(plugin.id, NUM_ENVS);
      const vector = measureVector(vec, seconds);
      vec.closeSync();
      envSteps[plugin.id] = { single: Math.round(single), vector: Math.round(vector) };
      process.stderr.write(`single ${Math.round(single)}/s, vector(${NUM_ENVS}) ${Math.round(vector)}/s\n`);
    } catch (e) {
      envSteps[plugin.id] = { error: e instanceof Error ? e.message : String(e) };
      process.stderr.write(`failed: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
  return { unit: 'env-steps/s', numEnvs: NUM_ENVS, secondsPerFigure: seconds, envSteps };
}
