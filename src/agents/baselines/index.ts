/**
 * The classic baselines of RL² (Duan et al. 2016) as agent plugins: for bandits `random`,
 * `greedy`, `eps-greedy`, `ucb1`, `ts`, `ots`, `gittins`; for finite-horizon tabular MDPs
 * `random`, `greedy`, `eps-greedy`, `psrl`, `opsrl`, `ucrl2`, `beb`. Each rule's definition is in
 * bandit-agent.ts / mdp-agent.ts. Free parameters are options with a tuning grid: left unset on
 * the command line, `metarena eval` picks them on training tasks.
 */
import { type ArgSpecs, resolveArgs } from '../../core/index.ts';
import type { AgentEnvSpec, AgentPlugin } from '../agent.ts';
import { BanditAgent } from './bandit-agent.ts';
import { type BanditShape, type MdpShape, banditShape, mdpShape } from './env-kind.ts';
import { defaultGittinsDepth, gittinsTable } from './gittins-index.ts';
import { MdpAgent, type MdpPrior, type MdpRule } from './mdp-agent.ts';
import { RandomAgent } from './random-agent.ts';
import type { OptionsOf } from '../plugin-registry.ts';

const define = <S extends ArgSpecs>(plugin: AgentPlugin<S>): AgentPlugin => Object.freeze(plugin) as unknown as AgentPlugin;

const PRIOR_OPTIONS = {
  alpha: { type: 'number', default: 1, min: 1e-6, description: 'MDP: Dirichlet prior count on every next state.' },
  reward_mean: { type: 'number', default: 1, description: 'MDP: prior mean of a reward mean μ(s,a).' },
  reward_var: { type: 'number', default: 1, min: 1e-9, description: 'MDP: prior variance of μ(s,a).' },
  noise_var: { type: 'number', default: 1, min: 1e-9, description: 'MDP: variance of a reward around μ(s,a).' },
} as const satisfies ArgSpecs;

type PriorValues = OptionsOf<typeof PRIOR_OPTIONS>;

const priorOf = (o: PriorValues): MdpPrior => ({ alpha: o.alpha, rewardMean: o.reward_mean, rewardVar: o.reward_var, noiseVar: o.noise_var });

/** Bandit shape, MDP shape, or why neither fits. */
function tabularShape(spec: AgentEnvSpec): BanditShape | MdpShape | string {
  const b = banditShape(spec);
  if (typeof b !== 'string') return b;
  const m = mdpShape(spec);
  if (typeof m !== 'string') return m;
  return `needs a bandit or a finite-horizon tabular MDP (${m})`;
}

const PRIOR_DEFAULTS = resolveArgs(PRIOR_OPTIONS, {}, 'prior') as PriorValues;

const reason = (shape: object | string): string | undefined => (typeof shape === 'string' ? shape : undefined);

const random = define({
  name: 'random',
  description: 'Uniformly random actions (any action space).',
  options: {},
  fits: () => undefined,
  create: (spec, _o, seed) => new RandomAgent(spec.actionSpace, spec.numEnvs, seed),
});

function createGreedy(spec: AgentEnvSpec, name: string, epsilon: number, prior: MdpPrior, seed: number) {
  const shape = tabularShape(spec) as BanditShape | MdpShape;
  if (shape.kind === 'bandit') return new BanditAgent(name, spec.numEnvs, shape, epsilon > 0 ? { kind: 'eps-greedy', epsilon } : { kind: 'greedy' }, seed);
  const rule: MdpRule = epsilon > 0 ? { kind: 'eps-greedy', epsilon } : { kind: 'greedy' };
  return new MdpAgent(name, spec.numEnvs, shape, rule, prior, seed);
}

const greedy = define({
  name: 'greedy',
  description: 'Acts on the posterior mean (bandit: best mean arm; MDP: optimal policy of the mean MDP).',
  options: PRIOR_OPTIONS,
  fits: (spec) => reason(tabularShape(spec)),
  create: (spec, o, seed) => createGreedy(spec, 'greedy', 0, priorOf(o), seed),
});

const epsGreedy = define({
  name: 'eps-greedy',
  description: 'Greedy on the posterior mean, a uniformly random action with probability epsilon.',
  options: { epsilon: { type: 'number', default: 0.1, min: 0, max: 1, description: 'Probability of a random action.' }, ...PRIOR_OPTIONS },
  tune: { option: 'epsilon', grid: [0.01, 0.02, 0.05, 0.1, 0.2, 0.3] },
  fits: (spec) => reason(tabularShape(spec)),
  create: (spec, o, seed) => createGreedy(spec, 'eps-greedy', o.epsilon, priorOf(o), seed),
});

const banditOnly = (spec: AgentEnvSpec) => reason(banditShape(spec));
const bandit = (spec: AgentEnvSpec) => banditShape(spec) as BanditShape;

const ucb1 = define({
  name: 'ucb1',
  description: 'UCB1: estimate + c·sqrt(2 ln t / n) (bandit).',
  options: {
    c: { type: 'number', default: 1, min: 0, description: 'Exploration coefficient (1 in Auer et al. 2002).' },
    estimate: { type: 'string', default: 'posterior', choices: ['posterior', 'empirical'], description: 'Arm estimate: posterior mean, or empirical mean (textbook).' },
  },
  tune: { option: 'c', grid: [0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1] },
  fits: banditOnly,
  create: (spec, o, seed) => new BanditAgent('ucb1', spec.numEnvs, bandit(spec), { kind: 'ucb1', c: o.c, estimate: o.estimate as 'posterior' | 'empirical' }, seed),
});

