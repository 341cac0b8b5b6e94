/**
 * The Rapier physics engine, initialised: every locomotion module that simulates takes `RAPIER`
 * from here, so the engine's wasm is compiled once, when the first of them is loaded. The CLI
 * loads the plugins only in commands that list or make envs, never for `--help` or `--version`.
 */
import RAPIER from '@dimforge/rapier3d-simd-compat';

await RAPIER.init();

export default RAPIER;
