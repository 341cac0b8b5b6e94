/** Rapier-simulated locomotion bodies with Gymnasium MuJoCo shapes and physical context. */
import type { Plugin } from '../../core/index.ts';
import halfCheetah from './half-cheetah.ts';
import hopper from './hopper.ts';

export const locomotion: readonly Plugin[] = [halfCheetah, hopper];
