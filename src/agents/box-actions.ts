/**
 * Box actions of the continuous-control learners (SAC, TD3): the map between the networks'
 * action range [-1, 1] and the env's Box bounds (`action = bias + scale · a`). Replay and critics
 * work in [-1, 1] (as Stable-Baselines3 does), so the critics' inputs are well scaled whatever
 * the env's units. Also the observation-row check and the acting agent built on the map.
 */
import { Box, MetarenaError, type Space, show } from '../core/index.ts';
import { type Agent, type AgentEnvSpec, memorylessAgent } from './agent.ts';

/** Why a continuous-control learner cannot train in `spec` (undefined when it can). */
export function continuousFits(agent: string, spec: AgentEnvSpec): string | undefined {
  if (!(spec.observationSpace instanceof Box)) return `${agent} needs a Box observation space, got ${spec.observationSpace.type}`;
  if (!(spec.actionSpace instanceof Box)) return `${agent} needs a Box action space, got ${spec.actionSpace.type}`;
  if (!(spec.actionSpace.boundedBelow && spec.actionSpace.boundedAbove)) return `${agent} needs a bounded Box action space`;
  return undefined;
}

export interface BoxActions {
  size: number;
  /** Env action = bias + scale · a for a network action a in [-1, 1]. */
  scale: Float64Array;
  bias: Float64Array;
}

/**
 * The action map for `space`. `bound` > 0 narrows every dimension to [-bound, bound] ∩ the
 * space's bounds (for envs whose action space is wider than the range that has an effect).
 */
export function boxActions(space: Space, bound: number, agent: string): BoxActions {
  if (!(space instanceof Box) || !space.boundedBelow || !space.boundedAbove) {
    throw new MetarenaError('METARENA_NOT_SUPPORTED', `${agent}: action space must be a bounded Box, got ${show(space.toJSON())}`, { field: 'action_space', allowed: 'bounded Box' });
  }
  const scale = new Float64Array(space.size);
  const bias = new Float64Array(space.size);
  for (let j = 0; j < space.size; j++) {
    const low = bound > 0 ? Math.max(space.low[j], -bound) : space.low[j];
    const high = bound > 0 ? Math.min(space.high[j], bound) : space.high[j];
    if (!(low < high)) throw new MetarenaError('METARENA_INVALID_OPTION', `${agent}.actionBound ${show(bound)} leaves no range in action dimension ${j} (bounds [${space.low[j]}, ${space.high[j]}])`, { field: `${agent}.actionBound` });
    scale[j] = (high - low) / 2;
    bias[j] = (high + low) / 2;
  }
  return { size: space.size, scale, bias };
}

/** Env actions for `n` rows of network actions in [-1, 1]. */
export function toEnvActions(a: ArrayLike<number>, n: number, map: BoxActions): Float32Array {
  const out = new Float32Array(n * map.size);
  for (let k = 0; k < out.length; k++) {
    const j = k % map.size;
    out[k] = map.bias[j] + map.scale[j] * Math.max(-1, Math.min(1, a[k]));
  }
  return out;
}

/** A row-major Float32Array of `n` observations of `size` numbers, validated. */
export function observationRows(obs: unknown, n: number, size: number, agent: string): Float32Array {
  if (!ArrayBuffer.isView(obs) || (obs as unknown as ArrayLike<number>).length !== n * size) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${agent}: expected ${n} observations of ${size} numbers, got ${show(obs)}`, { field: 'obs' });
  }
  return obs instanceof Float32Array ? obs : Float32Array.from(obs as unknown as ArrayLike<number>);
}

/** An eval-harness agent acting with `act` (network actions in [-1, 1]) mapped by `map`. */
export function actingAgent(name: string, obsSize: number, map: BoxActions, act: (obs: Float32Array, n: number) => Float32Array): Agent {
  return memorylessAgent(name, (obs) => {
    const n = (obs as unknown as ArrayLike<number>).length / obsSize;
    return toEnvActions(act(observationRows(obs, n, obsSize, name), n), n, map);
  });
}
