/**
 * Synthetic environments (Ferreira et al., ICLR 2022): `Synthetic/<ID>` for each given env that
 * can have one (see `synthetic-env.ts`), and the SE model they serve (`synthetic-model.ts`).
 */
export { DEFAULT_ARCHITECTURE, SYNTHETIC_ARCHITECTURES, SYNTHETIC_NAMESPACE, syntheticEnv, syntheticEnvs, syntheticSpec, syntheticUnsupported } from './synthetic-env.ts';
export { SYNTHETIC_MODEL_KIND, type SyntheticAction, SyntheticModel, type SyntheticModelSpec, type SyntheticStep, actionWidth } from './synthetic-model.ts';
