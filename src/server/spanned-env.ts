/**
 * A vector env spread over several worker threads (EnvPool-style): its envs cut into contiguous
 * blocks (splitBlocks), each block a vector env of its own in a block session on one worker.
 * This file is the wire side of it, on the I/O thread: a client's reset or step is checked for
 * the whole vector env, cut into one request per block, and the blocks' answers are put back
 * together in env order (observations, rewards, flags, infos merged as one vector env has them);
 * an error a block raised names the whole vector env's env indices.
 *
 * Seeds follow the envs, not the workers: the block starting at env s is made with the make
 * seed + s and reset with seed + s, and gets its slices of per-env seeds, masks and contexts; a
 * context sampler draws per env (its trial count), so a spread vector env gives bit for bit the
 * trajectory of one vector env of all its envs. A reset or step one block refuses may already
 * have run in the others (as with a ShardedVectorEnv over several servers).
 */
import {
  type Batch,
  type Block,
  checkResetArgs,
  concatBatches,
  mergeInfos,
  shiftErrorIndices,
  sliceBatch,
  sliceResetArgs,
} from '../core/index.ts';
import {
  decodeBatch,
  decodeEnvSpec,
  decodeError,
  decodeInfo,
  decodeReset,
  decodeStepActions,
  decodeTensor,
  type DecodedMake,
  encodeBatch,
  encodeInfo,
  encodeReset,
  encodeStep,
  encodeTensor,
  type EnvSpecParts,
  type v1,
} from '../wire/index.ts';
import type { Reservation } from './state.ts';

/** One block: its envs, its vector env's handle in its block session, and where that session is. */
export interface SpanBlock<H> {
  block: Block;
  handle: number;
  holder: H;
}

/** The make request of each block: the client's make with the block's num_envs and seed. */
export function blockMakes(make: v1.IMakeRequest, decoded: DecodedMake, blocks: readonly Block[]): v1.IMakeRequest[] {
  return blocks.map((b) => ({ ...make, num_envs: b.count, seed: decoded.seed === undefined ? undefined : decoded.seed + b.start }));
}

/** The first error among the blocks' answers (in env order), with whole-vector-env indices; thrown. */
export function throwBlockError(answers: readonly v1.IResponse[], blocks: readonly Block[]): void {
  for (let k = 0; k < answers.length; k++) {
    const error = answers[k].error;
    if (error) throw shiftErrorIndices(decodeError(error), blocks[k]);
  }
}

export class SpannedEnv<H> {
  readonly numEnvs: number;
  /** The spec as a client sees it: block 0's, with num_envs of the whole vector env. */
  readonly spec: v1.IEnvSpec;
  private readonly parts: EnvSpecParts;

  constructor(
    readonly blocks: readonly SpanBlock<H>[],
    blockSpec: v1.IEnvSpec,
    /** What the whole vector env holds against the server-wide limits. */
    readonly reservation: Reservation,
  ) {
    this.numEnvs = blocks.reduce((n, b) => n + b.block.count, 0);
    this.spec = { ...blockSpec, num_envs: this.numEnvs };
    this.parts = decodeEnvSpec(this.spec);
  }

  /** Each block's reset request; throws what the whole vector env would refuse. */
  resets(msg: v1.IResetRequest): v1.IResetRequest[] {
    const args = decodeReset(msg);
    checkResetArgs(args, this.numEnvs);
    return this.blocks.map((b) => encodeReset(b.handle, sliceResetArgs(args, b.block)));
  }

  /** Each block's step request; throws what the whole vector env would refuse. */
  steps(msg: v1.IStepRequest): v1.IStepRequest[] {
    const space = this.parts.actionSpace;
    const actions = decodeStepActions(msg, space, this.numEnvs);
    return this.blocks.map((b) => encodeStep(b.handle, space, sliceBatch(space, actions, b.block.start, b.block.count), b.block.count));
  }

  mergeResets(answers: readonly v1.IResponse[]): v1.IResetResponse {
    this.throwIfAnyFailed(answers);
    const space = this.parts.observationSpace;
    const obs: { block: Block; batch: Batch }[] = [];
    const infos: { block: Block; info: Record<string, unknown> }[] = [];
    answers.forEach((a, k) => {
      const block = this.blocks[k].block;
      obs.push({ block, batch: decodeBatch(space, a.reset?.obs, 'obs') });
      infos.push({ block, info: decodeInfo(a.reset?.info, space, block.count) });
    });
    const n = this.numEnvs;
    return { obs: encodeBatch(space, concatBatches(space, obs, n), n), info: encodeInfo(mergeInfos(infos, n), space, n) };
  }

  mergeSteps(answers: readonly v1.IResponse[]): v1.IStepResponse {
    this.throwIfAnyFailed(answers);
    const space = this.parts.observationSpace;
    const n = this.numEnvs;
    const rewards = new Float64Array(n);
    const terminated = new Uint8Array(n);
    const truncated = new Uint8Array(n);
    const obs: { block: Block; batch: Batch }[] = [];
    const infos: { block: Block; info: Record<string, unknown> }[] = [];
    answers.forEach((a, k) => {
      const block = this.blocks[k].block;
      const r = a.step!;
      obs.push({ block, batch: decodeBatch(space, r.obs, 'obs') });
      rewards.set(decodeTensor(r.rewards, 'rewards') as Float64Array, block.start);
      terminated.set(decodeTensor(r.terminated, 'terminated') as Uint8Array, block.start);
      truncated.set(decodeTensor(r.truncated, 'truncated') as Uint8Array, block.start);
      infos.push({ block, info: decodeInfo(r.info, space, block.count) });
    });
    return {
      obs: encodeBatch(space, concatBatches(space, obs, n), n),
      rewards: encodeTensor(rewards, [n]),
      terminated: encodeTensor(terminated, [n]),
      truncated: encodeTensor(truncated, [n]),
      info: encodeInfo(mergeInfos(infos, n), space, n),
    };
  }

  private throwIfAnyFailed(answers: readonly v1.IResponse[]): void {
    throwBlockError(
      answers,
      this.blocks.map((b) => b.block),
    );
  }
}
