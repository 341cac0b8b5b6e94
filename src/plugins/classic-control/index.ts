/** Gymnasium's classic-control envs with CARL context features. */
import type { Plugin } from '../../core/index.ts';
import cartPole from './cart-pole.ts';

export const classicControl: readonly Plugin[] = [cartPole];
