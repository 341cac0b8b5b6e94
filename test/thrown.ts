/** The coded error `fn` throws; fails the test when it throws nothing or something else. */
import { expect } from 'vitest';
import { MetarenaError } from '../src/core/index.ts';

export function thrown(fn: () => unknown): MetarenaError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MetarenaError);
    return e as MetarenaError;
  }
  throw new Error('expected an error');
}
