/** `reset({options: {state}})` for the classic-control envs: an exact start in Gymnasium's `state` layout. */
import { MetarenaError, show } from '../../core/index.ts';

/** Copies `state` into `into` after checking it holds one finite number per name, or throws METARENA_INVALID_STATE. */
export function setStartState(into: Float64Array, state: ArrayLike<number>, names: readonly string[]): void {
  const layout = `[${names.join(', ')}]`;
  if (!state || state.length !== names.length || !Array.from(state).every(Number.isFinite)) {
    throw new MetarenaError('METARENA_INVALID_STATE', `options.state must be ${names.length} finite numbers ${layout}, got ${show(state)}`, { field: 'options.state', allowed: layout });
  }
  for (let i = 0; i < names.length; i++) into[i] = state[i];
}
