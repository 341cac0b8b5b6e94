/**
 * Parsers for command-line option values shared by the commands. Each throws a MetarenaError
 * naming the option and what it accepts, so the CLI reports `error CODE: message` and exits 2.
 */
import { MetarenaError, checkSeed, show } from '../core/index.ts';

/** commander collector for repeatable options: `--context a=1 --context b=2` → ['a=1', 'b=2']. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Splits `name=value` strings; `option` names the flag in messages (e.g. `--context`). */
export function parsePairs(values: readonly string[] | undefined, option: string): [string, string][] {
  return (values ?? []).map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${option} takes name=value, got ${show(pair)}`, { field: option, allowed: 'name=value' });
    }
    return [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
  });
}

export function parseInteger(raw: string | undefined, option: string, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isSafeInteger(v) || v < min) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${option} must be an integer >= ${min}, got ${show(raw)}`, { field: option, allowed: `integer >= ${min}` });
  }
  return v;
}

export function parseSeed(raw: string | undefined, option = '--seed'): number | undefined {
  if (raw === undefined) return undefined;
  return checkSeed(raw.trim() === '' ? Number.NaN : Number(raw), option);
}

export function parsePositiveNumber(raw: string | undefined, option: string): number | undefined {
  if (raw === undefined) return undefined;
  const v = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${option} must be a positive number, got ${show(raw)}`, { field: option, allowed: 'number > 0' });
  return v;
}

/** Parses a JSON option value, naming the option when it is not JSON. */
export function parseJson(raw: string, option: string, what: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${option} is not valid JSON (${(e as Error).message}): got ${show(raw)}; expected ${what}`, { field: option, allowed: what });
  }
}

/** Typed arrays and nested values as plain JSON-ready arrays, objects and numbers. */
export function toPlain(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}
