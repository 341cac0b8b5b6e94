/*
 * blas.node: single-precision matrix products through OpenBLAS, for the tfjs wasm backend's
 * matrix-product kernel (src/nn/native-blas.ts), and the GRU loops built on them (native/gru.c,
 * run by src/nn/gru-kernels.ts). Built by scripts/build-native.sh when the OpenBLAS headers and
 * library are present; the project runs without it.
 *
 * Exports
 *   sgemm(transA, transB, m, n, k, alpha, a, b, beta, c)
 *     C = alpha * op(A) * op(B) + beta * C on row-major Float32Arrays, where op(A) is [m, k]
 *     (A stored [m, k], or [k, m] when transA), op(B) is [k, n] (B stored [k, n], or [n, k]
 *     when transB) and C is [m, n]; the arrays are read and written in place (any views, e.g.
 *     onto a wasm heap).
 *   gruCell(B, H, gx, gh, h, next, r, z, n)
 *   gruCellGrad(B, H, dy, gh, h, r, z, n, dgx, dgh, dh)
 *   gruSequence(T, B, H, gx, h0, wh, bh, masks, states, last, previous, r, z, n, ghN)
 *   gruSequenceGrad(T, B, H, dStates, dLast, wh, masks, previous, r, z, n, ghN, dgx, dh0, dwh, dbh, dgh)
 *   gruLnCell(B, H, eps, gx, gh, h, norms, next, r, z, n, xhat, inv)
 *   gruLnCellGrad(B, H, dy, h, r, z, n, xhat, inv, norms, dgx, dgh, dh, dNorms)
 *   gruLnSequence(T, B, H, eps, gx, h0, wh, bh, masks, norms, states, last, previous, r, z, n, xhat, inv)
 *   gruLnSequenceGrad(T, B, H, dStates, dLast, wh, masks, previous, r, z, n, xhat, inv, norms, dgx, dh0, dwh, dbh, dNorms, dgh)
 *     The GRU step, its gradient, the masked unroll and its backpropagation through time of
 *     native/gru.h (PyTorch's cell, and pytorch_rl2's layer-normalised one), outputs written
 *     in place: arrays [B, H] or [T·B, H] for states and gates, [B, 3H] or [T·B, 3H] for gx,
 *     gh and their gradients, wh [H, 3H], bh [3H], masks [T·B]; for the layer-normalised cell
 *     xhat [B, 6H] or [T·B, 6H], inv [B, 4] or [T·B, 4], and norms (dNorms: their gradients) an
 *     array of the 8 gains and biases of its four norms (gain then bias; [2H], [H], [2H], [H]).
 *     The sequence gradients' last argument, dgh [T·B, 3H], is scratch the caller provides.
 *   setThreads(count)  OpenBLAS's thread count (the addon sets 1 when it loads).
 *   threads()          OpenBLAS's current thread count.
 * Every function throws a TypeError for a non-Float32Array, a RangeError for a non-positive
 * size or an array shorter than its matrix: nothing is read or written out of bounds.
 */
#include <cblas.h>
#include "gru.h"
#include <node_api.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#define CHECK(call)                                                    \
  do {                                                                 \
    if ((call) != napi_ok) {                                           \
      napi_throw_error(env, NULL, "blas.node: N-API call failed");     \
      return NULL;                                                     \
    }                                                                  \
  } while (0)

/* The float32 data of argument `name` of function `fn` (for messages), at least `needed` elements long. */
static float *float_array(napi_env env, napi_value value, const char *fn, const char *name, size_t needed) {
  bool is_typed = false;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) {
    char message[96];
    snprintf(message, sizeof message, "%s: %s must be a Float32Array", fn, name);
    napi_throw_type_error(env, NULL, message);
    return NULL;
  }
  napi_typedarray_type type;
  size_t length = 0;
  void *data = NULL;
  if (napi_get_typedarray_info(env, value, &type, &length, &data, NULL, NULL) != napi_ok || type != napi_float32_array) {
    char message[96];
    snprintf(message, sizeof message, "%s: %s must be a Float32Array", fn, name);
    napi_throw_type_error(env, NULL, message);
    return NULL;
  }
  if (length < needed) {
    char message[128];
    snprintf(message, sizeof message, "%s: %s has %zu elements, the matrix needs %zu", fn, name, length, needed);
    napi_throw_range_error(env, NULL, message);
    return NULL;
  }
  return (float *)data;
}

