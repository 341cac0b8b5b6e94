import { describe, expect, it } from 'vitest';
import { errorFromStatus } from '../../src/wire/index.ts';

describe('errorFromStatus', () => {
  it('keeps the error code a status message starts with, and falls back to the status number otherwise', () => {
    expect(errorFromStatus(13, 'METARENA_PLUGIN_ERROR: late failure')).toMatchObject({ code: 'METARENA_PLUGIN_ERROR', message: 'late failure' });
    expect(errorFromStatus(13, 'METARENA_NO_SUCH_CODE: x')).toMatchObject({ code: 'METARENA_INTERNAL', message: 'METARENA_NO_SUCH_CODE: x' });
    expect(errorFromStatus(8, 'too many sessions')).toMatchObject({ code: 'METARENA_LIMIT_EXCEEDED', message: 'too many sessions' });
  });
});
