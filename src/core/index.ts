/** metarena core: spaces, envs, context, registry, vector envs, linear algebra. Imports nothing else of metarena. */
export * from './args.ts';
export * from './context.ts';
export * from './cost.ts';
export * from './env.ts';
export * from './env-checker.ts';
export * from './errors.ts';
export * from './linalg/index.ts';
export * from './managed-env.ts';
export * from './plugin.ts';
export * from './registry.ts';
export * from './rng.ts';
export * from './running-mean-std.ts';
export * from './spaces/index.ts';
export * from './vector/index.ts';
export * from './wrapper.ts';
