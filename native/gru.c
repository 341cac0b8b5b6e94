/*
 * The GRU loops of blas.node (bound in blas.c): PyTorch's GRU cell (torch.nn.GRU, gate order
 * r, z, n) one step at a time and as a masked unroll with its backpropagation through time,
 * on row-major float32 arrays, the matrix products by OpenBLAS's sgemm. src/nn/gru-kernels.ts
 * runs them on the tfjs wasm heap; the equations are in src/nn/gru.ts's doc.
 *
 * For gx = x·W_i + b_i and gh = h·W_h + b_h [B, 3H] (column blocks r, z, n) and the state h:
 *
 *   r = σ(gx_r + gh_r)   z = σ(gx_z + gh_z)   n = tanh(gx_n + r ⊙ gh_n)   h' = n + z ⊙ (h − n)
 *
 * with σ(a) = 1 / (1 + e^−a) in float32 and tanh as `tanh_` below. The one-step cell and every
 * step of the unroll run the same compiled routine (`gates`, kept out of line), and the unroll
 * forms gh as the one-step path does (sgemm with beta 0, then the bias added in float32), so an
 * unroll's states have the bits of the same steps taken one at a time.
 */
#include "gru.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static inline float sigmoid(float a) { return 1.0f / (1.0f + expf(-a)); }

/* tanh through one exp in double, rounded once to float32: (1 − e) / (1 + e) with e = e^−2|a|.
 * ≈4× faster than glibc's tanhf; relative error at most 2^−24 for 1e-6 ≤ |a| ≤ 20 (checked over
 * every float32 there), absolute error below 1e-15 nearer 0, and exactly ±1 beyond. */
static inline float tanh_(float a) {
  const double e = exp(-2.0 * fabs((double)a));
  return (float)copysign((1.0 - e) / (1.0 + e), (double)a);
}

/* The masked state hp = h ⊙ mask (rows reset to zero where the mask is 0) and gh = hp·W_h + b_h
 * [B, 3H] as the dense kernel forms it: sgemm with beta 0, then the bias added in float32. */
static void recurrent_input(int B, int H, const float *h, const float *mask, const float *wh, const float *bh, float *hp, float *gh) {
  const int G = 3 * H;
  for (int b = 0; b < B; b++)
    for (int j = 0; j < H; j++) hp[(size_t)b * H + j] = h[(size_t)b * H + j] * mask[b];
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, B, G, H, 1.0f, hp, H, wh, G, 0.0f, gh, G);
  for (int b = 0; b < B; b++)
    for (int c = 0; c < G; c++) gh[(size_t)b * G + c] += bh[c];
}

/* The gradient of the previous (unmasked) state: (direct + dgh·W_hᵀ) ⊙ mask, into dh [B, H]. */
static void previous_state_grad(int B, int H, const float *dgh, const float *wh, const float *direct, const float *mask, float *dh) {
  const int G = 3 * H;
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, H, G, 1.0f, dgh, G, wh, G, 0.0f, dh, H);
  for (int b = 0; b < B; b++)
    for (int j = 0; j < H; j++) dh[(size_t)b * H + j] = (direct[(size_t)b * H + j] + dh[(size_t)b * H + j]) * mask[b];
}

/* The recurrent weights' and bias's gradients over all `rows` steps' rows at once: dwh =
 * previousᵀ·dgh [H, 3H], dbh the column sums of dgh (summed in `sums`, 3H doubles, zeroed). */
static void recurrent_weight_grads(int rows, int H, const float *previous, const float *dgh, double *sums, float *dwh, float *dbh) {
  const int G = 3 * H;
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, H, G, rows, 1.0f, previous, H, dgh, G, 0.0f, dwh, G);
  for (size_t i = 0; i < (size_t)rows; i++)
    for (int c = 0; c < G; c++) sums[c] += dgh[i * G + c];
  for (int c = 0; c < G; c++) dbh[c] = (float)sums[c];
}

/* One step's gates for rows of gx and gh (row length 3H) and h [B, H]: next, r, z, n [B, H];
 * gh_n [B, H] (the state's candidate pre-activation, for the gradient) when not NULL. */
