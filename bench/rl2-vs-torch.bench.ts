/**
 * RL² training throughput against a PyTorch GRU of the same size doing the same PPO update
 * (issue 13), side by side in one run on the same machine. Each figure is taken `REPEATS` times,
 * ours then theirs, alternating, so that both see the same load; the JSON gives every repeat,
 * the medians and the ratio of the medians, ours / theirs for a rate and theirs / ours for a
 * time, so that > 1 always means ours is faster.
 *
 * - Ours: the `rl2` learner on Bandit-v0 (arms 5) made as `metarena train --agent rl2
 *   --env-arg arms=5 --split train --episodes-per-trial 10` makes it, 16 envs, with the settings
 *   of models/rl2-bandit-n10-k5 (`RL2_SETTINGS`: GRU-64 policy and a separate GRU-64 value
 *   network with linear heads, 200 steps per env per rollout, sequences of 20 steps, 8 epochs ×
 *   4 minibatches). One warm-up rollout and update, then `ROLLOUTS` timed ones through
 *   `Learner.train`: env stepping, acting and the PPO update all included. The breakdown
 *   (milliseconds of a rollout, of an update) is taken on `BREAKDOWN` further rollouts collected
 *   and learned from with the learner's own network, optimizer and random state through
 *   PPO's rollout, GAE and update functions.
 * - Theirs: `rl2_torch.py`, a one-file recurrent PPO in the style of CleanRL's ppo_atari_lstm.py
 *   with torch.nn.GRU cells doing the same work on the same bandit written in numpy (its doc
 *   block lists what it does): the same warm-up and timed rollouts, the breakdown taken within
 *   the timed ones. Started from the same settings, it learns at the pace ours does (mean pull
 *   reward about 0.63 after 60 updates, as in models/rl2-bandit-n10-k5's curve).
 *
 * `meanPullReward` (the mean reward of the timed pulls, about 0.5 this early in training) is a
 * check that both sides play the same bandit, not a figure of merit.
 *
 * Env steps are counted as `metarena train` counts them: under `next_step` autoreset every
 * pull ends its episode and the next step only resets the env, so a 10-pull trial is 20 env
 * steps (3,200 per rollout of 16 envs × 200 steps). The Python side simulates the same reset
 * steps (both cells step through them, the loss leaves them out), so both count the same steps;
 * `pullsPerSecond` (half of them) is given beside.
 *
 * PyTorch runs with `torch.set_num_threads(1)`; ours runs on the tfjs backend `initBackend`
 * picks. The Python side needs only numpy and torch (Debian's python3-numpy and python3-torch),
 * run with /usr/bin/python3 (`METARENA_PYTHON` overrides the interpreter).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AgentEnvSpec } from '../src/agents/agent.ts';
import { createLearnerRegistry } from '../src/agents/learners.ts';
import { advantages } from '../src/agents/ppo/gae.ts';
import type { PPOLearner } from '../src/agents/ppo/learner.ts';
import { collectRollout, startRollout } from '../src/agents/ppo/rollout.ts';
import { updatePolicy } from '../src/agents/ppo/update.ts';
import { TransitionStream } from '../src/agents/transitions.ts';
import type { VectorEnv } from '../src/core/index.ts';
import { initBackend } from '../src/nn/index.ts';
import { createBuiltinRegistry } from '../src/plugins/index.ts';
import type { BenchOptions } from './run.ts';
import { median, round } from './stats.ts';

export const REPEATS = 3;
/** Timed rollouts and updates per repeat (after one warm-up). */
export const ROLLOUTS = 4;
/** Rollouts and updates per repeat timed apart for the breakdown (ours). */
export const BREAKDOWN = 2;
export const NUM_ENVS = 16;
export const ENV_ID = 'Bandit-v0';
export const ARMS = 5;
export const PULLS_PER_TRIAL = 10;
/** The make of `metarena train --env-arg arms=5 --split train --episodes-per-trial 10`. */
const MAKE = { args: { arms: ARMS }, split: 'train', episodesPerTrial: PULLS_PER_TRIAL } as const;
/** The options of models/rl2-bandit-n10-k5 (its run.json). */
export const RL2_SETTINGS = {
  totalSteps: 3_000_000,
  numSteps: 200,
  learningRate: 0.002,
  annealLr: true,
  gamma: 0.99,
  gaeLambda: 0.3,
  numMinibatches: 4,
  updateEpochs: 8,
  normAdvantages: true,
  clipCoef: 0.1,
  clipVloss: false,
  entCoef: 0.01,
  vfCoef: 0.5,
  maxGradNorm: 0.5,
  hidden: [],
  cell: 'gru',
  cellUnits: 64,
  seqLen: 20,
};
const ROLLOUT_STEPS = NUM_ENVS * RL2_SETTINGS.numSteps;

