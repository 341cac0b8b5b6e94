/**
 * A recurrent policy's memory: a GRU (PyTorch's, or pytorch_rl2's layer-normalised variant) or
 * an LSTM cell (`src/nn`) whose state is one row of
 * `stateSize` numbers per env (h, or h then c), kept outside tfjs between steps so that rollouts
 * can store it and sequences can start from it. With `separate`, the actor and the critic each
 * have their own cell (pytorch_rl2's separate policy and value networks) and a state row holds
 * the actor's cell state, then the critic's. A mask row of 0 resets that env's state (and its
 * memory inputs) before the step — at an episode's or a trial's first observation.
 *
 * `MemoryInputs` builds the cell's input: the observation's network inputs, then, as chosen by
 * the `memoryInputs` option, the previous action (one-hot, or the Box values), the previous
 * reward and a flag that the previous step ended an episode. Where the memory starts afresh
 * there is no previous step, and the inputs are pytorch_rl2's start values: action 0 (one-hot
 * index 0; zeros for Box actions), reward 0, done 1.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../../core/index.ts';
import { GRU, LSTM, ModuleGroup } from '../../nn/index.ts';
import type { ActKind } from './kinds.ts';

type Cell = GRU | LSTM;

/** The cells' outputs of a step or an unroll: the actor's and the critic's (the same tensor when shared). */
export interface MemoryOutputs<T extends tf.Tensor> {
  actor: T;
  critic: T;
}

export class MemoryCore extends ModuleGroup {
  /** One cell (shared by actor and critic), or two: the actor's, then the critic's. */
  readonly cells: readonly Cell[];
  /** Numbers per env in a stored state row. */
  readonly stateSize: number;
  /** Numbers per env in one cell's state. */
  private readonly cellStateSize: number;

  /** `kind` gru-ln is pytorch_rl2's layer-normalised GRU (`GRU` with `layerNorm`). */
  constructor(
    kind: 'gru' | 'gru-ln' | 'lstm',
    inputs: number,
    readonly units: number,
    seed: number,
    separate = false,
  ) {
    super();
    const make = (name: string, cellSeed: number): Cell => {
      const options = { inputs, units, seed: cellSeed, name };
      return kind === 'lstm' ? new LSTM(options) : new GRU({ ...options, layerNorm: kind === 'gru-ln' });
    };
    this.cells = separate ? [make(`memory/actor/${kind}`, deriveSeed(seed, 'actor')), make(`memory/critic/${kind}`, deriveSeed(seed, 'critic'))] : [make(`memory/${kind}`, seed)];
    this.cellStateSize = kind === 'lstm' ? 2 * units : units;
    this.stateSize = this.cellStateSize * this.cells.length;
  }

  /** The actor's cell (the only one when shared). */
  get cell(): Cell {
    return this.cells[0];
  }

  /** Zero states for `n` envs. */
  zeros(n: number): Float32Array {
    return new Float32Array(n * this.stateSize);
  }

