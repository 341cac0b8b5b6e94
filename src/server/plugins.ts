/**
 * `--plugin PATH_OR_PACKAGE`: loads env and wrapper plugins from a module whose default export is
 * a plugin or an array of plugins. Every module is loaded and checked before any plugin is
 * registered, so a bad one leaves the registry untouched and the error names it.
 */
import { createRequire } from 'node:module';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MetarenaError, type Plugin, Registry, show } from '../core/index.ts';

function specifierUrl(spec: string, cwd: string): string {
  if (spec.startsWith('.') || isAbsolute(spec) || spec.includes('\\')) return pathToFileURL(resolve(cwd, spec)).href;
  try {
    return pathToFileURL(createRequire(resolve(cwd, 'package.json')).resolve(spec)).href;
  } catch {
    return spec;
  }
}

/** Imports the plugin modules; throws METARENA_PLUGIN_ERROR naming the module at fault. */
export interface LoadedPlugin {
  /** The --plugin argument it came from. */
  spec: string;
  plugin: Plugin;
}

export async function loadPluginModules(specs: readonly string[], cwd = process.cwd()): Promise<LoadedPlugin[]> {
  const all: LoadedPlugin[] = [];
  for (const spec of specs) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(specifierUrl(spec, cwd))) as Record<string, unknown>;
    } catch (e) {
      throw new MetarenaError('METARENA_PLUGIN_ERROR', `--plugin ${spec}: cannot load the module: ${e instanceof Error ? e.message : String(e)}`, { plugin: spec, hook: 'load' }, { cause: e });
    }
    const exported = mod.default;
    if (exported === undefined) throw new MetarenaError('METARENA_PLUGIN_ERROR', `--plugin ${spec}: the module has no default export (expected a plugin or an array of plugins)`, { plugin: spec, hook: 'load' });
    const list = Array.isArray(exported) ? exported : [exported];
    list.forEach((p, i) => {
      const ok = typeof p === 'object' && p !== null && ((p as Plugin).kind === 'env' || (p as Plugin).kind === 'wrapper') && typeof (p as Plugin).id === 'string';
      if (!ok) throw new MetarenaError('METARENA_PLUGIN_ERROR', `--plugin ${spec}: default export${Array.isArray(exported) ? `[${i}]` : ''} is not a plugin made by defineEnv or defineWrapper, got ${show(p)}`, { plugin: spec, hook: 'load' });
    });
    for (const plugin of list as Plugin[]) all.push({ spec, plugin });
  }
  return all;
}

/** Registers loaded plugins into `registry`, all or none. */
export function registerAll(registry: Registry, loaded: readonly LoadedPlugin[]): void {
  const scratch = new Registry([...registry.listEnvs(), ...registry.listWrappers()]);
  for (const { spec, plugin } of loaded) {
    try {
      scratch.register(plugin);
    } catch (e) {
      throw new MetarenaError('METARENA_PLUGIN_ERROR', `--plugin ${spec}: ${e instanceof Error ? e.message : String(e)}`, { plugin: spec, hook: 'register' }, { cause: e });
    }
  }
  for (const { plugin } of loaded) registry.register(plugin);
}
