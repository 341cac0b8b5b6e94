/**
 * CMA-ES strategy parameters: the default population split, recombination weights and learning
 * rates for n dimensions and λ points, as in Hansen's tutorial (N. Hansen, "The CMA Evolution
 * Strategy: A Tutorial", arXiv:1604.00772, Table 1), with the active (negative) weights that pycma
 * and CyberAgentAILab/cmaes use by default. Used by CmaEs (cma-es.ts) for each run's λ.
 *
 * μ = ⌊λ/2⌋; w'ᵢ = ln((λ+1)/2) − ln i for i = 1..λ; μ_eff from the positive ones;
 * c_σ = (μ_eff + 2)/(n + μ_eff + 5); d_σ = 1 + 2·max(0, √((μ_eff − 1)/(n + 1)) − 1) + c_σ;
 * c_c = (4 + μ_eff/n)/(n + 4 + 2μ_eff/n); c₁ = 2/((n + 1.3)² + μ_eff);
 * c_μ = min(1 − c₁, 2(μ_eff − 2 + 1/μ_eff)/((n + 2)² + μ_eff)); positive weights sum to 1, the
 * negative ones to −min(1 + c₁/c_μ, 1 + 2μ_eff⁻/(μ_eff + 2), (1 − c₁ − c_μ)/(n c_μ)); c_m = 1;
 * E‖N(0,I)‖ ≈ √n(1 − 1/(4n) + 1/(21n²)); the eigendecomposition is refreshed every
 * max(1, ⌊1/(10 n (c₁ + c_μ))⌋) generations.
 */

/** The strategy parameters for n dimensions and λ points (tutorial Table 1). */
export interface StrategyParameters {
  lambda: number;
  mu: number;
  weights: Float64Array;
  muEff: number;
  cSigma: number;
  dSigma: number;
  cc: number;
  c1: number;
  cMu: number;
  chiN: number;
  /** Generations between eigendecompositions. */
  eigenEvery: number;
}

export function strategyParameters(n: number, lambda: number): StrategyParameters {
  const mu = Math.floor(lambda / 2);
  const prime = Float64Array.from({ length: lambda }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
  const sumOf = (from: number, to: number, f: (w: number) => number) => {
    let s = 0;
    for (let i = from; i < to; i++) s += f(prime[i]);
    return s;
  };
  const muEff = sumOf(0, mu, (w) => w) ** 2 / sumOf(0, mu, (w) => w * w);
  const muEffMinus = lambda > mu ? sumOf(mu, lambda, (w) => w) ** 2 / sumOf(mu, lambda, (w) => w * w) : 0;
  const alphaCov = 2;
  const c1 = alphaCov / ((n + 1.3) ** 2 + muEff);
  const cMu = Math.min(1 - c1, (alphaCov * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + (alphaCov * muEff) / 2));
  const alphaMinus = Math.min(1 + c1 / cMu, 1 + (2 * muEffMinus) / (muEff + 2), (1 - c1 - cMu) / (n * cMu));
  const positive = sumOf(0, lambda, (w) => (w > 0 ? w : 0));
  const negative = sumOf(0, lambda, (w) => (w < 0 ? -w : 0));
  const weights = prime.map((w) => (w >= 0 ? w / positive : negative > 0 ? (alphaMinus * w) / negative : 0));
  const cSigma = (muEff + 2) / (n + muEff + 5);
  const dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
  const cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  const eigenEvery = Math.max(1, Math.floor(1 / (10 * n * (c1 + cMu))));
  return { lambda, mu, weights, muEff, cSigma, dSigma, cc, c1, cMu, chiN, eigenEvery };
}
