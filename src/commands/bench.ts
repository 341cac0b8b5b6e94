/**
 * `metarena bench [--only name] [--seconds s]`: runs the benchmarks in bench/*.bench.ts (the
 * same runner as `npm run bench`) and prints one JSON document; progress goes to stderr.
 */
import type { Command } from 'commander';
import type { CliDeps } from '../cli.ts';
import { collect, parsePositiveNumber } from './parse.ts';

export function benchCommand(program: Command, deps: CliDeps): Command {
  return program
    .command('bench')
    .description('measure env-steps/s and print one JSON document')
    .option('--only <name>', 'run only this benchmark, e.g. in-process (repeatable)', collect)
    .option('--seconds <s>', 'seconds per measurement')
    .action(async (opts: { only?: string[]; seconds?: string }) => {
      const { runBenchmarks } = await import('../../bench/run.ts');
      const report = await runBenchmarks({ only: opts.only, seconds: parsePositiveNumber(opts.seconds, '--seconds'), log: deps.stderr });
      deps.stdout(`${JSON.stringify(report, null, 2)}\n`);
    });
}