static napi_value Sgemm(napi_env env, napi_callback_info info) {
  size_t argc = 10;
  napi_value args[10];
  CHECK(napi_get_cb_info(env, info, &argc, args, NULL, NULL));
  if (argc != 10) {
    napi_throw_type_error(env, NULL, "sgemm: expected (transA, transB, m, n, k, alpha, a, b, beta, c)");
    return NULL;
  }
  bool trans_a = false, trans_b = false;
  int32_t m = 0, n = 0, k = 0;
  double alpha = 0, beta = 0;
  if (napi_get_value_bool(env, args[0], &trans_a) != napi_ok || napi_get_value_bool(env, args[1], &trans_b) != napi_ok) {
    napi_throw_type_error(env, NULL, "sgemm: transA and transB must be booleans");
    return NULL;
  }
  if (napi_get_value_int32(env, args[2], &m) != napi_ok || napi_get_value_int32(env, args[3], &n) != napi_ok ||
      napi_get_value_int32(env, args[4], &k) != napi_ok || m < 1 || n < 1 || k < 1) {
    napi_throw_range_error(env, NULL, "sgemm: m, n and k must be positive integers");
    return NULL;
  }
  if (napi_get_value_double(env, args[5], &alpha) != napi_ok || napi_get_value_double(env, args[8], &beta) != napi_ok) {
    napi_throw_type_error(env, NULL, "sgemm: alpha and beta must be numbers");
    return NULL;
  }
  const float *a = float_array(env, args[6], "sgemm", "a", (size_t)m * (size_t)k);
  if (!a) return NULL;
  const float *b = float_array(env, args[7], "sgemm", "b", (size_t)k * (size_t)n);
  if (!b) return NULL;
  float *c = float_array(env, args[9], "sgemm", "c", (size_t)m * (size_t)n);
  if (!c) return NULL;
  /* row-major leading dimensions: the stored row lengths */
  cblas_sgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans, trans_b ? CblasTrans : CblasNoTrans, m, n, k,
              (float)alpha, a, trans_a ? m : k, b, trans_b ? k : n, (float)beta, c, n);
  return NULL;
}

/* The call's `count` arguments into args (a TypeError naming `usage` when there are others). */
static bool arguments(napi_env env, napi_callback_info info, size_t count, napi_value *args, const char *usage) {
  size_t argc = count;
  if (napi_get_cb_info(env, info, &argc, args, NULL, NULL) != napi_ok || argc != count) {
    napi_throw_type_error(env, NULL, usage);
    return false;
  }
  return true;
}

/* `count` positive int32 sizes from args (a RangeError otherwise). */
static bool sizes(napi_env env, napi_value *args, size_t count, int32_t *out, const char *fn) {
  for (size_t i = 0; i < count; i++) {
    if (napi_get_value_int32(env, args[i], &out[i]) != napi_ok || out[i] < 1) {
      char message[96];
      snprintf(message, sizeof message, "%s: the sizes must be positive integers", fn);
      napi_throw_range_error(env, NULL, message);
      return false;
    }
  }
  return true;
}

/* The float32 data of `count` array arguments, each at least needed[i] elements long. */
static bool arrays(napi_env env, napi_value *args, size_t count, const char *const *names, const size_t *needed, float **out, const char *fn) {
  for (size_t i = 0; i < count; i++)
    if (!(out[i] = float_array(env, args[i], fn, names[i], needed[i]))) return false;
  return true;
}

