/**
 * A recurrent policy's memory: a GRU or LSTM cell (`src/nn`) whose state is one row of
 * `stateSize` numbers per env (h, or h then c), kept outside tfjs between steps so that rollouts
 * can store it and sequences can start from it. A mask row of 0 resets that env's state (and its
 * memory inputs) before the step — at an episode's or a trial's first observation.
 *
 * `MemoryInputs` builds the cell's input: the observation's network inputs, then, as chosen by
 * the `memoryInputs` option, the previous action (one-hot, or the Box values), the previous
 * reward and a flag that the previous step ended an episode, all zero after a reset.
 */
import * as tf from '@tensorflow/tfjs';
import { GRU, LSTM } from '../../nn/index.ts';
import type { ActKind } from './kinds.ts';

export class MemoryCore {
  readonly cell: GRU | LSTM;
  /** Numbers per env in a stored state row. */
  readonly stateSize: number;

  constructor(
    kind: 'gru' | 'lstm',
    inputs: number,
    readonly units: number,
    seed: number,
  ) {
    const options = { inputs, units, seed, name: `memory/${kind}` };
    this.cell = kind === 'gru' ? new GRU(options) : new LSTM(options);
    this.stateSize = kind === 'gru' ? units : 2 * units;
  }

  /** Zero states for `n` envs. */
  zeros(n: number): Float32Array {
    return new Float32Array(n * this.stateSize);
  }

  private split(state: tf.Tensor2D): tf.Tensor2D | { h: tf.Tensor2D; c: tf.Tensor2D } {
    if (this.cell instanceof GRU) return state;
    const [h, c] = tf.split(state, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    return { h, c };
  }

  /** One step of `x` [n, I] from state rows [n, stateSize] (reset where `keep` [n, 1] is 0): the output h and the next state rows. */
  step(x: tf.Tensor2D, state: tf.Tensor2D, keep: tf.Tensor2D): { h: tf.Tensor2D; state: tf.Tensor2D } {
    const s = this.split(tf.mul(state, keep) as tf.Tensor2D);
    if (this.cell instanceof GRU) {
      const h = this.cell.step(x, s as tf.Tensor2D);
      return { h, state: h };
    }
    const next = this.cell.step(x, s as { h: tf.Tensor2D; c: tf.Tensor2D });
    return { h: next.h, state: tf.concat([next.h, next.c], 1) as tf.Tensor2D };
  }

  /** The outputs [T, B, H] of T steps over xs [T, B, I] from state rows [B, stateSize]; keep [T, B]: 0 resets before that step. */
  unroll(xs: tf.Tensor3D, state0: tf.Tensor2D, keep: tf.Tensor2D): tf.Tensor3D {
    const s = this.split(state0);
    if (this.cell instanceof GRU) return this.cell.unroll(xs, s as tf.Tensor2D, keep).outputs;
    return this.cell.unroll(xs, s as { h: tf.Tensor2D; c: tf.Tensor2D }, keep).outputs;
  }

  get variables(): tf.Variable[] {
    return this.cell.variables;
  }

  namedVariables(): Record<string, tf.Variable> {
    return this.cell.namedVariables();
  }

  dispose(): void {
    this.cell.dispose();
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

  /** Env i's memory starts afresh: no previous step. */
  clear(i: number): void {
    this.values.fill(0, i * this.width, (i + 1) * this.width);
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
