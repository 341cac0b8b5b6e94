import { describe, expect, it } from 'vitest';
import { CmaEs, type CmaEsOptions } from '../../../src/agents/evolve/cma-es.ts';
import { thrown } from '../../thrown.ts';

const sphere = (x: Float64Array) => x.reduce((s, v) => s + v * v, 0);
const rosenbrock = (x: Float64Array) => {
  let s = 0;
  for (let i = 0; i < x.length - 1; i++) s += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
  return s;
};

describe('CMA-ES: convergence', () => {
  it('sphere (10-D) to 1e-10 within 3000 evaluations, in one run', () => {
    const es = new CmaEs({ mean: new Array(10).fill(3), sigma: 1, seed: 1 });
    const best = es.optimize(sphere, { maxEvaluations: 3000, target: 1e-10 });
    expect(best.value).toBeLessThanOrEqual(1e-10);
    expect(es.runs).toHaveLength(1);
    expect(Math.max(...best.x.map(Math.abs))).toBeLessThan(1e-4);
  });

  it('Rosenbrock (2-D, 5-D, 8-D) to 1e-8 from the origin within 20 000 evaluations, for 3 seeds', () => {
    for (const n of [2, 5, 8]) {
      for (const seed of [0, 1, 2]) {
        const es = new CmaEs({ mean: new Array(n).fill(0), sigma: 0.5, seed });
        const best = es.optimize(rosenbrock, { maxEvaluations: 20_000, target: 1e-8 });
        expect(best.value, `n=${n} seed=${seed}`).toBeLessThanOrEqual(1e-8);
        for (const v of best.x) expect(v).toBeCloseTo(1, 3);
      }
    }
  });

  it('inside a log-spaced box (ER-MRL ranges): every point stays in the box and the optimum is found', () => {
    const lower = [1e-4, 1e-2, 0.1];
    const upper = [1e2, 1, 10];
    const es = new CmaEs({ lower, upper, log: true, seed: 4 });
    // optimum at spectral radius 2, leak rate 0.3, input scaling 8 (log10 distance)
    const target = [2, 0.3, 8];
    const f = (x: Float64Array) => x.reduce((s, v, i) => s + (Math.log10(v) - Math.log10(target[i])) ** 2, 0);
    let outside = 0;
    while (es.evaluations < 3000) {
      const points = es.ask();
      for (const x of points) x.forEach((v, i) => (outside += v < lower[i] || v > upper[i] ? 1 : 0));
      es.tell(points.map(f));
      if (es.best!.value < 1e-12) break;
    }
    expect(outside).toBe(0);
    expect(es.best!.value).toBeLessThan(1e-12);
    es.best!.x.forEach((v, i) => expect(v / target[i]).toBeCloseTo(1, 4));
  });

  it('an optimum on the boundary: points drawn outside are clipped, and the search reaches the corner', () => {
    const es = new CmaEs({ lower: [1, 1, 1], upper: [2, 2, 2], seed: 5, maxResample: 0 });
    const best = es.optimize((x) => x[0] + x[1] + x[2], { maxEvaluations: 2000 });
    expect(best.value).toBeLessThan(3 + 1e-6);
    expect(es.runs.every((r) => r.best !== null && r.best >= 3)).toBe(true);
  });

  it('maximize: the same search on the negated values', () => {
    const a = new CmaEs({ mean: [1, 2], sigma: 0.5, seed: 6 });
    const b = new CmaEs({ mean: [1, 2], sigma: 0.5, seed: 6, maximize: true });
    for (let g = 0; g < 30; g++) {
      const pa = a.ask();
      expect(b.ask()).toEqual(pa);
      a.tell(pa.map(sphere));
      b.tell(pa.map((x) => -sphere(x)));
    }
    expect(b.best!.value).toBe(-a.best!.value);
  });
});

