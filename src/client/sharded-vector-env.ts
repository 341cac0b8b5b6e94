/**
 * ShardedVectorEnv: one VectorEnv of n sub-envs spread over several servers. The envs are cut
 * into contiguous blocks of nearly equal size, one block per server, each block a vector env of
 * its own session (a RemoteVectorEnv). A step sends every block's actions at once and waits for
 * all answers (the servers step concurrently), then puts the blocks' observations, rewards,
 * flags and infos back together in env order, so the result has the layout of one vector env.
 *
 * Seeds follow the envs, not the servers: block b starting at env s gets seed + s where the
 * whole vector env gets seed (`reset({seed})`, the make option `seed`), and its slices of
 * per-env seeds, masks and contexts; so a run over several servers gives bit for bit the
 * trajectory of one server's vector env with the same seed. Every server must make the env
 * with the same spaces, context features, time limit and autoreset mode, or `open` refuses.
 *
 * Actions are checked for the whole batch before any block steps (errors name the env as a
 * single vector env does), and so is autoreset_mode=disabled's rule that a finished env is
 * reset first. Errors a block's server raises name the whole vector env's indices. A reset
 * that one server refuses may already have reset the envs of the others.
 *
 * A server that dies (its stream ends or breaks, or an answer is later than `timeoutMs`) loses
 * its block. With `onServerLost: 'error'` (default) that call and every later one fail with
 * ServerLostError (METARENA_UNAVAILABLE) naming the address and the envs it held; the other
 * blocks have already stepped. With `'reconnect'` the lost block is made again on the servers
 * left (split over them), without the make seed, and reset unseeded: the step reports those
 * envs truncated with `info.server_lost` set (same_step: `final_obs` is the new episode's first
 * observation, since the last one is gone; next_step: the following step returns the reset
 * observation and info, as an autoreset step does); a reset makes them again and resets them
 * with their slice of the reset arguments, `info.server_lost` set.
 *
 * Calls run one after another (a call waits for the previous one to finish).
 */
import {
  type AutoresetMode,
  type Batch,
  type ContextSpace,
  type Info,
  MetarenaError,
  type Space,
  type VectorEnv,
  type VectorResetArgs,
  type VectorResetResult,
  type VectorStepResult,
  type Block,
  batchCodec,
  checkResetArgs,
  checkSeed,
  concatBatches,
  describeBlock,
  mergeInfos,
  shiftErrorIndices,
  show,
  sliceBatch,
  sliceResetArgs,
  splitBlocks,
  toBatch,
} from '../core/index.ts';
import type { EnvSpecParts, WireMakeOptions } from '../wire/index.ts';
import type { ServerLostPolicy } from './transport.ts';

/** One block's vector env: a RemoteVectorEnv, seen through what this class needs. */
export interface ShardEnv extends VectorEnv {
  readonly spec: EnvSpecParts;
  /** Why the session ended, once it has (undefined while it is open). */
  readonly lost: MetarenaError | undefined;
}

/** Opens a session to `address` and makes `numEnvs` envs there. */
export type OpenShard = (address: string, numEnvs: number, options: WireMakeOptions) => Promise<ShardEnv>;

export interface ShardedOptions {
  open: OpenShard;
  onServerLost?: ServerLostPolicy;
}

/** A lost server's address and the envs it held. */
export interface LostServer {
  address: string;
  envs: number[];
}

/** Servers that are gone, with the envs each held: METARENA_UNAVAILABLE. */
export class ServerLostError extends MetarenaError {
  constructor(
    readonly servers: readonly LostServer[],
    reason: string,
    options?: { cause?: unknown },
  ) {
    const which = servers.map((s) => `${s.address} (${describeBlock({ start: s.envs[0], count: s.envs.length })})`).join(', ');
    super('METARENA_UNAVAILABLE', `lost the server${servers.length > 1 ? 's' : ''} ${which}: ${reason}`, { field: 'address', allowed: servers.map((s) => s.address).join(', ') }, options);
    this.name = 'ServerLostError';
  }

