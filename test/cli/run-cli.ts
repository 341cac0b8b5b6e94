/** Runs the CLI: the real `bin/metarena.js` in a child process, or its `main` in this one. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Registry } from '../../src/core/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';

export const BIN = fileURLToPath(new URL('../../bin/metarena.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Spawns `node bin/metarena.js ...args`. */
export function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** The JSON lines of a `--json` rollout. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * Runs the same `main` the bin runs, in this process, with output captured: for the many small
 * cases, so that each does not pay for a fresh Node process.
 */
export async function runMain(args: string[]): Promise<CliRun> {
  const { main } = await import('../../src/cli.ts');
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'metarena', ...args], {
    registry: async () => (registry ??= createBuiltinRegistry()),
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
  });
  return { code, stdout, stderr };
}

let registry: Registry | undefined;