const SCRIPT = fileURLToPath(new URL('rl2_torch.py', import.meta.url));
const execFileAsync = promisify(execFile);

interface Run {
  stepsPerSecond: number;
  pullsPerSecond: number;
  rolloutMs: number;
  updateMs: number;
  meanPullReward: number;
}

/** One repeat of the Python side (see rl2_torch.py). */
async function theirs(seed: number): Promise<Run & { torch: string; torchThreads: number; inputs: number }> {
  const python = process.env.METARENA_PYTHON ?? '/usr/bin/python3';
  const s = RL2_SETTINGS;
  const args = {
    seed,
    'num-envs': NUM_ENVS,
    arms: ARMS,
    pulls: PULLS_PER_TRIAL,
    units: s.cellUnits,
    steps: s.numSteps,
    'seq-len': s.seqLen,
    epochs: s.updateEpochs,
    minibatches: s.numMinibatches,
    lr: s.learningRate,
    'total-steps': s.totalSteps,
    gamma: s.gamma,
    'gae-lambda': s.gaeLambda,
    'clip-coef': s.clipCoef,
    'ent-coef': s.entCoef,
    'vf-coef': s.vfCoef,
    'max-grad-norm': s.maxGradNorm,
    rollouts: ROLLOUTS,
  };
  const argv = [SCRIPT, ...Object.entries(args).flatMap(([k, v]) => [`--${k}`, String(v)])];
  const { stdout } = await execFileAsync(python, argv, { env: { ...process.env, OMP_NUM_THREADS: '1' }, maxBuffer: 1 << 24 });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

function specOf(env: VectorEnv): AgentEnvSpec {
  return { envId: ENV_ID, numEnvs: env.numEnvs, observationSpace: env.singleObservationSpace, actionSpace: env.singleActionSpace, contextSpace: env.contextSpace, maxEpisodeSteps: env.maxEpisodeSteps, episodesPerTrial: PULLS_PER_TRIAL, envArgs: MAKE.args };
}

async function makeLearner(env: VectorEnv, seed: number): Promise<PPOLearner> {
  const registry = createLearnerRegistry();
  return (await registry.get('rl2').create(specOf(env), registry.options('rl2', RL2_SETTINGS) as never, seed)) as PPOLearner;
}

/** One repeat of ours (see the file's doc). */
async function ours(seed: number): Promise<Run & { inputs: number }> {
  const registry = createBuiltinRegistry();
  const env = registry.makeVec(ENV_ID, NUM_ENVS, MAKE);
  const learner = await makeLearner(env, seed);
  await learner.train(env, ROLLOUT_STEPS);
  const episodesBefore = learner.episodeReturns.length;
  const started = performance.now();
  await learner.train(env, ROLLOUT_STEPS * (1 + ROLLOUTS));
  const seconds = (performance.now() - started) / 1000;
  const returns = learner.episodeReturns.slice(episodesBefore);
  const steps = learner.steps - ROLLOUT_STEPS;

  // the breakdown, on a second env of the same make
  const { model, optimizer, rng } = learner;
  const breakdownEnv = registry.makeVec(ENV_ID, NUM_ENVS, MAKE);
  const { stream, reset } = await TransitionStream.open(breakdownEnv, { agent: 'rl2' }, seed + 1000, 0);
  const run = startRollout(model, stream, model.inputs(reset.obs, NUM_ENVS));
  const rolloutMs: number[] = [];
  const updateMs: number[] = [];
  for (let i = 0; i < BREAKDOWN; i++) {
    const t0 = performance.now();
    const rollout = await collectRollout(model, run, model.options.numSteps, rng, null, (obs, n) => model.inputs(obs, n));
    const t1 = performance.now();
    const { advantages: adv, returns: ret } = advantages(rollout, model.options, breakdownEnv.autoresetMode !== 'next_step');
    updatePolicy(model, optimizer, rollout, adv, ret, rng);
    rolloutMs.push(t1 - t0);
    updateMs.push(performance.now() - t1);
  }
  const inputs = model.stepInputs;
  learner.dispose();
  await env.close();
  await breakdownEnv.close();
  return {
    stepsPerSecond: steps / seconds,
    pullsPerSecond: returns.length / seconds,
    rolloutMs: median(rolloutMs),
    updateMs: median(updateMs),
    meanPullReward: returns.reduce((a, b) => a + b, 0) / returns.length,
    inputs,
  };
}

const KEYS = ['stepsPerSecond', 'pullsPerSecond', 'rolloutMs', 'updateMs'] as const;
const HIGHER_IS_BETTER: Record<(typeof KEYS)[number], boolean> = { stepsPerSecond: true, pullsPerSecond: true, rolloutMs: false, updateMs: false };

export async function run(_opts: BenchOptions): Promise<Record<string, unknown>> {
  const backend = await initBackend();
  const log = (line: string) => void process.stderr.write(`bench rl2-vs-torch: ${line}\n`);
  const oursRuns: Awaited<ReturnType<typeof ours>>[] = [];
  const theirRuns: Awaited<ReturnType<typeof theirs>>[] = [];
  for (let rep = 0; rep < REPEATS; rep++) {
    const seed = rep + 1;
    oursRuns.push(await ours(seed));
    theirRuns.push(await theirs(seed));
    const [o, t] = [oursRuns[rep], theirRuns[rep]];
    log(`repeat ${rep + 1}: ours ${o.stepsPerSecond.toFixed(0)} env steps/s (rollout ${o.rolloutMs.toFixed(0)} ms, update ${o.updateMs.toFixed(0)} ms), PyTorch ${t.stepsPerSecond.toFixed(0)} env steps/s (rollout ${t.rolloutMs.toFixed(0)} ms, update ${t.updateMs.toFixed(0)} ms)`);
  }
  if (oursRuns[0].inputs !== theirRuns[0].inputs) throw new Error(`rl2-vs-torch: input widths differ: ours ${oursRuns[0].inputs}, PyTorch ${theirRuns[0].inputs}`);
  const side = (runs: Run[]) => ({
    ...Object.fromEntries(KEYS.map((k) => [k, round(median(runs.map((r) => r[k])), 2)])),
    perRepeat: Object.fromEntries(KEYS.map((k) => [k, runs.map((r) => round(r[k], 2))])),
    meanPullReward: round(median(runs.map((r) => r.meanPullReward)), 3),
  });
  const ratio = Object.fromEntries(
    KEYS.map((k) => {
      const [o, t] = [median(oursRuns.map((r) => r[k])), median(theirRuns.map((r) => r[k]))];
      return [k, round(HIGHER_IS_BETTER[k] ? o / t : t / o, 3)];
    }),
  );
  return {
    unit: 'env steps per second (next_step reset steps included: 20 per 10-pull trial); rollout and update in ms',
    env: { id: ENV_ID, ...MAKE, numEnvs: NUM_ENVS, stepInputs: oursRuns[0].inputs },
    settings: RL2_SETTINGS,
    repeats: REPEATS,
    timedRollouts: ROLLOUTS,
    ratioMeaning: 'ours / theirs for rates, theirs / ours for times: above 1 means ours is faster',
    ours: { backend: backend.name, openblasMatMul: backend.nativeBlas, threads: 1, ...side(oursRuns) },
    theirs: { library: `PyTorch ${theirRuns[0].torch} (torch.nn.GRU, CleanRL-style recurrent PPO)`, torch: theirRuns[0].torch, torchThreads: theirRuns[0].torchThreads, ...side(theirRuns) },
    ratio,
  };
}

/** Half a minute to a minute: three repeats of five RL² rollouts and updates on each side (plus two for our breakdown). */
export const slow = 'trains RL² on Bandit-v0 next to a PyTorch GRU recurrent PPO (three repeats, half a minute to a minute)';
