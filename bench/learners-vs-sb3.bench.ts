/**
 * Training speed against Stable-Baselines3 2.4.1 on PyTorch, side by side in one run on the same
 * machine (issue 12). Each figure is taken `REPEATS` times, ours then theirs, alternating, so
 * that both see the same load; the JSON gives every repeat, the medians, and the ratio
 * ours / theirs of the medians (for a time, theirs / ours, so that > 1 is always "ours faster").
 *
 * - `sac`, `td3`: Pendulum-v1, [256, 256] networks, batch 256, one update per env step; env
 *   steps per second after `LEARNING_STARTS` random steps and `WARMUP` timed-out steps (env
 *   step, action choice and update included on both sides).
 * - `dqn`: CartPole-v1 with rl-zoo's DQN settings (`DQN_SETTINGS`, 1 env); gradient updates per
 *   second after learning starts (ours: `gradientSteps` updates every `trainFreq` env steps).
 * - `dqnStepwise`: CartPole-v1 with the settings of `metarena evolve se`'s inner agent
 *   (`SE_PRESETS['CartPole-v1']`: one Adam step per env step on a batch of 199, a Polyak target
 *   update every step, one hidden layer of 57); env steps (= updates) per second after
 *   `DQN_STEPWISE_WARMUP` steps. Ours is that preset's Double DQN with the squared TD error and no
 *   clipping; SB3's DQN takes the same numbers but has no Double DQN target (one forward pass
 *   less), always uses the Huber loss and always clips the gradient norm (set to 1e10 here).
 * - `ppo`: CartPole-v1 with rl-zoo's PPO settings (8 envs, 32 steps, batch 256, GAE 0.8, γ 0.98,
 *   20 epochs, no entropy bonus, learning rate 1e-3 and clip range 0.2 both decayed linearly
 *   over 1e5 steps); training seconds until a greedy evaluation of 20 episodes, taken every
 *   `EVAL_EVERY` env steps, averages ≥ 475 (evaluation time excluded).
 * - `gru`: one BPTT minibatch of a GRU-64 (60 sequences × `GRU_SEQ` steps, 8 inputs, masked
 *   resets, a linear head, mean-squared loss, one Adam step): ours (`src/nn` GRU) against
 *   `torch.nn.GRU` stepped with the same masks.
 *
 * - `matmul`: one 256×256 by 256×256 float32 product (tf.matMul against torch.mm), the kernel
 *   that dominates the off-policy updates.
 *
 * Each learner figure also carries `profile`: the tfjs kernels of a few training steps (taken
 * with `tf.profile` through the learner's `train`), per update: how many kernels run, and the
 * milliseconds of the costliest kinds (`MetarenaDense` is a dense layer: matMul, bias, activation;
 * `MetarenaAdam` one Adam step over all variables, `MetarenaPpoLoss` PPO's loss and its gradient).
 *
 * PyTorch runs with `torch.set_num_threads(1)`; ours runs on the tfjs backend `initBackend`
 * picks (the wasm SIMD build is single-threaded). The Python side is `learners-vs-sb3.py`,
 * run with Debian's python3 and `../shared/peers` (Gymnasium 1.0.0, SB3 2.4.1) on PYTHONPATH
 * (`METARENA_PEERS` overrides the folder, `METARENA_PYTHON` the interpreter).
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import type { AgentEnvSpec } from '../src/agents/agent.ts';
import type { Learner } from '../src/agents/learner.ts';
import { createLearnerRegistry, evaluateReturns } from '../src/agents/learners.ts';
import type { VectorEnv } from '../src/core/index.ts';
import { Dense, GRU, type GradientMap, adam, initBackend } from '../src/nn/index.ts';
import { SE_PRESETS } from '../src/commands/evolve/presets.ts';
import { createBuiltinRegistry } from '../src/plugins/index.ts';
import type { BenchOptions } from './run.ts';
import { median, round } from './stats.ts';

export const REPEATS = 3;
export const LEARNING_STARTS = 500;
export const WARMUP = 50;
export const OFF_POLICY_STEPS = 300;
export const DQN_LEARNING_STARTS = 1000;
/** Env steps timed for DQN: 8 training phases of 128 updates. */
export const DQN_STEPS = 2048;
/** Env steps before and during the timed stretch of `dqnStepwise`. */
export const DQN_STEPWISE_WARMUP = 100;
export const DQN_STEPWISE_STEPS = 2000;
/** The SE inner agent's settings (one update per env step). */
export const DQN_STEPWISE_SETTINGS = SE_PRESETS['CartPole-v1'].options;
export const PPO_BUDGET = 100_000;
export const EVAL_EVERY = 2048;
export const EVAL_EPISODES = 20;
export const SOLVED_RETURN = 475;
export const GRU_SEQ = 32;
export const GRU_BATCH = 60;
export const GRU_INPUTS = 8;
export const GRU_REPEATS = 30;

