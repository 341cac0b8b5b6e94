/**
 * In-process vector env: steps its envs one after another in the calling thread and gathers
 * the results batch-first. The `*Sync` methods skip the Promise for callers that are in-process.
 */
import type { ContextSpace } from '../context.ts';
import type { Env, Info, ResetArgs, StepResult } from '../env.ts';
import { MetarenaError, show } from '../errors.ts';
import { checkSeed } from '../rng.ts';
import type { FlatArray, Space } from '../spaces/index.ts';
import { ManagedEnv } from '../managed-env.ts';
import { type Batch, type BatchCodec, batchCodec, cloneBatch, toBatch } from './batch.ts';
import { InfoBatcher } from './info.ts';
import { AUTORESET_MODES, type AutoresetMode, type VectorEnv, type VectorResetArgs, type VectorResetResult, type VectorStepResult } from './vector-env.ts';

export type { AutoresetMode };

/** What `resetBatched` returns: the env's own observation buffer and the infos, still sparse. */
export interface BatchedResetResult {
  obs: Batch;
  infos: InfoBatcher;
}

/** What `stepBatched` returns: `stepSync`'s result with the observation buffer borrowed and the infos sparse. */
export interface BatchedStepResult extends Omit<VectorStepResult, 'obs' | 'info'> {
  obs: Batch;
  infos: InfoBatcher;
}

export class SyncVectorEnv implements VectorEnv {
  readonly numEnvs: number;
  readonly singleObservationSpace: Space;
  readonly singleActionSpace: Space;
  readonly autoresetMode: AutoresetMode;
  private readonly obs: Batch;
  private readonly obsCodec: BatchCodec;
  private readonly actionCodec: BatchCodec;
  /**
   * Per env: the managed env itself when it can take actions from the already checked batch
   * (same action space), else undefined.
   */
  private readonly managed: (ManagedEnv | undefined)[];
  /** Per env: whether it writes its observation straight into the batch (array observations). */
  private readonly writesInto: Uint8Array;
  /** 1 where the env's episode has ended and it has not been reset since. */
  private readonly done: Uint8Array;
  private started = false;
  private broken = false;
  private closed = false;

  constructor(
    readonly envs: readonly Env[],
    { autoresetMode = 'next_step' }: { autoresetMode?: AutoresetMode } = {},
  ) {
    if (envs.length === 0) throw new MetarenaError('METARENA_INVALID_OPTION', 'a vector env needs at least one env', { field: 'num_envs' });
    if (!AUTORESET_MODES.includes(autoresetMode)) {
      throw new MetarenaError('METARENA_INVALID_OPTION', `autoreset_mode must be one of ${AUTORESET_MODES.join(', ')}, got ${show(autoresetMode)}`, { field: 'autoreset_mode', allowed: AUTORESET_MODES.join(', ') });
    }
    this.numEnvs = envs.length;
    this.singleObservationSpace = envs[0].observationSpace;
    this.singleActionSpace = envs[0].actionSpace;
    this.autoresetMode = autoresetMode;
    this.obsCodec = batchCodec(this.singleObservationSpace);
    this.actionCodec = batchCodec(this.singleActionSpace);
    this.obs = this.obsCodec.create(this.numEnvs);
    const sameSpace = (a: Space, b: Space) => a === b || JSON.stringify(a.toJSON()) === JSON.stringify(b.toJSON());
    this.managed = envs.map((env) => (env instanceof ManagedEnv && sameSpace(env.actionSpace, this.singleActionSpace) ? env : undefined));
    // array observations (Box, MultiBinary, MultiDiscrete); a Discrete observation is a number
    const flatObs = this.obsCodec.flatSize !== undefined && this.singleObservationSpace.type !== 'Discrete';
    this.writesInto = Uint8Array.from(this.managed, (env) => (flatObs && env !== undefined && sameSpace(env.observationSpace, this.singleObservationSpace) ? 1 : 0));
    this.done = new Uint8Array(this.numEnvs);
  }

  get contextSpace(): ContextSpace {
    return this.envs[0].contextSpace;
  }

  get maxEpisodeSteps(): number | undefined {
    return this.envs[0].maxEpisodeSteps;
  }

  async reset(args?: VectorResetArgs): Promise<VectorResetResult> {
    return this.resetSync(args);
  }

