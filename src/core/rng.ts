/**
 * Seeded random numbers: xoroshiro128+ from pure-rand, with the distributions environments and
 * samplers need. The same seed gives the same stream on every platform.
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { MetarenaError, show } from './errors.ts';

type Generator = ReturnType<typeof xoroshiro128plusFromState>;

const TWO_POW_26 = 1.4901161193847656e-8; // 2^-26
const TWO_POW_53 = 1.1102230246251565e-16; // 2^-53

/** splitmix32-style mixing, so nearby seeds give unrelated streams. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 0;
}

export function checkSeed(seed: unknown, field = 'seed'): number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new MetarenaError('METARENA_INVALID_SEED', `${field} must be a non-negative safe integer, got ${show(seed)}`, {
      field,
      allowed: `integer in [0, ${Number.MAX_SAFE_INTEGER}]`,
    });
  }
  return seed;
}

/** Derives a child seed from a seed and a label path, e.g. `deriveSeed(s, 'test', 3)`. */
export function deriveSeed(seed: number, ...path: (string | number)[]): number {
  let h1 = mix32(seed >>> 0);
  let h2 = mix32(Math.floor(seed / 4294967296) ^ 0x5bd1e995);
  for (const part of path) {
    const s = String(part);
    for (let i = 0; i < s.length; i++) {
      h1 = mix32(h1 ^ s.charCodeAt(i));
      h2 = mix32(h2 + Math.imul(s.charCodeAt(i), 0x27d4eb2d));
    }
    h1 = mix32(h1 ^ 0x2f);
    h2 = mix32(h2 ^ h1);
  }
  // 53-bit result so it is a valid seed
  return (h1 >>> 0) + ((h2 >>> 0) & 0x1fffff) * 4294967296;
}

export class Rng {
  private gen: Generator;
  private spareGaussian: number | undefined;

  constructor(seed: number) {
    checkSeed(seed);
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 4294967296) >>> 0;
    const a = mix32(lo ^ 0x243f6a88);
    const b = mix32(hi ^ a);
    const c = mix32(a ^ 0x85a308d3);
    const d = mix32(b ^ c ^ 0x13198a2e);
    // xoroshiro must not start from the all-zero state
    this.gen = xoroshiro128plusFromState([a, b, c, d === 0 && a === 0 && b === 0 && c === 0 ? 1 : d]);
  }

  /** 32 random bits as a signed integer. */
  nextInt32(): number {
    return this.gen.next();
  }

  /** Uniform in [0, 1) with 53 bits of randomness. */
  random(): number {
    const a = this.gen.next() & 0x3ffffff;
    const b = this.gen.next() & 0x7ffffff;
    return a * TWO_POW_26 + b * TWO_POW_53;
  }

  /** Uniform in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.random();
  }

  /** Uniform integer in [0, n). */
  integer(n: number): number {
    return Math.floor(this.random() * n);
  }

  /** Standard normal (Marsaglia polar method). */
  normal(mean = 0, std = 1): number {
    if (this.spareGaussian !== undefined) {
      const s = this.spareGaussian;
      this.spareGaussian = undefined;
      return mean + std * s;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.random() - 1;
      v = 2 * this.random() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareGaussian = v * m;
    return mean + std * u * m;
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang (2000). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.random() || TWO_POW_53, 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number, v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.random();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x / (x + y);
  }

  /** A draw from Dirichlet(alpha), written into `out` if given. */
  dirichlet(alpha: ArrayLike<number>, out: Float64Array = new Float64Array(alpha.length)): Float64Array {
    let sum = 0;
    for (let i = 0; i < alpha.length; i++) {
      out[i] = this.gamma(alpha[i]);
      sum += out[i];
    }
    for (let i = 0; i < alpha.length; i++) out[i] /= sum;
    return out;
  }

  /** Index drawn from a discrete distribution given by (unnormalised) weights. */
  categorical(weights: ArrayLike<number>, offset = 0, length = weights.length - offset): number {
    let total = 0;
    for (let i = 0; i < length; i++) total += weights[offset + i];
    let r = this.random() * total;
    for (let i = 0; i < length; i++) {
      r -= weights[offset + i];
      if (r < 0) return i;
    }
    return length - 1;
  }

  /** A fresh generator seeded from this one: independent stream, reproducible. */
  spawn(): Rng {
    return new Rng((this.gen.next() >>> 0) + (this.gen.next() & 0x1fffff) * 4294967296);
  }

  /** Generator state, for snapshots. */
  getState(): readonly number[] {
    return [...this.gen.getState(), this.spareGaussian ?? Number.NaN];
  }

  setState(state: readonly number[]): void {
    this.gen = xoroshiro128plusFromState(state.slice(0, 4));
    this.spareGaussian = Number.isNaN(state[4]) ? undefined : state[4];
  }
}