const OFF_POLICY_SETTINGS = { hidden: [256, 256], batchSize: 256, learningStarts: LEARNING_STARTS, bufferSize: LEARNING_STARTS + WARMUP + OFF_POLICY_STEPS + 10 };
/** rl-zoo's DQN CartPole-v1 hyperparameters. */
export const DQN_SETTINGS = { learningRate: 2.3e-3, batchSize: 64, bufferSize: 100_000, learningStarts: DQN_LEARNING_STARTS, gamma: 0.99, targetUpdateInterval: 10, trainFreq: 256, gradientSteps: 128, explorationFraction: 0.16, explorationFinalEps: 0.04, hidden: [256, 256], totalSteps: 50_000 };
/** rl-zoo's PPO CartPole-v1 hyperparameters in our learner's names. */
export const PPO_SETTINGS = { numSteps: 32, numMinibatches: 1, gaeLambda: 0.8, gamma: 0.98, updateEpochs: 20, entCoef: 0, learningRate: 1e-3, annealLr: true, clipCoef: 0.2, annealClip: true, totalSteps: PPO_BUDGET, hidden: [64, 64], activation: 'tanh', vfCoef: 0.5, maxGradNorm: 0.5, clipVloss: false, normAdvantages: true };
const PPO_ENVS = 8;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = fileURLToPath(new URL('learners-vs-sb3.py', import.meta.url));
const execFileAsync = promisify(execFile);

/** One figure of the Python side (see learners-vs-sb3.py). */
async function theirs(mode: string, args: Record<string, string | number>): Promise<Record<string, number | boolean | string>> {
  const peers = process.env.METARENA_PEERS ?? resolve(ROOT, '../shared/peers');
  const python = process.env.METARENA_PYTHON ?? '/usr/bin/python3';
  const argv = [SCRIPT, mode, ...Object.entries(args).flatMap(([k, v]) => [`--${k}`, String(v)])];
  const env = { ...process.env, PYTHONPATH: [`${peers}/gymnasium-1.0.0`, `${peers}/stable-baselines3-2.4.1`].join(':'), OMP_NUM_THREADS: '1' };
  const { stdout } = await execFileAsync(python, argv, { env, maxBuffer: 1 << 24 });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Record<string, number | boolean | string>;
}

function specOf(env: VectorEnv, envId: string): AgentEnvSpec {
  return { envId, numEnvs: env.numEnvs, observationSpace: env.singleObservationSpace, actionSpace: env.singleActionSpace, contextSpace: env.contextSpace, maxEpisodeSteps: env.maxEpisodeSteps, episodesPerTrial: 1, envArgs: {} };
}

async function makeLearner(agent: string, env: VectorEnv, envId: string, settings: Record<string, unknown>, seed: number): Promise<Learner> {
  const registry = createLearnerRegistry();
  return registry.get(agent).create(specOf(env, envId), registry.options(agent, settings) as never, seed);
}

