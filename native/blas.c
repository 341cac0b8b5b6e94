/*
 * blas.node: single-precision matrix products through OpenBLAS, for the tfjs wasm backend's
 * matrix-product kernel (src/nn/native-blas.ts). Built by scripts/build-native.sh when the
 * OpenBLAS headers and library are present; the project runs without it.
 *
 * Exports
 *   sgemm(transA, transB, m, n, k, alpha, a, b, beta, c)
 *     C = alpha * op(A) * op(B) + beta * C on row-major Float32Arrays, where op(A) is [m, k]
 *     (A stored [m, k], or [k, m] when transA), op(B) is [k, n] (B stored [k, n], or [n, k]
 *     when transB) and C is [m, n]; the arrays are read and written in place (any views, e.g.
 *     onto a wasm heap). Throws a TypeError for a non-Float32Array, a RangeError for a
 *     non-positive size or an array shorter than its matrix: nothing is read out of bounds.
 *   setThreads(count)  OpenBLAS's thread count (the addon sets 1 when it loads).
 *   threads()          OpenBLAS's current thread count.
 */
#include <cblas.h>
#include <node_api.h>
#include <stdbool.h>
#include <stdio.h>

#define CHECK(call)                                                    \
  do {                                                                 \
    if ((call) != napi_ok) {                                           \
      napi_throw_error(env, NULL, "blas.node: N-API call failed");     \
      return NULL;                                                     \
    }                                                                  \
  } while (0)

/* The float32 data of argument `index` (`name` in messages), at least `needed` elements long. */
static float *float_array(napi_env env, napi_value value, const char *name, size_t needed) {
  bool is_typed = false;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) {
    char message[96];
    snprintf(message, sizeof message, "sgemm: %s must be a Float32Array", name);
    napi_throw_type_error(env, NULL, message);
    return NULL;
  }
  napi_typedarray_type type;
  size_t length = 0;
  void *data = NULL;
  if (napi_get_typedarray_info(env, value, &type, &length, &data, NULL, NULL) != napi_ok || type != napi_float32_array) {
    char message[96];
    snprintf(message, sizeof message, "sgemm: %s must be a Float32Array", name);
    napi_throw_type_error(env, NULL, message);
    return NULL;
  }
  if (length < needed) {
    char message[128];
    snprintf(message, sizeof message, "sgemm: %s has %zu elements, the matrix needs %zu", name, length, needed);
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
  const float *a = float_array(env, args[6], "a", (size_t)m * (size_t)k);
  if (!a) return NULL;
  const float *b = float_array(env, args[7], "b", (size_t)k * (size_t)n);
  if (!b) return NULL;
  float *c = float_array(env, args[9], "c", (size_t)m * (size_t)n);
  if (!c) return NULL;
  /* row-major leading dimensions: the stored row lengths */
  cblas_sgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans, trans_b ? CblasTrans : CblasNoTrans, m, n, k,
              (float)alpha, a, trans_a ? m : k, b, trans_b ? k : n, (float)beta, c, n);
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
      {"setThreads", NULL, SetThreads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"threads", NULL, Threads, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  CHECK(napi_define_properties(env, exports, sizeof functions / sizeof functions[0], functions));
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
