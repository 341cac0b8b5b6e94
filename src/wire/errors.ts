/** Errors on the wire: a MetarenaError becomes an `Error` message and back, code and details kept. */
import { ERROR_CODES, type ErrorCode, type ErrorStatus, MetarenaError } from '../core/index.ts';
import { pb, type v1 } from './proto.ts';

/** gRPC status numbers (google.rpc.Code), the same numbers as `Status` in the proto. */
export const GRPC_CODE_OF: Record<ErrorStatus, number> = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
};

/** The error code used for a bare status (e.g. a stream-level gRPC status). */
const CODE_OF_STATUS: Record<number, ErrorCode> = {
  1: 'METARENA_UNAVAILABLE',
  3: 'METARENA_INVALID_ARGUMENT',
  4: 'METARENA_TIMEOUT',
  5: 'METARENA_UNKNOWN_ENV',
  6: 'METARENA_DUPLICATE_ID',
  7: 'METARENA_UNAUTHENTICATED',
  8: 'METARENA_LIMIT_EXCEEDED',
  9: 'METARENA_NOT_SUPPORTED',
  12: 'METARENA_NOT_SUPPORTED',
  13: 'METARENA_INTERNAL',
  14: 'METARENA_UNAVAILABLE',
  16: 'METARENA_UNAUTHENTICATED',
};

/** Any thrown value as a MetarenaError; non-metarena errors are INTERNAL. */
export function asMetarenaError(e: unknown): MetarenaError {
  if (e instanceof MetarenaError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new MetarenaError('METARENA_INTERNAL', message, {}, { cause: e });
}

export function encodeError(e: unknown): v1.IError {
  const err = asMetarenaError(e);
  return {
    status: GRPC_CODE_OF[err.status] as v1.Status,
    code: err.code,
    message: err.message,
    field: err.details.field ?? '',
    allowed: err.details.allowed ?? '',
    plugin: err.details.plugin ?? '',
    hook: err.details.hook ?? '',
  };
}

export function decodeError(msg: v1.IError): MetarenaError {
  const code = (msg.code && Object.hasOwn(ERROR_CODES, msg.code) ? msg.code : CODE_OF_STATUS[msg.status ?? 13] ?? 'METARENA_INTERNAL') as ErrorCode;
  const details = Object.fromEntries(
    (['field', 'allowed', 'plugin', 'hook'] as const).filter((k) => msg[k]).map((k) => [k, msg[k] as string]),
  );
  return new MetarenaError(code, msg.message ?? '', details);
}

/** The text of a transport-level status that carries an error code: `CODE: message`. */
export function statusText(err: MetarenaError): string {
  return `${err.code}: ${err.message}`;
}

const CODE_PREFIX = /^(METARENA_[A-Z_]+): /;

/**
 * A MetarenaError for a transport-level status (gRPC code number) and message. A message that
 * starts with a known error code (`METARENA_PLUGIN_ERROR: …`, as `statusText` writes) keeps it.
 */
export function errorFromStatus(code: number, message: string): MetarenaError {
  const m = CODE_PREFIX.exec(message);
  if (m && Object.hasOwn(ERROR_CODES, m[1])) return new MetarenaError(m[1] as ErrorCode, message.slice(m[0].length));
  return new MetarenaError(CODE_OF_STATUS[code] ?? 'METARENA_INTERNAL', message);
}