  /** Every env whose server is gone, ascending. */
  get envs(): number[] {
    return this.servers.flatMap((s) => s.envs).sort((a, b) => a - b);
  }
}

interface Part {
  address: string;
  block: Block;
  env: ShardEnv;
  /** next_step after a reconnect: the reset result the next step returns for this block. */
  pending?: VectorResetResult;
}

const envsOf = (b: Block) => Array.from({ length: b.count }, (_, i) => b.start + i);

const lostServer = (p: Part): LostServer => ({ address: p.address, envs: envsOf(p.block) });

/** What must agree between the servers, named for the error message. */
function specDifference(a: EnvSpecParts, b: EnvSpecParts): string | undefined {
  const parts: [string, unknown, unknown][] = [
    ['env id', a.envId, b.envId],
    ['observation space', a.observationSpace.toJSON(), b.observationSpace.toJSON()],
    ['action space', a.actionSpace.toJSON(), b.actionSpace.toJSON()],
    ['context features', a.contextSpace.features, b.contextSpace.features],
    ['max episode steps', a.maxEpisodeSteps ?? null, b.maxEpisodeSteps ?? null],
    ['autoreset mode', a.autoresetMode ?? 'next_step', b.autoresetMode ?? 'next_step'],
    ['episodes per trial', a.episodesPerTrial, b.episodesPerTrial],
  ];
  for (const [what, x, y] of parts) {
    const sx = JSON.stringify(x);
    const sy = JSON.stringify(y);
    if (sx !== sy) return `${what}: ${sx.length > 120 ? `${sx.slice(0, 120)}…` : sx} vs ${sy.length > 120 ? `${sy.slice(0, 120)}…` : sy}`;
  }
  return undefined;
}

/** A make failure that means the server was not reached, named with its address. */
function namedFailure(address: string, e: unknown): unknown {
  if (e instanceof MetarenaError && (e.code === 'METARENA_UNAVAILABLE' || e.code === 'METARENA_TIMEOUT')) {
    return new MetarenaError(e.code, `server ${address}: ${e.message}`, { ...e.details, field: e.details.field ?? 'address' }, { cause: e });
  }
  return e;
}

async function closeAll(envs: readonly ShardEnv[]): Promise<void> {
  await Promise.allSettled(envs.map((e) => e.close()));
}

const ones = (n: number) => new Uint8Array(n).fill(1);

export class ShardedVectorEnv implements VectorEnv {
  readonly numEnvs: number;
  readonly singleObservationSpace: Space;
  readonly singleActionSpace: Space;
  readonly contextSpace: ContextSpace;
  readonly autoresetMode: AutoresetMode;
  readonly maxEpisodeSteps: number | undefined;
  /** The first server's spec of the env, with numEnvs of the whole vector env. */
  readonly spec: EnvSpecParts;
  readonly onServerLost: ServerLostPolicy;
  private parts: Part[];
  private readonly lostAddresses = new Set<string>();
  private failure: ServerLostError | undefined;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** autoreset_mode=disabled: 1 where an env finished and has not been reset since. */
  private readonly done: Uint8Array;

  private constructor(
    parts: Part[],
    private readonly servers: readonly string[],
    private readonly makeOptions: WireMakeOptions,
    private readonly open: OpenShard,
    onServerLost: ServerLostPolicy,
  ) {
    this.parts = parts;
    const spec = parts[0].env.spec;
    this.numEnvs = parts.reduce((s, p) => s + p.block.count, 0);
    this.spec = { ...spec, numEnvs: this.numEnvs };
    this.singleObservationSpace = spec.observationSpace;
    this.singleActionSpace = spec.actionSpace;
    this.contextSpace = spec.contextSpace;
    this.autoresetMode = spec.autoresetMode ?? 'next_step';
    this.maxEpisodeSteps = spec.maxEpisodeSteps;
    this.onServerLost = onServerLost;
    this.done = new Uint8Array(this.numEnvs);
  }

