import type { Plugin } from '../../core/index.ts';

export const tabular: readonly Plugin[] = [];
