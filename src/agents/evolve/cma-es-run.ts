/**
 * One CMA-ES run of CmaEs (cma-es.ts), in search coordinates: its state (mean, σ, C = B·D²·Bᵀ,
 * the evolution paths p_σ and p_c, and the per-generation best and median values the stop criteria
 * read), a fresh run (C = I), the drawing of a point x = m + σ·B·D·z with z ~ N(0, I), and one
 * generation's update, as in Hansen's tutorial (N. Hansen, "The CMA Evolution Strategy: A
 * Tutorial", arXiv:1604.00772, eqs. 39–47) with active weights:
 * - mean by the μ best; p_σ with C^(−1/2); h_σ stall of p_c;
 * - C by rank one (p_c) and rank μ (all λ, negative weights rescaled by n/‖C^(−1/2)y‖²);
 * - σ ← σ·exp((c_σ/d_σ)(‖p_σ‖/E‖N(0,I)‖ − 1));
 * - the eigendecomposition (Jacobi, core/linalg/eigen.ts) refreshed every `eigenEvery` generations.
 */
import { type Rng, symmetricEigen } from '../../core/index.ts';
import type { StrategyParameters } from './cma-es-parameters.ts';

/** One run's state (search coordinates). */
export interface RunState {
  popSize: number;
  mean: Float64Array;
  sigma: number;
  C: Float64Array;
  B: Float64Array;
  D: Float64Array;
  pc: Float64Array;
  ps: Float64Array;
  generation: number;
  eigenAt: number;
  /** Per generation: best and median value (stagnation) and best (tolFun). */
  bestHistory: number[];
  medianHistory: number[];
}

/** A run of λ = `popSize` from `mean` with step size `sigma`, C = I, paths at zero. */
export function freshRun(n: number, popSize: number, mean: Float64Array, sigma: number): RunState {
  const C = new Float64Array(n * n);
  const B = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    C[i * n + i] = 1;
    B[i * n + i] = 1;
  }
  return {
    popSize,
    mean: Float64Array.from(mean),
    sigma,
    C,
    B,
    D: new Float64Array(n).fill(1),
    pc: new Float64Array(n),
    ps: new Float64Array(n),
    generation: 0,
    eigenAt: 0,
    bestHistory: [],
    medianHistory: [],
  };
}

/** A point m + σ·B·D·z, z ~ N(0, I) from `rng` (n normal draws). */
export function drawPoint(st: RunState, rng: Rng): Float64Array {
  const { mean, sigma, B, D } = st;
  const n = mean.length;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = D[i] * rng.normal();
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += B[i * n + j] * z[j];
    x[i] = mean[i] + sigma * s;
  }
  return x;
}

/** One generation's update of mean, paths, σ and C from the points and their order, best first (tutorial eqs. 39–47). */
export function updateRun(st: RunState, p: StrategyParameters, points: Float64Array[], order: number[]): void {
  const n = st.mean.length;
  const { mean, sigma, B, D, C } = st;
  const lambda = points.length;
  const y = order.map((k) => Float64Array.from(points[k], (v, i) => (v - mean[i]) / sigma));
  const yw = new Float64Array(n);
  for (let r = 0; r < p.mu; r++) for (let i = 0; i < n; i++) yw[i] += p.weights[r] * y[r][i];
  for (let i = 0; i < n; i++) mean[i] += sigma * yw[i];
  // C^(-1/2)·v = B·D^(-1)·Bᵀ·v
  const invSqrtC = (v: Float64Array) => {
    const t = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += B[i * n + j] * v[i];
      t[j] = s / D[j];
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += B[i * n + j] * t[j];
      out[i] = s;
    }
    return out;
  };
  const cyw = invSqrtC(yw);
  const psGain = Math.sqrt(p.cSigma * (2 - p.cSigma) * p.muEff);
  let psNorm2 = 0;
  for (let i = 0; i < n; i++) {
    st.ps[i] = (1 - p.cSigma) * st.ps[i] + psGain * cyw[i];
    psNorm2 += st.ps[i] * st.ps[i];
  }
  const psNorm = Math.sqrt(psNorm2);
  st.generation += 1;
  const hSigma = psNorm / Math.sqrt(1 - (1 - p.cSigma) ** (2 * st.generation)) < (1.4 + 2 / (n + 1)) * p.chiN ? 1 : 0;
  const pcGain = hSigma * Math.sqrt(p.cc * (2 - p.cc) * p.muEff);
  for (let i = 0; i < n; i++) st.pc[i] = (1 - p.cc) * st.pc[i] + pcGain * yw[i];
  // rank-μ weights: negative ones rescaled by n / ‖C^(-1/2) y‖²
  const wo = new Float64Array(lambda);
  let wSum = 0;
  for (let r = 0; r < lambda; r++) {
    const w = p.weights[r];
    wSum += w;
    if (w >= 0) wo[r] = w;
    else {
      const c = invSqrtC(y[r]);
      let norm2 = 0;
      for (let i = 0; i < n; i++) norm2 += c[i] * c[i];
      wo[r] = (w * n) / Math.max(norm2, 1e-300);
    }
  }
  const deltaH = (1 - hSigma) * p.cc * (2 - p.cc);
  const decay = 1 + p.c1 * deltaH - p.c1 - p.cMu * wSum;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let rankMu = 0;
      for (let r = 0; r < lambda; r++) if (wo[r] !== 0) rankMu += wo[r] * y[r][i] * y[r][j];
      const v = decay * C[i * n + j] + p.c1 * st.pc[i] * st.pc[j] + p.cMu * rankMu;
      C[i * n + j] = v;
      C[j * n + i] = v;
    }
  }
  st.sigma = sigma * Math.exp((p.cSigma / p.dSigma) * (psNorm / p.chiN - 1));
  if (st.generation - st.eigenAt >= p.eigenEvery) decompose(st);
}

/** C = B·D²·Bᵀ; eigenvalues that rounding made non-positive are lifted to a tiny positive value. */
function decompose(st: RunState): void {
  const n = st.mean.length;
  const { values, vectors } = symmetricEigen(st.C, n);
  const top = Math.max(...values);
  st.B.set(vectors);
  for (let i = 0; i < n; i++) st.D[i] = Math.sqrt(Math.max(values[i], top * 1e-20, 1e-300));
  st.eigenAt = st.generation;
}
