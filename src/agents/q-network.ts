/**
 * The Q network of the DQN family: Q(s, ·) for a batch of observations, either a plain MLP or
 * the dueling architecture (Wang et al., 2016) — a shared trunk, then value and advantage
 * streams combined as `Q = V(s) + A(s, a) − mean_a A(s, a)`.
 */
import * as tf from '@tensorflow/tfjs';
import { MetarenaError, deriveSeed } from '../core/index.ts';
import { Mlp, ModuleGroup } from '../nn/index.ts';

/** Q(s, ·) for a batch of observations: a plain MLP or dueling streams on a shared trunk. */
export class QNetwork extends ModuleGroup {
  private readonly plain: Mlp | undefined;
  private readonly trunk: Mlp | undefined;
  private readonly value: Mlp | undefined;
  private readonly advantage: Mlp | undefined;

  constructor(inputs: number, readonly actions: number, hidden: readonly number[], dueling: boolean, seed: number, name: string) {
    super();
    if (!dueling) {
      this.plain = new Mlp({ inputs, hidden, outputs: actions, activation: 'relu', seed, name });
      return;
    }
    if (hidden.length === 0) throw new MetarenaError('METARENA_INVALID_OPTION', 'dqn option hidden must have at least one layer for dueling streams', { field: 'hidden' });
    const last = hidden[hidden.length - 1];
    let width = inputs;
    if (hidden.length > 1) {
      width = hidden[hidden.length - 2];
      this.trunk = new Mlp({ inputs, hidden: hidden.slice(0, -2), outputs: width, activation: 'relu', seed: deriveSeed(seed, 'trunk'), name: `${name}/trunk` });
    }
    this.value = new Mlp({ inputs: width, hidden: [last], outputs: 1, activation: 'relu', seed: deriveSeed(seed, 'value'), name: `${name}/value` });
    this.advantage = new Mlp({ inputs: width, hidden: [last], outputs: actions, activation: 'relu', seed: deriveSeed(seed, 'advantage'), name: `${name}/advantage` });
  }

  /** The whole network as one MLP when it has no dueling streams (for kernels that run it whole), else undefined. */
  get plainMlp(): Mlp | undefined {
    return this.plain;
  }

  protected get modules(): Mlp[] {
    return [this.plain, this.trunk, this.value, this.advantage].filter((m): m is Mlp => m !== undefined);
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    if (this.plain) return this.plain.apply(x);
    const h = this.trunk ? tf.relu(this.trunk.apply(x)) : x;
    const a = this.advantage!.apply(h);
    return tf.add(this.value!.apply(h), tf.sub(a, tf.mean(a, 1, true)));
  }
}
