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
 * with σ(a) = 1 / (1 + e^−a) in float32 and tanh as `tanh_` below. The one-step cell and every step of the unroll run the same
 * compiled routine (`gates`, kept out of line), and the unroll forms gh as the one-step path
 * does (sgemm with beta 0, then the bias added in float32), so an unroll's states have the
 * bits of the same steps taken one at a time.
 */
#include "gru.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static inline float sigmoid(float a) { return 1.0f / (1.0f + expf(-a)); }

/* tanh through one exp in double, rounded once to float32: (1 − e) / (1 + e) with e = e^−2|a|
 * (≈4× faster than tanhf, within half an ulp of float32 tanh). */
static inline float tanh_(float a) {
  const double e = exp(-2.0 * fabs((double)a));
  return (float)copysign((1.0 - e) / (1.0 + e), (double)a);
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
    /* the state, reset to zero where the mask is 0 */
    for (int b = 0; b < B; b++) {
      const float m = masks[(size_t)t * B + b];
      for (int j = 0; j < H; j++) hp[(size_t)b * H + j] = h[(size_t)b * H + j] * m;
    }
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, B, G, H, 1.0f, hp, H, wh, G, 0.0f, gh, G);
    for (int b = 0; b < B; b++)
      for (int c = 0; c < G; c++) gh[(size_t)b * G + c] += bh[c];
    gates(B, H, gx + (size_t)t * B * G, gh, hp, states + at, r + at, z + at, n + at, gh_n + at);
    h = states + at;
  }
  memcpy(last, h, sizeof(float) * step);
  free(gh);
  return 0;
}

int gru_sequence_grad(int T, int B, int H, const float *d_states, const float *d_last, const float *wh, const float *masks, const float *previous,
                      const float *r, const float *z, const float *n, const float *gh_n, float *dgx, float *dh0, float *dwh, float *dbh) {
  const int G = 3 * H;
  const size_t step = (size_t)B * H;
  float *dgh = malloc(sizeof(float) * (size_t)T * B * G);
  float *scratch = malloc(sizeof(float) * 3 * step);
  double *sums = calloc((size_t)G, sizeof(double));
  if (!dgh || !scratch || !sums) {
    free(dgh);
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
    /* dh of the masked previous state: dy z + dgh·W_hᵀ, then through the mask */
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, H, G, 1.0f, dgh_t, G, wh, G, 0.0f, dh, H);
    for (int b = 0; b < B; b++) {
      const float m = masks[(size_t)t * B + b];
      for (int j = 0; j < H; j++) dh[(size_t)b * H + j] = (carried[(size_t)b * H + j] + dh[(size_t)b * H + j]) * m;
    }
  }
  memcpy(dh0, dh, sizeof(float) * step);
  /* the recurrent weights' and bias's gradients over all steps at once */
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, H, G, T * B, 1.0f, previous, H, dgh, G, 0.0f, dwh, G);
  for (size_t i = 0; i < (size_t)T * B; i++)
    for (int c = 0; c < G; c++) sums[c] += dgh[i * G + c];
  for (int c = 0; c < G; c++) dbh[c] = (float)sums[c];
  free(dgh);
  free(scratch);
  free(sums);
  return 0;
}
