/**
 * Vectorised finite-horizon tabular-MDP baselines. One agent acts for every env of the batch and
 * keeps, per env, the counts of the current trial — visits N(s,a), transitions C(s,a,s') and
 * reward sums — across the trial's episodes, cleared when a new trial starts. Every rule plans
 * by backward induction over the remaining steps of the episode.
 *
 * Model posterior (Bayesian rules): P(·|s,a) ~ Dirichlet(α + C(s,a,·)); reward mean
 * μ(s,a) ~ Normal with prior N(m₀, v₀) and noise variance σ² (defaults α = 1, m₀ = 1, v₀ = 1,
 * σ² = 1: TabularMDP-v0's generative model).
 *
 * Every rule computes its policy for the whole episode when the episode starts (from the data
 * of the trial's earlier episodes), as PSRL does by definition, and follows it to the end.
 *
 * Rules:
 * - greedy: act optimally in the posterior-mean MDP.
 * - eps-greedy: a uniformly random action with probability ε, otherwise greedy.
 * - beb (Kolter & Ng 2009, Bayesian exploration bonus): the posterior-mean MDP with reward
 *   bonus β / (1 + N(s,a)).
 * - psrl (Strens 2000; Osband, Russo & Van Roy 2013): one MDP sampled from the posterior.
 * - opsrl (optimistic posterior sampling, Agrawal & Jia 2017): `samples` independent posterior
 *   samples of every (s,a) row, planned optimistically: for each (s,a) the sample with the
 *   largest backed-up value.
 * - ucrl2 (Jaksch, Ortner & Auer 2010): extended value iteration (finite horizon) over
 *   the confidence set ‖p − p̂‖₁ ≤ √(14 S ln(2At/δ) / max(1,N)), |r − r̂| ≤
 *   √(7 ln(2SAt/δ) / (2 max(1,N))), t the steps so far in the trial (at least 1). Both radii
 *   are multiplied by `scale` (1 = the paper's): the paper's radii assume rewards in [0, 1] and
 *   are far wider than 100 steps of N(μ, 1) rewards call for, so, as with UCB1's c, the scale
 *   is a free parameter tuned on training tasks unless given.
 */
import { type Batch, Rng } from '../../core/index.ts';
import { RandomArgmax } from './random-argmax.ts';
import type { MdpShape } from './env-kind.ts';
import { TrialAgent } from './trial-agent.ts';

export interface MdpPrior {
  alpha: number;
  rewardMean: number;
  rewardVar: number;
  noiseVar: number;
}

export type MdpRule =
  | { kind: 'greedy' }
  | { kind: 'eps-greedy'; epsilon: number }
  | { kind: 'beb'; beta: number }
  | { kind: 'psrl' }
  | { kind: 'opsrl'; samples: number }
  | { kind: 'ucrl2'; delta: number; scale: number };

export class MdpAgent extends TrialAgent {
  private readonly S: number;
  private readonly A: number;
  private readonly H: number;
  private readonly visits: Float64Array;
  private readonly transitions: Float64Array;
  private readonly rewardSums: Float64Array;
  private readonly trialSteps: Float64Array;
  /** Per env, the episode's policy: action at `(stepsLeft − 1) * S + s`. */
  private readonly policies: Int32Array;
  private readonly lastState: Int32Array;
  private readonly actions: Int32Array;
  private readonly rng: Rng;
  /** The greedy choice, ties broken with `rng`. */
  private readonly argmax: RandomArgmax;
  // planning scratch, shared by all envs
  private readonly modelP: Float64Array;
  private readonly modelR: Float64Array;
  private readonly value: Float64Array;
  private readonly nextValue: Float64Array;
  private readonly alphaRow: Float64Array;
  private readonly order: Int32Array;
  private readonly row: Float64Array;

