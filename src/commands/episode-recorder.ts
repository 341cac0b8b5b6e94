/**
 * A VectorEnv that passes everything through to the env it wraps and records the episodes that
 * end in it: return, length, and the real return (the sum of `info.env_reward` where a
 * reward-shaping wrapper records it, else of the reward). `metarena evolve`'s fitness functions
 * train an inner agent on it to read its training episodes (the early-out rules, "the mean return
 * of the last 10 training episodes"), and `metarena train` to report that mean, without asking
 * anything of the learner. Autoreset modes are read as the
 * transition stream reads them: under `next_step`, the step after an episode's end only resets.
 */
import type { Batch, VectorEnv, VectorResetArgs, VectorResetResult, VectorStepResult } from '../core/index.ts';
import { ENV_REWARD_KEY } from '../agents/episode-returns.ts';

export interface RecordedEpisode {
  return: number;
  /** Return of the env's own reward (`info.env_reward`), the same as `return` without a reward-shaping wrapper. */
  realReturn: number;
  length: number;
}

export class EpisodeRecorder implements VectorEnv {
  /** Episodes that ended, in the order they ended (env order within a step). */
  readonly episodes: RecordedEpisode[] = [];
  /** Transitions stepped (reset-only steps not counted), over all envs. */
  steps = 0;
  private readonly running: Float64Array;
  private readonly real: Float64Array;
  private readonly length: Int32Array;
  private readonly pending: Uint8Array;

  constructor(readonly env: VectorEnv) {
    const n = env.numEnvs;
    this.running = new Float64Array(n);
    this.real = new Float64Array(n);
    this.length = new Int32Array(n);
    this.pending = new Uint8Array(n);
  }

  get numEnvs() {
    return this.env.numEnvs;
  }
  get singleObservationSpace() {
    return this.env.singleObservationSpace;
  }
  get singleActionSpace() {
    return this.env.singleActionSpace;
  }
  get contextSpace() {
    return this.env.contextSpace;
  }
  get autoresetMode() {
    return this.env.autoresetMode;
  }
  get maxEpisodeSteps() {
    return this.env.maxEpisodeSteps;
  }

  async reset(args?: VectorResetArgs): Promise<VectorResetResult> {
    const r = await this.env.reset(args);
    const mask = args?.options?.mask as ArrayLike<number> | undefined;
    for (let i = 0; i < this.numEnvs; i++) {
      if (mask && !mask[i]) continue;
      this.running[i] = 0;
      this.real[i] = 0;
      this.length[i] = 0;
      this.pending[i] = 0;
    }
    return r;
  }

  async step(actions: Batch | unknown[]): Promise<VectorStepResult> {
    const r = await this.env.step(actions);
    const nextStep = this.env.autoresetMode === 'next_step';
    const envReward = r.info[ENV_REWARD_KEY] as ArrayLike<number> | undefined;
    const mask = r.info[`_${ENV_REWARD_KEY}`] as ArrayLike<number> | undefined;
    for (let i = 0; i < this.numEnvs; i++) {
      if (nextStep && this.pending[i]) {
        this.pending[i] = 0;
        continue;
      }
      this.steps++;
      this.length[i]++;
      this.running[i] += r.rewards[i];
      this.real[i] += envReward !== undefined && (mask === undefined || mask[i] === 1) ? envReward[i] : r.rewards[i];
      if (r.terminated[i] || r.truncated[i]) {
        this.episodes.push({ return: this.running[i], realReturn: this.real[i], length: this.length[i] });
        this.running[i] = 0;
        this.real[i] = 0;
        this.length[i] = 0;
        if (nextStep) this.pending[i] = 1;
      }
    }
    return r;
  }

  close(): Promise<void> {
    return this.env.close();
  }
}