async function oursOffPolicy(agent: string, seed: number): Promise<number> {
  const env = createBuiltinRegistry().makeVec('Pendulum-v1', 1);
  const learner = await makeLearner(agent, env, 'Pendulum-v1', OFF_POLICY_SETTINGS, seed);
  await learner.train(env, LEARNING_STARTS + WARMUP);
  const started = performance.now();
  await learner.train(env, LEARNING_STARTS + WARMUP + OFF_POLICY_STEPS);
  const seconds = (performance.now() - started) / 1000;
  learner.dispose();
  await env.close();
  return OFF_POLICY_STEPS / seconds;
}

async function oursDqn(seed: number): Promise<number> {
  const env = createBuiltinRegistry().makeVec('CartPole-v1', 1);
  const learner = await makeLearner('dqn', env, 'CartPole-v1', DQN_SETTINGS, seed);
  await learner.train(env, DQN_LEARNING_STARTS);
  const started = performance.now();
  await learner.train(env, DQN_LEARNING_STARTS + DQN_STEPS);
  const seconds = (performance.now() - started) / 1000;
  const phases = (s: number) => Math.floor(s / DQN_SETTINGS.trainFreq);
  const updates = (phases(learner.steps) - phases(DQN_LEARNING_STARTS)) * DQN_SETTINGS.gradientSteps;
  learner.dispose();
  await env.close();
  return updates / seconds;
}

async function oursDqnStepwise(seed: number): Promise<number> {
  const env = createBuiltinRegistry().makeVec('CartPole-v1', 1);
  const learner = (await makeLearner(SE_PRESETS['CartPole-v1'].agent, env, 'CartPole-v1', DQN_STEPWISE_SETTINGS, seed)) as Learner & { gradientSteps: number };
  await learner.train(env, DQN_STEPWISE_WARMUP);
  const [started, updates] = [performance.now(), learner.gradientSteps];
  await learner.train(env, DQN_STEPWISE_WARMUP + DQN_STEPWISE_STEPS);
  const seconds = (performance.now() - started) / 1000;
  const done = learner.gradientSteps - updates;
  learner.dispose();
  await env.close();
  return done / seconds;
}

async function oursPpo(seed: number): Promise<{ seconds: number; steps: number; solved: boolean; evalReturn: number }> {
  const registry = createBuiltinRegistry();
  const env = registry.makeVec('CartPole-v1', PPO_ENVS);
  const evalEnv = registry.makeVec('CartPole-v1', 4);
  const learner = await makeLearner('ppo', env, 'CartPole-v1', PPO_SETTINGS, seed);
  let seconds = 0;
  let evalReturn = Number.NaN;
  let solved = false;
  while (!solved && learner.steps < PPO_BUDGET) {
    const started = performance.now();
    await learner.train(env, Math.min(PPO_BUDGET, learner.steps + EVAL_EVERY));
    seconds += (performance.now() - started) / 1000;
    const returns = await evaluateReturns(evalEnv, learner.policy(), { episodes: EVAL_EPISODES, seed: 10_000 + seed });
    evalReturn = returns.reduce((a, b) => a + b, 0) / returns.length;
    solved = evalReturn >= SOLVED_RETURN;
  }
  const steps = learner.steps;
  learner.dispose();
  await env.close();
  await evalEnv.close();
  return { seconds, steps, solved, evalReturn };
}