__attribute__((noinline)) static void gates(int B, int H, const float *gx, const float *gh, const float *h, float *next, float *r, float *z,
                                            float *n, float *gh_n) {
  const int G = 3 * H;
  for (int b = 0; b < B; b++) {
    const float *x = gx + (size_t)b * G;
    const float *g = gh + (size_t)b * G;
    const size_t row = (size_t)b * H;
    for (int j = 0; j < H; j++) {
      const float rj = sigmoid(x[j] + g[j]);
      const float zj = sigmoid(x[H + j] + g[H + j]);
      const float nj = tanh_(x[2 * H + j] + rj * g[2 * H + j]);
      r[row + j] = rj;
      z[row + j] = zj;
      n[row + j] = nj;
      next[row + j] = nj + zj * (h[row + j] - nj);
      if (gh_n) gh_n[row + j] = g[2 * H + j];
    }
  }
}

/* The gradient of `gates` for dy = ∂L/∂h' [B, H]: dgx, dgh [B, 3H] and the direct part of dh,
 * dy ⊙ z [B, H]. gh_n has row length `gh_n_stride`:
 *   da_n = (dy − dy z)(1 − n²)   da_r = da_n gh_n · r(1 − r)   da_z = dy (h − n) · z(1 − z)
 *   dgx = [da_r, da_z, da_n]     dgh = [da_r, da_z, da_n r] */
__attribute__((noinline)) static void gates_grad(int B, int H, const float *dy, const float *gh_n, int gh_n_stride, const float *h, const float *r,
                                                 const float *z, const float *n, float *dgx, float *dgh, float *dh) {
  const int G = 3 * H;
  for (int b = 0; b < B; b++) {
    const size_t row = (size_t)b * H;
    const float *ghn = gh_n + (size_t)b * gh_n_stride;
    float *dx = dgx + (size_t)b * G;
    float *dg = dgh + (size_t)b * G;
    for (int j = 0; j < H; j++) {
      const float d = dy[row + j];
      const float rj = r[row + j];
      const float zj = z[row + j];
      const float nj = n[row + j];
      const float da_n = (d - d * zj) * (1.0f - nj * nj);
      const float da_r = (da_n * ghn[j]) * (rj * (1.0f - rj));
      const float da_z = (d * (h[row + j] - nj)) * (zj * (1.0f - zj));
      dx[j] = da_r;
      dx[H + j] = da_z;
      dx[2 * H + j] = da_n;
      dg[j] = da_r;
      dg[H + j] = da_z;
      dg[2 * H + j] = da_n * rj;
      dh[row + j] = d * zj;
    }
  }
}

void gru_cell(int B, int H, const float *gx, const float *gh, const float *h, float *next, float *r, float *z, float *n) {
  gates(B, H, gx, gh, h, next, r, z, n, NULL);
}

void gru_cell_grad(int B, int H, const float *dy, const float *gh, const float *h, const float *r, const float *z, const float *n, float *dgx,
                   float *dgh, float *dh) {
  gates_grad(B, H, dy, gh + 2 * H, 3 * H, h, r, z, n, dgx, dgh, dh);
}

int gru_sequence(int T, int B, int H, const float *gx, const float *h0, const float *wh, const float *bh, const float *masks, float *states,
                 float *last, float *previous, float *r, float *z, float *n, float *gh_n) {
  const int G = 3 * H;
  const size_t step = (size_t)B * H;
  float *gh = malloc(sizeof(float) * (size_t)B * G);
  if (!gh) return -1;
  const float *h = h0;
  for (int t = 0; t < T; t++) {
    const size_t at = (size_t)t * step;
    float *hp = previous + at;
    recurrent_input(B, H, h, masks + (size_t)t * B, wh, bh, hp, gh);
    gates(B, H, gx + (size_t)t * B * G, gh, hp, states + at, r + at, z + at, n + at, gh_n + at);
    h = states + at;
  }
  memcpy(last, h, sizeof(float) * step);
  free(gh);
  return 0;
}

