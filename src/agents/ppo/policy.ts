/**
 * PPO's policy: an actor and a critic MLP with orthogonal init (CleanRL: hidden gain √2, policy
 * head 0.01, value head 1), a learned state-independent log-std for Box actions, optional
 * observation statistics and, when the `cell` option is set, a recurrent memory (`memory.ts`)
 * between the inputs and both heads. It acts on observation batches greedily (argmax / the
 * Gaussian mean) or stochastically, and adapts to the Agent contract with `asAgent()`; a
 * recurrent agent keeps one memory row per env and starts it afresh at each episode (or trial,
 * by `memoryReset`), as read from the step results.
 */
import * as tf from '@tensorflow/tfjs';
import { type Batch, MetarenaError, Rng, RunningMeanStd, type Space, type VectorResetResult, type VectorStepResult, deriveSeed, show } from '../../core/index.ts';
import { Mlp } from '../../nn/index.ts';
import type { Agent } from '../agent.ts';
import { ActingTransitions, memoryResets } from '../transitions.ts';
import { type ActKind, type ObsKind, actionKind, argmax, batchLength, inputWidth, observationKind, outputWidth, sampleLogits } from './kinds.ts';
import { MemoryCore, MemoryInputs } from './memory.ts';
import type { PPOOptions } from './options.ts';

/** Network outputs of a batch: logits or Gaussian means [n × outputs], values [n], and the memory's next state rows. */
export interface PolicyOutputs {
  out: Float32Array;
  values: Float32Array;
  state?: Float32Array;
}

export class PPOPolicy {
  readonly actor: Mlp;
  readonly critic: Mlp;
  /** Log-std of the Gaussian policy (Box actions only). */
  readonly logStd: tf.Variable<tf.Rank.R1> | undefined;
  /** The recurrent memory (when `options.cell` is not none). */
  readonly memory: MemoryCore | undefined;
  /** Network inputs per observation. */
  readonly inputSize: number;
  /** Inputs per step: the observation's, then the memory inputs. */
  readonly stepInputs: number;
  /** Observation statistics; frozen while acting outside training. */
  obsStats: RunningMeanStd | null;
  private disposed = false;

  readonly obsKind: ObsKind;
  readonly actKind: ActKind;

  /** `obsStats` defaults to fresh statistics when `options.normalizeObservation` (Box observations). */
  constructor(
    readonly observationSpace: Space,
    readonly actionSpace: Space,
    readonly options: PPOOptions,
    readonly seed: number,
    obsStats?: RunningMeanStd | null,
  ) {
    const obsKind = (this.obsKind = observationKind(observationSpace));
    const actKind = (this.actKind = actionKind(actionSpace));
    this.inputSize = inputWidth(obsKind);
    this.stepInputs = this.inputSize + new MemoryInputs(options.memoryInputs, actKind, 0).width;
    const { hidden, activation } = options;
    const headInputs = options.cell === 'none' ? this.inputSize : options.cellUnits;
    this.memory = options.cell === 'none' ? undefined : new MemoryCore(options.cell, this.stepInputs, options.cellUnits, deriveSeed(seed, 'memory'), options.separateCells);
    this.actor = new Mlp({ inputs: headInputs, hidden, outputs: outputWidth(actKind), activation, outputGain: 0.01, seed: deriveSeed(seed, 'actor'), name: 'actor' });
    this.critic = new Mlp({ inputs: headInputs, hidden, outputs: 1, activation, outputGain: 1, seed: deriveSeed(seed, 'critic'), name: 'critic' });
    this.logStd = actKind.kind === 'box' ? tf.variable(tf.fill([actKind.size], options.initLogStd), true) : undefined;
    this.obsStats = obsStats !== undefined ? obsStats : options.normalizeObservation && obsKind.kind === 'box' ? new RunningMeanStd(obsKind.size) : null;
  }

  get numActions(): number {
    return outputWidth(this.actKind);
  }

  get variables(): tf.Variable[] {
    return Object.values(this.namedVariables());
  }

  /** Every trained variable by checkpoint key. */
  namedVariables(): Record<string, tf.Variable> {
    return { ...this.actor.namedVariables(), ...(this.logStd ? { 'actor/log_std': this.logStd } : {}), ...this.critic.namedVariables(), ...(this.memory?.namedVariables() ?? {}) };
  }

