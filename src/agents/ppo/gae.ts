/** Generalised advantage estimation (Schulman et al., 2016) over a stored rollout. */
import type { PPOOptions } from './options.ts';
import type { Rollout } from './rollout.ts';

/**
 * Advantages and returns of every rollout row. The return of a step runs on until the policy's
 * memory starts afresh: for a feed-forward policy or a memory reset every episode that is the
 * episode's end; for a memory kept over a trial (`memoryReset` trial, RL²) it is the trial's end,
 * so an episode that ends inside a trial bootstraps from the value of the next episode's first
 * step and its advantages continue into that episode (the trial is one long episode, as in
 * pytorch_rl2's `assign_credit`). Where the return ends, a terminated step does not bootstrap,
 * nor does a trial's last step (a trial is a fixed number of episodes: its return is theirs, the
 * objective `metarena eval` scores), while an episode truncated by a time limit bootstraps from
 * its final observation's value (`finalValue` when the env restarted within the step, else the
 * next row's, whose input is that observation).
 * `next_step` reset rows (not valid) get advantage 0 and are passed over: the step before one
 * continues with the row after it.
 */
export function advantages(r: Rollout, { gamma, gaeLambda, memoryReset }: Pick<PPOOptions, 'gamma' | 'gaeLambda' | 'memoryReset'>, restartsWithinStep: boolean): { advantages: Float32Array; returns: Float32Array } {
  const { T, n } = r;
  const adv = new Float32Array(T * n);
  const returns = new Float32Array(T * n);
  // per env, looking back from the rollout's end: the value and advantage of the next valid row,
  // and whether the memory starts afresh before it (the smallest keep mask up to it)
  const nextValue = Float64Array.from(r.lastValues);
  const nextAdv = new Float64Array(n);
  const nextKeep = r.lastKeep ? Float64Array.from(r.lastKeep) : new Float64Array(n);
  for (let t = T - 1; t >= 0; t--) {
    for (let i = 0; i < n; i++) {
      const k = t * n + i;
      const keep = r.keep ? r.keep[k] : 0;
      if (!r.valid[k]) {
        returns[k] = r.values[k];
        nextKeep[i] = Math.min(nextKeep[i], keep);
        continue;
      }
      const ends = r.done[k] === 1 && (!r.keep || nextKeep[i] === 0);
      let bootstrap = nextValue[i];
      if (ends) bootstrap = r.terminated[k] || memoryReset === 'trial' ? 0 : restartsWithinStep ? r.finalValue[k] : t + 1 < T ? r.values[k + n] : r.lastValues[i];
      const delta = r.rewards[k] + gamma * bootstrap - r.values[k];
      const a = delta + (ends ? 0 : gamma * gaeLambda * nextAdv[i]); // carried on in float64
      adv[k] = a;
      returns[k] = a + r.values[k];
      nextValue[i] = r.values[k];
      nextAdv[i] = a;
      nextKeep[i] = keep;
    }
  }
  return { advantages: adv, returns };
}
