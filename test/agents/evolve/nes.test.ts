import { describe, expect, it } from 'vitest';
import { Nes, mirroredChoice, perturbation, rankWeights } from '../../../src/agents/evolve/nes.ts';
import { thrown } from '../../thrown.ts';

const LN3 = Math.log(3);
const LN1_5 = Math.log(1.5);

describe('rank transform', () => {
  it('gives u = max(0, ln(λ/2 + 1) − ln rank), over its sum, over its max (λ = 4 by hand)', () => {
    // ranks: 20 → 1, 12 → 2, 5 → 3, 1 → 4; ln 3 − ln 1, ln 3 − ln 2 = ln 1.5, then 0 and max(0, ln 3 − ln 4) = 0
    expect(rankWeights([12, 5, 20, 1])).toEqual([LN1_5 / LN3, 0, 1, 0].map((v) => expect.closeTo(v, 14)));
    // the zero-mean variant (transform 2): subtract 1/λ after normalising by the sum
    const sum = LN3 + LN1_5;
    const top = LN3 / sum - 0.25;
    expect(rankWeights([12, 5, 20, 1], { zeroMean: true })).toEqual([(LN1_5 / sum - 0.25) / top, -0.25 / top, 1, -0.25 / top].map((v) => expect.closeTo(v, 14)));
  });

  it('depends only on the ranks; ties are ranked by member index', () => {
    expect(rankWeights([3, 1, 2, 0, -5, 7, 8, 9])).toEqual(rankWeights([30, 10, 20, 0, -50, 70, 80, 90]));
    // λ = 16: the top ln(9) − ln(r) > 0 for r < 9, so 8 members get weight
    const w = rankWeights(Array.from({ length: 16 }, (_, i) => i));
    expect(w.filter((v) => v > 0)).toHaveLength(8);
    expect(w[15]).toBe(1);
    expect(w[14]).toBeCloseTo((Math.log(9) - Math.log(2)) / Math.log(9), 14);
    expect(rankWeights([5, 5, 5, 5])).toEqual([1, LN1_5 / LN3, 0, 0].map((v) => expect.closeTo(v, 14)));
    expect(thrown(() => rankWeights([1, Number.NaN])).details.field).toBe('scores');
  });
});

describe('mirrored sampling', () => {
  it('keeps the better of ψ + ε and ψ − ε (a tie keeps +ε)', () => {
    expect(mirroredChoice({ plus: 10, minus: 12 })).toEqual({ score: 12, sign: -1 });
    expect(mirroredChoice({ plus: 5, minus: 3 })).toEqual({ score: 5, sign: 1 });
    expect(mirroredChoice({ plus: 20, minus: 20 })).toEqual({ score: 20, sign: 1 });
    expect(mirroredChoice({ plus: 7 })).toEqual({ score: 7, sign: 1 });
  });

  it('offers ψ + ε and ψ − ε for the same ε, one ε per member and generation, rebuilt from (seed, generation, member)', () => {
    const psi = Float32Array.from({ length: 500 }, (_, k) => Math.sin(k));
    const nes = new Nes(psi, { population: 4, sigma: 0.05, alpha: 0.1, seed: 7 });
    const eps = nes.epsilon(2);
    const plus = nes.candidate(2, 1);
    const minus = nes.candidate(2, -1);
    for (let k = 0; k < psi.length; k++) {
      expect(plus[k]).toBe(Math.fround(psi[k] + eps[k]));
      expect(minus[k]).toBe(Math.fround(psi[k] - eps[k]));
    }
    expect(Array.from(eps)).toEqual(Array.from(perturbation(7, 0, 2, 500, 0.05)));
    expect(Array.from(new Nes(psi, { population: 4, sigma: 0.05, alpha: 0.1, seed: 7 }).epsilon(2))).toEqual(Array.from(eps));
    expect(Array.from(nes.epsilon(1))).not.toEqual(Array.from(eps));
    expect(Array.from(perturbation(7, 1, 2, 500, 0.05))).not.toEqual(Array.from(eps));
    // ε ~ N(0, σ²)
    const big = perturbation(1, 0, 0, 20000, 0.05);
    const mean = big.reduce((a, b) => a + b, 0) / big.length;
    const sd = Math.sqrt(big.reduce((a, b) => a + (b - mean) ** 2, 0) / big.length);
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(sd).toBeCloseTo(0.05, 3);
  });
});

