/**
 * PEARL's permutation-invariant task posterior (Rakelly et al., 2019, §4.1): each context
 * transition c_n gives a Gaussian factor Ψ(z | c_n) = N(μ_n, σ_n²) (an encoder MLP's output, σ²
 * through softplus), and the posterior over the latent task variable z is their normalised
 * product
 *
 *     σ² = 1 / Σ_n σ_n⁻²,   μ = σ² · Σ_n μ_n σ_n⁻²,
 *
 * (oyster's `_product_of_gaussians`, with its 1e-7 floor on σ_n²). A task with no context has
 * the prior N(0, I). Rows are grouped by task with a mask, so tasks of a batch may hold
 * different numbers of transitions. The encoder is trained through the critic's loss and the
 * information bottleneck KL(posterior ‖ N(0, I)), whose closed form is `klToStandardNormal`.
 */
import * as tf from '@tensorflow/tfjs';

/** oyster's floor on each factor's variance. */
export const MIN_VARIANCE = 1e-7;

export interface GaussianPosterior {
  /** [tasks, latent] */
  mean: tf.Tensor2D;
  /** [tasks, latent] */
  variance: tf.Tensor2D;
}

/**
 * The product-of-Gaussians posterior of `tasks` tasks from the encoder's output `params`
 * [tasks · rows, 2 · latent] (row r of task t at t · rows + r: the factor's mean, then its
 * pre-softplus variance) and `mask` [tasks, rows] (1 for a context transition, 0 for padding).
 * A task whose mask is all zero gets the prior N(0, I).
 */
export function productOfGaussians(params: tf.Tensor2D, mask: tf.Tensor2D, tasks: number, rows: number): GaussianPosterior {
  return tf.tidy(() => {
    const latent = params.shape[1] / 2;
    const [mu, raw] = tf.split(params, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    const variance = tf.maximum(tf.softplus(raw), MIN_VARIANCE);
    // the prior N(0, I) is one more factor with precision 1 and mean 0 only for empty tasks
    const m = tf.reshape(mask, [tasks, rows, 1]);
    const precision = tf.mul(tf.reshape(tf.reciprocal(variance), [tasks, rows, latent]), m);
    const empty = tf.reshape(tf.cast(tf.equal(tf.sum(mask, 1), 0), 'float32'), [tasks, 1]);
    const totalPrecision = tf.add(tf.sum(precision, 1), empty);
    const postVariance = tf.reciprocal(totalPrecision) as tf.Tensor2D;
    const weighted = tf.sum(tf.mul(precision, tf.reshape(mu, [tasks, rows, latent])), 1);
    return { mean: tf.mul(postVariance, weighted) as tf.Tensor2D, variance: postVariance };
  });
}

/** z = μ + σ · ε, one reparameterised draw per task, with standard-normal `eps` [tasks, latent]. */
export function samplePosterior(posterior: GaussianPosterior, eps: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.add(posterior.mean, tf.mul(tf.sqrt(posterior.variance), eps)) as tf.Tensor2D);
}

/** KL(N(μ, σ²) ‖ N(0, I)) of each task [tasks]: ½ Σ_j (σ_j² + μ_j² − 1 − ln σ_j²). */
export function klToStandardNormal(posterior: GaussianPosterior): tf.Tensor1D {
  return tf.tidy(() => {
    const { mean, variance } = posterior;
    return tf.mul(0.5, tf.sum(tf.sub(tf.sub(tf.add(variance, tf.square(mean)), 1), tf.log(variance)), 1)) as tf.Tensor1D;
  });
}