int gru_sequence_grad(int T, int B, int H, const float *d_states, const float *d_last, const float *wh, const float *masks, const float *previous,
                      const float *r, const float *z, const float *n, const float *gh_n, float *dgx, float *dh0, float *dwh, float *dbh, float *dgh) {
  const int G = 3 * H;
  const size_t step = (size_t)B * H;
  float *scratch = malloc(sizeof(float) * 3 * step);
  double *sums = calloc((size_t)G, sizeof(double));
  if (!scratch || !sums) {
    free(scratch);
    free(sums);
    return -1;
  }
  float *dh = scratch, *dy = scratch + step, *carried = scratch + 2 * step;
  memcpy(dh, d_last, sizeof(float) * step);
  for (int t = T - 1; t >= 0; t--) {
    const size_t at = (size_t)t * step;
    for (size_t i = 0; i < step; i++) dy[i] = d_states[at + i] + dh[i];
    float *dgh_t = dgh + (size_t)t * B * G;
    gates_grad(B, H, dy, gh_n + at, H, previous + at, r + at, z + at, n + at, dgx + (size_t)t * B * G, dgh_t, carried);
    previous_state_grad(B, H, dgh_t, wh, carried, masks + (size_t)t * B, dh);
  }
  memcpy(dh0, dh, sizeof(float) * step);
  recurrent_weight_grads(T * B, H, previous, dgh, sums, dwh, dbh);
  free(scratch);
  free(sums);
  return 0;
}

/*
 * pytorch_rl2's layer-normalised variant (src/nn/gru.ts's doc): from gx = x·W_i and gh = h·W_h + b_h
 * [B, 3H], four norms LN_k(v) = g_k ⊙ x̂ + b_k with x̂ = (v − μ) / √(σ² + ε) (μ, σ² the mean and
 * biased variance of the block's row, in double; ε the caller's eps): k = 0 the input's r, z
 * block (2H wide), 1 the input's candidate (H), 2 the state's r, z block (2H), 3 the state's
 * candidate (H), in the order of `struct gru_ln_norms`;
 *
 *   [a_r, a_z] = LN_0(gx_rz) + LN_2(gh_rz)   r = σ(a_r)   z = σ(a_z − 1)
 *   n = relu(LN_1(gx_n) + r ⊙ LN_3(gh_n))    h' = h + z ⊙ (n − h)
 *
 * Kept for the gradient per row: x̂ of gh then of gx (6H) and the four 1/√(σ² + ε).
 */

static const int NORM_WIDTH[4] = {2, 1, 2, 1}; /* in units of H */

/* Normalises the `width` values v of one row into xhat; returns 1/√(σ² + eps). */
static float standardise(const float *v, int width, double eps, float *xhat) {
  double mean = 0, var = 0;
  for (int j = 0; j < width; j++) mean += v[j];
  mean /= width;
  for (int j = 0; j < width; j++) var += ((double)v[j] - mean) * ((double)v[j] - mean);
  const double inv = 1.0 / sqrt(var / width + eps);
  for (int j = 0; j < width; j++) xhat[j] = (float)(((double)v[j] - mean) * inv);
  return (float)inv;
}

/* The gradient through one row's norm for dy (the norm's output gradient): dx into dx, the gain's
 * and bias's gradients added to dg, db (doubles):
 *   dx̂ = dy ⊙ g    dx = inv (dx̂ − mean(dx̂) − x̂ ⊙ mean(dx̂ ⊙ x̂)). */
static void standardise_grad(const float *dy, const float *xhat, float inv, const float *g, int width, float *dx, double *dg, double *db) {
  double mean_d = 0, mean_dx = 0;
  for (int j = 0; j < width; j++) {
    const double d = (double)dy[j] * g[j];
    mean_d += d;
    mean_dx += d * xhat[j];
    dg[j] += (double)dy[j] * xhat[j];
    db[j] += dy[j];
  }
  mean_d /= width;
  mean_dx /= width;
  for (int j = 0; j < width; j++) dx[j] = (float)(inv * ((double)dy[j] * g[j] - mean_d - xhat[j] * mean_dx));
}

/* The gains' and biases' gradients of the four norms, summed in double: gain k at dg[k], bias k at db[k]. */
struct norm_sums {
  double *dg[4], *db[4];
};

/* 12H zeroed doubles as the four norms' gradient sums (NULL when out of memory). */
static double *norm_sums(int H, struct norm_sums *sums) {
  double *all = calloc((size_t)12 * H, sizeof(double));
  if (!all) return NULL;
  double *at = all;
  for (int k = 0; k < 4; k++) {
    sums->dg[k] = at;
    sums->db[k] = at + (size_t)NORM_WIDTH[k] * H;
    at += (size_t)2 * NORM_WIDTH[k] * H;
  }
  return all;
}

/* Rounds the four norms' gradient sums to float32 into d->g[k], d->b[k]. */
static void store_norm_sums(int H, const struct norm_sums *sums, const struct gru_ln_norm_grads *d) {
  for (int k = 0; k < 4; k++) {
    for (int j = 0; j < NORM_WIDTH[k] * H; j++) {
      d->g[k][j] = (float)sums->dg[k][j];
      d->b[k][j] = (float)sums->db[k][j];
    }
  }
}

