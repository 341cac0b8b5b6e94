/**
 * What every command gets from the CLI instead of reaching for globals: the env registry, and
 * where results and messages go. The registry is built on first use by a dynamic import, so a
 * command that needs no env (and `--help`, `--version`) never loads the plugins.
 */
import type { Registry } from '../core/index.ts';

export interface CliDeps {
  /** The registry to list and make envs from (the built-in plugins; built on first use). */
  registry(): Promise<Registry>;
  /** Results (JSON, tables) go here. */
  stdout(text: string): void;
  /** Progress and messages go here. */
  stderr(text: string): void;
}

export function defaultDeps(): CliDeps {
  let registry: Promise<Registry> | undefined;
  return {
    registry: () => (registry ??= import('../plugins/index.ts').then((m) => m.createBuiltinRegistry())),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
  };
}
