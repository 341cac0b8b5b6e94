/**
 * CARL-style context: the physical or task parameters an environment exposes, how a context is
 * chosen per episode (defaults, explicit values, samplers), and seeded train/test splits.
 */
import { MetarenaError, show } from './errors.ts';
import { Rng, deriveSeed } from './rng.ts';

export interface ContextFeature {
  name: string;
  default: number;
  /** Inclusive limits; ±Infinity where unbounded. */
  lower: number;
  upper: number;
  unit?: string;
  description: string;
  /** Whole numbers only (e.g. a count). */
  integer?: boolean;
}

/** Feature name → value. A complete context holds every feature of the env. */
export type Context = Record<string, number>;

/**
 * Feature name → `[least, greatest]` value a make's context choice can give the feature (a
 * fixed context gives `[v, v]`). Plugins whose spaces depend on the context compute them from it.
 */
export type ContextRange = Readonly<Record<string, readonly [number, number]>>;

/** JSON form of a feature; infinite limits are `null`. */
export interface ContextFeatureSpec {
  name: string;
  default: number;
  lower: number | null;
  upper: number | null;
  unit?: string;
  description: string;
  integer?: boolean;
}

/** How a context is drawn for each trial. Travels on the wire as JSON. */
export type ContextSamplerSpec =
  | { kind: 'default' }
  /** Each feature (default: all) is its default times U(low, high), e.g. length × U(0.2, 2.2). */
  | { kind: 'uniform_scale'; low: number; high: number; features?: string[] }
  /** Each feature uniform within its bounds, or within `bounds[name]` where given. */
  | { kind: 'uniform'; features?: string[]; bounds?: Record<string, [number, number]> }
  /** Gaussian around the default, `std` relative to the default (|default|·std), clipped to bounds. */
  | { kind: 'gaussian'; std: number; features?: string[] }
  /** A fixed list of (partial) contexts, taken in order (`cycle`) or drawn at random. */
  | { kind: 'list'; contexts: Record<string, number>[]; order?: 'cycle' | 'random' };

export const SAMPLER_KINDS = ['default', 'uniform_scale', 'uniform', 'gaussian', 'list'] as const;

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