/* One step of the variant for rows of gx and gh (row length 3H) and h [B, H]: next, r, z, n
 * [B, H], xhat [B, 6H], inv [B, 4]. */
__attribute__((noinline)) static void ln_gates(int B, int H, double eps, const float *gx, const float *gh, const float *h,
                                               const struct gru_ln_norms *p, float *next, float *r, float *z, float *n, float *xhat, float *inv) {
  const int G = 3 * H;
  const float *g0 = p->g[0], *b0 = p->b[0], *g1 = p->g[1], *b1 = p->b[1], *g2 = p->g[2], *b2 = p->b[2], *g3 = p->g[3], *b3 = p->b[3];
  for (int b = 0; b < B; b++) {
    float *xh = xhat + (size_t)b * 2 * G;
    float *iv = inv + (size_t)b * 4;
    const float *x = gx + (size_t)b * G, *v = gh + (size_t)b * G;
    iv[0] = standardise(x, 2 * H, eps, xh + 3 * H);
    iv[1] = standardise(x + 2 * H, H, eps, xh + 5 * H);
    iv[2] = standardise(v, 2 * H, eps, xh);
    iv[3] = standardise(v + 2 * H, H, eps, xh + 2 * H);
    const float *xin = xh + 3 * H;
    const size_t row = (size_t)b * H;
    for (int j = 0; j < H; j++) {
      const float rj = sigmoid((g0[j] * xin[j] + b0[j]) + (g2[j] * xh[j] + b2[j]));
      const float zj = sigmoid(((g0[H + j] * xin[H + j] + b0[H + j]) + (g2[H + j] * xh[H + j] + b2[H + j])) - 1.0f);
      const float u = (g1[j] * xin[2 * H + j] + b1[j]) + rj * (g3[j] * xh[2 * H + j] + b3[j]);
      const float nj = u > 0.0f ? u : 0.0f;
      r[row + j] = rj;
      z[row + j] = zj;
      n[row + j] = nj;
      next[row + j] = h[row + j] + zj * (nj - h[row + j]);
    }
  }
}

/* The gradient of `ln_gates` for dy [B, H]: dgx, dgh [B, 3H], the direct part of dh, dy ⊙ (1 − z)
 * [B, H], and the norms' gain and bias gradients added to `sums`. `scratch` holds 4H floats. */
__attribute__((noinline)) static void ln_gates_grad(int B, int H, const float *dy, const float *h, const float *r, const float *z, const float *n,
                                                    const float *xhat, const float *inv, const struct gru_ln_norms *p, float *dgx, float *dgh,
                                                    float *dh, const struct norm_sums *sums, float *scratch) {
  const int G = 3 * H;
  const float *g3 = p->g[3], *b3 = p->b[3];
  for (int b = 0; b < B; b++) {
    const size_t row = (size_t)b * H;
    const float *xh = xhat + (size_t)b * 2 * G;
    const float *iv = inv + (size_t)b * 4;
    /* the gradients of the norms' outputs: [da_r, da_z] (LN_0 and LN_2), du (LN_1), du ⊙ r (LN_3) */
    float *d_rz = scratch, *d_u = scratch + 2 * H, *d_c = scratch + 3 * H;
    for (int j = 0; j < H; j++) {
      const float d = dy[row + j];
      const float rj = r[row + j];
      const float zj = z[row + j];
      const float nj = n[row + j];
      /* relu′: 1 where its input was positive, which is where n > 0 */
      const float du = nj > 0.0f ? d * zj : 0.0f;
      const float c = g3[j] * xh[2 * H + j] + b3[j];
      d_rz[j] = (du * c) * (rj * (1.0f - rj));
      d_rz[H + j] = (d * (nj - h[row + j])) * (zj * (1.0f - zj));
      d_u[j] = du;
      d_c[j] = du * rj;
      dh[row + j] = d - d * zj;
    }
    float *dx = dgx + (size_t)b * G, *dv = dgh + (size_t)b * G;
    standardise_grad(d_rz, xh + 3 * H, iv[0], p->g[0], 2 * H, dx, sums->dg[0], sums->db[0]);
    standardise_grad(d_u, xh + 5 * H, iv[1], p->g[1], H, dx + 2 * H, sums->dg[1], sums->db[1]);
    standardise_grad(d_rz, xh, iv[2], p->g[2], 2 * H, dv, sums->dg[2], sums->db[2]);
    standardise_grad(d_c, xh + 2 * H, iv[3], g3, H, dv + 2 * H, sums->dg[3], sums->db[3]);
  }
}

