/**
 * The stop criteria of a CMA-ES run (CmaEs, cma-es.ts), with pycma's defaults and names
 * (Hansen's tutorial, arXiv:1604.00772, §B.3). After each generation, a run stops when:
 * - `tolFun`: the values of this generation and the best values of the last 10 + ⌈30n/λ⌉
 *   generations each span less than tolFun;
 * - `tolX`: σ·√Cᵢᵢ and σ·|p_c,ᵢ| are below tolX in every coordinate;
 * - `tolFacUpX`: σ·√Cᵢᵢ exceeds the starting σ by this factor in some coordinate (divergence);
 * - `noEffectAxis` / `noEffectCoord`: adding 0.1σ along a principal axis (one per generation,
 *   in turn) or 0.2σ√Cᵢᵢ to one coordinate leaves the mean unchanged;
 * - `tolConditionCov`: the condition number of C exceeds it;
 * - `stagnation` (when on): over the last 20% of the run's generations, but at least 120 + 30n/λ
 *   (at most 20 000), the median of the newest 30% of both the best and the median values is no
 *   better than the median of the oldest 30% (Hansen, "Benchmarking a BI-population CMA-ES on the
 *   BBOB-2009 function testbed", GECCO 2009).
 * Values here are minimised (CmaEs negates them when maximising).
 */
import type { RunState } from './cma-es-run.ts';

export type StopReason = 'tolFun' | 'tolX' | 'tolFacUpX' | 'noEffectAxis' | 'noEffectCoord' | 'tolConditionCov' | 'stagnation';

/** The thresholds of the criteria (CmaEs options of the same names). */
export interface StopTolerances {
  tolFun: number;
  tolX: number;
  tolFacUpX: number;
  tolConditionCov: number;
  stagnation: boolean;
}

/** Why the run `st` stops after its latest generation (best and worst values of it given); empty if it goes on. */
export function stopReasons(st: RunState, sigma0: number, o: StopTolerances, bestValue: number, worstValue: number): StopReason[] {
  const { mean, sigma, C, B, D, pc } = st;
  const n = mean.length;
  const out: StopReason[] = [];
  const g = st.generation;
  const histLength = 10 + Math.ceil((30 * n) / st.popSize);
  if (g >= histLength) {
    const recent = st.bestHistory.slice(-histLength);
    if (worstValue - bestValue < o.tolFun && Math.max(...recent) - Math.min(...recent) < o.tolFun) out.push('tolFun');
  }
  let small = true;
  let large = false;
  let noEffectCoord = false;
  for (let i = 0; i < n; i++) {
    const sd = sigma * Math.sqrt(C[i * n + i]);
    if (!(sd < o.tolX && Math.abs(sigma * pc[i]) < o.tolX)) small = false;
    if (sd > sigma0 * o.tolFacUpX) large = true;
    if (mean[i] === mean[i] + 0.2 * sd) noEffectCoord = true;
  }
  if (small) out.push('tolX');
  if (large) out.push('tolFacUpX');
  const axis = g % n;
  let noEffectAxis = true;
  for (let i = 0; i < n; i++) if (mean[i] !== mean[i] + 0.1 * sigma * D[axis] * B[i * n + axis]) noEffectAxis = false;
  if (noEffectAxis) out.push('noEffectAxis');
  if (noEffectCoord) out.push('noEffectCoord');
  const dMax = Math.max(...D);
  const dMin = Math.min(...D);
  if ((dMax / dMin) ** 2 > o.tolConditionCov) out.push('tolConditionCov');
  if (o.stagnation) {
    const window = Math.min(20000, Math.max(Math.ceil(120 + (30 * n) / st.popSize), Math.ceil(0.2 * g)));
    if (g >= window) {
      const part = Math.max(1, Math.floor(0.3 * window));
      const medianOf = (xs: number[]) => {
        const s = [...xs].sort((a, b) => a - b);
        return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
      };
      const stalled = (h: number[]) => {
        const recent = h.slice(-window);
        return medianOf(recent.slice(-part)) >= medianOf(recent.slice(0, part));
      };
      if (stalled(st.bestHistory) && stalled(st.medianHistory)) out.push('stagnation');
    }
  }
  return out;
}
