/**
 * The agent registry: an object (not a global) holding agent plugins by name, and the parser for
 * command-line agent names `NAME[:key=value[:key=value]]`, e.g. `ucb1:c=0.2`.
 */
import { type ArgsOf, type ArgSpecs, MetarenaError, closest, parseArgValue, resolveArgs, show } from '../core/index.ts';
import type { Agent, AgentEnvSpec, AgentPlugin } from './agent.ts';

/** A parsed `NAME[:key=value…]`: the plugin name and the options as typed values. */
export interface AgentChoice {
  /** Exactly as written, e.g. `ucb1:c=0.2`. */
  label: string;
  name: string;
  /** Options given explicitly (typed by the plugin's specs); the rest take defaults or are tuned. */
  given: Record<string, unknown>;
}

const NAME_PATTERN = /^[a-z][a-z0-9-]*$/;

export class AgentRegistry {
  private readonly plugins = new Map<string, AgentPlugin>();

  constructor(plugins: Iterable<AgentPlugin> = []) {
    for (const p of plugins) this.register(p);
  }

  register(plugin: AgentPlugin): this {
    if (typeof plugin !== 'object' || plugin === null || typeof plugin.create !== 'function' || typeof plugin.fits !== 'function') {
      throw new MetarenaError('METARENA_PLUGIN_ERROR', `not an agent plugin: expected {name, description, options, fits, create}, got ${show(plugin)}`);
    }
    if (!NAME_PATTERN.test(plugin.name)) {
      throw new MetarenaError('METARENA_INVALID_ID', `agent name ${show(plugin.name)} must be lower-case letters, digits and dashes, starting with a letter`, { field: 'name', allowed: NAME_PATTERN.source });
    }
    if (this.plugins.has(plugin.name)) throw new MetarenaError('METARENA_DUPLICATE_ID', `agent ${plugin.name} is already registered`, { field: 'name', plugin: plugin.name });
    this.plugins.set(plugin.name, plugin);
    return this;
  }

  list(): AgentPlugin[] {
    return [...this.plugins.values()];
  }

  has(name: string): boolean {
    return this.plugins.has(name);
  }

  get(name: string, field = 'agent'): AgentPlugin {
    const p = this.plugins.get(name);
    if (p) return p;
    const near = closest(name, this.plugins.keys());
    throw new MetarenaError('METARENA_INVALID_OPTION', `${field}: unknown agent ${show(name)}${near ? ` (did you mean ${near}?)` : ''}; agents: ${[...this.plugins.keys()].join(', ')}`, {
      field,
      allowed: [...this.plugins.keys()].join(', '),
    });
  }

  /** Parses `NAME[:key=value…]`, checking the name and every option (type, range) now. */
  parse(label: string, field = 'agent'): AgentChoice {
    if (typeof label !== 'string' || label.trim() === '') {
      throw new MetarenaError('METARENA_INVALID_OPTION', `${field} must be NAME[:key=value…], got ${show(label)}`, { field, allowed: 'NAME[:key=value…]' });
    }
    const [name, ...parts] = label.trim().split(':');
    const plugin = this.get(name, field);
    const given: Record<string, unknown> = {};
    for (const part of parts) {
      const eq = part.indexOf('=');
      if (eq <= 0) {
        throw new MetarenaError('METARENA_INVALID_OPTION', `${field}: ${show(part)} in ${show(label)} must be key=value; ${name} options: ${Object.keys(plugin.options).join(', ') || '(none)'}`, {
          field,
          allowed: Object.keys(plugin.options).join(', ') || '(none)',
        });
      }
      const key = part.slice(0, eq);
      const spec = plugin.options[key];
      // an unknown key is reported by resolveArgs with a suggestion
      given[key] = spec ? parseArgValue(spec, part.slice(eq + 1)) : part.slice(eq + 1);
    }
    resolveArgs(plugin.options, given, `${field} ${name}`);
    return { label: label.trim(), name, given };
  }

  /** Options for `choice` with `overrides` (e.g. a tuned value) on top, checked and completed. */
  options(choice: AgentChoice, overrides: Record<string, unknown> = {}): ArgsOf<ArgSpecs> {
    const plugin = this.get(choice.name);
    return resolveArgs(plugin.options, { ...choice.given, ...overrides }, `agent ${choice.name}`);
  }

  /** Throws (coded) unless the agent can act in the env described by `spec`. */
  checkFits(choice: AgentChoice, spec: AgentEnvSpec, field = 'agent'): void {
    const why = this.get(choice.name, field).fits(spec);
    if (why !== undefined) {
      throw new MetarenaError('METARENA_INVALID_OPTION', `${field}: agent ${choice.name} cannot act in ${spec.envId}: ${why}`, { field, plugin: choice.name });
    }
  }

  create(choice: AgentChoice, spec: AgentEnvSpec, seed: number, overrides: Record<string, unknown> = {}): Agent {
    this.checkFits(choice, spec);
    return this.get(choice.name).create(spec, this.options(choice, overrides), seed);
  }
}
