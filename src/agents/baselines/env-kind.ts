/**
 * What kind of tabular problem an env is, read from its spaces: a bandit (one constant
 * observation, discrete actions) or a finite-horizon tabular MDP (discrete observations and
 * actions, episodes of a fixed length).
 */
import { Box, Discrete } from '../../core/index.ts';
import type { AgentEnvSpec } from '../agent.ts';

/** How a bandit's rewards are modelled: Beta-Bernoulli, or Normal means with unit noise. */
export type BanditRewardModel = 'bernoulli' | 'gaussian';

export interface BanditShape {
  kind: 'bandit';
  arms: number;
  reward: BanditRewardModel;
}

export interface MdpShape {
  kind: 'mdp';
  states: number;
  actions: number;
  horizon: number;
}

/** The bandit shape of `spec`, or a one-line reason why it is not a bandit. */
export function banditShape(spec: AgentEnvSpec): BanditShape | string {
  const act = spec.actionSpace;
  const obs = spec.observationSpace;
  if (!(act instanceof Discrete) || act.start !== 0) return `needs a Discrete action space starting at 0, got ${String(act)}`;
  const constant = obs instanceof Box && obs.low.every((v, i) => v === obs.high[i]);
  if (!constant) return `needs a bandit (a constant Box observation), got observation space ${String(obs)}`;
  return { kind: 'bandit', arms: act.n, reward: spec.envArgs.reward === 'gaussian' ? 'gaussian' : 'bernoulli' };
}

/** The MDP shape of `spec`, or a one-line reason why it is not a finite-horizon tabular MDP. */
export function mdpShape(spec: AgentEnvSpec): MdpShape | string {
  const act = spec.actionSpace;
  const obs = spec.observationSpace;
  if (!(act instanceof Discrete) || !(obs instanceof Discrete)) {
    return `needs Discrete observations and actions (a tabular MDP), got ${String(obs)} → ${String(act)}`;
  }
  if (obs.start !== 0 || act.start !== 0) return 'needs Discrete spaces that start at 0';
  if (spec.maxEpisodeSteps === undefined) return 'needs episodes of a fixed length (maxEpisodeSteps) for finite-horizon planning';
  return { kind: 'mdp', states: obs.n, actions: act.n, horizon: spec.maxEpisodeSteps };
}
