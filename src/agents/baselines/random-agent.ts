/**
 * The random baseline: every action drawn uniformly from the action space, independently of
 * everything seen. Fits any env (Discrete actions take a fast path).
 */
import { type Batch, Discrete, Rng, type Space, type VectorResetResult, type VectorStepResult } from '../../core/index.ts';
import type { Agent } from '../agent.ts';

export class RandomAgent implements Agent {
  readonly name = 'random';
  private readonly rng: Rng;
  private readonly discrete: Int32Array | undefined;

  constructor(
    private readonly space: Space,
    private readonly numEnvs: number,
    seed: number,
  ) {
    this.rng = new Rng(seed);
    this.discrete = space instanceof Discrete ? new Int32Array(numEnvs) : undefined;
  }

  start(_reset: VectorResetResult): void {}

  act(_obs: Batch): Batch {
    const out = this.discrete;
    if (out) {
      const { n, start } = this.space as Discrete;
      for (let i = 0; i < this.numEnvs; i++) out[i] = start + this.rng.integer(n);
      return out;
    }
    return Array.from({ length: this.numEnvs }, () => this.space.sample(this.rng)) as Batch;
  }

  observe(_actions: Batch, _result: VectorStepResult): void {}
}
