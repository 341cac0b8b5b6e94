/**
 * Eigenvalues of dense real matrices, in float64 and free of tfjs:
 * - `eigenvalues` / `spectralRadius`: every eigenvalue of a general real square matrix, by
 *   Householder reduction to upper Hessenberg form and the Francis double-shift QR iteration
 *   (EISPACK's `orthes` and `hqr`; Wilkinson & Reinsch, Handbook for Automatic Computation II,
 *   1971), e.g. the spectral radius an echo state network's recurrent weights are scaled to;
 * - `symmetricEigen`: the eigenvalues and orthonormal eigenvectors of a small real symmetric
 *   matrix by the cyclic Jacobi method (Golub & Van Loan, Matrix Computations, §8.5;
 *   Rutishauser's rotation formulas), e.g. CMA-ES's covariance matrix C = B·D²·Bᵀ.
 * Both cost O(n³) and suit matrices of up to about a thousand (general) or a few tens
 * (symmetric) rows. Matrices are row-major `ArrayLike<number>` of n·n entries, left unchanged.
 */
import { MetarenaError } from '../errors.ts';

// ---------------------------------------------------------------------------------------------
// General real matrices: Hessenberg reduction and Francis QR

/**
 * Every eigenvalue of the real `n`×`n` matrix `a` (row-major; left unchanged): Householder
 * reduction to upper Hessenberg form, then the Francis double-shift QR iteration with
 * EISPACK's exceptional shifts (`orthes`, `hqr`). Complex eigenvalues come in conjugate pairs.
 */
export function eigenvalues(a: ArrayLike<number>, n: number): { re: Float64Array; im: Float64Array } {
  if (a.length !== n * n) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `eigenvalues: expected ${n * n} entries, got ${a.length}`, { field: 'matrix' });
  const h = Float64Array.from(a);
  const at = (i: number, j: number) => i * n + j;
  // Householder reduction to Hessenberg form (orthes)
  const ort = new Float64Array(n);
  const fj = new Float64Array(n);
  for (let m = 1; m < n - 1; m++) {
    let scale = 0;
    for (let i = m; i < n; i++) scale += Math.abs(h[at(i, m - 1)]);
    if (scale === 0) continue;
    let hh = 0;
    for (let i = n - 1; i >= m; i--) {
      ort[i] = h[at(i, m - 1)] / scale;
      hh += ort[i] * ort[i];
    }
    let g = Math.sqrt(hh);
    if (ort[m] > 0) g = -g;
    hh -= ort[m] * g;
    ort[m] -= g;
    // H ← (I − u·uᵀ/hh)·H, then H ← H·(I − u·uᵀ/hh), u = ort[m..n), both by rows
    fj.fill(0);
    for (let i = m; i < n; i++) {
      const oi = ort[i];
      const row = i * n;
      for (let j = m; j < n; j++) fj[j] += oi * h[row + j];
    }
    for (let i = m; i < n; i++) {
      const oi = ort[i] / hh;
      const row = i * n;
      for (let j = m; j < n; j++) h[row + j] -= fj[j] * oi;
    }
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let f = 0;
      for (let j = m; j < n; j++) f += ort[j] * h[row + j];
      f /= hh;
      for (let j = m; j < n; j++) h[row + j] -= f * ort[j];
    }
    ort[m] *= scale;
    h[at(m, m - 1)] = scale * g;
  }
  return hessenbergEigenvalues(h, n);
}

