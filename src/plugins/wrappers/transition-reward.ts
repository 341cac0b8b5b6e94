/**
 * The shared part of the wrappers whose reward is computed by a network from the transition
 * (s, a, s′): RewardNet (Ferreira et al., ICLR 2022) and ICM (Pathak et al., ICML 2017).
 *
 * - How such a network sees a space: a Box flattened, a Discrete one-hot (`observationEncoding`,
 *   `encodeObservation`); other spaces have no encoding.
 * - `TransitionRewardWrapper`: passes both spaces, termination and truncation on unchanged, keeps
 *   the encoded observation before the step (s, from the reset or the previous step) and after
 *   it (s′), and returns the reward its subclass computes from them, with `env_reward` (the env's
 *   own reward) added to the step info.
 */
import { Box, Discrete, type Env, type Info, type ResetArgs, type ResetResult, type StepResult, Wrapper } from '../../core/index.ts';

export type ObservationEncoding = { kind: 'box'; size: number } | { kind: 'discrete'; n: number; start: number };

/** The number of values an encoded observation (or action) has. */
export const encodingWidth = (o: ObservationEncoding) => (o.kind === 'box' ? o.size : o.n);

/** How a network sees an observation (or action) space: a flat Box, or one-hot Discrete; undefined for others. */
export function observationEncoding(space: unknown): ObservationEncoding | undefined {
  if (space instanceof Box) return { kind: 'box', size: space.size };
  if (space instanceof Discrete) return { kind: 'discrete', n: space.n, start: space.start };
  return undefined;
}

/** Writes observation (or action) `obs` into `out` as the networks see it (flattened Box, one-hot Discrete). */
export function encodeObservation(kind: ObservationEncoding, obs: unknown, out: Float64Array): Float64Array {
  if (kind.kind === 'discrete') {
    out.fill(0);
    out[(obs as number) - kind.start] = 1;
  } else {
    const v = obs as ArrayLike<number>;
    for (let k = 0; k < kind.size; k++) out[k] = v[k];
  }
  return out;
}

/** A wrapper whose reward is a function of the encoded transition (s, action, s′) and the env's step. */
export abstract class TransitionRewardWrapper<O = unknown, A = unknown> extends Wrapper<O, A, O, A> {
  private s: Float64Array;
  private next: Float64Array;

  constructor(
    env: Env<O, A>,
    /** How the observations are encoded into s and s′. */
    protected readonly encoding: ObservationEncoding,
  ) {
    super(env);
    this.s = new Float64Array(encodingWidth(encoding));
    this.next = new Float64Array(this.s.length);
  }

  get observationSpace() {
    return this.env.observationSpace;
  }

  get actionSpace() {
    return this.env.actionSpace;
  }

  /**
   * The reward the agent sees for the env's step `r`, taken with `action` from `s` to `next`
   * (encoded; both are reused at the next step), and info entries to add after `env_reward`.
   */
  protected abstract transitionReward(s: Float64Array, action: A, next: Float64Array, r: StepResult<O>): { reward: number; info?: Info };

  reset(args?: ResetArgs): ResetResult<O> {
    const r = this.env.reset(args);
    encodeObservation(this.encoding, r.obs, this.s);
    return r;
  }

  step(action: A): StepResult<O> {
    const r = this.env.step(action);
    encodeObservation(this.encoding, r.obs, this.next);
    const { reward, info } = this.transitionReward(this.s, action, this.next, r);
    [this.s, this.next] = [this.next, this.s];
    return { obs: r.obs, reward, terminated: r.terminated, truncated: r.truncated, info: { ...r.info, env_reward: r.reward, ...info } };
  }
}
