/**
 * `checkpoint:dir=PATH` as an eval agent: the greedy policy of a learner saved by
 * `metarena train` (PATH is its `--out` DIR or the checkpoint directory itself), or with
 * `stochastic=true` its exploring policy. Checkpoints load asynchronously, so the caller loads
 * them first (`loadCheckpointAgents`) and the plugin's `create` only hands out their policies.
 * The label cannot hold a `:` inside PATH (it separates options).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetarenaError, show } from '../../core/index.ts';
import type { AgentEnvSpec, AgentPlugin } from '../agent.ts';
import type { Learner } from '../learner.ts';
import type { LearnerRegistry } from '../learners.ts';
import type { AgentChoice } from '../registry.ts';

export const CHECKPOINT_AGENT = 'checkpoint';

const OPTIONS = {
  dir: { type: 'string', default: '', description: 'the metarena train --out DIR, or its checkpoint directory' },
  stochastic: { type: 'boolean', default: false, description: "act with the learner's exploring policy instead of the greedy one" },
} as const;

export interface LoadedCheckpoint {
  learner: Learner;
  /** The learner that wrote it (e.g. `dqn`). */
  name: string;
  /** The spaces recorded in the checkpoint, as JSON (undefined when the learner records none). */
  observationSpace: unknown;
  actionSpace: unknown;
}

/** The agent plugin; `loaded` maps each `dir` option to its loaded checkpoint. */
export function checkpointAgentPlugin(loaded: ReadonlyMap<string, LoadedCheckpoint>): AgentPlugin<typeof OPTIONS> {
  const get = (dir: string): LoadedCheckpoint => {
    const c = loaded.get(dir);
    if (!c) throw new MetarenaError('METARENA_INVALID_STATE', `checkpoint agent: ${show(dir)} was not loaded before agents were created`, { field: 'dir' });
    return c;
  };
  return {
    name: CHECKPOINT_AGENT,
    description: 'the policy of a learner checkpoint written by metarena train (checkpoint:dir=PATH)',
    options: OPTIONS,
    fits(spec: AgentEnvSpec) {
      for (const c of loaded.values()) {
        for (const [what, saved, now] of [['observation', c.observationSpace, spec.observationSpace], ['action', c.actionSpace, spec.actionSpace]] as const) {
          if (saved !== undefined && JSON.stringify(saved) !== JSON.stringify(now.toJSON())) return `the ${c.name} checkpoint was trained with ${what} space ${JSON.stringify(saved)}, the env has ${JSON.stringify(now.toJSON())}`;
        }
      }
      return undefined;
    },
    create: (_spec, options, seed) => get(options.dir).learner.policy({ deterministic: !options.stochastic, seed, name: `checkpoint:${options.dir}` }),
  };
}

/**
 * Loads the checkpoint of every `checkpoint` choice into `loaded` (once per dir). A missing or
 * unreadable checkpoint throws, naming the agent; nothing else runs first.
 */
export async function loadCheckpointAgents(learners: LearnerRegistry, choices: readonly AgentChoice[], loaded: Map<string, LoadedCheckpoint>): Promise<void> {
  for (const [i, choice] of choices.entries()) {
    if (choice.name !== CHECKPOINT_AGENT) continue;
    const field = `--agents[${i}] (${choice.label})`;
    const dir = choice.given.dir;
    if (typeof dir !== 'string' || dir === '') throw new MetarenaError('METARENA_INVALID_OPTION', `${field}: checkpoint needs dir=PATH`, { field, allowed: 'checkpoint:dir=PATH' });
    if (loaded.has(dir)) continue;
    const located = learners.locate(dir, field);
    const meta = (JSON.parse(readFileSync(join(located.dir, 'model.json'), 'utf8')) as { meta?: Record<string, unknown> }).meta ?? {};
    const { learner, name } = await learners.load(dir, field);
    loaded.set(dir, { learner, name, observationSpace: meta.observationSpace, actionSpace: meta.actionSpace });
  }
}