/** Median milliseconds of one GRU-64 BPTT minibatch with an Adam step (see the file's doc); with `profiled`, its kernel profile instead. */
async function oursGru(seed: number, profiled = false): Promise<number | Record<string, unknown>> {
  const H = 64;
  const gru = new GRU({ inputs: GRU_INPUTS, units: H, seed, name: 'gru' });
  const head = new Dense({ inputs: H, units: 3, seed: seed + 1, name: 'head' });
  const optimizer = adam(3e-4);
  const xs = tf.randomNormal([GRU_SEQ, GRU_BATCH, GRU_INPUTS], 0, 1, 'float32', seed) as tf.Tensor3D;
  const masks = tf.cast(tf.greater(tf.randomUniform([GRU_SEQ, GRU_BATCH], 0, 1, 'float32', seed + 2), 0.05), 'float32') as tf.Tensor2D;
  const target = tf.randomNormal([GRU_SEQ * GRU_BATCH, 3], 0, 1, 'float32', seed + 3);
  const variables = [...gru.variables, ...head.variables];
  const minibatch = () =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        const { outputs } = gru.unroll(xs, undefined, masks);
        const y = head.apply(tf.reshape(outputs, [GRU_SEQ * GRU_BATCH, H]) as tf.Tensor2D);
        return tf.mean(tf.square(tf.sub(y, target))) as tf.Scalar;
      }, variables);
      optimizer.applyGradients(grads as GradientMap);
    });
  for (let i = 0; i < 5; i++) minibatch();
  if (profiled) {
    const out = await profile(minibatch, 1);
    tf.dispose([xs, masks, target]);
    gru.dispose();
    head.dispose();
    optimizer.dispose();
    return out;
  }
  const times: number[] = [];
  for (let i = 0; i < GRU_REPEATS; i++) {
    const started = performance.now();
    minibatch();
    // the loss is not read; wait for the last kernel as PyTorch's step returns after it
    variables[0].dataSync();
    times.push(performance.now() - started);
  }
  tf.dispose([xs, masks, target]);
  gru.dispose();
  head.dispose();
  optimizer.dispose();
  return median(times);
}

/** Kernel counts and times per update of `work` (see the file's doc). */
async function profile(work: () => Promise<unknown> | unknown, updates: number): Promise<Record<string, unknown>> {
  const info = await tf.profile(async () => {
    await work();
    return [];
  });
  const byKernel = new Map<string, { count: number; ms: number }>();
  for (const k of info.kernels) {
    const entry = byKernel.get(k.name) ?? { count: 0, ms: 0 };
    entry.count += 1;
    entry.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    byKernel.set(k.name, entry);
  }
  const totalMs = [...byKernel.values()].reduce((a, e) => a + e.ms, 0);
  const top = [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8);
  return {
    updates,
    kernelsPerUpdate: round(info.kernels.length / updates, 1),
    kernelMsPerUpdate: round(totalMs / updates, 2),
    costliest: Object.fromEntries(top.map(([name, e]) => [name, { perUpdate: round(e.count / updates, 1), msPerUpdate: round(e.ms / updates, 2) }])),
  };
}

async function profileOffPolicy(agent: string): Promise<Record<string, unknown>> {
  const env = createBuiltinRegistry().makeVec('Pendulum-v1', 1);
  const learner = await makeLearner(agent, env, 'Pendulum-v1', OFF_POLICY_SETTINGS, 1);
  await learner.train(env, LEARNING_STARTS + WARMUP);
  const out = await profile(() => learner.train(env, learner.steps + 10), 10);
  learner.dispose();
  await env.close();
  return out;
}

async function profileDqn(): Promise<Record<string, unknown>> {
  const env = createBuiltinRegistry().makeVec('CartPole-v1', 1);
  const learner = await makeLearner('dqn', env, 'CartPole-v1', DQN_SETTINGS, 1);
  await learner.train(env, DQN_LEARNING_STARTS + DQN_SETTINGS.trainFreq);
  const out = await profile(() => learner.train(env, learner.steps + DQN_SETTINGS.trainFreq), DQN_SETTINGS.gradientSteps);
  learner.dispose();
  await env.close();
  return out;
}

async function profileDqnStepwise(): Promise<Record<string, unknown>> {
  const env = createBuiltinRegistry().makeVec('CartPole-v1', 1);
  const learner = await makeLearner(SE_PRESETS['CartPole-v1'].agent, env, 'CartPole-v1', DQN_STEPWISE_SETTINGS, 1);
  await learner.train(env, DQN_STEPWISE_WARMUP);
  const out = await profile(() => learner.train(env, learner.steps + 100), 100);
  learner.dispose();
  await env.close();
  return out;
}

