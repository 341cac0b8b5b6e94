/** The check every locomotion env applies to `reset({options: {state}})`. */
import { MetarenaError, show } from '../../core/index.ts';

/** Throws METARENA_INVALID_STATE unless `state` is `n` finite numbers. */
export function checkState(state: ArrayLike<number>, n: number, layout = 'qpos then qvel'): void {
  if (!state || state.length !== n || !Array.from(state).every(Number.isFinite)) {
    throw new MetarenaError('METARENA_INVALID_STATE', `options.state must be ${n} finite numbers (${layout}), got ${show(state)}`, { field: 'options.state', allowed: `${n} finite numbers` });
  }
}
