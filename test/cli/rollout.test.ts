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
    ['unknown benchmark', ['bench', '--only', 'no-such-bench'], 'METARENA_INVALID_ARGUMENT'],
  ];
  it.each(cases)('%s: exit 2 with the code, before any output', async (_what, args, errorCode) => {
    const { code, stdout, stderr } = await runMain(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^error ${errorCode}: \\S`));
  });
});
