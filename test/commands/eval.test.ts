import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliDeps, main } from '../../src/cli.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { runCli } from '../cli/run-cli.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'metarena-eval-cli-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const registry = createBuiltinRegistry();
  const deps: CliDeps = { registry: async () => registry, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await main(['node', 'metarena', ...args], deps);
  return { code, stdout, stderr };
}

describe('metarena eval', () => {
  it('prints the summary JSON (names as given) and writes the outputs', async () => {
    const out = tempDir();
    const r = await runCli(['eval', '--env', 'Bandit-v0', '--episodes-per-trial', '10', '--trials', '50', '--agents', 'random,ucb1:c=0.2,ts', '--seed', '3', '--out', out, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(Object.keys(summary.agents)).toEqual(['random', 'ucb1:c=0.2', 'ts']);
    for (const a of Object.values(summary.agents) as { mean: number; ci95: number[]; iqm: number; n: number }[]) {
      expect(a.n).toBe(50);
      expect(a.ci95[0]).toBeLessThanOrEqual(a.mean);
      expect(a.ci95[1]).toBeGreaterThanOrEqual(a.mean);
    }
    const json = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(json.agents['ucb1:c=0.2'].mean).toBe(summary.agents['ucb1:c=0.2'].mean);
    for (const f of ['results.csv', 'results.md', 'means.svg', 'episodes.svg']) expect(existsSync(join(out, f))).toBe(true);
    // run again with the same arguments: resumed from the checkpoints, same numbers
    const again = await run(['eval', '--env', 'Bandit-v0', '--episodes-per-trial', '10', '--trials', '50', '--agents', 'random,ucb1:c=0.2,ts', '--seed', '3', '--out', out, '--json']);
    expect(JSON.parse(again.stdout)).toEqual(summary);
  });

  it.each([
    [['--agents', 'ucb2'], 'METARENA_INVALID_OPTION', /unknown agent "ucb2" \(did you mean ucb1\?\)/],
    [['--agents', 'psrl'], 'METARENA_INVALID_OPTION', /psrl cannot act in Bandit-v0/],
    [['--agents', 'ts:x=1'], 'METARENA_INVALID_OPTION', /unknown argument "x"/],
    [['--agents', 'ts', '--trials', '0'], 'METARENA_INVALID_ARGUMENT', /--trials must be an integer >= 1/],
    [['--agents', 'ts', '--episodes-per-trial', '0'], 'METARENA_INVALID_ARGUMENT', /--episodes-per-trial must be an integer >= 1/],
    [['--agents', 'ts', '--env', 'Bandit-v9'], 'METARENA_UNKNOWN_ENV', /did you mean Bandit-v0/],
    [['--agents', 'ts', '--env-arg', 'arms=1'], 'METARENA_INVALID_OPTION', /args.arms/],
    [['--agents', 'ts', '--split', 'val'], 'METARENA_INVALID_ARGUMENT', /--split must be train or test/],
  ])('refuses bad arguments before any work: %j', async (extra, code, message) => {
    const out = join(tempDir(), 'never');
    const args = ['eval', '--env', 'Bandit-v0', '--trials', '5', '--out', out];
    for (let i = 0; i < extra.length; i += 2) {
      const k = args.indexOf(extra[i]);
      if (k >= 0) args[k + 1] = extra[i + 1];
      else args.push(extra[i], extra[i + 1]);
    }
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error ${code}:`);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});

describe('metarena eval --out', () => {
  const bandit = ['eval', '--env', 'Bandit-v0', '--episodes-per-trial', '5', '--agents', 'random,ts', '--seed', '1', '--json'];

  it('refuses an --out holding results of other settings, naming what differs, unless --force', async () => {
    const out = tempDir();
    const first = await run([...bandit, '--trials', '20', '--out', out]);
    expect(first.code).toBe(0);
    const results = readFileSync(join(out, 'results.json'), 'utf8');
    const other = await run([...bandit, '--trials', '30', '--seed', '2', '--out', out]);
    expect(other.code).toBe(2);
    expect(other.stdout).toBe('');
    expect(other.stderr).toBe(`error METARENA_INVALID_ARGUMENT: --out ${JSON.stringify(out)} holds an evaluation with other settings: --trials 20 → 30; --seed 1 → 2; pass --force to replace it or choose another --out\n`);
    // nothing was touched
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(results);
    const agents = await run([...bandit.map((a) => (a === 'random,ts' ? 'ts' : a)), '--trials', '20', '--out', out]);
    expect(agents.stderr).toMatch(/other settings: --agents \["random","ts"\] → \["ts"\]/);
    // --force replaces it, and starts afresh: the same numbers as in an empty directory
    const forced = await run([...bandit, '--trials', '30', '--seed', '2', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).toMatchObject({ trials: 30, seed: 2 });
    const fresh = await run([...bandit, '--trials', '30', '--seed', '2', '--out', tempDir()]);
    expect(JSON.parse(forced.stdout)).toEqual(JSON.parse(fresh.stdout));
  });

  it('an interrupted evaluation with the same settings still resumes; an --out of unknown settings needs --force', async () => {
    const out = tempDir();
    const args = [...bandit, '--trials', '20', '--out', out];
    const first = await run(args);
    // interrupted before the results were written: the checkpoints are there
    rmSync(join(out, 'results.json'));
    expect(existsSync(join(out, 'checkpoints'))).toBe(true);
    const resumed = await run(args);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toEqual(JSON.parse(first.stdout));
    // results written without a settings record (by an older version, say)
    rmSync(join(out, 'eval.json'));
    const unknown = await run(args);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/holds an evaluation with other settings: \(no eval\.json: settings not recorded\); pass --force/);
    expect((await run([...args, '--force'])).code).toBe(0);
  });

  it('takes the make options of every env command, and a change of them is another setting', async () => {
    const out = tempDir();
    const cliff = ['eval', '--env', 'CliffWalking-v0', '--agents', 'random', '--trials', '3', '--out', out, '--json'];
    expect((await run([...cliff, '--context', 'slip=0.2', '--wrapper', '{"id": "TimeLimit", "max_episode_steps": 20}'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'eval.json'), 'utf8'))).toMatchObject({ context: { slip: 0.2 }, wrappers: [{ id: 'TimeLimit', max_episode_steps: 20 }] });
    // TimeLimit(20): no trial loses more than 20 steps × 100 (the cliff's penalty)
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(Math.min(...results.agents.random.returns)).toBeGreaterThanOrEqual(-2000);
    const other = await run([...cliff, '--context', 'slip=0.3', '--wrapper', '{"id": "TimeLimit", "max_episode_steps": 20}']);
    expect(other.stderr).toMatch(/other settings: --context \{"slip":0\.2\} → \{"slip":0\.3\}; pass --force/);
    const bad = await run([...cliff, '--wrapper', '{"id": "TimeLimt"}', '--out', join(tempDir(), 'never')]);
    expect(bad.stderr).toMatch(/^error METARENA_UNKNOWN_WRAPPER: .*did you mean TimeLimit/);
  });
});

describe('metarena eval --remote', () => {
  it('gives the same numbers against a server as in-process', async () => {
    const { startServer } = await import('../../src/server/index.ts');
    const { createBuiltinRegistry } = await import('../../src/plugins/index.ts');
    const server = await startServer({ grpc: '127.0.0.1:0', ws: '127.0.0.1:0', registry: createBuiltinRegistry() });
    try {
      const common = ['eval', '--env', 'TabularMDP-v0', '--episodes-per-trial', '3', '--trials', '20', '--agents', 'random,psrl,ucrl2:delta=0.1', '--seed', '9', '--json'];
      const local = await run([...common, '--out', tempDir()]);
      const remote = await run([...common, '--out', tempDir(), '--remote', server.grpcAddress]);
      expect(remote.stderr).toBe('');
      expect(remote.code).toBe(0);
      expect(JSON.parse(remote.stdout)).toEqual(JSON.parse(local.stdout));
      // tuning runs remotely too (training split on the server)
      const tunedCommon = ['eval', '--env', 'Bandit-v0', '--episodes-per-trial', '10', '--trials', '20', '--agents', 'ucb1', '--tune-trials', '20', '--seed', '9', '--json'];
      const tunedLocal = await run([...tunedCommon, '--out', tempDir()]);
      const tunedRemote = await run([...tunedCommon, '--out', tempDir(), '--remote', server.grpcAddress]);
      expect(tunedRemote.stderr).toBe('');
      expect(JSON.parse(tunedRemote.stdout)).toEqual(JSON.parse(tunedLocal.stdout));
    } finally {
      await server.close(100);
    }
  });
});
