/**
 * The one autoreset-aware transition stream every learner and the episode evaluation read a
 * VectorEnv through. Each `step(actions)` returns the transitions of that vector step, one row
 * per env — (obs, action, reward, next_obs, terminated, truncated, info) — with the autoreset
 * mode already accounted for:
 *
 * - `next_step`: the step after an episode's end only resets that env (its action is ignored,
 *   its reward is 0). That row is marked `valid = 0`: it is not a transition. The observation the
 *   done step returned is the episode's final one, so `nextObs` is simply the returned batch.
 * - `same_step`: the env was reset within the done step; `nextObs` holds `info.final_obs` in the
 *   done rows, and the returned observation (the next input) starts the next episode.
 * - `disabled`: finished envs are reset here, with `reset({options: {mask}})`, after the step;
 *   `nextObs` is the observation the step returned.
 *
 * `obs` is always the next input to act on. The stream also keeps each env's running episode
 * return and reports the returns of the episodes that ended in a step, in env order.
 * `memoryResets` reads from a step result where a recurrent policy starts its memory afresh;
 * learners and acting agents share it, so a policy meets the same resets in training and in use.
 */
import { type Batch, type Info, MetarenaError, type VectorEnv, type VectorResetResult, type VectorStepResult, deriveSeed } from '../core/index.ts';

/** The transitions of one vector step, one row per env. */
export interface Transitions {
  /** The observations the actions were chosen for. */
  obs: Batch;
  actions: Batch;
  rewards: Float64Array;
  /** Row i: the observation that followed obs row i in its episode (the final one at an episode's end). */
  nextObs: Batch;
  terminated: Uint8Array;
  truncated: Uint8Array;
  /** 0 where the step only reset the env (`next_step` autoreset): not a transition. */
  valid: Uint8Array;
  /** 1 where a valid transition ended its episode (terminated or truncated). */
  done: Uint8Array;
  /** 1 where the episode ended and the next input `obs` already starts a new one (`same_step`, `disabled`). */
  restarted: Uint8Array;
  /** Returns of the episodes that ended at this step, in env order, with their env. */
  finished: { env: number; episodeReturn: number }[];
  info: Info;
  /** The info of the reset of finished envs after the step (`disabled` autoreset), if there was one. */
  resetInfo: Info | undefined;
  /** The env's step result as returned (before a `disabled`-mode reset). */
  result: VectorStepResult;
}

export interface TransitionStreamOptions {
  /** Names the reader in errors. */
  agent: string;
  /**
   * Require `info.final_obs` under `same_step` autoreset (learners bootstrap from it; an
   * evaluation does not need it). Default true.
   */
  needsFinalObs?: boolean;
}

export class TransitionStream {
  readonly numEnvs: number;
  /** The observations to act on next. */
  obs: Batch = new Float32Array(0);
  /** The running return of each env's current episode. */
  readonly episodeReturn: Float64Array;
  private readonly pending: Uint8Array;
  private readonly agent: string;
  private readonly needsFinalObs: boolean;

  constructor(
    readonly env: VectorEnv,
    { agent, needsFinalObs = true }: TransitionStreamOptions,
  ) {
    this.agent = agent;
    this.needsFinalObs = needsFinalObs;
    const n = (this.numEnvs = env.numEnvs);
    this.episodeReturn = new Float64Array(n);
    this.pending = new Uint8Array(n);
  }

  /** True when finished envs are reset by the stream after the step (`disabled` autoreset), not by the env within it. */
  get resetsAfterStep(): boolean {
    return this.env.autoresetMode === 'disabled';
  }

  /**
   * A stream on `env`, reset for a learner with `seed` that has trained `steps` steps: the seed
   * itself at the start, a seed derived from it and the steps when resuming.
   */
  static async open(env: VectorEnv, options: TransitionStreamOptions, seed: number, steps: number): Promise<{ stream: TransitionStream; reset: VectorResetResult }> {
    const stream = new TransitionStream(env, options);
    return { stream, reset: await stream.reset(steps === 0 ? seed : deriveSeed(seed, 'resume', steps)) };
  }

  /** Resets every env with `seed`; running returns start from zero. */
  async reset(seed: number | undefined): Promise<VectorResetResult> {
    const reset = await this.env.reset({ seed });
    this.obs = reset.obs;
    this.episodeReturn.fill(0);
    this.pending.fill(0);
    return reset;
  }

