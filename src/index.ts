/**
 * metarena's public API: the core (spaces, Env and VectorEnv, registry and plugins, context,
 * seeded Rng, coded errors) and the built-in plugins with a registry holding them.
 *
 *   import { createBuiltinRegistry } from 'metarena';
 *   const env = createBuiltinRegistry().make('CartPole-v1', { context: { length: 1.0 } });
 */
export * from './core/index.ts';
export { builtinPlugins, createBuiltinRegistry } from './plugins/index.ts';
