/**
 * Errors with stable codes. Every mistake a caller can make has a code; the server maps the
 * code's `status` to a gRPC status, so client mistakes never surface as INTERNAL.
 */

/** The gRPC-style category of an error code. */
export type ErrorStatus =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'FAILED_PRECONDITION'
  | 'RESOURCE_EXHAUSTED'
  | 'UNAUTHENTICATED'
  | 'ALREADY_EXISTS'
  | 'DEADLINE_EXCEEDED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export const ERROR_CODES = {
  METARENA_INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  METARENA_INVALID_SPACE: 'INVALID_ARGUMENT',
  METARENA_INVALID_ACTION: 'INVALID_ARGUMENT',
  METARENA_INVALID_ID: 'INVALID_ARGUMENT',
  METARENA_INVALID_OPTION: 'INVALID_ARGUMENT',
  METARENA_INVALID_CONTEXT: 'INVALID_ARGUMENT',
  METARENA_UNKNOWN_CONTEXT_FEATURE: 'INVALID_ARGUMENT',
  METARENA_CONTEXT_OUT_OF_BOUNDS: 'INVALID_ARGUMENT',
  METARENA_INVALID_SEED: 'INVALID_ARGUMENT',
  METARENA_INVALID_STATE: 'INVALID_ARGUMENT',
  METARENA_SPLIT_OVERLAP: 'INVALID_ARGUMENT',
  METARENA_UNKNOWN_ENV: 'NOT_FOUND',
  METARENA_UNKNOWN_WRAPPER: 'NOT_FOUND',
  /** A session request named an env handle the session does not hold. */
  METARENA_UNKNOWN_HANDLE: 'NOT_FOUND',
  METARENA_DUPLICATE_ID: 'ALREADY_EXISTS',
  METARENA_RESET_NEEDED: 'FAILED_PRECONDITION',
  METARENA_CLOSED: 'FAILED_PRECONDITION',
  METARENA_NOT_SUPPORTED: 'FAILED_PRECONDITION',
  METARENA_LIMIT_EXCEEDED: 'RESOURCE_EXHAUSTED',
  METARENA_UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** A remote call took longer than its timeout, or a session was idle too long. */
  METARENA_TIMEOUT: 'DEADLINE_EXCEEDED',
  /** The server could not be reached, or the connection broke. */
  METARENA_UNAVAILABLE: 'UNAVAILABLE',
  METARENA_PLUGIN_ERROR: 'INTERNAL',
  METARENA_INTERNAL: 'INTERNAL',
} as const satisfies Record<string, ErrorStatus>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetails {
  /** The request or option field at fault, e.g. `context.gravity` or `action[3]`. */
  field?: string;
  /** What would have been accepted, e.g. `[0.1, 10]` or `one of: CartPole-v1, …`. */
  allowed?: string;
  /** The plugin (env or wrapper id) and hook the error came from. */
  plugin?: string;
  hook?: string;
}

export class MetarenaError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MetarenaError';
    this.code = code;
    this.details = details;
  }

  get status(): ErrorStatus {
    return ERROR_CODES[this.code];
  }
}

export function isMetarenaError(e: unknown): e is MetarenaError {
  return e instanceof MetarenaError;
}

/** Wraps an error thrown inside a plugin hook so it names the plugin and hook. Caller mistakes pass through. */
export function pluginError(plugin: string, hook: string, e: unknown): MetarenaError {
  if (e instanceof MetarenaError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new MetarenaError('METARENA_PLUGIN_ERROR', `[${plugin}:${hook}] ${message}`, { plugin, hook }, { cause: e });
}

/** Formats a value for an error message: short, and NaN/Infinity kept readable. */
export function show(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}[${Array.from(value as unknown as ArrayLike<number>).map((v) => show(v)).join(', ')}]`;
  try {
    const s = JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    if (s === undefined) return String(value);
    return s.length > 200 ? `${s.slice(0, 200)}…` : s;
  } catch {
    return String(value);
  }
}
