import type { Plugin } from '../../core/index.ts';

export const wrappers: readonly Plugin[] = [];