  /** State rows [n, stateSize] as each cell's state. */
  private split(state: tf.Tensor2D): (tf.Tensor2D | { h: tf.Tensor2D; c: tf.Tensor2D })[] {
    const parts = this.cells.length > 1 ? (tf.split(state, this.cells.length, 1) as tf.Tensor2D[]) : [state];
    return parts.map((s, j) => {
      if (this.cells[j] instanceof GRU) return s;
      const [h, c] = tf.split(s, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
      return { h, c };
    });
  }

  private outputs<T extends tf.Tensor>(per: T[]): MemoryOutputs<T> {
    return { actor: per[0], critic: per[per.length - 1] };
  }

  /** One step of `x` [n, I] from state rows [n, stateSize] (reset where `keep` [n, 1] is 0): the outputs h and the next state rows. */
  step(x: tf.Tensor2D, state: tf.Tensor2D, keep: tf.Tensor2D): MemoryOutputs<tf.Tensor2D> & { state: tf.Tensor2D } {
    const states = this.split(tf.mul(state, keep) as tf.Tensor2D);
    const hs: tf.Tensor2D[] = [];
    const next: tf.Tensor2D[] = [];
    this.cells.forEach((cell, j) => {
      if (cell instanceof GRU) {
        const h = cell.step(x, states[j] as tf.Tensor2D);
        hs.push(h);
        next.push(h);
      } else {
        const s = cell.step(x, states[j] as { h: tf.Tensor2D; c: tf.Tensor2D });
        hs.push(s.h);
        next.push(s.h, s.c);
      }
    });
    return { ...this.outputs(hs), state: next.length > 1 ? (tf.concat(next, 1) as tf.Tensor2D) : next[0] };
  }

  /** The outputs [T, B, H] of T steps over xs [T, B, I] from state rows [B, stateSize]; keep [T, B]: 0 resets before that step. */
  unroll(xs: tf.Tensor3D, state0: tf.Tensor2D, keep: tf.Tensor2D): MemoryOutputs<tf.Tensor3D> {
    const states = this.split(state0);
    return this.outputs(
      this.cells.map((cell, j) => (cell instanceof GRU ? cell.unroll(xs, states[j] as tf.Tensor2D, keep).outputs : cell.unroll(xs, states[j] as { h: tf.Tensor2D; c: tf.Tensor2D }, keep).outputs)),
    );
  }

  protected get modules(): readonly Cell[] {
    return this.cells;
  }
}

/** The previous action, reward and episode end of every env, as extra cell inputs. */
export class MemoryInputs {
  readonly width: number;
  private readonly actionWidth: number;
  /** [n × width]: the extra inputs of each env's next step. */
  readonly values: Float32Array;

  constructor(
    readonly chosen: readonly string[],
    readonly act: ActKind,
    readonly numEnvs: number,
  ) {
    this.actionWidth = chosen.includes('action') ? (act.kind === 'discrete' ? act.n : act.size) : 0;
    this.width = this.actionWidth + (chosen.includes('reward') ? 1 : 0) + (chosen.includes('done') ? 1 : 0);
    this.values = new Float32Array(numEnvs * this.width);
    for (let i = 0; i < numEnvs; i++) this.clear(i);
  }

  /** Records env i's step: the action sent to the env, the reward and whether the episode ended. */
  record(i: number, action: ArrayLike<number>, reward: number, done: boolean): void {
    const w = this.width;
    if (w === 0) return;
    const row = this.values.subarray(i * w, (i + 1) * w);
    row.fill(0);
    let k = 0;
    if (this.actionWidth > 0) {
      if (this.act.kind === 'discrete') row[action[0] - this.act.start] = 1;
      else for (let j = 0; j < this.act.size; j++) row[j] = action[j];
      k = this.actionWidth;
    }
    if (this.chosen.includes('reward')) row[k++] = reward;
    if (this.chosen.includes('done')) row[k] = done ? 1 : 0;
  }

  /** Env i's memory starts afresh: no previous step, so the start values (action 0, reward 0, done 1). */
  clear(i: number): void {
    const w = this.width;
    if (w === 0) return;
    const row = this.values.subarray(i * w, (i + 1) * w);
    row.fill(0);
    if (this.actionWidth > 0 && this.act.kind === 'discrete') row[0] = 1;
    if (this.chosen.includes('done')) row[w - 1] = 1;
  }

  /** Rows of observation inputs (`obsWidth` each) followed by the extra inputs. */
  append(obsInputs: Float32Array, obsWidth: number): Float32Array {
    if (this.width === 0) return obsInputs;
    const n = this.numEnvs;
    const w = obsWidth + this.width;
    const out = new Float32Array(n * w);
    for (let i = 0; i < n; i++) {
      out.set(obsInputs.subarray(i * obsWidth, (i + 1) * obsWidth), i * w);
      out.set(this.values.subarray(i * this.width, (i + 1) * this.width), i * w + obsWidth);
    }
    return out;
  }
}
