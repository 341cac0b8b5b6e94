/**
 * The generic registry behind the agent and learner registries: plugins by name (an object, not
 * a global), each with typed, documented options. It checks a plugin's shape, name and
 * uniqueness when it is registered, names an unknown plugin with a suggestion, and turns
 * command-line `key=value` settings into typed values checked against the plugin's option specs.
 */
import { type ArgSpecs, type ArgsOf, MetarenaError, closest, parseArgValue, resolveArgs, show } from '../core/index.ts';
import type { AgentEnvSpec } from './agent.ts';

/** What every registered plugin has. */
export interface RegisteredPlugin {
  readonly name: string;
  readonly description: string;
  readonly options: ArgSpecs;
  fits(spec: AgentEnvSpec): string | undefined;
}

type Widen<T> = T extends readonly number[] ? number[] : T extends readonly string[] ? string[] : T extends number ? number : T extends boolean ? boolean : T extends string ? string : T;

/**
 * A plugin's resolved options, typed from its ArgSpecs: numbers, booleans and lists as plain
 * writable values, a string with choices as the union of them (a list of them for strings).
 */
export type OptionsOf<S extends ArgSpecs> = {
  -readonly [K in keyof S]: S[K] extends { type: 'string'; choices: readonly (infer C)[] } ? C : S[K] extends { type: 'strings'; choices: readonly (infer C)[] } ? C[] : S[K] extends { type: 'strings' } ? string[] : Widen<S[K]['default']>;
};

const NAME_PATTERN = /^[a-z][a-z0-9-]*$/;

export class PluginRegistry<P extends RegisteredPlugin> {
  private readonly plugins = new Map<string, P>();

  /**
   * `kind` names the plugins in messages (`agent`, `learner`); `methods` are the functions a
   * plugin of this kind must have besides `fits`; `field` names where a plugin name is given.
   */
  constructor(
    readonly kind: string,
    private readonly methods: readonly string[],
    plugins: Iterable<P> = [],
    private readonly field = kind,
  ) {
    for (const p of plugins) this.register(p);
  }

  register(plugin: P): this {
    const required = ['fits', ...this.methods];
    if (typeof plugin !== 'object' || plugin === null || required.some((m) => typeof (plugin as unknown as Record<string, unknown>)[m] !== 'function')) {
      throw new MetarenaError('METARENA_PLUGIN_ERROR', `not ${this.kind === 'agent' ? 'an' : 'a'} ${this.kind} plugin: expected {name, description, options, ${required.join(', ')}}, got ${show(plugin)}`);
    }
    if (!NAME_PATTERN.test(plugin.name)) {
      throw new MetarenaError('METARENA_INVALID_ID', `${this.kind} name ${show(plugin.name)} must be lower-case letters, digits and dashes, starting with a letter`, { field: 'name', allowed: NAME_PATTERN.source });
    }
    if (this.plugins.has(plugin.name)) throw new MetarenaError('METARENA_DUPLICATE_ID', `${this.kind} ${plugin.name} is already registered`, { field: 'name', plugin: plugin.name });
    this.plugins.set(plugin.name, plugin);
    return this;
  }

  list(): P[] {
    return [...this.plugins.values()];
  }

  has(name: string): boolean {
    return this.plugins.has(name);
  }

  names(): string[] {
    return [...this.plugins.keys()];
  }

  get(name: string, field = this.field): P {
    const p = this.plugins.get(name);
    if (p) return p;
    const near = closest(name, this.plugins.keys());
    const all = this.names().join(', ');
    throw new MetarenaError('METARENA_INVALID_OPTION', `${field}: unknown ${this.kind} ${show(name)}${near ? ` (did you mean ${near}?)` : ''}; ${this.kind}s: ${all}`, { field, allowed: all });
  }

  /** `key=value` settings of plugin `name` as typed values (only the keys given), each checked against its option specs now. */
  parseSettings(name: string, pairs: readonly (readonly [string, string])[], field: string): Record<string, unknown> {
    const plugin = this.get(name);
    const given: Record<string, unknown> = {};
    for (const [key, raw] of pairs) {
      const spec = plugin.options[key];
      // an unknown key is reported by resolveArgs with a suggestion
      given[key] = spec ? parseArgValue(spec, raw) : raw;
    }
    resolveArgs(plugin.options, given, field);
    return given;
  }

  /** Every option of plugin `name`: `given` checked and completed with defaults. */
  resolveOptions(name: string, given: Record<string, unknown>, field: string): ArgsOf<ArgSpecs> {
    return resolveArgs(this.get(name).options, given, field);
  }
}