const ts = define({
  name: 'ts',
  description: 'Thompson sampling with a Beta(1,1) prior (Normal prior for Gaussian rewards) (bandit).',
  options: {},
  fits: banditOnly,
  create: (spec, _o, seed) => new BanditAgent('ts', spec.numEnvs, bandit(spec), { kind: 'ts' }, seed),
});

const ots = define({
  name: 'ots',
  description: 'Optimistic Thompson sampling: max of several posterior draws and the mean (bandit).',
  options: { samples: { type: 'integer', default: 1, min: 1, max: 1000, description: 'Posterior draws per arm and pull.' } },
  tune: { option: 'samples', grid: [1, 2, 3, 5, 10] },
  fits: banditOnly,
  create: (spec, o, seed) => new BanditAgent('ots', spec.numEnvs, bandit(spec), { kind: 'ots', samples: o.samples }, seed),
});

const gittins = define({
  name: 'gittins',
  description: 'Beta-Bernoulli Gittins index with discount gamma (Bernoulli bandit).',
  options: {
    discount: { type: 'number', default: 0.9, min: 1e-6, max: 0.999999, description: 'Discount factor γ of the index.' },
    depth: { type: 'integer', default: 0, min: 0, max: 2000, description: 'DP truncation depth in pulls; 0 picks one from γ (γ^depth ≤ 1e-3, within [30, 120]).' },
  },
  tune: { option: 'discount', grid: [0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99] },
  fits: (spec) => {
    const shape = banditShape(spec);
    if (typeof shape === 'string') return shape;
    return shape.reward === 'bernoulli' ? undefined : 'the Beta-Bernoulli Gittins index needs Bernoulli rewards (reward=bernoulli)';
  },
  create: (spec, o, seed) =>
    new BanditAgent('gittins', spec.numEnvs, bandit(spec), { kind: 'gittins', table: gittinsTable(o.discount, o.depth === 0 ? defaultGittinsDepth(o.discount) : o.depth) }, seed),
});

const mdpOnly = (spec: AgentEnvSpec) => reason(mdpShape(spec));
const mdp = (spec: AgentEnvSpec) => mdpShape(spec) as MdpShape;

const psrl = define({
  name: 'psrl',
  description: 'Posterior sampling: one sampled MDP per episode, solved by DP (tabular MDP).',
  options: PRIOR_OPTIONS,
  fits: mdpOnly,
  create: (spec, o, seed) => new MdpAgent('psrl', spec.numEnvs, mdp(spec), { kind: 'psrl' }, priorOf(o), seed),
});

const opsrl = define({
  name: 'opsrl',
  description: 'Optimistic posterior sampling: best of several sampled rows per (s,a), per episode (tabular MDP).',
  options: { samples: { type: 'integer', default: 5, min: 1, max: 100, description: 'Posterior samples per (s,a) and episode.' }, ...PRIOR_OPTIONS },
  tune: { option: 'samples', grid: [1, 2, 3, 5, 10] },
  fits: mdpOnly,
  create: (spec, o, seed) => new MdpAgent('opsrl', spec.numEnvs, mdp(spec), { kind: 'opsrl', samples: o.samples }, priorOf(o), seed),
});

const ucrl2 = define({
  name: 'ucrl2',
  description: 'UCRL2: extended value iteration over confidence sets, per episode (tabular MDP).',
  options: {
    delta: { type: 'number', default: 0.1, min: 1e-12, max: 1, description: 'Confidence parameter δ.' },
    scale: { type: 'number', default: 1, min: 0, description: 'Multiplier of both confidence radii (1 = Jaksch et al. 2010).' },
  },
  tune: { option: 'scale', grid: [0.03, 0.1, 0.2, 0.3, 0.5, 1] },
  fits: mdpOnly,
  create: (spec, o, seed) => new MdpAgent('ucrl2', spec.numEnvs, mdp(spec), { kind: 'ucrl2', delta: o.delta, scale: o.scale }, priorOf(PRIOR_DEFAULTS), seed),
});

const beb = define({
  name: 'beb',
  description: 'Bayesian exploration bonus: posterior-mean MDP with reward bonus beta/(1+N) (tabular MDP).',
  options: { beta: { type: 'number', default: 1, min: 0, description: 'Bonus scale β.' }, ...PRIOR_OPTIONS },
  tune: { option: 'beta', grid: [0.1, 0.3, 1, 2, 5, 10, 20] },
  fits: mdpOnly,
  create: (spec, o, seed) => new MdpAgent('beb', spec.numEnvs, mdp(spec), { kind: 'beb', beta: o.beta }, priorOf(o), seed),
});

/** Every baseline, in the order tables list them. */
export const baselineAgents: readonly AgentPlugin[] = [random, greedy, epsGreedy, ucb1, ts, ots, gittins, psrl, opsrl, ucrl2, beb];
