import { describe, expect, it } from 'vitest';
import { strategyParameters } from '../../../src/agents/evolve/cma-es-parameters.ts';
import { CmaEs, strategyParameters as reexported } from '../../../src/agents/evolve/cma-es.ts';

describe('CMA-ES: strategy parameters', () => {
  it("are the tutorial's defaults (n = 10, λ = 10, values worked out by hand)", () => {
    expect(new CmaEs({ mean: new Array(10).fill(0), sigma: 1 }).popSize).toBe(10); // 4 + floor(3 ln 10)
    const p = strategyParameters(10, 10);
    expect(p.mu).toBe(5);
    expect(p.muEff).toBeCloseTo(3.1673, 4);
    expect(p.cSigma).toBeCloseTo(0.28445, 4);
    expect(p.dSigma).toBeCloseTo(1.28445, 4);
    expect(p.cc).toBeCloseTo(0.29498, 4);
    expect(p.c1).toBeCloseTo(0.015284, 5);
    expect(p.cMu).toBeCloseTo(0.020153, 5);
    expect(p.chiN).toBeCloseTo(3.0847, 4);
    const positive = Array.from(p.weights.slice(0, 5));
    const negative = Array.from(p.weights.slice(5));
    expect(positive.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 14);
    expect(positive.every((w, i) => i === 0 || w < positive[i - 1])).toBe(true);
    // negative weights sum to -min(1 + c1/cμ, 1 + 2μeff⁻/(μeff + 2), (1 - c1 - cμ)/(n cμ)) = -(1 + c1/cμ) here
    expect(negative.every((w) => w < 0)).toBe(true);
    expect(negative.reduce((s, w) => s + w, 0)).toBeCloseTo(-1.7584, 3);
  });

  it('are the ones cma-es.ts re-exports and CmaEs uses for each run', () => {
    expect(reexported).toBe(strategyParameters);
    const es = new CmaEs({ mean: [0, 0, 0], sigma: 1, popSize: 12 });
    expect(es.parameters).toEqual(strategyParameters(3, 12));
  });
});
