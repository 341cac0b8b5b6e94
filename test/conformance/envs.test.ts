/**
 * Conformance of every built-in env: `createBuiltinRegistry().listEnvs()` decides what is
 * checked, so a newly registered env is covered without touching this file.
 */
import { describe } from 'vitest';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { describeConformance } from './conformance.ts';

describe('env conformance', () => {
  describeConformance(createBuiltinRegistry());
});
