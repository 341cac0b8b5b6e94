/**
 * The bookkeeping every tabular baseline shares: reading trial and episode boundaries from the
 * vector env's infos and telling real transitions apart from autoreset steps.
 *
 * Conventions read (from the core): every reset, including autoresets, reports `trial` and
 * `episode_in_trial` in its info (vector form: `info.episode_in_trial` with mask
 * `info._episode_in_trial`). Under autoreset `next_step` the step that resets an env carries that
 * info with `terminated = truncated = 0` and applied no action; under `same_step` the info comes
 * with the step that ended the episode, whose real last observation is in `info.final_obs`.
 * So: a step is a real transition unless it reports a reset without ending an episode.
 */
import type { Batch, VectorResetResult, VectorStepResult } from '../../core/index.ts';
import type { Agent } from '../agent.ts';

type Numeric = ArrayLike<number>;

export abstract class TrialAgent implements Agent {
  abstract readonly name: string;
  /** Steps taken in the current episode, per env. */
  protected readonly stepInEpisode: Int32Array;

  constructor(protected readonly numEnvs: number) {
    this.stepInEpisode = new Int32Array(numEnvs);
  }

  /** Forget everything about env i: a new trial (a new task) starts there. */
  protected abstract newTrial(i: number): void;
  /** A new episode of the same trial starts in env i (memory kept). */
  protected newEpisode(_i: number): void {}
  /** Env i took `action` and got `reward`; `next` is the next observation (flat value). */
  protected abstract learn(i: number, action: number, reward: number, next: number): void;
  abstract act(obs: Batch): Batch;

  start(reset: VectorResetResult): void {
    const { eit, mask } = boundaryInfo(reset.info);
    for (let i = 0; i < this.numEnvs; i++) {
      if (mask && mask[i] === 0) continue;
      this.stepInEpisode[i] = 0;
      if (!eit || eit[i] === 0) this.newTrial(i);
      else this.newEpisode(i);
    }
  }

  observe(actions: Batch, result: VectorStepResult): void {
    const a = actions as Numeric;
    const { rewards, terminated, truncated, info } = result;
    const { eit, mask } = boundaryInfo(info);
    const obs = result.obs as Numeric;
    const finalObs = info.final_obs as unknown[] | undefined;
    for (let i = 0; i < this.numEnvs; i++) {
      const ended = terminated[i] === 1 || truncated[i] === 1;
      const reset = mask !== undefined && mask[i] === 1;
      if (ended || !reset) {
        const next = ended && finalObs && finalObs[i] !== null && finalObs[i] !== undefined ? firstNumber(finalObs[i]) : obs[i];
        this.learn(i, a[i], rewards[i], next);
        this.stepInEpisode[i] += 1;
      }
      if (reset) {
        this.stepInEpisode[i] = 0;
        if (eit![i] === 0) this.newTrial(i);
        else this.newEpisode(i);
      }
    }
  }
}

function boundaryInfo(info: Record<string, unknown>): { eit: Numeric | undefined; mask: Numeric | undefined } {
  const eit = info.episode_in_trial as Numeric | undefined;
  const mask = info._episode_in_trial as Numeric | undefined;
  return { eit, mask: eit ? mask : undefined };
}

function firstNumber(v: unknown): number {
  return typeof v === 'number' ? v : (v as Numeric)[0];
}
