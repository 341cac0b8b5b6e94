export * from './arena.ts';
export * from './batch.ts';
export * from './blocks.ts';
export * from './info.ts';
export * from './sync-vector-env.ts';
export * from './vector-env.ts';