void gru_ln_cell(int B, int H, double eps, const float *gx, const float *gh, const float *h, const struct gru_ln_norms *norms, float *next,
                 float *r, float *z, float *n, float *xhat, float *inv) {
  ln_gates(B, H, eps, gx, gh, h, norms, next, r, z, n, xhat, inv);
}

int gru_ln_cell_grad(int B, int H, const float *dy, const float *h, const float *r, const float *z, const float *n, const float *xhat,
                     const float *inv, const struct gru_ln_norms *norms, float *dgx, float *dgh, float *dh, const struct gru_ln_norm_grads *d) {
  struct norm_sums sums;
  double *all = norm_sums(H, &sums);
  float *scratch = malloc(sizeof(float) * 4 * (size_t)H);
  if (!all || !scratch) {
    free(all);
    free(scratch);
    return -1;
  }
  ln_gates_grad(B, H, dy, h, r, z, n, xhat, inv, norms, dgx, dgh, dh, &sums, scratch);
  store_norm_sums(H, &sums, d);
  free(all);
  free(scratch);
  return 0;
}

int gru_ln_sequence(int T, int B, int H, double eps, const float *gx, const float *h0, const float *wh, const float *bh, const float *masks,
                    const struct gru_ln_norms *norms, float *states, float *last, float *previous, float *r, float *z, float *n, float *xhat,
                    float *inv) {
  const int G = 3 * H;
  const size_t step = (size_t)B * H;
  float *gh = malloc(sizeof(float) * (size_t)B * G);
  if (!gh) return -1;
  const float *h = h0;
  for (int t = 0; t < T; t++) {
    const size_t at = (size_t)t * step;
    float *hp = previous + at;
    recurrent_input(B, H, h, masks + (size_t)t * B, wh, bh, hp, gh);
    ln_gates(B, H, eps, gx + (size_t)t * B * G, gh, hp, norms, states + at, r + at, z + at, n + at, xhat + (size_t)t * B * 2 * G,
             inv + (size_t)t * B * 4);
    h = states + at;
  }
  memcpy(last, h, sizeof(float) * step);
  free(gh);
  return 0;
}

int gru_ln_sequence_grad(int T, int B, int H, const float *d_states, const float *d_last, const float *wh, const float *masks, const float *previous,
                         const float *r, const float *z, const float *n, const float *xhat, const float *inv, const struct gru_ln_norms *norms,
                         float *dgx, float *dh0, float *dwh, float *dbh, const struct gru_ln_norm_grads *d, float *dgh) {
  const int G = 3 * H;
  const size_t step = (size_t)B * H;
  struct norm_sums sums;
  double *all = norm_sums(H, &sums);
  float *scratch = malloc(sizeof(float) * (3 * step + 4 * (size_t)H));
  double *bias_sums = calloc((size_t)G, sizeof(double));
  if (!all || !scratch || !bias_sums) {
    free(all);
    free(scratch);
    free(bias_sums);
    return -1;
  }
  float *dh = scratch, *dy = scratch + step, *direct = scratch + 2 * step, *row = scratch + 3 * step;
  memcpy(dh, d_last, sizeof(float) * step);
  for (int t = T - 1; t >= 0; t--) {
    const size_t at = (size_t)t * step;
    for (size_t i = 0; i < step; i++) dy[i] = d_states[at + i] + dh[i];
    float *dgh_t = dgh + (size_t)t * B * G;
    ln_gates_grad(B, H, dy, previous + at, r + at, z + at, n + at, xhat + (size_t)t * B * 2 * G, inv + (size_t)t * B * 4, norms,
                  dgx + (size_t)t * B * G, dgh_t, direct, &sums, row);
    previous_state_grad(B, H, dgh_t, wh, direct, masks + (size_t)t * B, dh);
  }
  memcpy(dh0, dh, sizeof(float) * step);
  recurrent_weight_grads(T * B, H, previous, dgh, bias_sums, dwh, dbh);
  store_norm_sums(H, &sums, d);
  free(all);
  free(scratch);
  free(bias_sums);
  return 0;
}