  constructor(
    readonly name: string,
    numEnvs: number,
    shape: MdpShape,
    private readonly rule: MdpRule,
    private readonly prior: MdpPrior,
    seed: number,
  ) {
    super(numEnvs);
    const { states: S, actions: A, horizon: H } = shape;
    this.S = S;
    this.A = A;
    this.H = H;
    this.visits = new Float64Array(numEnvs * S * A);
    this.transitions = new Float64Array(numEnvs * S * A * S);
    this.rewardSums = new Float64Array(numEnvs * S * A);
    this.trialSteps = new Float64Array(numEnvs);
        this.policies = new Int32Array(numEnvs * H * S);
    this.lastState = new Int32Array(numEnvs);
    this.actions = new Int32Array(numEnvs);
    this.rng = new Rng(seed);
    this.argmax = new RandomArgmax(this.rng);
    const copies = rule.kind === 'opsrl' ? rule.samples : 1;
    this.modelP = new Float64Array(copies * S * A * S);
    this.modelR = new Float64Array(copies * S * A);
    this.value = new Float64Array(S);
    this.nextValue = new Float64Array(S);
    this.alphaRow = new Float64Array(S);
    this.order = new Int32Array(S);
    this.row = new Float64Array(S);
  }

  protected newTrial(i: number): void {
    const sa = this.S * this.A;
    this.visits.fill(0, i * sa, (i + 1) * sa);
    this.rewardSums.fill(0, i * sa, (i + 1) * sa);
    this.transitions.fill(0, i * sa * this.S, (i + 1) * sa * this.S);
    this.trialSteps[i] = 0;
    this.planEpisode(i);
  }

  protected override newEpisode(i: number): void {
    this.planEpisode(i);
  }

  protected learn(i: number, action: number, reward: number, next: number): void {
    const sa = i * this.S * this.A + this.lastState[i] * this.A + action;
    this.visits[sa] += 1;
    this.rewardSums[sa] += reward;
    this.transitions[sa * this.S + next] += 1;
    this.trialSteps[i] += 1;
  }

  act(obs: Batch): Int32Array {
    const states = obs as ArrayLike<number>;
    const { S, A, H, rng } = this;
    const epsilon = this.rule.kind === 'eps-greedy' ? this.rule.epsilon : 0;
    for (let i = 0; i < this.numEnvs; i++) {
      const s = states[i];
      this.lastState[i] = s;
      if (epsilon > 0 && rng.random() < epsilon) {
        this.actions[i] = rng.integer(A);
        continue;
      }
      const left = Math.max(1, H - this.stepInEpisode[i]);
      this.actions[i] = this.policies[(i * H + left - 1) * S + s];
    }
    return this.actions;
  }

  // ---- models ----

  private posteriorMean(sa: number): { mean: number; variance: number } {
    const { rewardMean, rewardVar, noiseVar } = this.prior;
    const precision = 1 / rewardVar + this.visits[sa] / noiseVar;
    return { mean: (rewardMean / rewardVar + this.rewardSums[sa] / noiseVar) / precision, variance: 1 / precision };
  }

  /** Posterior-mean MDP of env i (plus bonus/(1+N) on rewards) into model copy 0. */
  private meanModel(i: number, bonus: number): void {
    const { S, A } = this;
    const alpha = this.prior.alpha;
    for (let sa = 0; sa < S * A; sa++) {
      const g = i * S * A + sa;
      const n = this.visits[g];
      this.modelR[sa] = this.posteriorMean(g).mean + bonus / (1 + n);
      const norm = 1 / (S * alpha + n);
      for (let t = 0; t < S; t++) this.modelP[sa * S + t] = (alpha + this.transitions[g * S + t]) * norm;
    }
  }

  /** One posterior sample of every row of env i into model copy `copy`. */
  private sampleModel(i: number, copy: number): void {
    const { S, A, rng } = this;
    const alpha = this.prior.alpha;
    const base = copy * S * A;
    for (let sa = 0; sa < S * A; sa++) {
      const g = i * S * A + sa;
      const { mean, variance } = this.posteriorMean(g);
      this.modelR[base + sa] = rng.normal(mean, Math.sqrt(variance));
      for (let t = 0; t < S; t++) this.alphaRow[t] = alpha + this.transitions[g * S + t];
      rng.dirichlet(this.alphaRow, this.modelP.subarray((base + sa) * S, (base + sa + 1) * S));
    }
  }

