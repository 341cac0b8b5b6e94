/*
 * The GRU loops of blas.node (native/gru.c): row-major float32 arrays, sizes B (rows), H (units),
 * T (steps); gx, gh [B, 3H] per step. The functions returning int return 0, or -1 when scratch
 * memory could not be allocated (nothing is written then).
 */
#ifndef METARENA_GRU_H
#define METARENA_GRU_H

/* One step: next, r, z, n [B, H] from gx, gh [B, 3H] and h [B, H]. */
void gru_cell(int B, int H, const float *gx, const float *gh, const float *h, float *next, float *r, float *z, float *n);

/* Its gradient for dy [B, H]: dgx, dgh [B, 3H], dh [B, H] (the direct part, dy ⊙ z). */
void gru_cell_grad(int B, int H, const float *dy, const float *gh, const float *h, const float *r, const float *z, const float *n, float *dgx,
                   float *dgh, float *dh);

/* T masked steps from h0 [B, H] over gx [T·B, 3H] with W_h [H, 3H], b_h [3H], masks [T·B] (0 resets the
 * state before that step): states, previous (the masked states the steps start from), r, z, n, gh_n
 * [T·B, H], last [B, H]. */
int gru_sequence(int T, int B, int H, const float *gx, const float *h0, const float *wh, const float *bh, const float *masks, float *states,
                 float *last, float *previous, float *r, float *z, float *n, float *gh_n);

/* Backpropagation through `gru_sequence` for d_states [T·B, H] and d_last [B, H]: dgx [T·B, 3H],
 * dh0 [B, H], dwh [H, 3H], dbh [3H]; dgh [T·B, 3H] is the caller's scratch (the gradients of
 * every step's gh, kept for one product over all steps). */
int gru_sequence_grad(int T, int B, int H, const float *d_states, const float *d_last, const float *wh, const float *masks, const float *previous,
                      const float *r, const float *z, const float *n, const float *gh_n, float *dgx, float *dh0, float *dwh, float *dbh, float *dgh);

/* pytorch_rl2's layer-normalised variant (native/gru.c, src/nn/gru.ts): gx = x·W_i [B, 3H] per step
 * (the variant has no biases; b_h is fixed zeros). Its four norms, in this order: the input's r, z
 * block [2H], the input's candidate [H], the state's r, z block [2H], the state's candidate [H]. xhat
 * [B, 6H] and inv [B, 4] per step are kept for the gradient; eps is the norms' ε. The cell's dh is
 * the direct part, dy ⊙ (1 − z); dgh is scratch as for `gru_sequence_grad`. */
struct gru_ln_norms {
  const float *g[4], *b[4];
};
struct gru_ln_norm_grads {
  float *g[4], *b[4];
};
void gru_ln_cell(int B, int H, double eps, const float *gx, const float *gh, const float *h, const struct gru_ln_norms *norms, float *next,
                 float *r, float *z, float *n, float *xhat, float *inv);
int gru_ln_cell_grad(int B, int H, const float *dy, const float *h, const float *r, const float *z, const float *n, const float *xhat,
                     const float *inv, const struct gru_ln_norms *norms, float *dgx, float *dgh, float *dh, const struct gru_ln_norm_grads *d);
int gru_ln_sequence(int T, int B, int H, double eps, const float *gx, const float *h0, const float *wh, const float *bh, const float *masks,
                    const struct gru_ln_norms *norms, float *states, float *last, float *previous, float *r, float *z, float *n, float *xhat,
                    float *inv);
int gru_ln_sequence_grad(int T, int B, int H, const float *d_states, const float *d_last, const float *wh, const float *masks, const float *previous,
                         const float *r, const float *z, const float *n, const float *xhat, const float *inv, const struct gru_ln_norms *norms,
                         float *dgx, float *dh0, float *dwh, float *dbh, const struct gru_ln_norm_grads *d, float *dgh);

#endif
