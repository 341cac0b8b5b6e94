/**
 * The benchmark runner (`npm run bench`, `metarena bench`). Every bench/*.bench.ts file exports
 * `run(opts: {seconds})` resolving to a JSON-ready record; the runner runs them in name order
 * and prints ONE JSON document on stdout: `{machine: {...}, results: {name: record}}`. Progress
 * goes to stderr. Figures depend on the machine and on what else runs on it: `machine.loadavg`
 * is taken before and after, so a contended run can be told apart.
 *
 * A benchmark that takes minutes (training to a return, say) exports `slow` (why); the default
 * run skips it and names it under `skipped`, and `--only NAME` runs it.
 *
 *   npm run bench -- --only in-process --seconds 2
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { MetarenaError, show } from '../src/core/index.ts';

export interface BenchOptions {
  /** Seconds per measurement. */
  seconds: number;
}

export interface BenchModule {
  run(opts: BenchOptions): Promise<Record<string, unknown>>;
  /** Set when the benchmark takes minutes: why (then it runs only when named with `only`). */
  slow?: string;
}

export interface RunOptions {
  /** Benchmark names (file names without `.bench.ts`); default all. */
  only?: readonly string[];
  seconds?: number;
  /** Progress lines (default: stderr). */
  log?: (text: string) => void;
}

export interface BenchReport {
  machine: { cpus: number; cpuModel: string; node: string; platform: string; loadavg: { before: number[]; after: number[] } };
  options: { seconds: number };
  results: Record<string, Record<string, unknown>>;
  /** Slow benchmarks left out of a default run, with why they are slow. */
  skipped: Record<string, string>;
}

export const DEFAULT_SECONDS = 1;
const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const SUFFIX = '.bench.ts';

/** Names of the benchmarks in bench/, sorted. */
export function benchmarkNames(): string[] {
  return readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith(SUFFIX))
    .map((f) => f.slice(0, -SUFFIX.length))
    .sort();
}

const round = (values: number[]) => values.map((v) => Math.round(v * 100) / 100);

export async function runBenchmarks({ only, seconds = DEFAULT_SECONDS, log = (t) => void process.stderr.write(t) }: RunOptions = {}): Promise<BenchReport> {
  if (!(typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0)) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `seconds must be a positive number, got ${show(seconds)}`, { field: 'seconds', allowed: 'number > 0' });
  }
  const all = benchmarkNames();
  for (const name of only ?? []) {
    if (!all.includes(name)) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `unknown benchmark ${show(name)}; benchmarks: ${all.join(', ')}`, { field: 'only', allowed: all.join(', ') });
  }
  const names = only && only.length > 0 ? all.filter((n) => only.includes(n)) : all;
  const before = round(os.loadavg());
  const results: Record<string, Record<string, unknown>> = {};
  const skipped: Record<string, string> = {};
  const named = only !== undefined && only.length > 0;
  for (const name of names) {
    const mod = (await import(pathToFileURL(`${BENCH_DIR}${name}${SUFFIX}`).href)) as BenchModule;
    if (mod.slow && !named) {
      skipped[name] = mod.slow;
      log(`bench ${name}: skipped (${mod.slow}); run it with --only ${name}\n`);
      continue;
    }
    log(`bench ${name}: running (${seconds} s per measurement)\n`);
    const started = performance.now();
    results[name] = await mod.run({ seconds });
    log(`bench ${name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const cpus = os.cpus();
  return {
    machine: { cpus: cpus.length, cpuModel: cpus[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform}-${process.arch}`, loadavg: { before, after: round(os.loadavg()) } },
    options: { seconds },
    results,
    skipped,
  };
}

async function cli(): Promise<number> {
  try {
    const { values } = parseArgs({ options: { only: { type: 'string', multiple: true }, seconds: { type: 'string' } } });
    const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
    const report = await runBenchmarks({ only: values.only, seconds });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof MetarenaError) {
      process.stderr.write(`error ${e.code}: ${e.message}\n`);
      return 2;
    }
    if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`error: ${e.message}\nusage: npm run bench -- [--only name]... [--seconds s]\n`);
      return 2;
    }
    throw e;
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) process.exitCode = await cli();
