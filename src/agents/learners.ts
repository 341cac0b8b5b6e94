/**
 * The learner registry (an object, not a global): learner plugins by name, the parser for
 * `metarena train --agent NAME --set key=value…` (typed, range-checked values), loading any
 * learner's checkpoint by the name recorded in it, and the greedy evaluation `metarena train`
 * runs periodically.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type ArgSpecs, type ArgsOf, MetarenaError, closest, parseArgValue, resolveArgs, show } from '../core/index.ts';
import { doubleDqnLearner, dqnLearner, duelingDqnLearner } from './dqn.ts';
export { evaluateReturns } from './episode-returns.ts';
import type { Learner, LearnerPlugin } from './learner.ts';
import { ppoLearner } from './ppo/learner.ts';
import { sacLearner } from './sac.ts';
import { qLearningLearner, sarsaLearner } from './tabular-q.ts';
import { td3Learner } from './td3.ts';

const NAME_PATTERN = /^[a-z][a-z0-9-]*$/;
/** The file `metarena train` writes next to DIR/checkpoint: which learner, env and options. */
export const RUN_FILE = 'run.json';
export const CHECKPOINT_SUBDIR = 'checkpoint';

export class LearnerRegistry {
  private readonly plugins = new Map<string, LearnerPlugin>();

  constructor(plugins: Iterable<LearnerPlugin> = []) {
    for (const p of plugins) this.register(p);
  }

  register(plugin: LearnerPlugin): this {
    if (typeof plugin !== 'object' || plugin === null || typeof plugin.create !== 'function' || typeof plugin.load !== 'function' || typeof plugin.fits !== 'function') {
      throw new MetarenaError('METARENA_PLUGIN_ERROR', `not a learner plugin: expected {name, description, options, fits, create, load}, got ${show(plugin)}`);
    }
    if (!NAME_PATTERN.test(plugin.name)) {
      throw new MetarenaError('METARENA_INVALID_ID', `learner name ${show(plugin.name)} must be lower-case letters, digits and dashes, starting with a letter`, { field: 'name', allowed: NAME_PATTERN.source });
    }
    if (this.plugins.has(plugin.name)) throw new MetarenaError('METARENA_DUPLICATE_ID', `learner ${plugin.name} is already registered`, { field: 'name', plugin: plugin.name });
    this.plugins.set(plugin.name, plugin as LearnerPlugin);
    return this;
  }

  list(): LearnerPlugin[] {
    return [...this.plugins.values()];
  }

  has(name: string): boolean {
    return this.plugins.has(name);
  }

  get(name: string, field = '--agent'): LearnerPlugin {
    const p = this.plugins.get(name);
    if (p) return p;
    const near = closest(name, this.plugins.keys());
    throw new MetarenaError('METARENA_INVALID_OPTION', `${field}: unknown learner ${show(name)}${near ? ` (did you mean ${near}?)` : ''}; learners: ${[...this.plugins.keys()].join(', ')}`, {
      field,
      allowed: [...this.plugins.keys()].join(', '),
    });
  }

  /**
   * `key=value` settings of learner `name` as typed values (only the keys given), each checked
   * against the learner's option specs now.
   */
  parseSettings(name: string, pairs: readonly (readonly [string, string])[], field = '--set'): Record<string, unknown> {
    const plugin = this.get(name);
    const given: Record<string, unknown> = {};
    for (const [key, raw] of pairs) {
      const spec = plugin.options[key];
      // an unknown key is reported by resolveArgs with a suggestion
      given[key] = spec ? parseArgValue(spec, raw) : raw;
    }
    resolveArgs(plugin.options, given, `${field} (${name})`);
    return given;
  }

  /** Every option of learner `name`: `given` checked and completed with defaults. */
  options(name: string, given: Record<string, unknown> = {}): ArgsOf<ArgSpecs> {
    return resolveArgs(this.get(name).options, given, `${name} options`);
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
    if (typeof name !== 'string' || !this.plugins.has(name)) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${field}: the checkpoint in ${show(dir)} names learner ${show(name)}, which is not one of ${[...this.plugins.keys()].join(', ')}`, { field });
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
export const builtinLearners: readonly LearnerPlugin[] = [ppoLearner, dqnLearner, doubleDqnLearner, duelingDqnLearner, sacLearner, td3Learner, qLearningLearner, sarsaLearner] as unknown as LearnerPlugin[];

/** A new registry with every built-in learner. */
export function createLearnerRegistry(): LearnerRegistry {
  return new LearnerRegistry(builtinLearners);
}
