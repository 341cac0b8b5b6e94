/** The example plugin shown in the README passes the same conformance suite as the built-ins. */
import { describe } from 'vitest';
import { Registry } from '../../src/core/index.ts';
import corridor from '../../examples/corridor.ts';
import { describeConformance } from './conformance.ts';

describe('example plugin conformance', () => {
  describeConformance(new Registry([corridor]));
});