describe('CMA-ES: step-size adaptation', () => {
  it('σ grows on a linear function', () => {
    const es = new CmaEs({ mean: [0, 0, 0, 0, 0], sigma: 1, seed: 2 });
    for (let g = 0; g < 15; g++) es.tell(es.ask().map((x) => x[0]));
    expect(es.run).toBe(0);
    expect(es.sigma).toBeGreaterThan(10);
  });

  it('σ shrinks near the optimum of a sphere', () => {
    const es = new CmaEs({ mean: [0.01, -0.01, 0.02], sigma: 1, seed: 3 });
    const sigmas: number[] = [];
    for (let g = 0; g < 60; g++) {
      es.tell(es.ask().map(sphere));
      sigmas.push(es.sigma);
    }
    expect(es.run).toBe(0);
    expect(sigmas[59]).toBeLessThan(1e-3);
    expect(sigmas[59]).toBeLessThan(sigmas[29]);
  });

  it('C learns the shape of an ill-conditioned ellipsoid (its principal axis)', () => {
    const es = new CmaEs({ mean: [1, 1], sigma: 0.5, seed: 7 });
    const f = (x: Float64Array) => x[0] ** 2 + 1e4 * x[1] ** 2;
    for (let g = 0; g < 120; g++) es.tell(es.ask().map(f));
    const c = es.covariance;
    expect(c[0] / c[3]).toBeGreaterThan(1e3);
  });
});

describe('CMA-ES: IPOP restarts', () => {
  it('each stopped run restarts with twice the population, until restarts are used up', () => {
    const es = new CmaEs({ lower: [-5, -5, -5], upper: [5, 5, 5], seed: 8, restarts: 3 });
    const means: Float64Array[] = [];
    let run = -1;
    while (!es.done) {
      if (es.run !== run) {
        run = es.run;
        expect(es.generation).toBe(0);
        means.push(es.mean);
      }
      es.tell(es.ask().map(sphere));
    }
    const runs = es.runs;
    expect(runs.map((r) => r.popSize)).toEqual([7, 14, 28, 56]);
    for (const r of runs) {
      expect(r.stop.length).toBeGreaterThan(0);
      expect(r.evaluations).toBe(r.popSize * r.generations);
      expect(r.best!).toBeLessThan(1e-9);
    }
    expect(runs.reduce((s, r) => s + r.evaluations, 0)).toBe(es.evaluations);
    // the first run starts at the centre, the restarts at points drawn in the box
    expect(Array.from(means[0])).toEqual([0, 0, 0]);
    for (const m of means.slice(1)) expect(m.every((v) => v >= -5 && v <= 5) && m.some((v) => v !== 0)).toBe(true);
    expect(new Set(means.map((m) => m.join())).size).toBe(4);
    const e = thrown(() => es.ask());
    expect(e.code).toBe('METARENA_CLOSED');
  });

  it('a flat function stops on tolFun; without bounds a restart starts again from the first mean', () => {
    const es = new CmaEs({ mean: [1, 2, 3, 4], sigma: 0.3, seed: 9, restarts: 1, popSizeFactor: 3 });
    while (es.run === 0) es.tell(es.ask().map(() => 7));
    expect(es.runs[0].stop).toContain('tolFun');
    expect(es.popSize).toBe(es.runs[0].popSize * 3);
    expect(Array.from(es.mean)).toEqual([1, 2, 3, 4]);
    expect(es.sigma).toBe(0.3);
  });
});

describe('CMA-ES: determinism and resuming', () => {
  const options: CmaEsOptions = { lower: [0, 1e-3], upper: [1, 10], log: [false, true], seed: 11, restarts: 2 };
  const f = (x: Float64Array) => (x[0] - 0.2) ** 2 + Math.log(x[1]) ** 2;

  function trace(es: CmaEs, generations: number): number[][] {
    const out: number[][] = [];
    for (let g = 0; g < generations && !es.done; g++) {
      const points = es.ask();
      out.push(...points.map((p) => Array.from(p)));
      es.tell(points.map(f));
    }
    return out;
  }

  it('the same seed gives the same points; another seed others', () => {
    const a = trace(new CmaEs(options), 40);
    expect(trace(new CmaEs(options), 40)).toEqual(a);
    expect(trace(new CmaEs({ ...options, seed: 12 }), 40)).not.toEqual(a);
  });

  it('toJSON / fromJSON through JSON text continues exactly, pending points and restarts included', () => {
    const straight = new CmaEs(options);
    const whole = trace(straight, 200);
    const first = new CmaEs(options);
    const head = trace(first, 70);
    first.ask(); // a pending population survives the round trip
    const resumed = CmaEs.fromJSON(JSON.parse(JSON.stringify(first.toJSON())));
    expect(resumed.ask()).toEqual(first.ask());
    const tail = trace(resumed, 130);
    expect([...head, ...tail]).toEqual(whole);
    expect(resumed.runs).toEqual(straight.runs);
    expect(resumed.best).toEqual(straight.best);
    expect(straight.runs.length).toBeGreaterThan(1);
  });

  it('ask returns the same points until they are told', () => {
    const es = new CmaEs(options);
    expect(es.ask()).toEqual(es.ask());
  });
});