/** The candidate closest to `name` (case-insensitive edit distance), if reasonably close. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(3, Math.ceil(name.length / 2)) ? best : undefined;
}

const range = (f: ContextFeature) => `[${show(f.lower)}, ${show(f.upper)}]`;

export class ContextSpace {
  readonly features: readonly ContextFeature[];
  private readonly byName: Map<string, ContextFeature>;

  constructor(features: readonly ContextFeature[]) {
    this.byName = new Map();
    for (const f of features) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(f.name)) throw new MetarenaError('METARENA_INVALID_CONTEXT', `context feature name ${show(f.name)} must be an identifier`, { field: 'context' });
      if (this.byName.has(f.name)) throw new MetarenaError('METARENA_INVALID_CONTEXT', `context feature ${f.name} is declared twice`, { field: `context.${f.name}` });
      if (!(f.lower <= f.default && f.default <= f.upper)) {
        throw new MetarenaError('METARENA_INVALID_CONTEXT', `context feature ${f.name}: default ${show(f.default)} is outside its bounds ${range(f)}`, { field: `context.${f.name}` });
      }
      this.byName.set(f.name, f);
    }
    this.features = Object.freeze([...features]);
  }

  get names(): string[] {
    return this.features.map((f) => f.name);
  }

  feature(name: string, field = 'context'): ContextFeature {
    const f = this.byName.get(name);
    if (!f) {
      const near = closest(name, this.byName.keys());
      const allowed = this.names.join(', ') || '(this env has no context features)';
      throw new MetarenaError('METARENA_UNKNOWN_CONTEXT_FEATURE', `${field}: unknown context feature ${show(name)}${near ? ` (did you mean ${near}?)` : ''}; features: ${allowed}`, {
        field: `${field}.${name}`,
        allowed,
      });
    }
    return f;
  }

  defaults(): Context {
    const c: Context = {};
    for (const f of this.features) c[f.name] = f.default;
    return c;
  }

  /** The range of a single context: every feature at its value (`[v, v]`). */
  pointRange(context: Readonly<Context>): ContextRange {
    const r: Record<string, readonly [number, number]> = {};
    for (const f of this.features) r[f.name] = [context[f.name], context[f.name]];
    return r;
  }

  /** Checks a single value against its feature's bounds; values are finite even where a bound is not. */
  checkValue(name: string, value: unknown, field = 'context'): number {
    const f = this.feature(name, field);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new MetarenaError('METARENA_CONTEXT_OUT_OF_BOUNDS', `${field}.${name} = ${show(value)} is not a finite number; allowed: finite ${f.integer ? 'integers' : 'numbers'} in ${range(f)}${f.unit ? ` ${f.unit}` : ''}`, {
        field: `${field}.${name}`,
        allowed: `finite, ${range(f)}`,
      });
    }
    if (value < f.lower || value > f.upper || (f.integer && !Number.isInteger(value))) {
      throw new MetarenaError('METARENA_CONTEXT_OUT_OF_BOUNDS', `${field}.${name} = ${show(value)} is outside the allowed ${f.integer ? 'integers in ' : ''}${range(f)}${f.unit ? ` ${f.unit}` : ''}`, {
        field: `${field}.${name}`,
        allowed: range(f),
      });
    }
    return value;
  }

  /** Validates a partial context (unknown features and out-of-bounds values are errors). */
  validate(partial: unknown, field = 'context'): Partial<Context> {
    if (partial === undefined || partial === null) return {};
    if (typeof partial !== 'object' || Array.isArray(partial)) {
      throw new MetarenaError('METARENA_INVALID_CONTEXT', `${field} must be an object of feature → number, got ${show(partial)}`, { field });
    }
    const out: Partial<Context> = {};
    for (const [k, v] of Object.entries(partial)) out[k] = this.checkValue(k, v, field);
    return out;
  }

  /** A complete context: defaults overridden by `partial` (validated). */
  complete(partial?: unknown, field = 'context'): Context {
    return { ...this.defaults(), ...this.validate(partial, field) } as Context;
  }

  toJSON(): ContextFeatureSpec[] {
    return this.features.map((f) => ({
      name: f.name,
      default: f.default,
      lower: Number.isFinite(f.lower) ? f.lower : null,
      upper: Number.isFinite(f.upper) ? f.upper : null,
      ...(f.unit ? { unit: f.unit } : {}),
      description: f.description,
      ...(f.integer ? { integer: true } : {}),
    }));
  }

  static fromJSON(specs: ContextFeatureSpec[]): ContextSpace {
    return new ContextSpace(specs.map((s) => ({ ...s, lower: s.lower ?? -Infinity, upper: s.upper ?? Infinity })));
  }
}

/** Draws the context for trial number `index` (0-based) of a sequence. */
export interface ContextSampler {
  readonly spec: ContextSamplerSpec;
  /** False for `default` with no explicit overrides: every draw is the same context. */
  readonly varies: boolean;
  /** The least and greatest value each feature can take in a draw. */
  readonly range: ContextRange;
  sample(rng: Rng, index: number): Context;
}

/** The range of draws that keep `base` except for `spans` (feature → [least, greatest]); `pinned` values are fixed. */
function rangeOf(base: Readonly<Context>, spans: ReadonlyMap<string, readonly [number, number]>, pinned: Partial<Context>): ContextRange {
  const r: Record<string, readonly [number, number]> = {};
  for (const [n, v] of Object.entries(base)) r[n] = Object.hasOwn(pinned, n) ? [pinned[n]!, pinned[n]!] : (spans.get(n) ?? [v, v]);
  return r;
}

function checkFeatures(space: ContextSpace, features: unknown, field: string): string[] {
  if (features === undefined) return space.names;
  if (!Array.isArray(features) || features.some((f) => typeof f !== 'string')) {
    throw new MetarenaError('METARENA_INVALID_CONTEXT', `${field}.features must be a list of feature names, got ${show(features)}`, { field: `${field}.features`, allowed: space.names.join(', ') });
  }
  for (const f of features) space.feature(f, `${field}.features`);
  return features;
}

function finiteNumber(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new MetarenaError('METARENA_INVALID_CONTEXT', `${field} must be a finite number, got ${show(v)}`, { field });
  return v;
}

/**
 * Builds a sampler from its spec. `fixed` values (explicit context) override whatever the sampler
 * draws. Every reachable value is checked against the bounds now, not at some later reset.
 */
