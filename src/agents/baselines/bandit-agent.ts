/**
 * Vectorised bandit baselines: one agent acts for every env of the batch and keeps, per env and
 * arm, the pull count and reward sum of the current trial (cleared when a new trial starts).
 *
 * Posterior per arm: `bernoulli` rewards — Beta(1 + successes, 1 + failures) (uniform prior, as
 * the arms' p ~ U[0,1]); `gaussian` rewards — N(Σr/(1+n), 1/(1+n)) (prior N(0,1), unit noise,
 * as Bandit-v0's μ ~ N(0,1)).
 *
 * Rules (index chosen every pull, ties broken uniformly at random):
 * - greedy: posterior mean.
 * - eps-greedy: a uniformly random arm with probability ε, otherwise greedy.
 * - ucb1 (Auer, Cesa-Bianchi & Fischer 2002): estimate + c·√(2 ln t / nᵢ), t the pulls so far in
 *   the trial (at least 1). `estimate=posterior` (default): the posterior mean, nᵢ counting the
 *   prior's pseudo-observations (2 for Beta(1,1), 1 for N(0,1)), so untried arms are not
 *   forced. `estimate=empirical`: the empirical mean, every arm pulled once first — with c = 1
 *   the textbook rule.
 * - ts (Thompson 1933): one posterior sample per arm.
 * - ots (optimistic Thompson sampling, Chapelle & Li 2011; several samples as in May et al.
 *   2012): the largest of `samples` posterior draws, and at least the posterior mean.
 * - gittins: the Beta-Bernoulli Gittins index for discount γ (see gittins-index.ts).
 */
import { type Batch, Rng } from '../../core/index.ts';
import { RandomArgmax } from './random-argmax.ts';
import type { BanditShape } from './env-kind.ts';
import { type GittinsTable } from './gittins-index.ts';
import { TrialAgent } from './trial-agent.ts';

export type BanditRule =
  | { kind: 'greedy' }
  | { kind: 'eps-greedy'; epsilon: number }
  | { kind: 'ucb1'; c: number; estimate: 'posterior' | 'empirical' }
  | { kind: 'ts' }
  | { kind: 'ots'; samples: number }
  | { kind: 'gittins'; table: GittinsTable };

export class BanditAgent extends TrialAgent {
  private readonly k: number;
  private readonly pulls: Float64Array;
  private readonly sums: Float64Array;
  private readonly total: Float64Array;
  private readonly actions: Int32Array;
  private readonly rng: Rng;
  /** The greedy choice, ties broken with `rng`. */
  private readonly argmax: RandomArgmax;

  constructor(
    readonly name: string,
    numEnvs: number,
    private readonly shape: BanditShape,
    private readonly rule: BanditRule,
    seed: number,
  ) {
    super(numEnvs);
    this.k = shape.arms;
    this.pulls = new Float64Array(numEnvs * this.k);
    this.sums = new Float64Array(numEnvs * this.k);
    this.total = new Float64Array(numEnvs);
    this.actions = new Int32Array(numEnvs);
    this.rng = new Rng(seed);
    this.argmax = new RandomArgmax(this.rng);
  }

  protected newTrial(i: number): void {
    this.pulls.fill(0, i * this.k, (i + 1) * this.k);
    this.sums.fill(0, i * this.k, (i + 1) * this.k);
    this.total[i] = 0;
  }

  protected learn(i: number, action: number, reward: number): void {
    const j = i * this.k + action;
    this.pulls[j] += 1;
    this.sums[j] += reward;
    this.total[i] += 1;
  }

  /** Pseudo-observations of the prior: 2 for Beta(1,1), 1 for N(0,1) with unit noise. */
  private get priorCount(): number {
    return this.shape.reward === 'bernoulli' ? 2 : 1;
  }

  private mean(j: number): number {
    return this.shape.reward === 'bernoulli' ? (1 + this.sums[j]) / (2 + this.pulls[j]) : this.sums[j] / (1 + this.pulls[j]);
  }

  private sample(j: number): number {
    if (this.shape.reward === 'bernoulli') return this.rng.beta(1 + this.sums[j], 1 + this.pulls[j] - this.sums[j]);
    return this.rng.normal(this.sums[j] / (1 + this.pulls[j]), 1 / Math.sqrt(1 + this.pulls[j]));
  }

  private score(i: number, arm: number): number {
    const j = i * this.k + arm;
    const rule = this.rule;
    switch (rule.kind) {
      case 'greedy':
      case 'eps-greedy':
        return this.mean(j);
      case 'ucb1': {
        const t = Math.log(Math.max(1, this.total[i]));
        if (rule.estimate === 'posterior') return this.mean(j) + rule.c * Math.sqrt((2 * t) / (this.pulls[j] + this.priorCount));
        const n = this.pulls[j];
        return n === 0 ? Infinity : this.sums[j] / n + rule.c * Math.sqrt((2 * t) / n);
      }
      case 'ts':
        return this.sample(j);
      case 'ots': {
        let best = this.mean(j);
        for (let s = 0; s < rule.samples; s++) {
          const v = this.sample(j);
          if (v > best) best = v;
        }
        return best;
      }
      case 'gittins': {
        const successes = this.sums[j];
        return rule.table.index(1 + successes, 1 + this.pulls[j] - successes);
      }
    }
  }

  act(_obs: Batch): Int32Array {
    const k = this.k;
    const rng = this.rng;
    const eps = this.rule.kind === 'eps-greedy' ? this.rule.epsilon : 0;
    for (let i = 0; i < this.numEnvs; i++) {
      if (eps > 0 && rng.random() < eps) {
        this.actions[i] = rng.integer(k);
        continue;
      }
      const best = this.argmax.start();
      for (let a = 0; a < k; a++) best.offer(this.score(i, a), a);
      this.actions[i] = best.index;
    }
    return this.actions;
  }
}