describe('CMA-ES: bad options and calls', () => {
  const field = (options: unknown) => {
    const e = thrown(() => new CmaEs(options as CmaEsOptions));
    expect(e.code).toBe('METARENA_INVALID_OPTION');
    return e.details.field;
  };

  it('name the field', () => {
    expect(field({ mean: [0, 0], sigma: -1 })).toBe('cmaes.sigma');
    expect(field({ mean: [0, 0] })).toBe('cmaes.sigma');
    expect(field({ sigma: 1 })).toBe('cmaes.mean');
    expect(field({ mean: [0, Number.NaN], sigma: 1 })).toBe('cmaes.mean[1]');
    expect(field({ mean: [0, 0], sigma: 1, sigm: 2 })).toBe('cmaes.sigm');
    expect(field({ mean: [0, 0], sigma: 1, popSize: 1 })).toBe('cmaes.popSize');
    expect(field({ mean: [0, 0], sigma: 1, popSize: 2.5 })).toBe('cmaes.popSize');
    expect(field({ mean: [0, 0], sigma: 1, restarts: -1 })).toBe('cmaes.restarts');
    expect(field({ mean: [0, 0], sigma: 1, log: true })).toBe('cmaes.log');
    expect(field({ lower: [0, 0] })).toBe('cmaes.upper');
    expect(field({ upper: [0, 0] })).toBe('cmaes.lower');
    expect(field({ lower: [], upper: [] })).toBe('cmaes.lower');
    expect(field({ lower: [0, 0], upper: [1] })).toBe('cmaes.upper');
    expect(field({ lower: [0, 3], upper: [1, 2] })).toBe('cmaes.upper[1]');
    expect(field({ lower: [0, 1], upper: [1, 2], log: true })).toBe('cmaes.lower[0]');
    expect(field({ lower: [1, 1], upper: [2, 2], log: [true] })).toBe('cmaes.log');
    expect(field({ lower: [1, 1], upper: [2, 2], log: [true, 'yes'] })).toBe('cmaes.log[1]');
    expect(field({ lower: [0, 0, 0], upper: [1, 1, 1], mean: [0.5, 2, 0.5] })).toBe('cmaes.mean[1]');
    expect(field({ lower: [0, 0], upper: [1, 1], mean: [0.5] })).toBe('cmaes.mean');
    expect(field(null)).toBe('cmaes');
  });

  it('tell needs one number per asked point, after an ask', () => {
    const es = new CmaEs({ mean: [0, 0], sigma: 1 });
    expect(thrown(() => es.tell([1, 2])).details.field).toBe('values');
    const n = es.ask().length;
    const short = thrown(() => es.tell(new Array(n - 1).fill(0)));
    expect(short.code).toBe('METARENA_INVALID_ARGUMENT');
    expect(short.message).toContain(`${n} values`);
    const values = new Array(n).fill(0);
    values[2] = Number.NaN;
    expect(thrown(() => es.tell(values)).details.field).toBe('values[2]');
    // a refused tell changes nothing; +Infinity is a legal worst value
    values[2] = Infinity;
    es.tell(values);
    expect(es.generation).toBe(1);
    expect(thrown(() => es.optimize(sphere, { maxEvaluations: 0 })).details.field).toBe('maxEvaluations');
  });
});
