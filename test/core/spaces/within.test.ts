import { describe, expect, it } from 'vitest';
import { Box, Discrete, MultiBinary, spaceWithin } from '../../../src/core/index.ts';

describe('spaceWithin', () => {
  it('a Box is within a Box of the same shape and dtype whose limits contain its own', () => {
    const outer = new Box({ low: [-2, -Infinity], high: [2, 8], dtype: 'float32' });
    expect(spaceWithin(new Box({ low: [-1, -5], high: [2, 8], dtype: 'float32' }), outer)).toBe(true);
    expect(spaceWithin(outer, outer)).toBe(true);
    expect(spaceWithin(new Box({ low: [-3, 0], high: [1, 1], dtype: 'float32' }), outer)).toBe(false);
    expect(spaceWithin(new Box({ low: [0, 0], high: [1, 9], dtype: 'float32' }), outer)).toBe(false);
    expect(spaceWithin(new Box({ low: [-1, -5], high: [2, 8], dtype: 'float64' }), outer)).toBe(false);
    expect(spaceWithin(new Box({ low: -1, high: 1, shape: [1, 2], dtype: 'float32' }), outer)).toBe(false);
  });

  it('other spaces are within only an equal space', () => {
    expect(spaceWithin(new Discrete(3), new Discrete(3))).toBe(true);
    expect(spaceWithin(new Discrete(2), new Discrete(3))).toBe(false);
    expect(spaceWithin(new MultiBinary(2), new Box({ low: 0, high: 1, shape: [2] }))).toBe(false);
  });
});