  async step(actions: Batch | unknown[]): Promise<VectorStepResult> {
    return this.stepSync(actions);
  }

  async close(): Promise<void> {
    this.closeSync();
  }

  resetSync(args: VectorResetArgs = {}): VectorResetResult {
    const r = this.resetBatched(args);
    return { obs: cloneBatch(r.obs), info: r.infos.result() };
  }

  /**
   * `resetSync` for callers that encode the result at once (the server): `obs` is the env's own
   * buffer, valid only until the next step or reset, and the infos stay sparse in an
   * InfoBatcher (`infos.result()` is the `info` that `resetSync` returns).
   */
  resetBatched({ seed, options = {} }: VectorResetArgs = {}): BatchedResetResult {
    if (this.closed) throw new MetarenaError('METARENA_CLOSED', 'reset() after close()', { field: 'reset' });
    const n = this.numEnvs;
    const seeds = this.seeds(seed);
    const { mask, context, contexts, ...rest } = options ?? {};
    const extra = Object.keys(rest);
    if (extra.length) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `unknown reset option ${show(extra[0])}; allowed: mask, context, contexts`, { field: `options.${extra[0]}`, allowed: 'mask, context, contexts' });
    if (mask !== undefined && (!mask || typeof mask !== 'object' || mask.length !== n)) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `options.mask must have ${n} entries (one per env), got ${show(mask)}`, { field: 'options.mask', allowed: `${n} booleans` });
    }
    if (contexts !== undefined && (!Array.isArray(contexts) || contexts.length !== n)) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `options.contexts must be a list of ${n} contexts (or nulls), got ${show(contexts)}`, { field: 'options.contexts' });
    }
    if (!this.started && mask !== undefined && !Array.from(mask).every(Boolean)) {
      throw new MetarenaError('METARENA_RESET_NEEDED', 'the first reset() must reset every env (no mask, or an all-true mask)', { field: 'options.mask' });
    }
    // check every env's reset (seed, context) before touching any env, so a bad one changes nothing
    const resets: (ResetArgs | undefined)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      if (mask !== undefined && !mask[i]) continue;
      const c = contexts?.[i] ?? context ?? undefined;
      const field = contexts?.[i] ? `options.contexts[${i}]` : 'options.context';
      const args: ResetArgs = { seed: seeds?.[i] ?? undefined, options: c ? { context: c } : {} };
      const env = this.envs[i];
      try {
        if (env.checkReset) env.checkReset(args);
        else if (c) env.contextSpace.validate(c, field);
      } catch (e) {
        if (!(e instanceof MetarenaError)) throw e;
        const at = e.details.field?.replace(/^options\.context\b/, field);
        throw new MetarenaError(e.code, n > 1 ? `env ${i}: ${e.message} (no env was reset)` : e.message, { ...e.details, field: at }, { cause: e });
      }
      resets[i] = args;
    }
    const infos = new InfoBatcher(n);
    for (let i = 0; i < n; i++) {
      const args = resets[i];
      if (args === undefined) continue;
      const r = this.envs[i].reset(args);
      this.obsCodec.write(this.obs, i, r.obs);
      infos.add(i, r.info);
      this.done[i] = 0;
    }
    this.started = true;
    this.broken = false;
    return { obs: this.obs, infos };
  }

  private seeds(seed: VectorResetArgs['seed']): (number | null | undefined)[] | undefined {
    if (seed === undefined || seed === null) return undefined;
    if (typeof seed === 'number') {
      checkSeed(seed);
      // env i gets seed + i; compared without adding, which would round past 2^53
      const most = Number.MAX_SAFE_INTEGER - (this.numEnvs - 1);
      if (seed > most) {
        throw new MetarenaError('METARENA_INVALID_SEED', `seed ${seed} gives env ${this.numEnvs - 1} the seed ${seed} + ${this.numEnvs - 1}, past the largest safe integer; with ${this.numEnvs} envs seed must be at most ${most}`, {
          field: 'seed',
          allowed: `integer in [0, ${most}]`,
        });
      }
      return Array.from({ length: this.numEnvs }, (_, i) => seed + i);
    }
    if (!Array.isArray(seed) || seed.length !== this.numEnvs) {
      throw new MetarenaError('METARENA_INVALID_SEED', `seed must be an integer or a list of ${this.numEnvs} seeds, got ${show(seed)}`, { field: 'seed' });
    }
    seed.forEach((s, i) => s !== null && s !== undefined && checkSeed(s, `seed[${i}]`));
    return seed;
  }

  /**
   * `step` without the promise. With `{borrowObs: true}` the returned `obs` is the env's own
   * buffer, valid only until the next step or reset (for callers that copy it out at once, such
   * as the server encoding a response); by default it is a copy the caller owns.
   */
  stepSync(actions: Batch | unknown[], { borrowObs = false }: { borrowObs?: boolean } = {}): VectorStepResult {
    const r = this.stepBatched(actions);
    return { obs: borrowObs ? r.obs : cloneBatch(r.obs), rewards: r.rewards, terminated: r.terminated, truncated: r.truncated, info: r.infos.result() };
  }

  /**
   * `stepSync` for callers that encode the result at once (the server): `obs` is the env's own
   * buffer, valid only until the next step or reset, and the infos stay sparse in an
   * InfoBatcher (`infos.result()` is the `info` that `stepSync` returns).
   */
  stepBatched(actions: Batch | unknown[]): BatchedStepResult {
    if (this.closed) throw new MetarenaError('METARENA_CLOSED', 'step() after close()', { field: 'step' });
    if (!this.started || this.broken) {
      throw new MetarenaError('METARENA_RESET_NEEDED', this.broken ? 'a previous step() failed inside an env; call reset() first' : 'step() called before reset()', { field: 'step' });
    }
    const n = this.numEnvs;
    const mode = this.autoresetMode;
    if (mode === 'disabled') {
      const i = this.done.indexOf(1);
      if (i >= 0) throw new MetarenaError('METARENA_RESET_NEEDED', `env ${i} finished its episode; with autoreset_mode=disabled reset it with reset({options: {mask}})`, { field: `actions[${i}]` });
    }
    const actionCodec = this.actionCodec;
    const batch = actionCodec.fromFlat(actions, n) ?? toBatch(this.singleActionSpace, actions, n, 'actions');
    const obsCodec = this.obsCodec;
    const obsSize = obsCodec.flatSize ?? 0;
    const rewards = new Float64Array(n);
    const terminated = new Uint8Array(n);
    const truncated = new Uint8Array(n);
    const infos = new InfoBatcher(n);
    try {
      for (let i = 0; i < n; i++) {
        const env = this.envs[i];
        if (mode === 'next_step' && this.done[i]) {
          const r = env.reset();
          obsCodec.write(this.obs, i, r.obs);
          infos.add(i, r.info);
          this.done[i] = 0;
          continue;
        }
        const action = actionCodec.read(batch, i);
        const managed = this.managed[i];
        const into = this.writesInto[i] === 1;
        // with `into`, the observation is already in slot i of this.obs
        const r: Omit<StepResult, 'obs'> & { obs?: unknown } = into
          ? managed!.stepCheckedInto(action, this.obs as FlatArray, i * obsSize)
          : managed
            ? managed.stepChecked(action)
            : env.step(action);
        rewards[i] = r.reward;
        terminated[i] = r.terminated ? 1 : 0;
        truncated[i] = r.truncated ? 1 : 0;
        if (r.terminated || r.truncated) {
          if (mode === 'same_step') {
            const finalObs = into ? obsCodec.read(this.obs, i, true) : r.obs;
            const reset = env.reset();
            obsCodec.write(this.obs, i, reset.obs);
            infos.add(i, reset.info);
            infos.set('final_obs', i, finalObs);
            infos.set('final_info', i, r.info);
            continue;
          }
          this.done[i] = 1;
        }
        if (!into) obsCodec.write(this.obs, i, r.obs);
        for (const key in r.info) {
          infos.add(i, r.info);
          break;
        }
      }
    } catch (e) {
      this.broken = true;
      throw e;
    }
    return { obs: this.obs, rewards, terminated, truncated, infos };
  }

  closeSync(): void {
    if (this.closed) return;
    this.closed = true;
    let first: unknown;
    for (const env of this.envs) {
      try {
        env.close();
      } catch (e) {
        first ??= e;
      }
    }
    if (first) throw first;
  }
}