  /** Sends `actions`; the transitions of the step (see the file's doc). */
  async step(actions: Batch): Promise<Transitions> {
    const n = this.numEnvs;
    const mode = this.env.autoresetMode;
    const obs = this.obs;
    const result = await this.env.step(actions);
    const valid = new Uint8Array(n);
    const done = new Uint8Array(n);
    const restarted = new Uint8Array(n);
    const finished: Transitions['finished'] = [];
    for (let i = 0; i < n; i++) {
      if (mode === 'next_step' && this.pending[i]) {
        this.pending[i] = 0;
        continue;
      }
      valid[i] = 1;
      this.episodeReturn[i] += result.rewards[i];
      if (result.terminated[i] || result.truncated[i]) {
        done[i] = 1;
        finished.push({ env: i, episodeReturn: this.episodeReturn[i] });
        this.episodeReturn[i] = 0;
        if (mode === 'next_step') this.pending[i] = 1;
        else restarted[i] = 1;
      }
    }
    const nextObs = mode === 'same_step' && restarted.some(Boolean) ? this.withFinalObs(result, restarted) : result.obs;
    const reset = mode === 'disabled' && restarted.some(Boolean) ? await this.env.reset({ options: { mask: restarted } }) : undefined;
    this.obs = reset ? reset.obs : result.obs;
    return { obs, actions, rewards: result.rewards, nextObs, terminated: result.terminated, truncated: result.truncated, valid, done, restarted, finished, info: result.info, resetInfo: reset?.info, result };
  }

  /** A copy of the step's observations with `info.final_obs` in the rows of finished episodes. */
  private withFinalObs(result: VectorStepResult, rows: Uint8Array): Batch {
    const n = this.numEnvs;
    const finals = result.info.final_obs as (ArrayLike<number> | number | null | undefined)[] | undefined;
    if (!ArrayBuffer.isView(result.obs)) return result.obs;
    const out = (result.obs as unknown as Float32Array).slice();
    const width = out.length / n;
    for (let i = 0; i < n; i++) {
      if (!rows[i]) continue;
      const final = finals?.[i];
      if (final === undefined || final === null) {
        if (!this.needsFinalObs) continue;
        throw new MetarenaError('METARENA_INVALID_STATE', `${this.agent}: an episode ended without info.final_obs (same_step autoreset)`, { field: 'info.final_obs' });
      }
      if (typeof final === 'number') out[i] = final;
      else for (let k = 0; k < width; k++) out[i * width + k] = final[k];
    }
    return out;
  }
}

/**
 * Envs whose next observation starts a recurrent memory afresh, read from a step result: at an
 * episode's end or at a reset the env reports (`scope` episode), or only at a reset into a new
 * trial (`info.episode_in_trial` 0; scope trial), which needs the reset's info: under
 * `disabled` autoreset pass the stream's `resetInfo`.
 */
export function memoryResets(result: Pick<VectorStepResult, 'terminated' | 'truncated' | 'info'>, scope: string): Uint8Array {
  const mask = result.info._episode_in_trial as ArrayLike<number> | undefined;
  const episodeInTrial = result.info.episode_in_trial as ArrayLike<number> | undefined;
  return Uint8Array.from(result.terminated, (term, i) => {
    const ended = term === 1 || result.truncated[i] === 1;
    const reset = mask?.[i] === 1;
    if (scope === 'trial') return reset && episodeInTrial?.[i] === 0 ? 1 : 0;
    return reset || ended ? 1 : 0;
  });
}

/**
 * For acting agents, which see raw step results rather than the stream: the rows of each step
 * that are transitions of an episode. Under `next_step` autoreset the step after an episode's
 * end only resets that env (no reset reported within the done step, no `info.final_obs`); that
 * row is none, as `TransitionStream` marks it `valid = 0`. Feed every step result in order.
 */
export class ActingTransitions {
  private resetOnly: Uint8Array;

  constructor(readonly numEnvs: number) {
    this.resetOnly = new Uint8Array(numEnvs);
  }

  /** 1 where row i of `result` is a step of its episode, 0 where the step only reset the env. */
  valid(result: Pick<VectorStepResult, 'terminated' | 'truncated' | 'info'>): Uint8Array {
    const resetMask = result.info._episode_in_trial as ArrayLike<number> | undefined;
    const finals = result.info.final_obs as ArrayLike<unknown> | undefined;
    const out = new Uint8Array(this.numEnvs);
    for (let i = 0; i < this.numEnvs; i++) {
      out[i] = this.resetOnly[i] ? 0 : 1;
      this.resetOnly[i] = 0;
      const ended = result.terminated[i] === 1 || result.truncated[i] === 1;
      if (ended && resetMask?.[i] !== 1 && (finals?.[i] ?? null) === null) this.resetOnly[i] = 1;
    }
    return out;
  }
}