  // ---- planning ----

  /**
   * Backward induction for `steps` steps from V = 0 over `copies` model copies (for each (s,a)
   * the copy with the largest backed-up value: OPSRL's optimistic backup; one copy otherwise).
   * Leaves V_steps in `this.value`; with `policyEnv`, records env i's greedy action for every
   * number of steps left.
   */
  private backup(steps: number, copies: number, policyEnv?: number): void {
    const { S, A, H } = this;
    const V = this.value;
    const prev = this.nextValue;
    V.fill(0);
    for (let h = 1; h <= steps; h++) {
      prev.set(V);
      for (let s = 0; s < S; s++) {
        const best = this.argmax.start();
        for (let a = 0; a < A; a++) best.offer(this.qValue(s, a, copies, prev), a);
        V[s] = best.value;
        if (policyEnv !== undefined) this.policies[(policyEnv * H + h - 1) * S + s] = best.index;
      }
    }
  }

  private qValue(s: number, a: number, copies: number, V: Float64Array): number {
    const { S, A } = this;
    let best = -Infinity;
    for (let c = 0; c < copies; c++) {
      const sa = c * S * A + s * A + a;
      let q = this.modelR[sa];
      const off = sa * S;
      for (let t = 0; t < S; t++) q += this.modelP[off + t] * V[t];
      if (q > best) best = q;
    }
    return best;
  }

  private planEpisode(i: number): void {
    const rule = this.rule;
    if (rule.kind === 'psrl') {
      this.sampleModel(i, 0);
      this.backup(this.H, 1, i);
    } else if (rule.kind === 'opsrl') {
      for (let c = 0; c < rule.samples; c++) this.sampleModel(i, c);
      this.backup(this.H, rule.samples, i);
    } else if (rule.kind === 'ucrl2') {
      this.extendedValueIteration(i, rule.delta, rule.scale);
    } else {
      this.meanModel(i, rule.kind === 'beb' ? rule.beta : 0);
      this.backup(this.H, 1, i);
    }
  }

  /** UCRL2's optimistic backward induction over the confidence set, recording env i's policy. */
  private extendedValueIteration(i: number, delta: number, scale: number): void {
    const { S, A, H } = this;
    const t = Math.max(1, this.trialSteps[i]);
    const logR = Math.log((2 * S * A * t) / delta);
    const logP = Math.log((2 * A * t) / delta);
    const V = this.value;
    const prev = this.nextValue;
    const order = this.order;
    const p = this.row;
    V.fill(0);
    for (let h = 1; h <= H; h++) {
      prev.set(V);
      for (let s = 0; s < S; s++) order[s] = s;
      order.sort((x, y) => prev[y] - prev[x]);
      for (let s = 0; s < S; s++) {
        const best = this.argmax.start();
        for (let a = 0; a < A; a++) {
          const g = i * S * A + s * A + a;
          const n = this.visits[g];
          const m = Math.max(1, n);
          const rHat = n > 0 ? this.rewardSums[g] / n : 0;
          const r = rHat + scale * Math.sqrt((7 * logR) / (2 * m));
          const radius = scale * Math.sqrt((14 * S * logP) / m);
          let sum = 0;
          for (let u = 0; u < S; u++) {
            p[u] = n > 0 ? this.transitions[g * S + u] / n : 0;
            sum += p[u];
          }
          const top = order[0];
          const raised = Math.min(1, p[top] + radius / 2);
          sum += raised - p[top];
          p[top] = raised;
          for (let l = S - 1; l > 0 && sum > 1; l--) {
            const u = order[l];
            const cut = Math.min(p[u], sum - 1);
            p[u] -= cut;
            sum -= cut;
          }
          let q = r;
          for (let u = 0; u < S; u++) q += p[u] * prev[u];
          best.offer(q, a);
        }
        V[s] = best.value;
        this.policies[(i * H + h - 1) * S + s] = best.index;
      }
    }
  }
}
