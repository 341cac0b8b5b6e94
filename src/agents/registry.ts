/**
 * The agent registry (a `PluginRegistry` of agent plugins) and the parser for command-line agent
 * names `NAME[:key=value[:key=value]]`, e.g. `ucb1:c=0.2`.
 */
import { type ArgSpecs, type ArgsOf, MetarenaError, show } from '../core/index.ts';
import type { Agent, AgentEnvSpec, AgentPlugin } from './agent.ts';
import { PluginRegistry } from './plugin-registry.ts';

/** A parsed `NAME[:key=value…]`: the plugin name and the options as typed values. */
export interface AgentChoice {
  /** Exactly as written, e.g. `ucb1:c=0.2`. */
  label: string;
  name: string;
  /** Options given explicitly (typed by the plugin's specs); the rest take defaults or are tuned. */
  given: Record<string, unknown>;
}

export class AgentRegistry extends PluginRegistry<AgentPlugin> {
  constructor(plugins: Iterable<AgentPlugin> = []) {
    super('agent', ['create'], plugins);
  }

  /** Parses `NAME[:key=value…]`, checking the name and every option (type, range) now. */
  parse(label: string, field = 'agent'): AgentChoice {
    if (typeof label !== 'string' || label.trim() === '') {
      throw new MetarenaError('METARENA_INVALID_OPTION', `${field} must be NAME[:key=value…], got ${show(label)}`, { field, allowed: 'NAME[:key=value…]' });
    }
    const [name, ...parts] = label.trim().split(':');
    const plugin = this.get(name, field);
    const pairs = parts.map((part) => {
      const eq = part.indexOf('=');
      if (eq <= 0) {
        throw new MetarenaError('METARENA_INVALID_OPTION', `${field}: ${show(part)} in ${show(label)} must be key=value; ${name} options: ${Object.keys(plugin.options).join(', ') || '(none)'}`, {
          field,
          allowed: Object.keys(plugin.options).join(', ') || '(none)',
        });
      }
      return [part.slice(0, eq), part.slice(eq + 1)] as const;
    });
    return { label: label.trim(), name, given: this.parseSettings(name, pairs, `${field} ${name}`) };
  }

  /** Options for `choice` with `overrides` (e.g. a tuned value) on top, checked and completed. */
  options(choice: AgentChoice, overrides: Record<string, unknown> = {}): ArgsOf<ArgSpecs> {
    return this.resolveOptions(choice.name, { ...choice.given, ...overrides }, `agent ${choice.name}`);
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
