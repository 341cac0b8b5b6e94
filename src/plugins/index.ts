/** The built-in plugins and a registry holding them. */
import { type Plugin, Registry } from '../core/index.ts';
import { classicControl } from './classic-control/index.ts';
import { locomotion } from './locomotion/index.ts';
import { syntheticEnvs } from './synthetic/index.ts';
import { tabular } from './tabular/index.ts';
import { wrappers } from './wrappers/index.ts';

const realEnvs: readonly Plugin[] = [...classicControl, ...tabular, ...locomotion];
export const builtinPlugins: readonly Plugin[] = [...realEnvs, ...syntheticEnvs(realEnvs), ...wrappers];

/** A new registry with every built-in env and wrapper. */
export function createBuiltinRegistry(): Registry {
  return new Registry(builtinPlugins);
}