  /**
   * Makes `numEnvs` copies of `envId` spread over `servers` (one block per server; with fewer
   * envs than servers the last servers hold none and stand by for a reconnect).
   */
  static async open(servers: readonly string[], envId: string, numEnvs: number, options: WireMakeOptions, { open, onServerLost = 'error' }: ShardedOptions): Promise<ShardedVectorEnv> {
    if (onServerLost !== 'error' && onServerLost !== 'reconnect') {
      throw new MetarenaError('METARENA_INVALID_OPTION', `onServerLost must be error or reconnect, got ${show(onServerLost)}`, { field: 'onServerLost', allowed: 'error, reconnect' });
    }
    if (!Number.isSafeInteger(numEnvs) || numEnvs < 1) {
      throw new MetarenaError('METARENA_INVALID_OPTION', `num_envs must be a positive integer, got ${show(numEnvs)}`, { field: 'num_envs', allowed: 'integer ≥ 1' });
    }
    if (options.seed !== undefined) checkSeed(options.seed);
    const blocks = splitBlocks(numEnvs, servers.length);
    const made = await Promise.allSettled(blocks.map((b, k) => open(servers[k], b.count, ShardedVectorEnv.blockOptions(options, b))));
    const envs = made.flatMap((m) => (m.status === 'fulfilled' ? [m.value] : []));
    const failed = made.findIndex((m) => m.status === 'rejected');
    if (failed >= 0) {
      await closeAll(envs);
      throw namedFailure(servers[failed], (made[failed] as PromiseRejectedResult).reason);
    }
    const first = envs[0].spec;
    for (let k = 1; k < envs.length; k++) {
      const diff = specDifference(first, envs[k].spec);
      if (diff) {
        await closeAll(envs);
        throw new MetarenaError('METARENA_NOT_SUPPORTED', `the servers ${servers[0]} and ${servers[k]} make ${envId} differently (${diff}); a vector env spread over servers needs the same env on each`, { field: `address[${k}]` });
      }
    }
    const parts = blocks.map((block, k) => ({ address: servers[k], block, env: envs[k] }));
    return new ShardedVectorEnv(parts, servers, options, open, onServerLost);
  }

  /** A block's make options: the make seed moved to its first env. */
  private static blockOptions(options: WireMakeOptions, b: Block): WireMakeOptions {
    return options.seed === undefined ? options : { ...options, seed: options.seed + b.start };
  }

  /** Where each block runs: its server and its envs. */
  get blocks(): { address: string; start: number; count: number }[] {
    return this.parts.map((p) => ({ address: p.address, start: p.block.start, count: p.block.count }));
  }

  async reset(args: VectorResetArgs = {}): Promise<VectorResetResult> {
    this.checkUsable('reset');
    checkResetArgs(args, this.numEnvs);
    return this.serial(() => this.resetParts(args));
  }

  async step(actions: Batch | unknown[]): Promise<VectorStepResult> {
    this.checkUsable('step');
    const n = this.numEnvs;
    const batch = toBatch(this.singleActionSpace, actions, n, 'actions');
    return this.serial(() => this.stepParts(batch));
  }

