/**
 * Free-form values on the wire (plugin args, wrapper options, sampler parameters, extra info
 * keys) travel as JSON text that keeps what plain JSON loses: non-finite numbers become
 * `{"$num": "NaN" | "Infinity" | "-Infinity"}` and typed arrays `{"$typed": "Float32Array", "data": [...]}`.
 */
import { MetarenaError } from '../core/index.ts';

const TYPED = {
  Float32Array,
  Float64Array,
  Int32Array,
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Uint32Array,
} as const;
type TypedName = keyof typeof TYPED;

function replacer(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : { $num: String(value) };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name;
    if (name in TYPED) return { $typed: name, data: Array.from(value as unknown as ArrayLike<number>) };
  }
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (typeof v.$num === 'string' && Object.keys(v).length === 1) return Number(v.$num);
    if (typeof v.$typed === 'string' && v.$typed in TYPED && Array.isArray(v.data) && Object.keys(v).length === 2) {
      return (TYPED[v.$typed as TypedName] as unknown as { from(a: unknown[]): unknown }).from(v.data);
    }
  }
  return value;
}

export function toWireJson(value: unknown): string {
  return JSON.stringify(value, replacer) ?? 'null';
}

/** Parses wire JSON; malformed text is an INVALID_ARGUMENT naming `field`. */
export function fromWireJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text, reviver);
  } catch (e) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field} is not valid JSON: ${(e as Error).message}`, { field, allowed: 'a JSON text' });
  }
}

/** Parses an optional JSON object field ('' means undefined). */
export function fromWireJsonObject(text: string | null | undefined, field: string): Record<string, unknown> | undefined {
  if (!text) return undefined;
  const v = fromWireJson(text, field);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field} must be a JSON object, got ${text.length > 100 ? `${text.slice(0, 100)}…` : text}`, { field, allowed: 'a JSON object' });
  }
  return v as Record<string, unknown>;
}
