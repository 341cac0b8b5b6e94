/**
 * The settings a command's `--out` directory was made with, and how a new invocation's differ:
 * `train --resume` and `eval` (resuming an interrupted run) continue only a run of the same
 * settings, and name each difference otherwise.
 */
import { existsSync, readFileSync } from 'node:fs';
import { show } from '../core/index.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `flag saved → now` for every key whose JSON differs between the two records; `flagOf` names a
 * key as the user wrote it (e.g. `seed` → `--seed`; default the key itself).
 */
export function changedSettings(saved: Readonly<Record<string, unknown>>, now: Readonly<Record<string, unknown>>, flagOf: (key: string) => string = (k) => k): string[] {
  const out: string[] = [];
  for (const k of new Set([...Object.keys(saved), ...Object.keys(now)])) {
    if (!same(saved[k], now[k])) out.push(`${flagOf(k)} ${show(saved[k])} → ${show(now[k])}`);
  }
  return out;
}

/** The JSON object in `file`, or undefined when there is none (or it cannot be read). */
export function readSettings(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
