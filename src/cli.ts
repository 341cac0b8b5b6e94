/**
 * The `metarena` command line. `buildProgram` assembles the commander program from one file per
 * command (src/commands/*.ts, each exporting `xxxCommand(program, deps)`); `main` runs it and
 * turns errors into exit codes: a MetarenaError (a user mistake) prints `error CODE: message`
 * on stderr and exits 2, as does a command-line usage error; anything else is a bug (exit 1).
 * Only commander and the command definitions load here: each command imports what its work
 * needs (plugins, Rapier, tfjs, agents, the server) when it runs, so `--help` and `--version`
 * answer at once.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { benchCommand } from './commands/bench.ts';
import { envsCommand } from './commands/envs.ts';
import { evalCommand } from './commands/eval.ts';
import { evolveCommand } from './commands/evolve.ts';
import { rolloutCommand } from './commands/rollout.ts';
import { serveCommand } from './commands/serve.ts';
import { trainCommand } from './commands/train.ts';
import { workerCommand } from './commands/worker.ts';
import { MetarenaError } from './core/index.ts';
import { type CliDeps, defaultDeps } from './commands/deps.ts';

export type { CliDeps } from './commands/deps.ts';

/** Exit codes of the CLI. */
export const EXIT = { ok: 0, bug: 1, usage: 2 } as const;

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function buildProgram(deps: CliDeps = defaultDeps()): Command {
  const program = new Command('metarena')
    .description('Gymnasium-compatible environments for (meta-)RL: list, roll out, serve, evaluate and benchmark them.')
    .version(packageVersion())
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: deps.stdout, writeErr: deps.stderr });
  envsCommand(program, deps);
  rolloutCommand(program, deps);
  benchCommand(program, deps);
  evalCommand(program, deps);
  serveCommand(program, deps);
  trainCommand(program, deps);
  evolveCommand(program, deps);
  workerCommand(program, deps);
  return program;
}

/** Runs the CLI on `argv` (as `process.argv`) and resolves to the exit code. */
export async function main(argv: readonly string[], deps: CliDeps = defaultDeps()): Promise<number> {
  const program = buildProgram(deps);
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return EXIT.ok;
    }
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof MetarenaError) {
      deps.stderr(`error ${e.code}: ${e.message}\n`);
      return EXIT.usage;
    }
    // commander has already printed its message (unknown option, missing argument, …)
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    deps.stderr(`internal error (a bug in metarena): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.bug;
  }
}
