/**
 * `--plugin PATH_OR_PACKAGE` (repeatable) for every command that lists, makes or serves envs:
 * the built-in registry plus the env and wrapper plugins of each module, all checked before any
 * is registered (a bad module leaves nothing half-registered and the error names it).
 */
import type { Command } from 'commander';
import { Registry } from '../core/index.ts';
import type { CliDeps } from './deps.ts';
import { collect } from './parse.ts';

export interface PluginFlags {
  plugin?: string[];
}

/** What one `--plugin` module added. */
export interface LoadedModule {
  spec: string;
  envs: string[];
  wrappers: string[];
}

export function pluginFlag(command: Command): Command {
  return command.option('--plugin <path-or-package>', 'load env/wrapper plugins from a module whose default export is a plugin or a list of them (repeatable)', collect, []);
}

/**
 * The registry with the modules' plugins added: the built-in one when no module is given, else
 * a new registry holding the built-ins and the modules' plugins.
 */
export async function registryWithPlugins(deps: CliDeps, specs: readonly string[] | undefined): Promise<{ registry: Registry; loaded: LoadedModule[] }> {
  const builtin = await deps.registry();
  if (!specs || specs.length === 0) return { registry: builtin, loaded: [] };
  const { loadPluginModules, registerAll } = await import('../server/plugins.ts');
  const plugins = await loadPluginModules(specs);
  const registry = new Registry([...builtin.listEnvs(), ...builtin.listWrappers()]);
  registerAll(registry, plugins);
  const loaded = specs.map((spec) => {
    const mine = plugins.filter((p) => p.spec === spec).map((p) => p.plugin);
    return { spec, envs: mine.filter((p) => p.kind === 'env').map((p) => p.id), wrappers: mine.filter((p) => p.kind === 'wrapper').map((p) => p.id) };
  });
  return { registry, loaded };
}

/** One line per module: `--plugin ./maze.js: envs acme/Maze-v0; wrappers none`. */
export function loadedLines(loaded: readonly LoadedModule[]): string {
  const list = (ids: readonly string[]) => (ids.length ? ids.join(', ') : 'none');
  return loaded.map((m) => `--plugin ${m.spec}: envs ${list(m.envs)}; wrappers ${list(m.wrappers)}\n`).join('');
}
