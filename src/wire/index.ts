/** The wire: generated messages and the one codec between core types and messages. */
export * from './errors.ts';
export * from './info.ts';
export * from './json.ts';
export * from './proto.ts';
export * from './requests.ts';
export * from './spec.ts';
export * from './tensor.ts';
