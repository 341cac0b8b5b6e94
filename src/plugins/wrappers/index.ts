/** Built-in wrappers: context visibility, observation masking and normalisation, time limits. */
import type { Plugin } from '../../core/index.ts';
import contextObservation from './context-observation.ts';
import maskObservation from './mask-observation.ts';
import normalizeObservation from './normalize-observation.ts';
import timeLimit from './time-limit.ts';

export const wrappers: readonly Plugin[] = [contextObservation, maskObservation, normalizeObservation, timeLimit];
