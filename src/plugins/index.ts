/** The built-in plugins and a registry holding them. */
import { type Plugin, Registry } from '../core/index.ts';
import cartPole from './classic-control/cart-pole.ts';

export const builtinPlugins: readonly Plugin[] = [cartPole];

/** A new registry with every built-in env and wrapper. */
export function createBuiltinRegistry(): Registry {
  return new Registry(builtinPlugins);
}