export function createSampler(space: ContextSpace, spec: unknown = { kind: 'default' }, fixed: unknown = {}, field = 'context_sampler'): ContextSampler {
  const pinned = space.validate(fixed, 'context');
  if (typeof spec !== 'object' || spec === null) {
    throw new MetarenaError('METARENA_INVALID_CONTEXT', `${field} must be an object with a kind, got ${show(spec)}`, { field, allowed: SAMPLER_KINDS.join(', ') });
  }
  const s = spec as ContextSamplerSpec;
  const base = space.defaults();
  const finish = (c: Context): Context => Object.assign(c, pinned);
  const integerize = (f: ContextFeature, v: number) => (f.integer ? Math.round(v) : v);

  switch (s.kind) {
    case 'default': {
      const c = finish({ ...base });
      return { spec: s, varies: false, range: rangeOf(c, new Map(), pinned), sample: () => ({ ...c }) };
    }
    case 'uniform_scale': {
      const low = finiteNumber(s.low, `${field}.low`);
      const high = finiteNumber(s.high, `${field}.high`);
      if (!(low <= high)) throw new MetarenaError('METARENA_INVALID_CONTEXT', `${field}.low (${low}) must be <= high (${high})`, { field: `${field}.low` });
      const names = checkFeatures(space, s.features, field).filter((n) => !Object.hasOwn(pinned, n));
      const spans = new Map<string, readonly [number, number]>();
      for (const n of names) {
        const f = space.feature(n);
        const a = f.default * low;
        const b = f.default * high;
        spans.set(n, [integerize(f, Math.min(a, b)), integerize(f, Math.max(a, b))]);
        for (const v of [a, b]) {
          if (v < f.lower || v > f.upper) {
            throw new MetarenaError('METARENA_CONTEXT_OUT_OF_BOUNDS', `${field}: ${n} = ${f.default} × [${low}, ${high}] reaches ${show(v)}, outside the allowed ${range(f)}`, {
              field: `${field}.features`,
              allowed: `${n} in ${range(f)}`,
            });
          }
        }
      }
      return {
        spec: s,
        varies: names.length > 0 && low !== high,
        range: rangeOf(base, spans, pinned),
        sample: (rng) => {
          const c = { ...base };
          for (const n of names) c[n] = integerize(space.feature(n), base[n] * rng.uniform(low, high));
          return finish(c);
        },
      };
    }
    case 'uniform': {
      const names = checkFeatures(space, s.features, field).filter((n) => !Object.hasOwn(pinned, n));
      const limits = new Map<string, [number, number]>();
      const bounds = s.bounds ?? {};
      if (typeof bounds !== 'object' || bounds === null || Array.isArray(bounds)) {
        throw new MetarenaError('METARENA_INVALID_CONTEXT', `${field}.bounds must be an object of feature → [low, high], got ${show(bounds)}`, { field: `${field}.bounds` });
      }
      for (const n of names) {
        const f = space.feature(n);
        const given = Object.hasOwn(bounds, n) ? bounds[n] : undefined;
        if (given !== undefined && (!Array.isArray(given) || given.length !== 2)) {
          throw new MetarenaError('METARENA_INVALID_CONTEXT', `${field}.bounds.${n} must be [low, high], got ${show(given)}`, { field: `${field}.bounds.${n}` });
        }
        const lo = given ? finiteNumber(given[0], `${field}.bounds.${n}[0]`) : f.lower;
        const hi = given ? finiteNumber(given[1], `${field}.bounds.${n}[1]`) : f.upper;
        if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
          throw new MetarenaError('METARENA_INVALID_CONTEXT', `${field}: ${n} has an unbounded range ${range(f)}; give ${field}.bounds.${n} = [low, high]`, { field: `${field}.bounds.${n}` });
        }
        if (lo > hi || lo < f.lower || hi > f.upper) {
          throw new MetarenaError('METARENA_CONTEXT_OUT_OF_BOUNDS', `${field}.bounds.${n} = [${lo}, ${hi}] must be an interval inside ${range(f)}`, { field: `${field}.bounds.${n}`, allowed: range(f) });
        }
        limits.set(n, [lo, hi]);
      }
      for (const n of Object.keys(bounds)) space.feature(n, `${field}.bounds`);
      const spans = new Map([...limits].map(([n, [lo, hi]]) => [n, [integerize(space.feature(n), lo), integerize(space.feature(n), hi)] as const]));
      return {
        spec: s,
        varies: [...limits.values()].some(([a, b]) => a !== b),
        range: rangeOf(base, spans, pinned),
        sample: (rng) => {
          const c = { ...base };
          for (const [n, [lo, hi]] of limits) c[n] = integerize(space.feature(n), rng.uniform(lo, hi));
          return finish(c);
        },
      };
    }
    case 'gaussian': {
      const std = finiteNumber(s.std, `${field}.std`);
      if (std < 0) throw new MetarenaError('METARENA_INVALID_CONTEXT', `${field}.std must be >= 0, got ${std}`, { field: `${field}.std` });
      const names = checkFeatures(space, s.features, field).filter((n) => !Object.hasOwn(pinned, n));
      // draws are clipped to the bounds, so with std > 0 a draw can reach either bound
      const spans = new Map(std > 0 ? names.map((n) => [n, [space.feature(n).lower, space.feature(n).upper] as const]) : []);
      return {
        spec: s,
        varies: std > 0 && names.length > 0,
        range: rangeOf(base, spans, pinned),
        sample: (rng) => {
          const c = { ...base };
          for (const n of names) {
            const f = space.feature(n);
            const scale = Math.abs(f.default) || 1;
            c[n] = integerize(f, Math.min(f.upper, Math.max(f.lower, rng.normal(f.default, std * scale))));
          }
          return finish(c);
        },
      };
    }
    case 'list': {
      if (!Array.isArray(s.contexts) || s.contexts.length === 0) {
        throw new MetarenaError('METARENA_INVALID_CONTEXT', `${field}.contexts must be a non-empty list of contexts`, { field: `${field}.contexts` });
      }
      const order = s.order ?? 'cycle';
      if (order !== 'cycle' && order !== 'random') throw new MetarenaError('METARENA_INVALID_CONTEXT', `${field}.order must be cycle or random, got ${show(order)}`, { field: `${field}.order`, allowed: 'cycle, random' });
      const list = s.contexts.map((c, i) => finish({ ...base, ...space.validate(c, `${field}.contexts[${i}]`) } as Context));
      const spans = new Map<string, readonly [number, number]>();
      for (const n of space.names) {
        let lo = Infinity, hi = -Infinity;
        for (const c of list) {
          lo = Math.min(lo, c[n]);
          hi = Math.max(hi, c[n]);
        }
        spans.set(n, [lo, hi]);
      }
      return {
        spec: s,
        varies: list.length > 1,
        range: rangeOf(base, spans, pinned),
        sample: (rng, index) => ({ ...list[order === 'cycle' ? index % list.length : rng.integer(list.length)] }),
      };
    }
    default:
      throw new MetarenaError('METARENA_INVALID_CONTEXT', `${field}.kind must be one of ${SAMPLER_KINDS.join(', ')}, got ${show((s as { kind: unknown }).kind)}`, {
        field: `${field}.kind`,
        allowed: SAMPLER_KINDS.join(', '),
      });
  }
}

