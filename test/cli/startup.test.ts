/**
 * `metarena --help` and `--version` load no heavy module: the physics engine (Rapier's wasm),
 * tfjs, the plots (vega), gRPC and the plugins, learners and server load only inside the
 * commands that use them. Checked by the modules a real `node bin/metarena.js` resolves (a
 * module resolve hook logs each one), not by a clock.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from './run-cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// a resolve hook (run by Node's loader) that logs every module URL resolved, on stderr
const HOOKS = `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write('RESOLVED ' + r.url + '\\n'); return r; }`;
const REGISTER = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}));`;

/** The module URLs (relative to the checkout) a CLI run resolves, and its stdout. */
function modulesOf(args: string[]): Promise<{ code: number; stdout: string; modules: string[] }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(REGISTER)}`, BIN, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      const modules = stderr
        .split('\n')
        .filter((l) => l.startsWith('RESOLVED '))
        .map((l) => l.slice('RESOLVED '.length).replace(`file://${ROOT}`, ''));
      resolve({ code: error ? Number(error.code) : 0, stdout, modules });
    });
  });
}

/** What `--help` and `--version` must not load. */
const HEAVY = [
  /node_modules\/@dimforge\//, // Rapier (its wasm is inlined in the module)
  /node_modules\/@tensorflow\//,
  /node_modules\/vega/,
  /node_modules\/@grpc\//,
  /node_modules\/protobufjs\//,
  /node_modules\/ws\//,
  /^src\/plugins\//,
  /^src\/nn\//,
  /^src\/server\/server\.ts/,
  /^src\/agents\/(index|learners)\.ts/,
  /^src\/agents\/eval\/(plots|report)\.ts/,
];

describe('metarena startup', () => {
  it.each([['--help'], ['--version']])('%s loads no physics engine, tfjs, plots, gRPC, plugins or learners', async (flag) => {
    const { code, stdout, modules } = await modulesOf([flag]);
    expect(code).toBe(0);
    expect(stdout).toMatch(flag === '--help' ? /Usage: metarena/ : /^\d+\.\d+\.\d+\n$/);
    // the hook saw the CLI itself load
    expect(modules).toContain('src/cli.ts');
    expect(modules.filter((m) => HEAVY.some((h) => h.test(m)))).toEqual([]);
  });

  it('a command that makes a physics env still loads Rapier and steps it', async () => {
    const { code, modules } = await modulesOf(['rollout', 'HalfCheetah-v0', '--steps', '2', '--json']);
    expect(code).toBe(0);
    expect(modules.some((m) => m.includes('node_modules/@dimforge/rapier3d'))).toBe(true);
    const r = await runCli(['rollout', 'HalfCheetah-v0', '--steps', '2', '--json']);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });
});
