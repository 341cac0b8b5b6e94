import { createAgentRegistry } from '../../src/agents/index.ts';
import type { EnvSource } from '../../src/agents/eval/evaluate.ts';
import type { SplitName } from '../../src/core/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';

export const envRegistry = createBuiltinRegistry();
export const agentRegistry = createAgentRegistry();

/** In-process env source for the eval harness. */
export function localSource(envId: string, episodesPerTrial: number, envArgs: Record<string, unknown> = {}, autoresetMode?: 'next_step' | 'same_step'): EnvSource {
  return {
    envId,
    envArgs,
    episodesPerTrial,
    open: async (numEnvs: number, split: SplitName | undefined, splitSize?: number) =>
      envRegistry.makeVec(envId, numEnvs, { args: envArgs, episodesPerTrial, autoresetMode, ...(split ? { split, splitSizes: splitSize ? { [split]: splitSize } : undefined } : {}) }),
  };
}
