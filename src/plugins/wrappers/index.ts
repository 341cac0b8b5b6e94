/** Built-in wrappers: context visibility, observation masking and normalisation, reservoir encoders, reward networks and curiosity, time limits. */
import type { Plugin } from '../../core/index.ts';
import contextObservation from './context-observation.ts';
import icm from './icm.ts';
import maskObservation from './mask-observation.ts';
import normalizeObservation from './normalize-observation.ts';
import reservoir from './reservoir.ts';
import rewardNet from './reward-net.ts';
import timeLimit from './time-limit.ts';

export const wrappers: readonly Plugin[] = [contextObservation, maskObservation, normalizeObservation, reservoir, rewardNet, icm, timeLimit];