async function profilePpo(): Promise<Record<string, unknown>> {
  const env = createBuiltinRegistry().makeVec('CartPole-v1', PPO_ENVS);
  const learner = await makeLearner('ppo', env, 'CartPole-v1', PPO_SETTINGS, 1);
  const rollout = PPO_ENVS * PPO_SETTINGS.numSteps;
  await learner.train(env, rollout);
  // one rollout and its updateEpochs × numMinibatches gradient steps
  const out = await profile(() => learner.train(env, learner.steps + rollout), PPO_SETTINGS.updateEpochs * PPO_SETTINGS.numMinibatches);
  learner.dispose();
  await env.close();
  return out;
}

/** Median milliseconds of a 256×256 by 256×256 matMul. */
function oursMatMul(repeats: number): number {
  const a = tf.randomNormal([256, 256]) as tf.Tensor2D;
  const b = tf.randomNormal([256, 256]) as tf.Tensor2D;
  for (let i = 0; i < 20; i++) tf.dispose(tf.matMul(a, b));
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    tf.dispose(tf.matMul(a, b));
    times.push(performance.now() - started);
  }
  tf.dispose([a, b]);
  return median(times);
}

interface Figure {
  ours: number[];
  theirs: number[];
}

const summary = ({ ours, theirs }: Figure, higherIsBetter: boolean) => {
  const o = median(ours);
  const t = median(theirs);
  return {
    ours: ours.map((v) => round(v, 2)),
    theirs: theirs.map((v) => round(v, 2)),
    oursMedian: round(o, 2),
    theirsMedian: round(t, 2),
    ratio: round(higherIsBetter ? o / t : t / o, 3),
    ratioPerRepeat: ours.map((v, i) => round(higherIsBetter ? v / theirs[i] : theirs[i] / v, 3)),
  };
};

