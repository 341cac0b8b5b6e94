/**
 * Adam's update of one array of parameters (Kingma & Ba 2015), in tfjs's float32 arithmetic:
 *
 *   m ← β1·m + (1−β1)·g     v ← β2·v + (1−β2)·g²
 *   θ ← θ − lr · (m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε)
 *
 * Each operation runs in the order `tf.train.adam` runs its kernels and is rounded to float32
 * (`Math.fround`: products, sums, quotients and square roots of float32 numbers rounded from
 * float64 are the correctly rounded float32 results), so the values are the same bits as tfjs's
 * own Adam. The bias corrections 1−β1ᵗ and 1−β2ᵗ are float32 as tfjs accumulates them (`AdamPowers`).
 * No tfjs here: `adam.ts` runs it inside its kernel, `flat-adam.ts` on plain arrays in plugins.
 */

const f = Math.fround;

export interface AdamScalars {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
  /** 1 − β1ᵗ and 1 − β2ᵗ (float32). */
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
}

/** The float32 running products β1ᵗ, β2ᵗ and the corrections of step t, as tfjs's AdamOptimizer keeps them. */
export class AdamPowers {
  private acc1: number;
  private acc2: number;
  constructor(
    readonly beta1: number,
    readonly beta2: number,
  ) {
    this.acc1 = f(beta1);
    this.acc2 = f(beta2);
  }
  /** The corrections for the next step; then advances t. */
  next(): { oneMinusAccBeta1: number; oneMinusAccBeta2: number } {
    const out = { oneMinusAccBeta1: f(1 - this.acc1), oneMinusAccBeta2: f(1 - this.acc2) };
    this.acc1 = f(this.acc1 * f(this.beta1));
    this.acc2 = f(this.acc2 * f(this.beta2));
    return out;
  }
}

/**
 * One step over `theta`, `m`, `v` with gradients `g`, written to `newTheta`, `newM`, `newV`
 * (which may be the input arrays themselves: each index is read before it is written).
 */
export function adamStep(theta: ArrayLike<number>, m: ArrayLike<number>, v: ArrayLike<number>, g: ArrayLike<number>, newTheta: Float32Array, newM: Float32Array, newV: Float32Array, s: AdamScalars): void {
  const b1 = f(s.beta1);
  const c1 = f(1 - s.beta1);
  const b2 = f(s.beta2);
  const c2 = f(1 - s.beta2);
  const eps = f(s.epsilon);
  const step = f(-s.learningRate);
  const o1 = s.oneMinusAccBeta1;
  const o2 = s.oneMinusAccBeta2;
  for (let j = 0; j < theta.length; j++) {
    const gj = f(g[j]);
    const mj = f(f(m[j] * b1) + f(gj * c1));
    const vj = f(f(v[j] * b2) + f(f(gj * gj) * c2));
    const mHat = f(mj / o1);
    const vHat = f(vj / o2);
    const t = theta[j];
    newM[j] = mj;
    newV[j] = vj;
    newTheta[j] = f(f(f(mHat / f(f(Math.sqrt(vHat)) + eps)) * step) + t);
  }
}
