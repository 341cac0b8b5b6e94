/** Gymnasium's classic-control envs with CARL context features. */
import type { Plugin } from '../../core/index.ts';
import acrobot from './acrobot.ts';
import cartPole from './cart-pole.ts';
import mountainCarContinuous from './mountain-car-continuous.ts';
import mountainCar from './mountain-car.ts';
import pendulum from './pendulum.ts';

export const classicControl: readonly Plugin[] = [cartPole, pendulum, acrobot, mountainCar, mountainCarContinuous];
