/**
 * # TimeLimit
 *
 * Truncates every episode after `max_episode_steps` steps, as Gymnasium's `TimeLimit`: the step
 * that reaches the limit returns `truncated: true` (and `terminated` as the env says). `make()`
 * already applies the env's own limit (or `maxEpisodeSteps` of the make options); this wrapper
 * sets a shorter one on top of it, e.g. after other wrappers. The effective limit, the smaller of
 * the two, is the wrapped env's `maxEpisodeSteps`.
 *
 * - `max_episode_steps`: integer ≥ 1 (default 1000).
 * - Spaces, reward and observations are unchanged.
 * - When this wrapper ends an episode, `info.episode = {return, length}` is added as `make()`
 *   does; stepping again before `reset()` is METARENA_RESET_NEEDED.
 *
 * ## Version history
 * - first version.
 */
import { type Env, type Info, MetarenaError, type ResetArgs, type ResetResult, type Space, type StepResult, Wrapper, defineWrapper } from '../../core/index.ts';

export class TimeLimit extends Wrapper<unknown, unknown, unknown, unknown> {
  private elapsed = 0;
  private episodeReturn = 0;
  private truncatedHere = false;

  constructor(
    env: Env,
    readonly limit: number,
  ) {
    super(env);
  }

  get observationSpace(): Space {
    return this.env.observationSpace;
  }

  get actionSpace(): Space {
    return this.env.actionSpace;
  }

  override get maxEpisodeSteps(): number | undefined {
    const inner = this.env.maxEpisodeSteps;
    return inner === undefined ? this.limit : Math.min(inner, this.limit);
  }

  reset(args?: ResetArgs): ResetResult {
    const r = this.env.reset(args);
    this.elapsed = 0;
    this.episodeReturn = 0;
    this.truncatedHere = false;
    return r;
  }

  step(action: unknown): StepResult {
    if (this.truncatedHere) {
      throw new MetarenaError('METARENA_RESET_NEEDED', `${this.id}: step() after TimeLimit truncated the episode at ${this.limit} steps; call reset() first`, { field: 'step', allowed: 'reset() first' });
    }
    const r = this.env.step(action);
    this.elapsed += 1;
    this.episodeReturn += r.reward;
    if (this.elapsed < this.limit) return r;
    this.truncatedHere = true;
    if (r.truncated) return r;
    // the inner env adds `episode` when it ends the episode itself (here: terminated)
    const info: Info = 'episode' in r.info ? r.info : { ...r.info, episode: { return: this.episodeReturn, length: this.elapsed } };
    return { ...r, truncated: true, info };
  }
}

export default defineWrapper({
  id: 'TimeLimit',
  description: 'Truncates episodes after max_episode_steps steps (shorter than the env limit).',
  args: {
    max_episode_steps: { type: 'integer', default: 1000, min: 1, description: 'Steps after which an episode is truncated.' },
  },
  apply: (env, args) => new TimeLimit(env, args.max_episode_steps),
});