  /** Closes every block's session; calling it twice is harmless. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue;
    await closeAll(this.parts.map((p) => p.env));
  }

  private checkUsable(what: string): void {
    if (this.closed) throw new MetarenaError('METARENA_CLOSED', `${what}() after close()`, { field: what });
    if (this.failure) throw this.failure;
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(() => {
      if (this.failure) throw this.failure;
      return run();
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async resetParts(args: VectorResetArgs): Promise<VectorResetResult> {
    const parts = this.parts;
    const settled = await Promise.allSettled(parts.map((p) => p.env.reset(sliceResetArgs(args, p.block))));
    const results: { block: Block; obs: Batch; info: Info }[] = [];
    const lost: Part[] = [];
    let refused: unknown;
    settled.forEach((s, k) => {
      const p = parts[k];
      p.pending = undefined;
      if (s.status === 'fulfilled') results.push({ block: p.block, ...s.value });
      else if (p.env.lost) lost.push(p);
      else refused ??= shiftErrorIndices(s.reason, p.block);
    });
    if (lost.length > 0) {
      const remade = await this.replace(lost);
      const again = await Promise.allSettled(remade.map((p) => p.env.reset(sliceResetArgs(args, p.block, true))));
      again.forEach((s, k) => {
        const p = remade[k];
        if (s.status === 'fulfilled') {
          const c = p.block.count;
          results.push({ block: p.block, obs: s.value.obs, info: { ...s.value.info, server_lost: ones(c), _server_lost: ones(c) } });
        } else refused ??= shiftErrorIndices(s.reason, p.block);
      });
    }
    if (refused !== undefined) throw refused;
    const mask = args?.options?.mask;
    for (let i = 0; i < this.numEnvs; i++) if (mask === undefined || mask[i]) this.done[i] = 0;
    results.sort((a, b) => a.block.start - b.block.start);
    return { obs: concatBatches(this.singleObservationSpace, results.map((r) => ({ block: r.block, batch: r.obs })), this.numEnvs), info: mergeInfos(results, this.numEnvs) };
  }

  private async stepParts(batch: Batch): Promise<VectorStepResult> {
    const n = this.numEnvs;
    if (this.autoresetMode === 'disabled') {
      const i = this.done.indexOf(1);
      if (i >= 0) throw new MetarenaError('METARENA_RESET_NEEDED', `env ${i} finished its episode; with autoreset_mode=disabled reset it with reset({options: {mask}})`, { field: `actions[${i}]` });
    }
    const space = this.singleActionSpace;
    const parts = this.parts;
    const settled = await Promise.allSettled(
      parts.map((p) => {
        if (p.pending) {
          const { obs, info } = p.pending;
          const c = p.block.count;
          p.pending = undefined;
          return Promise.resolve<VectorStepResult>({ obs, rewards: new Float64Array(c), terminated: new Uint8Array(c), truncated: new Uint8Array(c), info });
        }
        return p.env.step(sliceBatch(space, batch, p.block.start, p.block.count));
      }),
    );
    const results: (VectorStepResult & { block: Block })[] = [];
    const lost: Part[] = [];
    let refused: unknown;
    settled.forEach((s, k) => {
      const p = parts[k];
      if (s.status === 'fulfilled') results.push({ block: p.block, ...s.value });
      else if (p.env.lost) lost.push(p);
      else refused ??= shiftErrorIndices(s.reason, p.block);
    });
    if (lost.length > 0) {
      const remade = await this.replace(lost);
      const again = await Promise.allSettled(remade.map((p) => p.env.reset()));
      again.forEach((s, k) => {
        const p = remade[k];
        if (s.status === 'rejected') {
          refused ??= shiftErrorIndices(s.reason, p.block);
          return;
        }
        results.push({ block: p.block, ...this.lostStep(p, s.value) });
      });
    }
    if (refused !== undefined) throw refused;
    results.sort((a, b) => a.block.start - b.block.start);
    const rewards = new Float64Array(n);
    const terminated = new Uint8Array(n);
    const truncated = new Uint8Array(n);
    for (const r of results) {
      rewards.set(r.rewards, r.block.start);
      terminated.set(r.terminated, r.block.start);
      truncated.set(r.truncated, r.block.start);
    }
    if (this.autoresetMode === 'disabled') for (let i = 0; i < n; i++) this.done[i] = terminated[i] | truncated[i];
    return {
      obs: concatBatches(this.singleObservationSpace, results.map((r) => ({ block: r.block, batch: r.obs })), n),
      rewards,
      terminated,
      truncated,
      info: mergeInfos(results, n),
    };
  }

  /** A remade block's share of the step that lost its server: truncated, `server_lost` set. */
  private lostStep(p: Part, reset: VectorResetResult): VectorStepResult {
    const c = p.block.count;
    const lostInfo: Info = { server_lost: ones(c), _server_lost: ones(c) };
    let info: Info = lostInfo;
    if (this.autoresetMode === 'same_step') {
      const codec = batchCodec(this.singleObservationSpace);
      const finalObs = Array.from({ length: c }, (_, i) => codec.read(reset.obs, i, true));
      info = { ...reset.info, final_obs: finalObs, _final_obs: ones(c), final_info: { ...lostInfo }, _final_info: ones(c), ...lostInfo };
    } else if (this.autoresetMode === 'next_step') {
      p.pending = reset;
    }
    return { obs: reset.obs, rewards: new Float64Array(c), terminated: new Uint8Array(c), truncated: ones(c), info };
  }

