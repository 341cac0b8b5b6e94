/** Tabular worlds: RL² bandits and MDPs, varibad's GridNavi, Gymnasium's CliffWalking. */
import type { Plugin } from '../../core/index.ts';
import bandit from './bandit.ts';
import cliffWalking from './cliff-walking.ts';
import gridNavi from './grid-navi.ts';
import tabularMdp from './tabular-mdp.ts';

export const tabular: readonly Plugin[] = [bandit, tabularMdp, gridNavi, cliffWalking];
