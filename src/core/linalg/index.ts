/** Dense and sparse float64 linear algebra: eigenvalues (general and symmetric) and CSR matrices. */
export * from './eigen.ts';
export * from './sparse.ts';
