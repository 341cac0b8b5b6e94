/**
 * The Reservoir wrapper's cost on CartPole-v1: env-steps/s of one env (Env.step, a reset at each
 * episode end, seeded random actions cycled from a pool drawn before timing) for the plain env,
 * the env under a default Reservoir (one reservoir of 100 units, ReservoirPy's 10% connectivity),
 * and velocity-masked CartPole under the same reservoir with the raw observation appended (ER-MRL's
 * partially observable setup), measured in the same run, with each wrapped figure as a ratio of
 * the plain one. `buildMs` is the time `make` takes with the reservoir (weights and the eigenvalues
 * of W for its spectral radius), for a fresh seed so it is not remembered from an earlier make.
 */
import { type Env, Rng, type WrapperSpec } from '../src/core/index.ts';
import { createBuiltinRegistry } from '../src/plugins/index.ts';
import type { BenchOptions } from './run.ts';
import { round } from './stats.ts';

const ENV = 'CartPole-v1';
const UNITS = 100;

/** Env-steps/s of `env` stepped for about `seconds` after a short untimed warm-up. */
function stepsPerSecond(env: Env, seconds: number): number {
  const rng = new Rng(1);
  const actions = Array.from({ length: 1024 }, () => env.actionSpace.sample(rng));
  env.reset({ seed: 0 });
  let k = 0;
  const chunk = () => {
    for (let j = 0; j < 64; j++) {
      const r = env.step(actions[k]);
      k = (k + 1) % actions.length;
      if (r.terminated || r.truncated) env.reset();
    }
  };
  const warmUntil = performance.now() + Math.min(0.3, seconds / 4) * 1000;
  while (performance.now() < warmUntil) chunk();
  let steps = 0;
  const start = performance.now();
  let now = start;
  while (now < start + seconds * 1000) {
    chunk();
    steps += 64;
    now = performance.now();
  }
  return steps / ((now - start) / 1000);
}

export async function run({ seconds }: BenchOptions): Promise<Record<string, unknown>> {
  const registry = createBuiltinRegistry();
  const reservoir: WrapperSpec = { id: 'Reservoir', reservoirs: [{ units: UNITS }] };
  const setups: Record<string, WrapperSpec[]> = {
    plain: [],
    reservoir: [reservoir],
    maskedReservoir: [{ id: 'MaskObservation', drop: [1, 3] }, { ...reservoir, includeObservation: true }],
  };
  const started = performance.now();
  registry.make(ENV, { wrappers: [{ ...reservoir, seed: 1 + Math.floor(Math.random() * 2 ** 31) }] }).close();
  const buildMs = performance.now() - started;
  const envSteps: Record<string, number> = {};
  for (const [name, wrappers] of Object.entries(setups)) {
    const env = registry.make(ENV, { wrappers });
    envSteps[name] = Math.round(stepsPerSecond(env, seconds));
    env.close();
    process.stderr.write(`  ${name}: ${envSteps[name]} env-steps/s\n`);
  }
  return {
    unit: 'env-steps/s',
    env: ENV,
    units: UNITS,
    secondsPerFigure: seconds,
    envSteps,
    ratioToPlain: { reservoir: round(envSteps.reservoir / envSteps.plain, 3), maskedReservoir: round(envSteps.maskedReservoir / envSteps.plain, 3) },
    buildMs: round(buildMs, 1),
  };
}
