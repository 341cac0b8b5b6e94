/**
 * Whether every element of one space is an element of another: a Box inside a Box of the same
 * shape and dtype, any other space only when it is the same space. A make uses it to tell
 * whether a context given at reset still fits the spaces the env was made with.
 */
import { Box } from './box.ts';
import type { Space } from './space.ts';

export function spaceWithin(inner: Space, outer: Space): boolean {
  if (inner === outer) return true;
  if (inner instanceof Box && outer instanceof Box) {
    if (inner.dtype !== outer.dtype || inner.size !== outer.size || inner.shape.join() !== outer.shape.join()) return false;
    for (let i = 0; i < inner.size; i++) if (inner.low[i] < outer.low[i] || inner.high[i] > outer.high[i]) return false;
    return true;
  }
  return JSON.stringify(inner.toJSON()) === JSON.stringify(outer.toJSON());
}
