/**
 * `metarena bench [--only name]… [--seconds s]`: runs the benchmark runner of the source tree
 * (bench/run.ts, the same as `npm run bench`) in a child Node process and passes its output on:
 * one JSON document on stdout, progress on stderr. The benchmarks stay outside `src/`: nothing
 * shipped imports them, and without a bench/ directory the command says so.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Command, CommanderError } from 'commander';
import { MetarenaError } from '../core/index.ts';
import type { CliDeps } from './deps.ts';
import { collect, parsePositiveNumber } from './parse.ts';

const RUNNER = fileURLToPath(new URL('../../bench/run.ts', import.meta.url));

/** Runs bench/run.ts with `args`; resolves to its exit code. */
function runRunner(deps: CliDeps, args: readonly string[]): Promise<number> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, RUNNER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.setEncoding('utf8').on('data', (t: string) => deps.stdout(t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => deps.stderr(t));
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

export function benchCommand(program: Command, deps: CliDeps): Command {
  return program
    .command('bench')
    .description('measure env-steps/s and print one JSON document (the runner of `npm run bench`)')
    .option('--only <name>', 'run only this benchmark, e.g. in-process (repeatable)', collect)
    .option('--seconds <s>', 'seconds per measurement')
    .action(async (opts: { only?: string[]; seconds?: string }) => {
      if (!existsSync(RUNNER)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', 'metarena bench runs the benchmarks of a source checkout (bench/run.ts), and this installation has none', { field: 'bench' });
      const seconds = parsePositiveNumber(opts.seconds, '--seconds');
      const args = [...(opts.only ?? []).flatMap((name) => ['--only', name]), ...(seconds === undefined ? [] : ['--seconds', String(seconds)])];
      const code = await runRunner(deps, args);
      // the runner has printed its own error message; a usage error stays one
      if (code === 2) throw new CommanderError(2, 'metarena.bench', 'bench runner refused its arguments');
      if (code !== 0) throw new Error(`the bench runner (bench/run.ts) exited with code ${code}`);
    });
}
