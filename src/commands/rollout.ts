/**
 * `metarena rollout ENV_ID --seed S --steps N [--state JSON] [--actions JSON|random]
 * [--arg name=value]… [make options] [--plugin PATH]… [--json]`: one episode from a seeded reset,
 * one line per step `{obs, action, reward, terminated, truncated}` (no line for the reset). It
 * stops at the episode's end, after N steps, or when the given actions run out.
 *
 * `--actions` holds one action per step: a number for a Discrete or one-element Box space, an
 * array otherwise; `random` (the default) samples the action space with an Rng seeded from S.
 * The make options (`--context`, `--context-sampler`, `--split`, `--episodes-per-trial`,
 * `--wrapper`) are those of every env-making command (make-options.ts); `--plugin` adds envs and
 * wrappers from a module. Every input is checked before the env steps, so a mistake prints
 * nothing but the error.
 */
import type { Command } from 'commander';
import { type Env, MetarenaError, Rng, deriveSeed, show } from '../core/index.ts';
import type { CliDeps } from './deps.ts';
import { type MakeFlags, makeOptionFlags, parseEnvArgs, parseMakeOptions } from './make-options.ts';
import { collect, parseInteger, parseJson, parseSeed, toPlain } from './parse.ts';
import { type PluginFlags, pluginFlag, registryWithPlugins } from './plugin-option.ts';

export interface RolloutOptions extends MakeFlags, PluginFlags {
  seed?: string;
  steps?: string;
  state?: string;
  actions?: string;
  arg?: string[];
  json?: boolean;
}

/** Steps when `--steps` is not given (an episode usually ends sooner, at the env's time limit). */
export const DEFAULT_ROLLOUT_STEPS = 1000;

export interface RolloutStep {
  obs: unknown;
  action: unknown;
  reward: number;
  terminated: boolean;
  truncated: boolean;
}

/** Runs the rollout described by the options, calling `emit` once per step. */
export async function rollout(deps: CliDeps, envId: string, opts: RolloutOptions, emit: (step: RolloutStep) => void): Promise<void> {
  const { registry } = await registryWithPlugins(deps, opts.plugin);
  const plugin = registry.env(envId);
  const seed = parseSeed(opts.seed) ?? 0;
  const steps = parseInteger(opts.steps, '--steps', 1) ?? DEFAULT_ROLLOUT_STEPS;
  const args = parseEnvArgs(opts.arg, '--arg', plugin);
  const makeOptions = parseMakeOptions(opts);
  let state: number[] | undefined;
  if (opts.state !== undefined) {
    const parsed = parseJson(opts.state, '--state', 'a JSON array of numbers');
    if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'number')) {
      throw new MetarenaError('METARENA_INVALID_STATE', `--state must be a JSON array of numbers (the env's physical state), got ${show(parsed)}`, { field: '--state', allowed: 'JSON array of numbers' });
    }
    state = parsed;
  }

  const env: Env = registry.make(envId, { args, ...makeOptions });
  try {
    let given: unknown[] | undefined;
    if (opts.actions !== undefined && opts.actions !== 'random') {
      const parsed = parseJson(opts.actions, '--actions', 'a JSON array with one action per step, or random');
      if (!Array.isArray(parsed)) {
        throw new MetarenaError('METARENA_INVALID_ARGUMENT', `--actions must be a JSON array with one action per step, or random; got ${show(parsed)}`, { field: '--actions', allowed: 'JSON array, or random' });
      }
      parsed.forEach((a, t) => env.actionSpace.check(a, `--actions[${t}]`));
      given = parsed;
    }
    const actionRng = new Rng(deriveSeed(seed, 'rollout-actions'));
    env.reset({ seed, options: state ? { state } : {} });
    const limit = given ? Math.min(steps, given.length) : steps;
    for (let t = 0; t < limit; t++) {
      const action = given ? env.actionSpace.check(given[t], `--actions[${t}]`) : env.actionSpace.sample(actionRng);
      const r = env.step(action);
      emit({ obs: toPlain(r.obs), action: given ? given[t] : toPlain(action), reward: r.reward, terminated: r.terminated, truncated: r.truncated });
      if (r.terminated || r.truncated) break;
    }
  } finally {
    env.close();
  }
}

export function rolloutCommand(program: Command, deps: CliDeps): Command {
  const command = program
    .command('rollout')
    .description('run one seeded episode and print every step')
    .argument('<env-id>', 'environment id, e.g. CartPole-v1 (see `metarena envs`)')
    .option('--seed <s>', 'seed of the reset (and of random actions)', '0')
    .option('--steps <n>', `stop after n steps (default ${DEFAULT_ROLLOUT_STEPS})`)
    .option('--state <json>', "exact start state in the env's documented layout, e.g. '[0, 0, 0.1, 0]'")
    .option('--actions <json|random>', "one action per step as JSON, e.g. '[0, 1, 1]', or random", 'random')
    .option('--arg <name=value>', 'env argument, e.g. arms=5 (repeatable)', collect);
  return pluginFlag(makeOptionFlags(command))
    .option('--json', 'print one JSON object per line')
    .action(async (envId: string, opts: RolloutOptions) => {
      let t = 0;
      await rollout(deps, envId, opts, (step) => {
        t += 1;
        if (opts.json) {
          deps.stdout(`${JSON.stringify(step)}\n`);
        } else {
          const flags = `${step.terminated ? ' terminated' : ''}${step.truncated ? ' truncated' : ''}`;
          deps.stdout(`${String(t).padStart(5)}  action=${JSON.stringify(step.action)}  reward=${step.reward}  obs=${JSON.stringify(step.obs)}${flags}\n`);
        }
      });
    });
}
