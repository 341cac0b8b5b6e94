/**
 * PPO's rollout: `numSteps` steps in every env, read through the transition stream, stored
 * [T × n] row-major — step inputs, actions (the unclipped Gaussian draw for Box actions, the
 * index from 0 for Discrete), log-probabilities, values, rewards (scaled by the running std of
 * the discounted return when `normalizeReward`), episode ends, validity (a `next_step` reset
 * step is not learned from) and, for a truncated episode whose next input already belongs to the
 * next episode, the value of its final observation, to bootstrap from. A recurrent policy also
 * stores its memory state before every step and the keep mask (0: the memory started afresh).
 */
import type { Batch, Rng, RunningMeanStd } from '../../core/index.ts';
import { type TransitionStream, memoryResets } from '../transitions.ts';
import { LOG_2PI, logSoftmaxAt, sampleLogits } from './kinds.ts';
import { MemoryInputs } from './memory.ts';
import type { PPOPolicy } from './policy.ts';

/** What a learner keeps between rollouts on one vector env. */
export interface RolloutState {
  stream: TransitionStream;
  /** Network inputs of the stream's current observations. */
  x: Float32Array;
  discountedReturn: Float64Array;
  /** The memory's state rows and keep mask for the next step, and its extra inputs (recurrent policies). */
  memory?: { state: Float32Array; keep: Float32Array; inputs: MemoryInputs };
}

export interface Rollout {
  T: number;
  n: number;
  /** Step inputs per row. */
  width: number;
  obs: Float32Array;
  actions: Float32Array;
  logp: Float32Array;
  values: Float32Array;
  rewards: Float32Array;
  terminated: Uint8Array;
  done: Uint8Array;
  valid: Uint8Array;
  /** Value of the final observation, for done steps whose next input is a reset one. */
  finalValue: Float32Array;
  /** Values of the inputs after the last step (for GAE). */
  lastValues: Float32Array;
  /** Recurrent policies: the memory state rows before each step [T × n × stateSize] and the keep masks [T × n]. */
  states?: Float32Array;
  keep?: Float32Array;
  /** Recurrent policies: the keep mask after the last step [n] (0: the memory starts afresh at the next rollout's first step). */
  lastKeep?: Float32Array;
  /** Returns of the episodes that ended during the rollout, in order. */
  finished: number[];
}

/** A rollout state for a freshly reset stream. */
export function startRollout(policy: PPOPolicy, stream: TransitionStream, x: Float32Array): RolloutState {
  const n = stream.numEnvs;
  const memory = policy.memory ? { state: policy.memory.zeros(n), keep: new Float32Array(n), inputs: new MemoryInputs(policy.options.memoryInputs, policy.actKind, n) } : undefined;
  return { stream, x, discountedReturn: new Float64Array(n), memory };
}

/** The policy's step inputs for the current observations. */
const stepInputs = (policy: PPOPolicy, run: RolloutState): Float32Array => (run.memory ? run.memory.inputs.append(run.x, policy.inputSize) : run.x);

/**
 * Runs `T` steps in every env. `observe` turns observations met in training into network inputs
 * (updating the observation statistics).
 */
