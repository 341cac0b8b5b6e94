/** Rapier-simulated locomotion bodies with Gymnasium MuJoCo shapes and physical context. */
import type { Plugin } from '../../core/index.ts';
import halfCheetah from './half-cheetah.ts';
import hopper from './hopper.ts';
import swimmer from './swimmer.ts';
import walker2d from './walker2d.ts';
import ant from './ant.ts';
import invertedPendulum from './inverted-pendulum.ts';
import { pointRobotDense, pointRobotSparse } from './point-robot.ts';
import toy from './toy.ts';

export const locomotion: readonly Plugin[] = [halfCheetah, hopper, walker2d, swimmer, ant, invertedPendulum, pointRobotDense, pointRobotSparse, toy];
