import { describe, expect, it } from 'vitest';
import { decodeError, errorFromStatus } from '../../src/wire/index.ts';

describe('errorFromStatus', () => {
  it('keeps the error code a status message starts with, and falls back to the status number otherwise', () => {
    expect(errorFromStatus(13, 'METARENA_PLUGIN_ERROR: late failure')).toMatchObject({ code: 'METARENA_PLUGIN_ERROR', message: 'late failure' });
    expect(errorFromStatus(13, 'METARENA_NO_SUCH_CODE: x')).toMatchObject({ code: 'METARENA_INTERNAL', message: 'METARENA_NO_SUCH_CODE: x' });
    expect(errorFromStatus(8, 'too many sessions')).toMatchObject({ code: 'METARENA_LIMIT_EXCEEDED', message: 'too many sessions' });
  });
});

describe('decodeError', () => {
  it('keeps a known error code and maps an unknown or inherited name to the status', () => {
    expect(decodeError({ code: 'METARENA_UNKNOWN_ENV', status: 5, message: 'm' }).code).toBe('METARENA_UNKNOWN_ENV');
    for (const code of ['constructor', 'toString', '__proto__', 'METARENA_NO_SUCH_CODE']) {
      expect(decodeError({ code, status: 3, message: 'm' }).code).toBe('METARENA_INVALID_ARGUMENT');
    }
  });
});