static napi_value GruCell(napi_env env, napi_callback_info info) {
  napi_value args[9];
  int32_t s[2];
  if (!arguments(env, info, 9, args, "gruCell: expected (B, H, gx, gh, h, next, r, z, n)") || !sizes(env, args, 2, s, "gruCell")) return NULL;
  const size_t bh = (size_t)s[0] * s[1], bg = 3 * bh;
  static const char *const names[] = {"gx", "gh", "h", "next", "r", "z", "n"};
  const size_t needed[] = {bg, bg, bh, bh, bh, bh, bh};
  float *p[7];
  if (!arrays(env, args + 2, 7, names, needed, p, "gruCell")) return NULL;
  gru_cell(s[0], s[1], p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
  return NULL;
}

static napi_value GruCellGrad(napi_env env, napi_callback_info info) {
  napi_value args[11];
  int32_t s[2];
  if (!arguments(env, info, 11, args, "gruCellGrad: expected (B, H, dy, gh, h, r, z, n, dgx, dgh, dh)") || !sizes(env, args, 2, s, "gruCellGrad")) return NULL;
  const size_t bh = (size_t)s[0] * s[1], bg = 3 * bh;
  static const char *const names[] = {"dy", "gh", "h", "r", "z", "n", "dgx", "dgh", "dh"};
  const size_t needed[] = {bh, bg, bh, bh, bh, bh, bg, bg, bh};
  float *p[9];
  if (!arrays(env, args + 2, 9, names, needed, p, "gruCellGrad")) return NULL;
  gru_cell_grad(s[0], s[1], p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
  return NULL;
}

static napi_value GruSequence(napi_env env, napi_callback_info info) {
  napi_value args[15];
  int32_t s[3];
  if (!arguments(env, info, 15, args, "gruSequence: expected (T, B, H, gx, h0, wh, bh, masks, states, last, previous, r, z, n, ghN)") ||
      !sizes(env, args, 3, s, "gruSequence"))
    return NULL;
  const size_t T = (size_t)s[0], B = (size_t)s[1], H = (size_t)s[2];
  const size_t all = T * B * H;
  static const char *const names[] = {"gx", "h0", "wh", "bh", "masks", "states", "last", "previous", "r", "z", "n", "ghN"};
  const size_t needed[] = {3 * all, B * H, 3 * H * H, 3 * H, T * B, all, B * H, all, all, all, all, all};
  float *p[12];
  if (!arrays(env, args + 3, 12, names, needed, p, "gruSequence")) return NULL;
  if (gru_sequence(s[0], s[1], s[2], p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11]) != 0)
    napi_throw_error(env, NULL, "gruSequence: out of memory");
  return NULL;
}

static napi_value GruSequenceGrad(napi_env env, napi_callback_info info) {
  napi_value args[17];
  int32_t s[3];
  if (!arguments(env, info, 17, args, "gruSequenceGrad: expected (T, B, H, dStates, dLast, wh, masks, previous, r, z, n, ghN, dgx, dh0, dwh, dbh, dgh)") ||
      !sizes(env, args, 3, s, "gruSequenceGrad"))
    return NULL;
  const size_t T = (size_t)s[0], B = (size_t)s[1], H = (size_t)s[2];
  const size_t all = T * B * H;
  static const char *const names[] = {"dStates", "dLast", "wh", "masks", "previous", "r", "z", "n", "ghN", "dgx", "dh0", "dwh", "dbh", "dgh"};
  const size_t needed[] = {all, B * H, 3 * H * H, T * B, all, all, all, all, all, 3 * all, B * H, 3 * H * H, 3 * H, 3 * all};
  float *p[14];
  if (!arrays(env, args + 3, 14, names, needed, p, "gruSequenceGrad")) return NULL;
  if (gru_sequence_grad(s[0], s[1], s[2], p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13]) != 0)
    napi_throw_error(env, NULL, "gruSequenceGrad: out of memory");
  return NULL;
}

/* A positive, finite number argument (a RangeError otherwise). */
static bool positive_number(napi_env env, napi_value value, double *out, const char *fn) {
  if (napi_get_value_double(env, value, out) != napi_ok || !(*out > 0) || !isfinite(*out)) {
    char message[96];
    snprintf(message, sizeof message, "%s: eps must be a positive number", fn);
    napi_throw_range_error(env, NULL, message);
    return false;
  }
  return true;
}

/* The four norms' gains and biases of the layer-normalised GRU from a JS array `name` of 8
 * Float32Arrays (gain then bias of each norm, in native/gru.h's order; widths 2H, H, 2H, H). */
static bool norm_arrays(napi_env env, napi_value value, size_t H, float **g, float **b, const char *fn, const char *name) {
  static const size_t widths[4] = {2, 1, 2, 1};
  bool is_array = false;
  uint32_t length = 0;
  if (napi_is_array(env, value, &is_array) != napi_ok || !is_array || napi_get_array_length(env, value, &length) != napi_ok || length != 8) {
    char message[128];
    snprintf(message, sizeof message, "%s: %s must be an array of 8 Float32Arrays (gain and bias of each norm)", fn, name);
    napi_throw_type_error(env, NULL, message);
    return false;
  }
  for (uint32_t i = 0; i < 8; i++) {
    napi_value item;
    char label[64];
    snprintf(label, sizeof label, "%s[%u]", name, i);
    if (napi_get_element(env, value, i, &item) != napi_ok) return false;
    float *data = float_array(env, item, fn, label, widths[i / 2] * H);
    if (!data) return false;
    if (i % 2 == 0) g[i / 2] = data;
    else b[i / 2] = data;
  }
  return true;
}

