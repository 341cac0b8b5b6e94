/**
 * Adam with one tfjs kernel per variable. `FusedAdam` is tfjs's `AdamOptimizer` (same state,
 * same `getWeights`/`setWeights`, so checkpoints of either load into the other) whose update of
 * a variable runs the backend's Multiply, Add, Square, RealDiv and Sqrt kernels back to back in
 * the order `AdamOptimizer.applyGradients` runs them, inside one kernel call: the values are the
 * same bits, but the engine records one op per variable instead of about seventeen (and five
 * scalar uploads), which is most of Adam's cost for the small variables of RL networks.
 *
 *   m ← β1·m + (1−β1)·g     v ← β2·v + (1−β2)·g²
 *   θ ← θ − lr · (m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε)
 */
import * as tf from '@tensorflow/tfjs';
import { backendOps, registerBackendKernel } from './kernels.ts';
import type { GradientMap } from './optim.ts';

const KERNEL = 'MetarenaAdamStep';

interface AdamAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
}

registerBackendKernel(KERNEL, (backendName, { inputs, backend, attrs }) => {
  const { value, m, v, g, oneMinusAccBeta1, oneMinusAccBeta2 } = inputs as Record<'value' | 'm' | 'v' | 'g' | 'oneMinusAccBeta1' | 'oneMinusAccBeta2', tf.TensorInfo>;
  const { beta1, beta2, epsilon, learningRate } = attrs as unknown as AdamAttrs;
  const k = backendOps(backendName, backend);
  // the order of tfjs's AdamOptimizer.applyGradients
  const newM = k.keep(k.add(k.mul(m, k.scalar(beta1)), k.mul(g, k.scalar(1 - beta1))));
  const newV = k.keep(k.add(k.mul(v, k.scalar(beta2)), k.mul(k.unary('Square', g), k.scalar(1 - beta2))));
  const mHat = k.div(newM, oneMinusAccBeta1);
  const vHat = k.div(newV, oneMinusAccBeta2);
  const step = k.mul(k.div(mHat, k.add(k.unary('Sqrt', vHat), k.scalar(epsilon))), k.scalar(-learningRate));
  const newValue = k.keep(k.add(step, value));
  k.free();
  return [newM, newV, newValue];
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
      const oneMinusAccBeta1 = tf.sub(1, self.accBeta1);
      const oneMinusAccBeta2 = tf.sub(1, self.accBeta2);
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        self.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        self.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        const g = Array.isArray(variableGradients) ? variableGradients[i].tensor : (variableGradients as tf.NamedTensorMap)[name];
        if (g == null) return;
        const m = self.accumulatedFirstMoment[i]!.variable;
        const v = self.accumulatedSecondMoment[i]!.variable;
        const attrs = { beta1: self.beta1, beta2: self.beta2, epsilon: self.epsilon, learningRate: self.learningRate };
        const [newM, newV, newValue] = tf.engine().runKernel(KERNEL, { value, m, v, g, oneMinusAccBeta1, oneMinusAccBeta2 }, attrs) as tf.Tensor[];
        m.assign(newM);
        v.assign(newV);
        value.assign(newValue);
      });
      self.accBeta1.assign(tf.mul(self.accBeta1, self.beta1));
      self.accBeta2.assign(tf.mul(self.accBeta2, self.beta2));
    });
    self.incrementIterations();
  }
}

/** `tf.train.adam` with the fused update (same arguments and defaults). */
export function adam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon?: number): FusedAdam {
  return new FusedAdam(learningRate, beta1, beta2, epsilon);
}
