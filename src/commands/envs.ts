/**
 * `metarena envs [--plugin PATH]… [--json]`: the registered environments (built-in and from
 * each `--plugin` module) with their spaces, context features, time limits and arguments.
 * `--json` prints one array (spaces as their `toJSON`, unbounded limits as null); without it, a
 * table whose last column names each env's context features.
 */
import type { Command } from 'commander';
import { type ArgSpec, type EnvPlugin, type Space, resolveArgs } from '../core/index.ts';
import type { CliDeps } from './deps.ts';
import { type PluginFlags, pluginFlag, registryWithPlugins } from './plugin-option.ts';

const finiteOrNull = (v: number | undefined) => (v === undefined ? undefined : Number.isFinite(v) ? v : null);

function argJSON(name: string, spec: ArgSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { name, type: spec.type, default: spec.default, description: spec.description };
  if ('min' in spec && spec.min !== undefined) out.min = finiteOrNull(spec.min);
  if ('max' in spec && spec.max !== undefined) out.max = finiteOrNull(spec.max);
  if ('choices' in spec && spec.choices !== undefined) out.choices = [...spec.choices];
  return out;
}

/** The JSON description of an env plugin, with its default args. */
export function describeEnv(plugin: EnvPlugin): Record<string, unknown> {
  const args = resolveArgs(plugin.args, {}, 'args');
  return {
    id: plugin.id,
    description: plugin.description,
    observationSpace: plugin.observationSpace(args).toJSON(),
    actionSpace: plugin.actionSpace(args).toJSON(),
    context: plugin.contextSpace.toJSON(),
    maxEpisodeSteps: plugin.maxEpisodeSteps(args) ?? null,
    args: Object.entries(plugin.args).map(([name, spec]) => argJSON(name, spec)),
  };
}

/** A short form of a space for the table: `Box(4,) float32`, `Discrete(2)`, `Dict(obs: …)`. */
function summary(space: Space): string {
  const s = space.toJSON();
  switch (s.type) {
    case 'Box':
      return `Box(${s.shape.join(',')}${s.shape.length === 1 ? ',' : ''}) ${s.dtype}`;
    case 'Dict':
      return `Dict(${Object.keys(s.spaces).join(', ')})`;
    case 'Tuple':
      return `Tuple(${s.spaces.length})`;
    default:
      return String(space);
  }
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n') + '\n';
}

export function envsCommand(program: Command, deps: CliDeps): Command {
  const command = program.command('envs').description('list the registered environments');
  return pluginFlag(command)
    .option('--json', 'print a JSON array (spaces, context features, time limit, args)')
    .action(async (opts: PluginFlags & { json?: boolean }) => {
      const plugins = (await registryWithPlugins(deps, opts.plugin)).registry.listEnvs();
      if (opts.json) {
        deps.stdout(`${JSON.stringify(plugins.map(describeEnv), null, 2)}\n`);
        return;
      }
      const rows = [['ID', 'OBSERVATION', 'ACTION', 'STEPS', 'DESCRIPTION', 'CONTEXT FEATURES']];
      for (const p of plugins) {
        const args = resolveArgs(p.args, {}, 'args');
        rows.push([
          p.id,
          summary(p.observationSpace(args)),
          summary(p.actionSpace(args)),
          String(p.maxEpisodeSteps(args) ?? '-'),
          p.description,
          p.contextSpace.names.join(', ') || '-',
        ]);
      }
      deps.stdout(table(rows));
    });
}
