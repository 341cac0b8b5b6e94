/**
 * The twin critics of SAC and TD3 (Fujimoto et al., 2018): two Q networks `Q(obs, a)` with
 * Polyak-averaged targets, their Adam step towards a Bellman target, and the small tensor
 * helpers the two updates share (critic input rows, standard-normal draws, a stop-gradient).
 */
import * as tf from '@tensorflow/tfjs';
import { type Rng, deriveSeed } from '../core/index.ts';
import { type GradientMap, Mlp, polyakUpdate } from '../nn/index.ts';

/**
 * Two Q networks `Q(obs, a)` (input: observation then action) and their targets. Two plain
 * `Mlp`s, not one batched network: on the wasm backend a batched (3-D) matMul is ≈40× slower
 * than the two 2-D matMuls it would replace.
 */
export class TwinCritic {
  readonly q1: Mlp;
  readonly q2: Mlp;
  readonly q1Target: Mlp;
  readonly q2Target: Mlp;

  constructor(inputs: number, hidden: readonly number[], seed: number) {
    const make = (name: string) => new Mlp({ inputs, hidden, outputs: 1, activation: 'relu', outputGain: 1, seed: deriveSeed(seed, name), name });
    this.q1 = make('q1');
    this.q2 = make('q2');
    this.q1Target = make('q1_target');
    this.q2Target = make('q2_target');
    // targets start as copies
    polyakUpdate(this.q1, this.q1Target, 1);
    polyakUpdate(this.q2, this.q2Target, 1);
  }

  /** Q-values [B] of the two critics (or of their targets) for inputs [B, obs + action]. */
  values(input: tf.Tensor2D, target = false): [tf.Tensor1D, tf.Tensor1D] {
    const [a, b] = target ? [this.q1Target, this.q2Target] : [this.q1, this.q2];
    return [tf.reshape(a.apply(input), [-1]) as tf.Tensor1D, tf.reshape(b.apply(input), [-1]) as tf.Tensor1D];
  }

  get variables(): tf.Variable[] {
    return [...this.q1.variables, ...this.q2.variables];
  }

  /** target ← τ · online + (1 − τ) · target. */
  polyak(tau: number): void {
    polyakUpdate(this.q1, this.q1Target, tau);
    polyakUpdate(this.q2, this.q2Target, tau);
  }

  namedVariables(): Record<string, tf.Variable> {
    return { ...this.q1.namedVariables(), ...this.q2.namedVariables(), ...this.q1Target.namedVariables(), ...this.q2Target.namedVariables() };
  }

  dispose(): void {
    for (const m of [this.q1, this.q2, this.q1Target, this.q2Target]) m.dispose();
  }
}

/** A gradient-blocking identity (tfjs has no stopGradient): the value of x, gradient zero. */
export const stopGradient = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
  void save;
  return { value: x.clone(), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) };
}) as unknown as (...args: (tf.Tensor | tf.GradSaveFunc)[]) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor) => tf.Tensor }) as <T extends tf.Tensor>(x: T) => T;

/** `count` standard-normal draws from `rng`. */
export function normals(rng: Rng, count: number): Float32Array {
  const out = new Float32Array(count);
  for (let k = 0; k < count; k++) out[k] = rng.normal();
  return out;
}


/** Rows of observation then action (the critics' input) for `b` transitions. */
export function obsActionRows(obs: Float32Array, actions: Float32Array, b: number, d: number, a: number): Float32Array {
  const out = new Float32Array(b * (d + a));
  for (let r = 0; r < b; r++) {
    out.set(obs.subarray(r * d, (r + 1) * d), r * (d + a));
    out.set(actions.subarray(r * a, (r + 1) * a), r * (d + a) + d);
  }
  return out;
}

/** One Adam step of both critics towards `target` [B] on inputs [B, obs + action]; the loss. */
export function criticStep(critic: TwinCritic, optimizer: tf.Optimizer, input: tf.Tensor2D, target: tf.Tensor): tf.Scalar {
  const qStep = tf.variableGrads(() => {
    const [q1, q2] = critic.values(input);
    return tf.add(tf.mean(tf.square(tf.sub(q1, target))), tf.mean(tf.square(tf.sub(q2, target)))) as tf.Scalar;
  }, critic.variables);
  optimizer.applyGradients(qStep.grads as GradientMap);
  return qStep.value;
}

