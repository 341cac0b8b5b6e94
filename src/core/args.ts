/**
 * Typed, documented arguments for plugins (env args such as a bandit's `arms`, wrapper options).
 * Unknown names and out-of-range values are errors that name the argument and what is allowed.
 */
import { closest } from './context.ts';
import { MetarenaError, show } from './errors.ts';

export type ArgSpec =
  | { type: 'integer' | 'number'; default: number; min?: number; max?: number; exclusiveMin?: boolean; description: string }
  | { type: 'boolean'; default: boolean; description: string }
  | { type: 'string'; default: string; choices?: readonly string[]; description: string }
  | { type: 'strings'; default: readonly string[]; choices?: readonly string[]; description: string }
  | { type: 'integers'; default: readonly number[]; min?: number; max?: number; exclusiveMin?: boolean; description: string }
  /** A list of objects, each checked against `of` and completed with its defaults (e.g. a Reservoir's reservoirs). */
  | { type: 'objects'; of: ArgSpecs; default: readonly ArgValues[]; minItems?: number; description: string };

export type ArgSpecs = Record<string, ArgSpec>;
export type ArgValues = Record<string, unknown>;

type ValueOfSpec<S extends ArgSpec> = S extends { type: 'objects'; of: infer O extends ArgSpecs } ? ArgsOf<O>[] : S['default'];
export type ArgsOf<S extends ArgSpecs> = { [K in keyof S]: ValueOfSpec<S[K]> };

/** Parses a command-line `name=value` string into the arg's type. */
export function parseArgValue(spec: ArgSpec, raw: string): unknown {
  switch (spec.type) {
    case 'integer':
    case 'number':
      return raw.trim() === '' ? Number.NaN : Number(raw);
    case 'boolean':
      return raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
    case 'strings':
      return raw.split(',').filter(Boolean);
    case 'integers':
      return raw.split(',').filter(Boolean).map(Number);
    case 'objects':
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
    default:
      return raw;
  }
}

/** `exclusiveMin`: the value must be greater than `min` (a range "(min, max]"), e.g. a step size > 0. */
function checkNumber(spec: { type: string; min?: number; max?: number; exclusiveMin?: boolean }, v: unknown, field: string): number {
  const integer = spec.type.startsWith('integer');
  const lo = spec.min ?? -Infinity;
  const hi = spec.max ?? Infinity;
  const open = spec.exclusiveMin === true;
  if (typeof v !== 'number' || Number.isNaN(v) || (integer && !Number.isInteger(v)) || v < lo || (open && v === lo) || v > hi) {
    const range = `${open ? '(' : '['}${show(lo)}, ${show(hi)}]`;
    throw new MetarenaError('METARENA_INVALID_OPTION', `${field} must be ${integer ? 'an integer' : 'a number'} in ${range}, got ${show(v)}`, {
      field,
      allowed: range,
    });
  }
  return v;
}

/** Validates `given` against `specs`, filling defaults. `owner` names the plugin in messages. */
export function resolveArgs<S extends ArgSpecs>(specs: S, given: unknown, field: string): ArgsOf<S> {
  if (given !== undefined && given !== null && (typeof given !== 'object' || Array.isArray(given))) {
    throw new MetarenaError('METARENA_INVALID_OPTION', `${field} must be an object, got ${show(given)}`, { field });
  }
  const values = (given ?? {}) as ArgValues;
  const names = Object.keys(specs);
  for (const k of Object.keys(values)) {
    // own properties only: `constructor`, `toString` or `__proto__` are no arguments of any plugin
    if (!Object.hasOwn(specs, k)) {
      const near = closest(k, names);
      throw new MetarenaError('METARENA_INVALID_OPTION', `${field}: unknown argument ${show(k)}${near ? ` (did you mean ${near}?)` : ''}; allowed: ${names.join(', ') || '(none)'}`, {
        field: `${field}.${k}`,
        allowed: names.join(', ') || '(none)',
      });
    }
  }
  const out: ArgValues = {};
  for (const [k, spec] of Object.entries(specs)) {
    const v = !Object.hasOwn(values, k) || values[k] === undefined ? spec.default : values[k];
    const f = `${field}.${k}`;
    switch (spec.type) {
      case 'integer':
      case 'number':
        out[k] = checkNumber(spec, v, f);
        break;
      case 'boolean':
        if (typeof v !== 'boolean') throw new MetarenaError('METARENA_INVALID_OPTION', `${f} must be true or false, got ${show(v)}`, { field: f, allowed: 'true, false' });
        out[k] = v;
        break;
      case 'string':
        if (typeof v !== 'string' || (spec.choices && !spec.choices.includes(v))) {
          throw new MetarenaError('METARENA_INVALID_OPTION', `${f} must be ${spec.choices ? `one of ${spec.choices.join(', ')}` : 'a string'}, got ${show(v)}`, { field: f, allowed: spec.choices?.join(', ') });
        }
        out[k] = v;
        break;
      case 'strings':
        if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || (spec.choices && !spec.choices.includes(s)))) {
          throw new MetarenaError('METARENA_INVALID_OPTION', `${f} must be a list of ${spec.choices ? `values from ${spec.choices.join(', ')}` : 'strings'}, got ${show(v)}`, { field: f, allowed: spec.choices?.join(', ') });
        }
        out[k] = [...v];
        break;
      case 'integers':
        if (!Array.isArray(v)) throw new MetarenaError('METARENA_INVALID_OPTION', `${f} must be a list of integers, got ${show(v)}`, { field: f });
        out[k] = v.map((x, i) => checkNumber(spec, x, `${f}[${i}]`));
        break;
      case 'objects': {
        const least = spec.minItems ?? 0;
        if (!Array.isArray(v) || v.length < least) {
          throw new MetarenaError('METARENA_INVALID_OPTION', `${f} must be a list of ${least > 0 ? `at least ${least} ` : ''}objects, got ${show(v)}`, { field: f, allowed: Object.keys(spec.of).join(', ') });
        }
        out[k] = v.map((x, i) => {
          if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new MetarenaError('METARENA_INVALID_OPTION', `${f}[${i}] must be an object, got ${show(x)}`, { field: `${f}[${i}]`, allowed: Object.keys(spec.of).join(', ') });
          return resolveArgs(spec.of, x, `${f}[${i}]`);
        });
        break;
      }
    }
  }
  return out as ArgsOf<S>;
}
