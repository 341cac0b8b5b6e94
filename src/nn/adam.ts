/**
 * Adam as one tfjs kernel for all variables. `FusedAdam` is tfjs's `AdamOptimizer` (same state,
 * same `getWeights`/`setWeights`, so checkpoints of either load into the other) whose update runs
 * in a single kernel call over every variable: the engine records one op per step instead of
 * about seventeen per variable (and five scalar uploads each), which is most of Adam's cost for
 * the small variables of RL networks.
 *
 *   m ← β1·m + (1−β1)·g     v ← β2·v + (1−β2)·g²
 *   θ ← θ − lr · (m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε)
 *
 * The kernel runs the backend's Multiply, Add, Square, RealDiv and Sqrt kernels on each large
 * variable in the order `AdamOptimizer.applyGradients` runs them; a small variable (where a
 * kernel call costs more than its arithmetic) it updates in JavaScript (`adam-step.ts`, the same
 * float32 operations in the same order). Either way the values are the same bits as tfjs's own Adam.
 * The bias corrections 1 − βᵗ and the next powers βᵗ⁺¹ are float32 arithmetic inside the same
 * kernel (two more outputs), not four engine ops around it.
 */
import * as tf from '@tensorflow/tfjs';
import { adamStep } from './adam-step.ts';
import { backendOps, kernelArrays, registerBackendKernel } from './kernels.ts';
import type { GradientMap } from './optim.ts';

const KERNEL = 'MetarenaAdam';

interface AdamAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
  count: number;
}

/** Variables up to this many numbers are updated in JavaScript; larger ones by the backend's vectorised kernels. */
const SMALL = 1024;

registerBackendKernel(KERNEL, (backendName, { inputs, backend, attrs }) => {
  const { beta1, beta2, epsilon, learningRate, count } = attrs as unknown as AdamAttrs;
  const named = inputs as Record<string, tf.TensorInfo>;
  const arrays = kernelArrays(backendName, backend);
  const f = Math.fround;
  // tfjs's 1 − β1ᵗ and 1 − β2ᵗ (float32 Sub), and its next β1ᵗ⁺¹, β2ᵗ⁺¹ (float32 Multiply)
  const [accBeta1, accBeta2] = [arrays.read(named.accBeta1)[0], arrays.read(named.accBeta2)[0]];
  const scalars = { beta1, beta2, epsilon, learningRate, oneMinusAccBeta1: f(1 - accBeta1), oneMinusAccBeta2: f(1 - accBeta2) };
  // backend kernels only for large variables: most RL networks have none
  let k: ReturnType<typeof backendOps> | undefined;
  let corrections: { m: tf.TensorInfo; v: tf.TensorInfo } | undefined;
  const outputs: tf.TensorInfo[] = [];
  for (let i = 0; i < count; i++) {
    const [value, m, v, g] = ['value', 'm', 'v', 'g'].map((key) => named[`${key}${i}`]);
    if (tf.util.sizeFromShape(value.shape) > SMALL) {
      k ??= backendOps(backendName, backend);
      corrections ??= { m: k.scalar(scalars.oneMinusAccBeta1), v: k.scalar(scalars.oneMinusAccBeta2) };
      // the kernels of tfjs's AdamOptimizer.applyGradients, in its order
      const newM = k.keep(k.add(k.mul(m, k.scalar(beta1)), k.mul(g, k.scalar(1 - beta1))));
      const newV = k.keep(k.add(k.mul(v, k.scalar(beta2)), k.mul(k.unary('Square', g), k.scalar(1 - beta2))));
      const mHat = k.div(newM, corrections.m);
      const vHat = k.div(newV, corrections.v);
      const update = k.mul(k.div(mHat, k.add(k.unary('Sqrt', vHat), k.scalar(epsilon))), k.scalar(-learningRate));
      outputs.push(newM, newV, k.keep(k.add(update, value)));
      continue;
    }
    const updated = arrays.outputs([value.shape, value.shape, value.shape], ([newM, newV, newValue], read) => adamStep(read(value), read(m), read(v), read(g), newValue, newM, newV, scalars));
    outputs.push(...updated);
  }
  k?.free();
  const powers = arrays.outputs([[], []], ([b1, b2]) => {
    b1[0] = f(accBeta1 * f(beta1));
    b2[0] = f(accBeta2 * f(beta2));
  });
  return [...outputs, ...powers];
});

/** The parts of AdamOptimizer's state that tfjs keeps private. */
interface AdamState {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
  accumulatedSecondMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
  incrementIterations(): void;
}

export class FusedAdam extends tf.AdamOptimizer {
  override applyGradients(variableGradients: GradientMap): void {
    const self = this as unknown as AdamState;
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    tf.tidy(() => {
      const inputs: tf.NamedTensorMap = { accBeta1: self.accBeta1, accBeta2: self.accBeta2 };
      const updated: [tf.Variable, tf.Variable, tf.Variable][] = [];
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        self.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        self.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        const g = Array.isArray(variableGradients) ? variableGradients[i].tensor : (variableGradients as tf.NamedTensorMap)[name];
        if (g == null) return;
        const at = updated.length;
        const m = self.accumulatedFirstMoment[i]!.variable;
        const v = self.accumulatedSecondMoment[i]!.variable;
        Object.assign(inputs, { [`value${at}`]: value, [`m${at}`]: m, [`v${at}`]: v, [`g${at}`]: g });
        updated.push([m, v, value]);
      });
      const attrs = { beta1: self.beta1, beta2: self.beta2, epsilon: self.epsilon, learningRate: self.learningRate, count: updated.length };
      const outputs = tf.engine().runKernel(KERNEL, inputs, attrs) as tf.Tensor[];
      updated.forEach((variables, i) => variables.forEach((variable, j) => variable.assign(outputs[3 * i + j])));
      // β1ᵗ, β2ᵗ move on even when no variable had a gradient, as in tfjs
      self.accBeta1.assign(outputs[3 * updated.length]);
      self.accBeta2.assign(outputs[3 * updated.length + 1]);
    });
    self.incrementIterations();
  }
}

/** `tf.train.adam` with the fused update (same arguments and defaults). */
export function adam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon?: number): FusedAdam {
  return new FusedAdam(learningRate, beta1, beta2, epsilon);
}
