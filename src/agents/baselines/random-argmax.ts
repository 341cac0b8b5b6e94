/**
 * A running maximum whose ties are broken uniformly at random, by reservoir sampling: the k-th
 * value equal to the maximum so far takes over the choice with probability 1/k. The baselines'
 * greedy choices (arms, actions in a planned state) use it so that equal values get no order.
 */
import type { Rng } from '../../core/index.ts';

export class RandomArgmax {
  value = -Infinity;
  index = 0;
  private ties = 0;

  constructor(private readonly rng: Rng) {}

  /** Forgets the values offered so far. */
  start(): this {
    this.value = -Infinity;
    this.index = 0;
    this.ties = 0;
    return this;
  }

  offer(value: number, index: number): void {
    if (value > this.value) {
      this.value = value;
      this.index = index;
      this.ties = 1;
    } else if (value === this.value && this.rng.integer(++this.ties) === 0) {
      this.index = index;
    }
  }
}