/** Eigenvalues of the upper Hessenberg matrix `h` (overwritten): EISPACK `hqr`. */
function hessenbergEigenvalues(h: Float64Array, nn: number): { re: Float64Array; im: Float64Array } {
  const re = new Float64Array(nn);
  const im = new Float64Array(nn);
  const at = (i: number, j: number) => i * nn + j;
  const eps = 2 ** -52;
  let norm = 0;
  for (let i = 0; i < nn; i++) for (let j = Math.max(i - 1, 0); j < nn; j++) norm += Math.abs(h[at(i, j)]);
  let n = nn - 1;
  let exshift = 0;
  let iter = 0;
  let total = 0;
  let p = 0;
  let q = 0;
  let r = 0;
  let s = 0;
  let z = 0;
  let w: number;
  let x: number;
  let y: number;
  while (n >= 0) {
    // a negligible subdiagonal entry splits the matrix
    let l = n;
    while (l > 0) {
      s = Math.abs(h[at(l - 1, l - 1)]) + Math.abs(h[at(l, l)]);
      if (s === 0) s = norm;
      if (Math.abs(h[at(l, l - 1)]) < eps * s) break;
      l--;
    }
    if (l === n) {
      // one root
      re[n] = h[at(n, n)] + exshift;
      im[n] = 0;
      n--;
      iter = 0;
    } else if (l === n - 1) {
      // two roots
      w = h[at(n, n - 1)] * h[at(n - 1, n)];
      p = (h[at(n - 1, n - 1)] - h[at(n, n)]) / 2;
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      x = h[at(n, n)] + exshift;
      if (q >= 0) {
        z = p >= 0 ? p + z : p - z;
        re[n - 1] = x + z;
        re[n] = z !== 0 ? x - w / z : x + z;
        im[n - 1] = 0;
        im[n] = 0;
      } else {
        re[n - 1] = x + p;
        re[n] = x + p;
        im[n - 1] = z;
        im[n] = -z;
      }
      n -= 2;
      iter = 0;
    } else {
      x = h[at(n, n)];
      y = h[at(n - 1, n - 1)];
      w = h[at(n, n - 1)] * h[at(n - 1, n)];
      if (iter === 10) {
        // Wilkinson's exceptional shift
        exshift += x;
        for (let i = 0; i <= n; i++) h[at(i, i)] -= x;
        s = Math.abs(h[at(n, n - 1)]) + Math.abs(h[at(n - 1, n - 2)]);
        x = y = 0.75 * s;
        w = -0.4375 * s * s;
      }
      if (iter === 30) {
        // a second exceptional shift (as in MATLAB's and JAMA's hqr2)
        s = (y - x) / 2;
        s = s * s + w;
        if (s > 0) {
          s = Math.sqrt(s);
          if (y < x) s = -s;
          s = x - w / ((y - x) / 2 + s);
          for (let i = 0; i <= n; i++) h[at(i, i)] -= s;
          exshift += s;
          x = y = w = 0.964;
        }
      }
      iter++;
      if (++total > 100 * nn) throw new MetarenaError('METARENA_INTERNAL', `eigenvalues: the QR iteration did not converge within ${100 * nn} steps`);
      // look for two consecutive small subdiagonal entries
      let m = n - 2;
      while (m >= l) {
        z = h[at(m, m)];
        r = x - z;
        s = y - z;
        p = (r * s - w) / h[at(m + 1, m)] + h[at(m, m + 1)];
        q = h[at(m + 1, m + 1)] - z - r - s;
        r = h[at(m + 2, m + 1)];
        s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p /= s;
        q /= s;
        r /= s;
        if (m === l) break;
        if (Math.abs(h[at(m, m - 1)]) * (Math.abs(q) + Math.abs(r)) < eps * (Math.abs(p) * (Math.abs(h[at(m - 1, m - 1)]) + Math.abs(z) + Math.abs(h[at(m + 1, m + 1)])))) break;
        m--;
      }
      for (let i = m + 2; i <= n; i++) {
        h[at(i, i - 2)] = 0;
        if (i > m + 2) h[at(i, i - 3)] = 0;
      }
      // double QR step on rows l..n and columns m..n
      for (let k = m; k <= n - 1; k++) {
        const notLast = k !== n - 1;
        if (k !== m) {
          p = h[at(k, k - 1)];
          q = h[at(k + 1, k - 1)];
          r = notLast ? h[at(k + 2, k - 1)] : 0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x === 0) continue;
          p /= x;
          q /= x;
          r /= x;
        }
        s = Math.sqrt(p * p + q * q + r * r);
        if (p < 0) s = -s;
        if (s === 0) continue;
        if (k !== m) h[at(k, k - 1)] = -s * x;
        else if (l !== m) h[at(k, k - 1)] = -h[at(k, k - 1)];
        p += s;
        x = p / s;
        y = q / s;
        z = r / s;
        q /= p;
        r /= p;
        // eigenvalues only: the transformation need not reach outside the active block l..n (EISPACK hqr)
        for (let j = k; j <= n; j++) {
          p = h[at(k, j)] + q * h[at(k + 1, j)];
          if (notLast) {
            p += r * h[at(k + 2, j)];
            h[at(k + 2, j)] -= p * z;
          }
          h[at(k, j)] -= p * x;
          h[at(k + 1, j)] -= p * y;
        }
        const last = Math.min(n, k + 3);
        for (let i = l; i <= last; i++) {
          p = x * h[at(i, k)] + y * h[at(i, k + 1)];
          if (notLast) {
            p += z * h[at(i, k + 2)];
            h[at(i, k + 2)] -= p * r;
          }
          h[at(i, k)] -= p;
          h[at(i, k + 1)] -= p * q;
        }
      }
    }
  }
  return { re, im };
}

/** The largest eigenvalue modulus of the real `n`×`n` row-major matrix `a`. */
export function spectralRadius(a: ArrayLike<number>, n: number): number {
  const { re, im } = eigenvalues(a, n);
  let rho = 0;
  for (let i = 0; i < n; i++) rho = Math.max(rho, Math.hypot(re[i], im[i]));
  return rho;
}

// ---------------------------------------------------------------------------------------------
// Symmetric matrices: cyclic Jacobi

export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** n×n row-major; column j (B[i·n + j], i = 0..n-1) is the unit eigenvector of values[j]. */
  vectors: Float64Array;
}

const MAX_SWEEPS = 100;

/** Eigenvalues and eigenvectors of the symmetric `n`×`n` row-major matrix `a` (left unchanged; its upper triangle is read). */
export function symmetricEigen(a: ArrayLike<number>, n: number): SymmetricEigen {
  if (a.length !== n * n) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `symmetricEigen: expected ${n * n} entries, got ${a.length}`, { field: 'matrix' });
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      m[i * n + j] = a[i * n + j];
      m[j * n + i] = a[i * n + j];
    }
  }
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; ; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += m[i * n + i] * m[i * n + i];
      for (let j = i + 1; j < n; j++) off += m[i * n + j] * m[i * n + j];
    }
    if (off <= 1e-30 * diag || off === 0) break;
    if (sweep === MAX_SWEEPS) throw new MetarenaError('METARENA_INTERNAL', `symmetricEigen: no convergence after ${MAX_SWEEPS} sweeps`);
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const app = m[p * n + p];
        const aqq = m[q * n + q];
        // the rotation that zeroes m[p][q]: t = tan(θ), the smaller root of t² + 2τt − 1 = 0
        const tau = (aqq - app) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p];
          const mkq = m[k * n + q];
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k];
          const mqk = m[q * n + k];
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        m[p * n + q] = 0;
        m[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[i * n + i] - m[j * n + j]);
  const values = Float64Array.from(order, (i) => m[i * n + i]);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    for (let k = 0; k < n; k++) vectors[k * n + to] = v[k * n + from];
  });
  return { values, vectors };
}
