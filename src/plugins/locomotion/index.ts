import type { Plugin } from '../../core/index.ts';

export const locomotion: readonly Plugin[] = [];
