/** Agents: the contract, the registry, the built-in baselines and the eval harness. */
import { baselineAgents } from './baselines/index.ts';
import { AgentRegistry } from './registry.ts';

export * from './agent.ts';
export * from './registry.ts';
export { baselineAgents } from './baselines/index.ts';
// the learners themselves (tfjs) are in './learners.ts' (`createLearnerRegistry`), imported on demand
export type { Learner, LearnerPlugin, TrainHooks, TrainLog } from './learner.ts';

/** A new registry with every built-in agent. */
export function createAgentRegistry(): AgentRegistry {
  return new AgentRegistry(baselineAgents);
}