static napi_value GruLnCell(napi_env env, napi_callback_info info) {
  napi_value args[13];
  int32_t s[2];
  double eps = 0;
  if (!arguments(env, info, 13, args, "gruLnCell: expected (B, H, eps, gx, gh, h, norms, next, r, z, n, xhat, inv)") || !sizes(env, args, 2, s, "gruLnCell") ||
      !positive_number(env, args[2], &eps, "gruLnCell"))
    return NULL;
  const size_t B = (size_t)s[0], H = (size_t)s[1];
  static const char *const names[] = {"gx", "gh", "h"};
  const size_t needed[] = {3 * B * H, 3 * B * H, B * H};
  static const char *const out_names[] = {"next", "r", "z", "n", "xhat", "inv"};
  const size_t out_needed[] = {B * H, B * H, B * H, B * H, 6 * B * H, 4 * B};
  float *p[3], *o[6];
  struct gru_ln_norms norms;
  if (!arrays(env, args + 3, 3, names, needed, p, "gruLnCell") || !norm_arrays(env, args[6], H, (float **)norms.g, (float **)norms.b, "gruLnCell", "norms") ||
      !arrays(env, args + 7, 6, out_names, out_needed, o, "gruLnCell"))
    return NULL;
  gru_ln_cell(s[0], s[1], eps, p[0], p[1], p[2], &norms, o[0], o[1], o[2], o[3], o[4], o[5]);
  return NULL;
}

static napi_value GruLnCellGrad(napi_env env, napi_callback_info info) {
  napi_value args[14];
  int32_t s[2];
  if (!arguments(env, info, 14, args, "gruLnCellGrad: expected (B, H, dy, h, r, z, n, xhat, inv, norms, dgx, dgh, dh, dNorms)") || !sizes(env, args, 2, s, "gruLnCellGrad"))
    return NULL;
  const size_t B = (size_t)s[0], H = (size_t)s[1];
  static const char *const names[] = {"dy", "h", "r", "z", "n", "xhat", "inv"};
  const size_t needed[] = {B * H, B * H, B * H, B * H, B * H, 6 * B * H, 4 * B};
  static const char *const out_names[] = {"dgx", "dgh", "dh"};
  const size_t out_needed[] = {3 * B * H, 3 * B * H, B * H};
  float *p[7], *o[3];
  struct gru_ln_norms norms;
  struct gru_ln_norm_grads d;
  if (!arrays(env, args + 2, 7, names, needed, p, "gruLnCellGrad") || !norm_arrays(env, args[9], H, (float **)norms.g, (float **)norms.b, "gruLnCellGrad", "norms") ||
      !arrays(env, args + 10, 3, out_names, out_needed, o, "gruLnCellGrad") || !norm_arrays(env, args[13], H, d.g, d.b, "gruLnCellGrad", "dNorms"))
    return NULL;
  if (gru_ln_cell_grad(s[0], s[1], p[0], p[1], p[2], p[3], p[4], p[5], p[6], &norms, o[0], o[1], o[2], &d) != 0) napi_throw_error(env, NULL, "gruLnCellGrad: out of memory");
  return NULL;
}