describe('Nes', () => {
  it('updates ψ ← ψ + α Σ uᵢ sᵢ εᵢ for one generation (λ = 4 by hand)', () => {
    const psi = [0.5, -1, 2];
    const alpha = 0.148;
    const nes = new Nes(psi, { population: 4, sigma: 0.0124, alpha, seed: 11 });
    const eps = [0, 1, 2, 3].map((i) => nes.epsilon(i));
    // member 0 keeps −ε (12 > 10) at rank 2, member 2 keeps +ε (tie) at rank 1; members 1 and 3 rank 3 and 4
    const result = nes.tell([
      { plus: 10, minus: 12 },
      { plus: 5, minus: 3 },
      { plus: 20, minus: 20 },
      { plus: 1, minus: 0 },
    ]);
    expect(result.generation).toBe(0);
    expect(result.scores).toEqual([12, 5, 20, 1]);
    expect(result.signs).toEqual([-1, 1, 1, 1]);
    const u0 = LN1_5 / LN3;
    for (let k = 0; k < 3; k++) expect(nes.params[k]).toBe(Math.fround(Math.fround(psi[k]) + alpha * (1 * eps[2][k] - u0 * eps[0][k])));
    expect(nes.generation).toBe(1);
    expect(Array.from(nes.epsilon(0))).toEqual(Array.from(perturbation(11, 1, 0, 3, 0.0124)));
  });

  it('applies weight decay first and α/λ with divideByPopulation; without mirroring it takes one score per member', () => {
    const psi = [1, 2];
    const nes = new Nes(psi, { population: 2, sigma: 0.1, alpha: 0.5, weightDecay: 0.1, divideByPopulation: true, mirrored: false, seed: 2 });
    const eps = [nes.epsilon(0), nes.epsilon(1)];
    expect(thrown(() => nes.tell([{ plus: 1, minus: 2 }, { plus: 0 }])).details.field).toBe('results[0]');
    nes.tell([{ plus: 1 }, { plus: 3 }]);
    // λ = 2: ranks 1 (member 1) and 2 (member 0): ln 2 − ln 2 = 0, so only member 1 moves ψ, with weight 1
    for (let k = 0; k < 2; k++) expect(nes.params[k]).toBe(Math.fround(0.9 * psi[k] + (0.5 / 2) * eps[1][k]));
  });

  it('resumes from its state: generation k after a restart is the same as without one', () => {
    const target = Float32Array.from({ length: 40 }, (_, k) => Math.cos(k));
    const fitness = (p: Float32Array) => -p.reduce((a, v, k) => a + (v - target[k]) ** 2, 0);
    const options = { population: 16, sigma: 0.1, alpha: 0.5, seed: 5 };
    const generation = (nes: Nes) => nes.tell(Array.from({ length: 16 }, (_, i) => ({ plus: fitness(nes.candidate(i, 1)), minus: fitness(nes.candidate(i, -1)) })));
    const straight = new Nes(new Float32Array(40), options);
    for (let g = 0; g < 5; g++) generation(straight);
    const first = new Nes(new Float32Array(40), options);
    for (let g = 0; g < 2; g++) generation(first);
    const saved = JSON.parse(JSON.stringify(first.state()));
    const resumed = Nes.fromState(saved, options);
    expect(resumed.generation).toBe(2);
    for (let g = 2; g < 5; g++) expect(generation(resumed).generation).toBe(g);
    expect(Array.from(resumed.params)).toEqual(Array.from(straight.params));
    // and the search climbs the fitness
    expect(fitness(straight.params)).toBeGreaterThan(fitness(new Float32Array(40)));
    for (let g = 5; g < 40; g++) generation(straight);
    expect(fitness(straight.params)).toBeGreaterThan(0.5 * fitness(new Float32Array(40)));
  });

  it('refuses bad options and incomplete generations', () => {
    expect(thrown(() => new Nes([0], { population: 1, sigma: 1, alpha: 1, seed: 0 })).details.field).toBe('population');
    expect(thrown(() => new Nes([0], { sigma: 0, alpha: 1, seed: 0 })).details.field).toBe('sigma');
    expect(thrown(() => new Nes([0], { sigma: 1, alpha: -1, seed: 0 })).details.field).toBe('alpha');
    expect(thrown(() => new Nes([Number.NaN], { sigma: 1, alpha: 1, seed: 0 })).details.field).toBe('params');
    const nes = new Nes([0], { sigma: 1, alpha: 1, seed: 0 });
    expect(nes.population).toBe(16);
    expect(thrown(() => nes.tell([{ plus: 1, minus: 0 }])).details.field).toBe('results');
    expect(thrown(() => nes.epsilon(16)).details.field).toBe('member');
  });
});