/** One task of a split: its context and the seed the env's task sampler draws structure from. */
export interface Task {
  context: Context;
  taskSeed: number;
}

export type SplitName = 'train' | 'test';

/**
 * A named split: a finite, seeded list of tasks. `train` and `test` draw from disjoint seed
 * streams of `splitSeed`, so the same split is the same list in every run.
 */
export function buildSplit(sampler: ContextSampler, name: SplitName, size: number, splitSeed: number): Task[] {
  const tasks: Task[] = [];
  for (let i = 0; i < size; i++) {
    const rng = new Rng(deriveSeed(splitSeed, name, 'context', i));
    tasks.push({ context: sampler.sample(rng, i), taskSeed: deriveSeed(splitSeed, name, 'task', i) });
  }
  return tasks;
}

const contextKey = (c: Context) => JSON.stringify(Object.keys(c).sort().map((k) => [k, c[k]]));

/**
 * Checks that no test task equals a train task. With a task sampler (structured tasks) tasks are
 * distinct by their seeds; without one, the contexts themselves must differ.
 */
export function checkSplitsDisjoint(train: Task[], test: Task[], structured: boolean): void {
  if (structured) return;
  const seen = new Set(train.map((t) => contextKey(t.context)));
  const shared = test.filter((t) => seen.has(contextKey(t.context)));
  if (shared.length > 0) {
    throw new MetarenaError(
      'METARENA_SPLIT_OVERLAP',
      `train and test splits share ${shared.length} of ${test.length} contexts (e.g. ${show(shared[0].context)}); choose a context_sampler that varies the context, or no split`,
      { field: 'split', allowed: 'a context_sampler whose draws differ between train and test' },
    );
  }
}