  /** Network inputs for a batch of `n` observations (normalised, one-hot or flattened). */
  inputs(obs: Batch, n: number): Float32Array {
    const out = new Float32Array(n * this.inputSize);
    const flat = obs as ArrayLike<number>;
    if (this.obsKind.kind === 'discrete') {
      for (let i = 0; i < n; i++) out[i * this.inputSize + (flat[i] - this.obsKind.start)] = 1;
      return out;
    }
    if (!ArrayBuffer.isView(obs) || flat.length !== n * this.inputSize) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `ppo: expected ${n} observations of ${this.inputSize} numbers, got ${show(obs)}`, { field: 'obs' });
    }
    const stats = this.obsStats;
    if (!stats) {
      for (let k = 0; k < out.length; k++) out[k] = flat[k];
      return out;
    }
    const clip = this.options.obsClip;
    const size = this.inputSize;
    for (let j = 0; j < size; j++) {
      const m = stats.mean[j];
      const s = 1 / Math.sqrt(stats.var[j] + 1e-8);
      for (let i = 0; i < n; i++) out[i * size + j] = Math.max(-clip, Math.min(clip, (flat[i * size + j] - m) * s));
    }
    return out;
  }

  /**
   * Outputs and values for `n` rows of step inputs. With a memory, `state` holds its rows and
   * `keep` [n] is 0 where a row starts afresh; the outputs then carry the next state rows.
   */
  forward(x: Float32Array, n: number, memory?: { state: Float32Array; keep: Float32Array }): PolicyOutputs {
    return tf.tidy(() => {
      const xs = tf.tensor2d(x, [n, this.stepInputs]);
      if (!this.memory) return { out: this.actor.apply(xs).dataSync() as Float32Array, values: this.critic.apply(xs).dataSync() as Float32Array };
      if (!memory) throw new MetarenaError('METARENA_INVALID_ARGUMENT', 'ppo: a recurrent policy needs its memory state', { field: 'state' });
      const step = this.memory.step(xs, tf.tensor2d(memory.state, [n, this.memory.stateSize]), tf.tensor2d(memory.keep, [n, 1]));
      return { out: this.actor.apply(step.actor).dataSync() as Float32Array, values: this.critic.apply(step.critic).dataSync() as Float32Array, state: step.state.dataSync() as Float32Array };
    });
  }

  /** Values of `n` rows of step inputs (feed-forward policies). */
  values(x: Float32Array, n: number): Float32Array {
    return tf.tidy(() => this.critic.apply(tf.tensor2d(x, [n, this.inputSize])).dataSync() as Float32Array);
  }

  /** Current standard deviations of the Gaussian policy. */
  stds(): Float64Array {
    return this.logStd ? Float64Array.from(this.logStd.dataSync(), Math.exp) : new Float64Array(0);
  }

  /** Env actions for `n` rows of outputs: greedy when `deterministic`, else drawn with `rng`; Box actions clipped to the bounds. */
  actions(out: Float32Array, n: number, deterministic: boolean, rng: Rng | undefined): Batch {
    if (!deterministic && !rng) throw new MetarenaError('METARENA_INVALID_ARGUMENT', 'ppo: stochastic actions need an rng', { field: 'rng' });
    if (this.actKind.kind === 'discrete') {
      const { n: k, start } = this.actKind;
      return Int32Array.from({ length: n }, (_, i) => start + (deterministic ? argmax(out, i * k, k) : sampleLogits(out, i * k, k, rng!)));
    }
    const { size, low, high } = this.actKind;
    const stds = this.stds();
    const actions = new Float32Array(n * size);
    for (let k = 0; k < n * size; k++) {
      const a = deterministic ? out[k] : out[k] + stds[k % size] * rng!.normal();
      actions[k] = Math.max(low[k % size], Math.min(high[k % size], a));
    }
    return actions;
  }

  /**
   * An Agent (the eval harness's contract) acting with this policy; it does not learn.
   * Stochastic agents draw their actions from `seed`.
   */
  asAgent({ deterministic = true, seed = 0, name = 'ppo' }: { deterministic?: boolean; seed?: number; name?: string } = {}): Agent {
    const rng = new Rng(seed);
    let numEnvs = 0;
    let memory: { state: Float32Array; keep: Float32Array; inputs: MemoryInputs } | undefined;
    let steps = new ActingTransitions(0);
    const begin = (n: number) => {
      numEnvs = n;
      steps = new ActingTransitions(n);
      if (this.memory) memory = { state: this.memory.zeros(n), keep: new Float32Array(n), inputs: new MemoryInputs(this.options.memoryInputs, this.actKind, n) };
    };
    return {
      name,
      start: (reset: VectorResetResult) => begin(batchLength(reset.obs as ArrayLike<number>, this.obsKind)),
      act: (obs: Batch) => {
        if (!numEnvs) begin(batchLength(obs as ArrayLike<number>, this.obsKind));
        const x = this.inputs(obs, numEnvs);
        if (!memory) return this.actions(this.forward(x, numEnvs).out, numEnvs, deterministic, rng);
        const outputs = this.forward(memory.inputs.append(x, this.inputSize), numEnvs, memory);
        memory.state = outputs.state!;
        memory.keep.fill(1);
        return this.actions(outputs.out, numEnvs, deterministic, rng);
      },
      observe: (actions: Batch, result: VectorStepResult) => {
        if (!memory) return;
        const restart = memoryResets(result, this.options.memoryReset);
        const width = this.actKind.kind === 'box' ? this.actKind.size : 1;
        // a step that only reset the env (`next_step` autoreset) is no step of the episode: the
        // next inputs stay those of the step that ended it, as in training (transitions.ts)
        const valid = steps.valid(result);
        for (let i = 0; i < numEnvs; i++) {
          const ended = result.terminated[i] === 1 || result.truncated[i] === 1;
          if (valid[i]) memory.inputs.record(i, Array.prototype.slice.call(actions, i * width, (i + 1) * width), result.rewards[i], ended);
          if (restart[i]) {
            memory.keep[i] = 0;
            memory.inputs.clear(i);
          }
        }
      },
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.actor.dispose();
    this.critic.dispose();
    this.logStd?.dispose();
    this.memory?.dispose();
  }
}
