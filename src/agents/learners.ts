/**
 * The learner registry (a `PluginRegistry` of learner plugins): the parser for
 * `metarena train --agent NAME --set key=value…` (typed, range-checked values), loading any
 * learner's checkpoint by the name recorded in it, and (re-exported) the greedy evaluation
 * `metarena train` runs periodically.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type ArgSpecs, type ArgsOf, MetarenaError, show } from '../core/index.ts';
import { doubleDqnLearner, dqnLearner, duelingDqnLearner } from './dqn.ts';
export { evaluateReturns } from './episode-returns.ts';
import type { Learner, LearnerPlugin } from './learner.ts';
import { pearlLearner } from './pearl/learner.ts';
import { PluginRegistry } from './plugin-registry.ts';
import { ppoLearner } from './ppo/learner.ts';
import { rl2Learner } from './rl2/learner.ts';
import { sacLearner } from './sac.ts';
import { qLearningLearner, sarsaLearner } from './tabular-q.ts';
import { td3Learner } from './td3.ts';

/** The file `metarena train` writes next to DIR/checkpoint: which learner, env and options. */
export const RUN_FILE = 'run.json';
export const CHECKPOINT_SUBDIR = 'checkpoint';

export class LearnerRegistry extends PluginRegistry<LearnerPlugin> {
  constructor(plugins: Iterable<LearnerPlugin> = []) {
    super('learner', ['create', 'load'], plugins, '--agent');
  }

  /**
   * `key=value` settings of learner `name` as typed values (only the keys given), each checked
   * against the learner's option specs now.
   */
  override parseSettings(name: string, pairs: readonly (readonly [string, string])[], field = '--set'): Record<string, unknown> {
    return super.parseSettings(name, pairs, `${field} (${name})`);
  }

  /** Every option of learner `name`: `given` checked and completed with defaults. */
  options(name: string, given: Record<string, unknown> = {}): ArgsOf<ArgSpecs> {
    return this.resolveOptions(name, given, `${name} options`);
  }

  /**
   * Loads the learner saved in `path`: a checkpoint directory, or a `metarena train --out` DIR
   * (its `checkpoint/`). The learner is the one named by DIR/run.json or by the checkpoint's
   * `meta.agent`.
   */
  async load(path: string, field = 'checkpoint'): Promise<{ learner: Learner; name: string; dir: string }> {
    const { dir, name } = this.locate(path, field);
    return { learner: await this.get(name, field).load(dir), name, dir };
  }

  /** The checkpoint directory in `path` and the learner that wrote it; throws when there is none. */
  locate(path: string, field = 'checkpoint'): { dir: string; name: string } {
    const dir = existsSync(join(path, CHECKPOINT_SUBDIR, 'model.json')) ? join(path, CHECKPOINT_SUBDIR) : path;
    const modelFile = join(dir, 'model.json');
    if (!existsSync(modelFile)) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: no checkpoint in ${show(path)} (expected ${show(join(path, 'model.json'))} or ${show(join(path, CHECKPOINT_SUBDIR, 'model.json'))})`, { field });
    }
    let name: unknown;
    for (const runFile of [join(dirname(dir), RUN_FILE), join(dir, RUN_FILE)]) {
      if (name === undefined && existsSync(runFile)) name = readJson(runFile, field).agent;
    }
    if (name === undefined) name = (readJson(modelFile, field).meta as Record<string, unknown> | undefined)?.agent;
    if (typeof name !== 'string' || !this.has(name)) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: the checkpoint in ${show(dir)} names learner ${show(name)}, which is not one of ${this.names().join(', ')}`, { field });
    }
    return { dir, name };
  }
}

function readJson(file: string, field: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: cannot read ${show(file)}: ${(e as Error).message}`, { field });
  }
}

/** The built-in learners. */
export const builtinLearners: readonly LearnerPlugin[] = [ppoLearner, rl2Learner, dqnLearner, doubleDqnLearner, duelingDqnLearner, sacLearner, td3Learner, pearlLearner, qLearningLearner, sarsaLearner] as unknown as LearnerPlugin[];

/** A new registry with every built-in learner. */
export function createLearnerRegistry(): LearnerRegistry {
  return new LearnerRegistry(builtinLearners);
}