  /**
   * Takes the lost blocks out. With `reconnect` each is made again on the servers left (split
   * over them, fewest envs first) and the new parts are returned; otherwise, or when no server
   * is left, the vector env fails with ServerLostError from now on.
   */
  private async replace(lost: Part[]): Promise<Part[]> {
    for (const p of lost) this.lostAddresses.add(p.address);
    const reason = lost[0].env.lost?.message ?? 'the session ended';
    const cause = lost[0].env.lost;
    await closeAll(lost.map((p) => p.env));
    if (this.onServerLost !== 'reconnect') {
      this.failure = new ServerLostError(lost.map(lostServer), reason, { cause });
      throw this.failure;
    }
    const kept = this.parts.filter((p) => !lost.includes(p));
    const remade: Part[] = [];
    for (const p of lost) {
      let todo: Block[] = [p.block];
      while (todo.length > 0) {
        const live = this.servers.filter((a) => !this.lostAddresses.has(a));
        if (live.length === 0) {
          this.parts = kept.concat(remade);
          this.failure = new ServerLostError(lost.map(lostServer), `${reason}; no server left to make its envs again`, { cause });
          await closeAll(this.parts.map((q) => q.env));
          throw this.failure;
        }
        const load = (a: string) => kept.concat(remade).reduce((s, q) => s + (q.address === a ? q.block.count : 0), 0);
        const targets = [...live].sort((a, b) => load(a) - load(b));
        const pieces = todo.flatMap((b) => splitBlocks(b.count, targets.length, b.start));
        const { seed: _seed, ...options } = this.makeOptions;
        const made = await Promise.allSettled(pieces.map((b, k) => this.open(targets[k % targets.length], b.count, options)));
        todo = [];
        let refused: { address: string; reason: unknown } | undefined;
        made.forEach((m, k) => {
          const address = targets[k % targets.length];
          if (m.status === 'fulfilled') remade.push({ address, block: pieces[k], env: m.value });
          else if (m.reason instanceof MetarenaError && (m.reason.code === 'METARENA_UNAVAILABLE' || m.reason.code === 'METARENA_TIMEOUT')) {
            this.lostAddresses.add(address);
            todo.push(pieces[k]);
          } else refused ??= { address, reason: m.reason };
        });
        if (refused) {
          // a server left refused the envs (e.g. its limits): the vector env cannot go on whole
          const why = refused.reason instanceof Error ? refused.reason.message : String(refused.reason);
          this.parts = kept.concat(remade);
          this.failure = new ServerLostError(lost.map(lostServer), `${reason}; making its envs again on ${refused.address} failed: ${why}`, { cause: refused.reason });
          await closeAll(this.parts.map((q) => q.env));
          throw this.failure;
        }
      }
    }
    this.parts = kept.concat(remade).sort((a, b) => a.block.start - b.block.start);
    return remade;
  }
}