export async function run(_opts: BenchOptions): Promise<Record<string, unknown>> {
  const backend = await initBackend();
  const log = (line: string) => void process.stderr.write(`bench learners-vs-sb3: ${line}\n`);
  const figures: Record<string, Figure> = { sac: { ours: [], theirs: [] }, td3: { ours: [], theirs: [] }, dqn: { ours: [], theirs: [] }, dqnStepwise: { ours: [], theirs: [] }, ppo: { ours: [], theirs: [] }, gru: { ours: [], theirs: [] }, matmul: { ours: [], theirs: [] } };
  const ppoRuns: Record<string, unknown>[] = [];
  for (let rep = 0; rep < REPEATS; rep++) {
    const seed = rep + 1;
    for (const agent of ['sac', 'td3']) {
      figures[agent].ours.push(await oursOffPolicy(agent, seed));
      const sb3 = await theirs('offpolicy', { algo: agent, seed, steps: OFF_POLICY_STEPS, warmup: WARMUP, 'learning-starts': LEARNING_STARTS });
      figures[agent].theirs.push(sb3.stepsPerSecond as number);
      log(`${agent} repeat ${rep + 1}: ours ${figures[agent].ours[rep].toFixed(1)} steps/s, SB3 ${(sb3.stepsPerSecond as number).toFixed(1)} steps/s`);
    }
    figures.dqn.ours.push(await oursDqn(seed));
    const dqn = await theirs('dqn', { seed, steps: DQN_STEPS, 'learning-starts': DQN_LEARNING_STARTS });
    figures.dqn.theirs.push(dqn.updatesPerSecond as number);
    log(`dqn repeat ${rep + 1}: ours ${figures.dqn.ours[rep].toFixed(0)} updates/s, SB3 ${(dqn.updatesPerSecond as number).toFixed(0)} updates/s`);
    figures.dqnStepwise.ours.push(await oursDqnStepwise(seed));
    const stepwise = await theirs('dqn-stepwise', { seed, steps: DQN_STEPWISE_STEPS, warmup: DQN_STEPWISE_WARMUP, settings: JSON.stringify(DQN_STEPWISE_SETTINGS) });
    figures.dqnStepwise.theirs.push(stepwise.updatesPerSecond as number);
    log(`dqn stepwise repeat ${rep + 1}: ours ${figures.dqnStepwise.ours[rep].toFixed(0)} updates/s, SB3 ${(stepwise.updatesPerSecond as number).toFixed(0)} updates/s`);
    const ours = await oursPpo(seed);
    const sb3 = await theirs('ppo', { seed, budget: PPO_BUDGET, 'eval-every': EVAL_EVERY, 'eval-episodes': EVAL_EPISODES });
    figures.ppo.ours.push(ours.solved ? ours.seconds : Number.POSITIVE_INFINITY);
    figures.ppo.theirs.push(sb3.solved ? (sb3.secondsToSolve as number) : Number.POSITIVE_INFINITY);
    ppoRuns.push({ seed, ours, theirs: sb3 });
    log(`ppo repeat ${rep + 1}: ours ${ours.seconds.toFixed(1)} s (${ours.steps} steps, solved ${ours.solved}), SB3 ${(sb3.secondsToSolve as number).toFixed(1)} s (${sb3.steps} steps, solved ${sb3.solved})`);
    figures.gru.ours.push((await oursGru(seed)) as number);
    const gru = await theirs('gru', { seed, seq: GRU_SEQ, batch: GRU_BATCH, inputs: GRU_INPUTS, repeats: GRU_REPEATS });
    figures.gru.theirs.push(gru.msPerMinibatch as number);
    log(`gru repeat ${rep + 1}: ours ${figures.gru.ours[rep].toFixed(1)} ms, PyTorch ${(gru.msPerMinibatch as number).toFixed(1)} ms`);
    figures.matmul.ours.push(oursMatMul(200));
    const mm = await theirs('matmul', { repeats: 200 });
    figures.matmul.theirs.push(mm.msPerMatMul as number);
    log(`matmul repeat ${rep + 1}: ours ${figures.matmul.ours[rep].toFixed(3)} ms, PyTorch ${(mm.msPerMatMul as number).toFixed(3)} ms`);
  }
  log('profiling');
  const profiles = { sac: await profileOffPolicy('sac'), td3: await profileOffPolicy('td3'), dqn: await profileDqn(), dqnStepwise: await profileDqnStepwise(), ppo: await profilePpo(), gru: await oursGru(1, true) };
  return {
    ours: { backend: backend.name, openblasMatMul: backend.nativeBlas, threads: 1 },
    theirs: { library: 'Stable-Baselines3 2.4.1, Gymnasium 1.0.0', torchThreads: 1 },
    repeats: REPEATS,
    ratio: 'ours / theirs for rates, theirs / ours for times: above 1 means ours is faster',
    sac: { unit: 'env steps (= updates) per second', env: 'Pendulum-v1', settings: OFF_POLICY_SETTINGS, ...summary(figures.sac, true), profile: profiles.sac },
    td3: { unit: 'env steps (= updates) per second', env: 'Pendulum-v1', settings: OFF_POLICY_SETTINGS, ...summary(figures.td3, true), profile: profiles.td3 },
    dqn: { unit: 'gradient updates per second', env: 'CartPole-v1', settings: DQN_SETTINGS, ...summary(figures.dqn, true), profile: profiles.dqn },
    dqnStepwise: { unit: 'env steps (= gradient updates) per second', env: 'CartPole-v1', agent: SE_PRESETS['CartPole-v1'].agent, settings: DQN_STEPWISE_SETTINGS, ...summary(figures.dqnStepwise, true), profile: profiles.dqnStepwise },
    ppo: { unit: 'training seconds to solve (greedy mean >= 475)', env: 'CartPole-v1', settings: PPO_SETTINGS, numEnvs: PPO_ENVS, ...summary(figures.ppo, false), runs: ppoRuns, profile: profiles.ppo },
    gru: { unit: 'ms per BPTT minibatch', shape: { sequences: GRU_BATCH, steps: GRU_SEQ, inputs: GRU_INPUTS, units: 64 }, ...summary(figures.gru, false), profile: profiles.gru },
    matmul: { unit: 'ms per 256×256 by 256×256 float32 matMul', ...summary(figures.matmul, false) },
  };
}

/** Minutes: SB3 and our learners side by side, three repeats of five figures. */
export const slow = 'trains SAC, TD3, DQN and PPO next to Stable-Baselines3 (three repeats, a few minutes)';
