import { describe, expect, it } from 'vitest';
import { jsonLines, runCli, runMain } from './run-cli.ts';

// Gymnasium's CartPole termination: |x| > 2.4 or |theta| > 12 degrees
const X_LIMIT = 2.4;
const THETA_LIMIT = (12 * 2 * Math.PI) / 360;
const outside = (obs: number[]) => Math.abs(obs[0]) > X_LIMIT || Math.abs(obs[2]) > THETA_LIMIT;

describe('metarena rollout', () => {
  it('prints one JSON line per given action and stops at termination', async () => {
    // pole tilted right (0.15 rad) and always pushed right: it falls past 12 degrees
    const actions = Array(100).fill(1);
    const { code, stdout, stderr } = await runCli(['rollout', 'CartPole-v1', '--seed', '0', '--steps', '100', '--state', '[0, 0, 0.15, 0]', '--actions', JSON.stringify(actions), '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.length).toBeLessThan(actions.length);
    for (const [t, line] of lines.entries()) {
      expect(Object.keys(line).sort()).toEqual(['action', 'obs', 'reward', 'terminated', 'truncated']);
      expect(line.action).toBe(1);
      expect(line.reward).toBe(1);
      expect(line.truncated).toBe(false);
      const obs = line.obs as number[];
      expect(obs).toHaveLength(4);
      const last = t === lines.length - 1;
      expect(line.terminated).toBe(last);
      expect(outside(obs)).toBe(last);
    }
  });

  it('stops after --steps, or when the given actions run out', async () => {
    const steps = await runMain(['rollout', 'CartPole-v1', '--steps', '2', '--actions', '[0, 1, 0, 1, 0]', '--json']);
    expect(steps.code).toBe(0);
    expect(jsonLines(steps.stdout).map((l) => l.action)).toEqual([0, 1]);
    const actions = await runMain(['rollout', 'CartPole-v1', '--steps', '50', '--actions', '[1, 0, 1]', '--json']);
    expect(actions.code).toBe(0);
    const lines = jsonLines(actions.stdout);
    expect(lines.map((l) => l.action)).toEqual([1, 0, 1]);
    expect(lines.every((l) => l.terminated === false && l.truncated === false)).toBe(true);
  });

  it('--state fixes the start: the same trajectory every run, whatever the seed', async () => {
    const state = [0.1, 0.5, -0.02, 0.3];
    const actions = JSON.stringify([0, 1, 1, 0, 1, 0, 0, 1, 1, 1]);
    const args = (seed: string) => ['rollout', 'CartPole-v1', '--seed', seed, '--state', JSON.stringify(state), '--actions', actions, '--json'];
    const a = await runCli(args('7'));
    const b = await runCli(args('7'));
    const c = await runCli(args('12345'));
    expect(a.code).toBe(0);
    expect(jsonLines(a.stdout)).toHaveLength(10);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).toBe(a.stdout);
    // the first step starts from the given state: Euler step x' = x + tau * x_dot (tau = 0.02)
    const first = jsonLines(a.stdout)[0].obs as number[];
    expect(first[0]).toBe(Math.fround(state[0] + 0.02 * state[1]));
    expect(first[2]).toBe(Math.fround(state[2] + 0.02 * state[3]));
  });

  it('random actions are seeded: the same seed gives the same lines, another seed others', async () => {
    const args = (seed: string) => ['rollout', 'CartPole-v1', '--seed', seed, '--steps', '20', '--actions', 'random', '--json'];
    const a = await runMain(args('3'));
    const b = await runMain(args('3'));
    const c = await runMain(args('4'));
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).not.toBe(a.stdout);
    for (const line of jsonLines(a.stdout)) expect([0, 1]).toContain(line.action);
  });

  it('takes a number or a one-element array for a one-element Box action', async () => {
    const { code, stdout, stderr } = await runMain(['rollout', 'Pendulum-v1', '--steps', '3', '--actions', '[1.5, [-0.5], 0]', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines.map((l) => l.action)).toEqual([1.5, [-0.5], 0]);
    for (const l of lines) expect(l.obs).toHaveLength(3);
  });

  it('--context sets the physics: a longer time step moves the cart further', async () => {
    const state = [0, 1, 0, 0];
    const { code, stdout } = await runMain(['rollout', 'CartPole-v1', '--state', JSON.stringify(state), '--actions', '[1]', '--context', 'tau=0.05', '--json']);
    expect(code).toBe(0);
    expect((jsonLines(stdout)[0].obs as number[])[0]).toBe(Math.fround(0.05 * state[1]));
  });
});

describe('metarena rollout: make options and --plugin', () => {
  const PLUGIN = './test/cli/fixtures/corridor-plugin.ts';

  it('--plugin rolls out a module\'s env, with its context and wrappers applied in order', async () => {
    const corridor = (...extra: string[]) => runMain(['rollout', 'fixture/Corridor-v0', '--plugin', PLUGIN, '--actions', '[1, 1, 1, 1]', '--json', ...extra]);
    const short = await corridor('--context', 'length=2');
    expect(short.stderr).toBe('');
    expect(jsonLines(short.stdout).map((l) => [l.obs, l.reward, l.terminated])).toEqual([[[1], 0, false], [[2], 1, true]]);
    const negated = await corridor('--context', 'length=2', '--wrapper', '{"id": "fixture/Negate"}');
    expect(jsonLines(negated.stdout).map((l) => l.reward)).toEqual([0, -1]);
    // a built-in wrapper after the module's: ContextObservation appends the context (length) to the observation
    const seen = await corridor('--context', '{"length": 3}', '--wrapper', '{"id": "fixture/Negate"}', '--wrapper', '{"id": "ContextObservation"}');
    expect(jsonLines(seen.stdout).map((l) => [l.obs, l.reward])).toEqual([[[1, 3], 0], [[2, 3], 0], [[3, 3], -1]]);
    // without --plugin the env is unknown
    expect((await runMain(['rollout', 'fixture/Corridor-v0'])).stderr).toMatch(/^error METARENA_UNKNOWN_ENV/);
  });

  it('--context takes k=v,k2=v2 and JSON, repeatable, later values winning', async () => {
    const state = JSON.stringify([0, 1, 0, 0]);
    const x = async (...context: string[]) => {
      const r = await runMain(['rollout', 'CartPole-v1', '--state', state, '--actions', '[1]', ...context.flatMap((c) => ['--context', c]), '--json']);
      expect(r.stderr).toBe('');
      return (jsonLines(r.stdout)[0].obs as number[])[0];
    };
    const expected = Math.fround(0.05);
    expect(await x('tau=0.05,gravity=9.8')).toBe(expected);
    expect(await x('{"tau": 0.05, "gravity": 9.8}')).toBe(expected);
    expect(await x('tau=0.01', '{"tau": 0.05}')).toBe(expected);
  });

  it('--split with --context-sampler draws from that split; --episodes-per-trial is passed on', async () => {
    const lengths = async (split: string) => {
      const out = new Set<number>();
      for (const seed of ['0', '1', '2', '3']) {
        const r = await runMain(['rollout', 'fixture/Corridor-v0', '--plugin', PLUGIN, '--seed', seed, '--split', split, '--context-sampler', '{"kind": "uniform", "bounds": {"length": [1, 100]}}', '--wrapper', '{"id": "ContextObservation"}', '--episodes-per-trial', '2', '--steps', '1', '--json']);
        expect(r.stderr).toBe('');
        out.add((jsonLines(r.stdout)[0].obs as number[])[1]);
      }
      return out;
    };
    const train = await lengths('train');
    const test = await lengths('test');
    expect(train.size).toBeGreaterThan(1);
    for (const v of test) expect(train.has(v)).toBe(false);
  });
});

describe('metarena errors', () => {
  it('the bin prints `error CODE: message` on stderr, nothing on stdout, and exits 2', async () => {
    const { code, stdout, stderr } = await runCli(['rollout', 'CartPol-v1']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error METARENA_UNKNOWN_ENV: unknown env "CartPol-v1"; did you mean CartPole-v1\?/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('a command-line usage mistake exits 2 too', async () => {
    const { code, stderr } = await runCli(['rollout', 'CartPole-v1', '--no-such-flag']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown option '--no-such-flag'");
  });

  const cases: [string, string[], string][] = [
    ['context out of bounds', ['rollout', 'CartPole-v1', '--context', 'gravity=-1'], 'METARENA_CONTEXT_OUT_OF_BOUNDS'],
    ['unknown context feature', ['rollout', 'CartPole-v1', '--context', 'gravty=9'], 'METARENA_UNKNOWN_CONTEXT_FEATURE'],
    ['context value not a number', ['rollout', 'CartPole-v1', '--context', 'gravity=heavy'], 'METARENA_INVALID_CONTEXT'],
    ['context without =', ['rollout', 'CartPole-v1', '--context', 'gravity'], 'METARENA_INVALID_ARGUMENT'],
    ['unknown env arg', ['rollout', 'Bandit-v0', '--arg', 'armz=3'], 'METARENA_INVALID_OPTION'],
    ['bad JSON actions', ['rollout', 'CartPole-v1', '--actions', '[0, 1'], 'METARENA_INVALID_ARGUMENT'],
    ['actions not a list', ['rollout', 'CartPole-v1', '--actions', '{"a": 1}'], 'METARENA_INVALID_ARGUMENT'],
    ['action outside the space', ['rollout', 'CartPole-v1', '--actions', '[0, 2]'], 'METARENA_INVALID_ACTION'],
    ['bad state', ['rollout', 'CartPole-v1', '--state', '{"x": 1}'], 'METARENA_INVALID_STATE'],
    ['negative seed', ['rollout', 'CartPole-v1', '--seed', '-3'], 'METARENA_INVALID_SEED'],
    ['zero steps', ['rollout', 'CartPole-v1', '--steps', '0'], 'METARENA_INVALID_ARGUMENT'],
    ['wrapper not JSON', ['rollout', 'CartPole-v1', '--wrapper', '{id: TimeLimit}'], 'METARENA_INVALID_ARGUMENT'],
    ['wrapper without id', ['rollout', 'CartPole-v1', '--wrapper', '{"max_episode_steps": 3}'], 'METARENA_INVALID_ARGUMENT'],
    ['unknown wrapper', ['rollout', 'CartPole-v1', '--wrapper', '{"id": "Nope"}'], 'METARENA_UNKNOWN_WRAPPER'],
    ['context sampler not an object', ['rollout', 'CartPole-v1', '--context-sampler', '"uniform"'], 'METARENA_INVALID_ARGUMENT'],
    ['split without a varying context', ['rollout', 'CartPole-v1', '--split', 'train'], 'METARENA_SPLIT_OVERLAP'],
    ['bad split name', ['rollout', 'CartPole-v1', '--split', 'validation'], 'METARENA_INVALID_ARGUMENT'],
    ['plugin module missing', ['rollout', 'CartPole-v1', '--plugin', './no/such.js'], 'METARENA_PLUGIN_ERROR'],
    ['unknown benchmark', ['bench', '--only', 'no-such-bench'], 'METARENA_INVALID_ARGUMENT'],
  ];
  it.each(cases)('%s: exit 2 with the code, before any output', async (_what, args, errorCode) => {
    const { code, stdout, stderr } = await runMain(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^error ${errorCode}: \\S`));
  });
});
