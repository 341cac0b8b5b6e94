/**
 * The settings a command's `--out` directory was made with, and how a new invocation's differ:
 * `train --resume` and `eval` (resuming an interrupted run) continue only a run of the same
 * settings, and name each difference otherwise.
 */
import { existsSync, readFileSync } from 'node:fs';
import { show } from '../core/index.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const shown = (v: unknown) => (v === undefined ? '(none)' : show(v));

/** Keys whose flag is not their kebab-case form. */
const FLAG_NAMES: Record<string, string> = { envArgs: '--env-arg', wrappers: '--wrapper' };

/** The flag a settings key comes from: `tuneTrials` → `--tune-trials`, `envArgs` → `--env-arg`. */
export const flagOf = (key: string): string => FLAG_NAMES[key] ?? `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * `flag saved → now` for every key whose JSON differs between the two records, the key named
 * by `name` (default: its flag).
 */
export function changedSettings(saved: Readonly<Record<string, unknown>>, now: Readonly<Record<string, unknown>>, name: (key: string) => string = flagOf): string[] {
  const out: string[] = [];
  for (const k of new Set([...Object.keys(saved), ...Object.keys(now)])) {
    if (!same(saved[k], now[k])) out.push(`${name(k)} ${shown(saved[k])} → ${shown(now[k])}`);
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