export async function collectRollout(policy: PPOPolicy, run: RolloutState, T: number, rng: Rng, rewardStats: RunningMeanStd | null, observe: (obs: Batch, n: number) => Float32Array): Promise<Rollout> {
  const opts = policy.options;
  const { actKind } = policy;
  const { stream, discountedReturn, memory } = run;
  const n = stream.numEnvs;
  const size = T * n;
  const width = policy.stepInputs;
  const discrete = actKind.kind === 'discrete';
  const aSize = discrete ? 1 : actKind.size;
  const stateSize = policy.memory?.stateSize ?? 0;
  const r: Rollout = {
    T,
    n,
    width,
    obs: new Float32Array(size * width),
    actions: new Float32Array(size * aSize),
    logp: new Float32Array(size),
    values: new Float32Array(size),
    rewards: new Float32Array(size),
    terminated: new Uint8Array(size),
    done: new Uint8Array(size),
    valid: new Uint8Array(size),
    finalValue: new Float32Array(size),
    lastValues: new Float32Array(n),
    states: memory ? new Float32Array(size * stateSize) : undefined,
    keep: memory ? new Float32Array(size) : undefined,
    finished: [],
  };
  const actionBatch = discrete ? new Int32Array(n) : new Float32Array(n * aSize);

  for (let t = 0; t < T; t++) {
    const row = t * n;
    const x = stepInputs(policy, run);
    r.obs.set(x, row * width);
    if (memory) {
      r.states!.set(memory.state, row * stateSize);
      r.keep!.set(memory.keep, row);
    }
    const { out, values, state } = policy.forward(x, n, memory);
    const stds = discrete ? undefined : policy.stds();
    for (let i = 0; i < n; i++) {
      const k = row + i;
      r.values[k] = values[i];
      if (actKind.kind === 'discrete') {
        const a = sampleLogits(out, i * actKind.n, actKind.n, rng);
        r.actions[k] = a;
        r.logp[k] = logSoftmaxAt(out, i * actKind.n, actKind.n, a);
        actionBatch[i] = a + actKind.start;
      } else {
        let logp = 0;
        for (let j = 0; j < aSize; j++) {
          const mean = out[i * aSize + j];
          const std = stds![j];
          const z = rng.normal();
          const a = mean + std * z;
          r.actions[k * aSize + j] = a;
          logp += -0.5 * z * z - Math.log(std) - 0.5 * LOG_2PI;
          actionBatch[i * aSize + j] = Math.max(actKind.low[j], Math.min(actKind.high[j], a));
        }
        r.logp[k] = logp;
      }
    }
    const step = await stream.step(actionBatch);
    for (let i = 0; i < n; i++) {
      const k = row + i;
      r.valid[k] = step.valid[i];
      let reward = step.valid[i] ? step.rewards[i] : 0;
      if (step.valid[i] && rewardStats) {
        discountedReturn[i] = discountedReturn[i] * opts.gamma + reward;
        rewardStats.update([discountedReturn[i]], 1);
        reward = Math.max(-opts.rewardClip, Math.min(opts.rewardClip, reward / Math.sqrt(rewardStats.var[0] + 1e-8)));
      }
      r.rewards[k] = reward;
      r.terminated[k] = step.terminated[i];
      r.done[k] = step.done[i];
      if (step.done[i]) discountedReturn[i] = 0;
    }
    for (const f of step.finished) r.finished.push(f.episodeReturn);
    if (memory) {
      // the memory after this step, its inputs for the next one, and where it starts afresh
      memory.state = state!;
      memory.keep.fill(1);
      for (let i = 0; i < n; i++) if (step.valid[i]) memory.inputs.record(i, actionBatch.subarray(i * aSize, (i + 1) * aSize), step.rewards[i], step.done[i] === 1);
    }
    // truncated episodes whose final observation is not the next input: bootstrap from it
    const truncated = [...step.restarted.keys()].filter((i) => step.restarted[i] && !step.terminated[i]);
    if (truncated.length) {
      const m = truncated.length;
      const d = policy.obsKind.kind === 'box' ? policy.obsKind.size : 1;
      const rows = policy.obsKind.kind === 'box' ? new Float32Array(m * d) : new Int32Array(m);
      const next = step.nextObs as ArrayLike<number>;
      truncated.forEach((i, j) => {
        for (let c = 0; c < d; c++) rows[j * d + c] = next[i * d + c];
      });
      const v = finalValues(policy, run, policy.inputs(rows, m), truncated);
      truncated.forEach((i, j) => (r.finalValue[row + i] = v[j]));
    }
    if (memory) {
      const resets = memoryResets({ terminated: step.terminated, truncated: step.truncated, info: step.resetInfo ?? step.info }, opts.memoryReset);
      for (let i = 0; i < n; i++) {
        if (!resets[i]) continue;
        memory.keep[i] = 0;
        memory.inputs.clear(i);
      }
    }
    run.x = observe(stream.obs, n);
  }
  r.lastValues = memory ? policy.forward(stepInputs(policy, run), n, memory).values : policy.values(run.x, n);
  if (memory) r.lastKeep = memory.keep.slice();
  return r;
}

/** Values of final observations (network inputs `x`) of the envs `rows`, continuing their memory. */
function finalValues(policy: PPOPolicy, run: RolloutState, x: Float32Array, rows: number[]): Float32Array {
  const { memory } = run;
  const m = rows.length;
  if (!memory || !policy.memory) return policy.values(x, m);
  const S = policy.memory.stateSize;
  const w = memory.inputs.width;
  const inputs = new Float32Array(m * policy.stepInputs);
  const state = new Float32Array(m * S);
  rows.forEach((i, j) => {
    inputs.set(x.subarray(j * policy.inputSize, (j + 1) * policy.inputSize), j * policy.stepInputs);
    inputs.set(memory.inputs.values.subarray(i * w, (i + 1) * w), j * policy.stepInputs + policy.inputSize);
    state.set(memory.state.subarray(i * S, (i + 1) * S), j * S);
  });
  return policy.forward(inputs, m, { state, keep: new Float32Array(m).fill(1) }).values;
}
