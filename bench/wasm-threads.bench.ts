/**
 * What the threaded SIMD build of tfjs-backend-wasm gives on this machine (issue 12): the
 * single-threaded SIMD build `initBackend` uses, the threaded build on one thread, and on two,
 * each measured `REPEATS` times in turn in a process of its own (bench/wasm-threads-child.ts,
 * which also says how the threaded build is made to start in Node). Figures: the median ms of a
 * 256² matMul and of a [256, 256] critic training step (batch 256), per configuration, with
 * every repeat; `speedup` is the single-threaded SIMD build's median over each configuration's.
 * Other processes on the machine take cores from the two-thread runs first.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchOptions } from './run.ts';
import { median, round } from './stats.ts';

export const REPEATS = 3;
const CONFIGS = [
  ['simd', 1],
  ['threaded', 1],
  ['threaded', 2],
] as const;
const CHILD = fileURLToPath(new URL('wasm-threads-child.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
const execFileAsync = promisify(execFile);

interface Sample {
  threads: number;
  matMulMs: number;
  criticStepMs: number;
}

export async function run(_opts: BenchOptions): Promise<Record<string, unknown>> {
  const samples = new Map<string, Sample[]>(CONFIGS.map(([build, n]) => [`${build}-${n}`, []]));
  for (let rep = 0; rep < REPEATS; rep++) {
    for (const [build, threads] of CONFIGS) {
      const { stdout } = await execFileAsync(TSX, [CHILD, build, String(threads)]);
      samples.get(`${build}-${threads}`)!.push(JSON.parse(stdout.trim().split('\n').pop()!) as Sample);
    }
  }
  const base = samples.get('simd-1')!;
  const baseMatMul = median(base.map((s) => s.matMulMs));
  const baseStep = median(base.map((s) => s.criticStepMs));
  const configs = Object.fromEntries(
    [...samples].map(([name, list]) => {
      const matMul = median(list.map((s) => s.matMulMs));
      const step = median(list.map((s) => s.criticStepMs));
      return [
        name,
        {
          threadsRunning: list[0].threads,
          matMulMs: list.map((s) => round(s.matMulMs, 3)),
          criticStepMs: list.map((s) => round(s.criticStepMs, 2)),
          speedup: { matMul: round(baseMatMul / matMul, 2), criticStep: round(baseStep / step, 2) },
        },
      ];
    }),
  );
  return { repeats: REPEATS, configs };
}
