/** Neural-network building blocks on tfjs: backend choice, dense layers, MLPs, checkpoints. */
export * from './adam.ts';
export * from './backend.ts';
export * from './checkpoint.ts';
export * from './checkpoint-format.ts';
export * from './dense.ts';
export * from './flat-adam.ts';
export * from './flat-mlp.ts';
export * from './init.ts';
export * from './kernels.ts';
export * from './layer-norm.ts';
export * from './mlp.ts';
export * from './module-group.ts';
export * from './native-blas.ts';
export * from './optim.ts';
export * from './recurrent.ts';
export * from './gru.ts';
export * from './lstm.ts';