static napi_value GruLnSequence(napi_env env, napi_callback_info info) {
  napi_value args[18];
  int32_t s[3];
  double eps = 0;
  if (!arguments(env, info, 18, args, "gruLnSequence: expected (T, B, H, eps, gx, h0, wh, bh, masks, norms, states, last, previous, r, z, n, xhat, inv)") ||
      !sizes(env, args, 3, s, "gruLnSequence") || !positive_number(env, args[3], &eps, "gruLnSequence"))
    return NULL;
  const size_t T = (size_t)s[0], B = (size_t)s[1], H = (size_t)s[2];
  const size_t all = T * B * H;
  static const char *const names[] = {"gx", "h0", "wh", "bh", "masks"};
  const size_t needed[] = {3 * all, B * H, 3 * H * H, 3 * H, T * B};
  static const char *const out_names[] = {"states", "last", "previous", "r", "z", "n", "xhat", "inv"};
  const size_t out_needed[] = {all, B * H, all, all, all, all, 6 * all, 4 * T * B};
  float *p[5], *o[8];
  struct gru_ln_norms norms;
  if (!arrays(env, args + 4, 5, names, needed, p, "gruLnSequence") || !norm_arrays(env, args[9], H, (float **)norms.g, (float **)norms.b, "gruLnSequence", "norms") ||
      !arrays(env, args + 10, 8, out_names, out_needed, o, "gruLnSequence"))
    return NULL;
  if (gru_ln_sequence(s[0], s[1], s[2], eps, p[0], p[1], p[2], p[3], p[4], &norms, o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7]) != 0)
    napi_throw_error(env, NULL, "gruLnSequence: out of memory");
  return NULL;
}

static napi_value GruLnSequenceGrad(napi_env env, napi_callback_info info) {
  napi_value args[20];
  int32_t s[3];
  if (!arguments(env, info, 20, args, "gruLnSequenceGrad: expected (T, B, H, dStates, dLast, wh, masks, previous, r, z, n, xhat, inv, norms, dgx, dh0, dwh, dbh, dNorms, dgh)") ||
      !sizes(env, args, 3, s, "gruLnSequenceGrad"))
    return NULL;
  const size_t T = (size_t)s[0], B = (size_t)s[1], H = (size_t)s[2];
  const size_t all = T * B * H;
  static const char *const names[] = {"dStates", "dLast", "wh", "masks", "previous", "r", "z", "n", "xhat", "inv"};
  const size_t needed[] = {all, B * H, 3 * H * H, T * B, all, all, all, all, 6 * all, 4 * T * B};
  static const char *const out_names[] = {"dgx", "dh0", "dwh", "dbh"};
  const size_t out_needed[] = {3 * all, B * H, 3 * H * H, 3 * H};
  float *p[10], *o[4], *dgh;
  struct gru_ln_norms norms;
  struct gru_ln_norm_grads d;
  if (!arrays(env, args + 3, 10, names, needed, p, "gruLnSequenceGrad") ||
      !norm_arrays(env, args[13], H, (float **)norms.g, (float **)norms.b, "gruLnSequenceGrad", "norms") ||
      !arrays(env, args + 14, 4, out_names, out_needed, o, "gruLnSequenceGrad") || !norm_arrays(env, args[18], H, d.g, d.b, "gruLnSequenceGrad", "dNorms") ||
      !(dgh = float_array(env, args[19], "gruLnSequenceGrad", "dgh", 3 * all)))
    return NULL;
  if (gru_ln_sequence_grad(s[0], s[1], s[2], p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], &norms, o[0], o[1], o[2], o[3], &d, dgh) != 0)
    napi_throw_error(env, NULL, "gruLnSequenceGrad: out of memory");
  return NULL;
}

static napi_value SetThreads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg;
  int32_t count = 0;
  CHECK(napi_get_cb_info(env, info, &argc, &arg, NULL, NULL));
  if (argc != 1 || napi_get_value_int32(env, arg, &count) != napi_ok || count < 1) {
    napi_throw_range_error(env, NULL, "setThreads: count must be a positive integer");
    return NULL;
  }
  openblas_set_num_threads(count);
  return NULL;
}

static napi_value Threads(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result;
  CHECK(napi_create_int32(env, openblas_get_num_threads(), &result));
  return result;
}

static napi_value Init(napi_env env, napi_value exports) {
  /* one thread unless the caller asks for more: the learners run one process per core */
  openblas_set_num_threads(1);
  const napi_property_descriptor functions[] = {
      {"sgemm", NULL, Sgemm, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gruCell", NULL, GruCell, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gruCellGrad", NULL, GruCellGrad, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gruSequence", NULL, GruSequence, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gruSequenceGrad", NULL, GruSequenceGrad, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gruLnCell", NULL, GruLnCell, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gruLnCellGrad", NULL, GruLnCellGrad, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gruLnSequence", NULL, GruLnSequence, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gruLnSequenceGrad", NULL, GruLnSequenceGrad, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setThreads", NULL, SetThreads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"threads", NULL, Threads, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  CHECK(napi_define_properties(env, exports, sizeof functions / sizeof functions[0], functions));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
