import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend, loadCheckpoint } from '../../src/nn/index.ts';
import { runCli, runMain } from '../cli/run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'metarena-train-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let k = 0;
const outDir = () => join(root, `run-${k++}`);

const jsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

async function adamIter(dir: string): Promise<number> {
  await initBackend({ log: () => {} });
  const { tensors } = await loadCheckpoint(join(dir, 'checkpoint'));
  const iter = tensors['optim/adam/iter'].dataSync()[0];
  tf.dispose(Object.values(tensors));
  return iter;
}

describe('metarena train', () => {
  it('names every built-in learner in its help', async () => {
    const { builtinLearners } = await import('../../src/agents/learners.ts');
    const help = await runMain(['train', '--help']);
    for (const learner of builtinLearners) expect(help.stdout).toContain(learner.name);
  });

  it('trains PPO (real CLI), writes metrics, checkpoint, curve and summary, and resumes with the saved Adam state', async () => {
    const out = outDir();
    const args = ['train', '--agent', 'ppo', '--env', 'CartPole-v1', '--num-envs', '4', '--seed', '3', '--out', out, '--set', 'numSteps=32', '--set', 'updateEpochs=2', '--eval-every', '256', '--eval-episodes', '2', '--progress-every', '0', '--json'];
    const first = await runCli([...args, '--steps', '512']);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(Object.keys(summary).sort()).toEqual(['evalReturn', 'seconds', 'steps', 'trainReturnLast10']);
    expect(summary.steps).toBe(512);
    expect(summary.evalReturn).toBeGreaterThan(0);
    // CartPole's return is the episode's length: at least 8 steps, and 512 steps over 4 envs hold at most 64 episodes
    const written = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(written.trainReturnLast10).toBe(summary.trainReturnLast10);
    expect(written.trainEpisodes).toBeGreaterThanOrEqual(10);
    expect(written.trainEpisodes).toBeLessThanOrEqual(512 / 8);
    expect(summary.trainReturnLast10).toBeGreaterThanOrEqual(8);
    expect(summary.trainReturnLast10).toBeLessThanOrEqual(128);
    for (const f of ['run.json', 'metrics.csv', 'metrics.jsonl', 'learning-curve.svg', 'summary.json', 'checkpoint/model.json']) expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, 'learning-curve.svg'), 'utf8')).toMatch(/^<svg/);
    const rows = jsonl(join(out, 'metrics.jsonl'));
    // one training row per update (512 / (4 × 32)) and evaluations at 256 and 512 steps
    expect(rows.filter((r) => r.kind === 'train').map((r) => r.steps)).toEqual([128, 256, 384, 512]);
    expect(rows.filter((r) => r.kind === 'eval').map((r) => r.steps)).toEqual([256, 512]);
    expect(rows.every((r) => r.run === 'CartPole-v1__ppo__3')).toBe(true);
    expect(typeof rows[0].policy_loss).toBe('number');
    const csv = readFileSync(join(out, 'metrics.csv'), 'utf8').trim().split('\n');
    expect(csv[0].split(',')).toEqual(expect.arrayContaining(['run', 'kind', 'steps', 'seconds', 'episode_return', 'steps_per_second', 'policy_loss', 'eval_return']));
    expect(csv).toHaveLength(rows.length + 1);
    // 4 updates × 2 epochs × 1 minibatch
    expect(await adamIter(out)).toBe(8);

    const resumed = await runMain([...args, '--steps', '768', '--resume']);
    // it says that it resumes, and from where
    expect(resumed.stderr).toBe(`resuming CartPole-v1__ppo__3 from step 512 of 768 (${join(out, 'checkpoint')})\n`);
    expect(JSON.parse(resumed.stdout).steps).toBe(768);
    const after = jsonl(join(out, 'metrics.jsonl'));
    expect(after.slice(0, rows.length)).toEqual(rows);
    expect(after.filter((r) => r.kind === 'train').map((r) => r.steps)).toEqual([128, 256, 384, 512, 640, 768]);
    // the saved Adam state went on: 2 more updates
    expect(await adamIter(out)).toBe(12);
    const run = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8'));
    expect(run).toMatchObject({ run: 'CartPole-v1__ppo__3', agent: 'ppo', env: 'CartPole-v1', numEnvs: 4, seed: 3 });
    // the learning-rate schedule keeps the first run's length
    expect(run.options.totalSteps).toBe(512);
  });

  it('stops at --target-return, and a tabular learner runs with its own metrics', async () => {
    const out = outDir();
    const r = await runMain(['train', '--agent', 'q-learning', '--env', 'TabularMDP-v0', '--steps', '20000', '--out', out, '--eval-every', '500', '--eval-episodes', '4', '--target-return', '-1000', '--json']);
    expect(r.stderr).toBe('');
    // any return beats −1000: the first evaluation stops the run
    expect(JSON.parse(r.stdout).steps).toBe(500);
    const rows = jsonl(join(out, 'metrics.jsonl'));
    expect(rows.find((x) => x.kind === 'train')).toHaveProperty('td_error');
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toMatchObject({ run: 'TabularMDP-v0__q-learning__1', targetReached: true });
  });

  it.each([
    [['--agent', 'dqm'], 'METARENA_INVALID_OPTION', /unknown learner "dqm" \(did you mean dqn\?\)/],
    [['--agent', 'sarsa'], 'METARENA_INVALID_OPTION', /sarsa cannot train in CartPole-v1: needs Discrete observations/],
    [['--set', 'lr=1'], 'METARENA_INVALID_OPTION', /unknown argument "lr"/],
    [['--set', 'gamma=2'], 'METARENA_INVALID_OPTION', /gamma must be a number in \[0, 1\]/],
    [['--set', 'gamma'], 'METARENA_INVALID_ARGUMENT', /--set takes name=value/],
    [['--steps', '0'], 'METARENA_INVALID_ARGUMENT', /--steps must be an integer >= 1/],
    [['--env', 'CartPole-v9'], 'METARENA_UNKNOWN_ENV', /CartPole-v1/],
    [['--resume'], 'METARENA_INVALID_ARGUMENT', /holds no run to resume/],
    [['--target-return', 'x'], 'METARENA_INVALID_ARGUMENT', /--target-return must be a finite number/],
    [['--progress-every', '-1'], 'METARENA_INVALID_ARGUMENT', /--progress-every must be a number >= 0/],
    // the make options, checked by the same parser and registry as rollout's and eval's
    [['--context', 'gravty=1'], 'METARENA_UNKNOWN_CONTEXT_FEATURE', /gravty/],
    [['--context', 'gravity=-1'], 'METARENA_CONTEXT_OUT_OF_BOUNDS', /gravity/],
    [['--context', '{"gravity": "x"}'], 'METARENA_INVALID_CONTEXT', /--context gravity="x": the value must be a finite number/],
    [['--context-sampler', '[1]'], 'METARENA_INVALID_ARGUMENT', /--context-sampler must be a JSON object/],
    [['--context-sampler', '{"kind": "wide"}'], 'METARENA_INVALID_CONTEXT', /wide/],
    [['--split', 'val'], 'METARENA_INVALID_ARGUMENT', /--split must be train or test/],
    [['--split', 'test'], 'METARENA_SPLIT_OVERLAP', /give a context_sampler/],
    [['--episodes-per-trial', '0'], 'METARENA_INVALID_ARGUMENT', /--episodes-per-trial must be an integer >= 1/],
    [['--wrapper', '{"max_episode_steps": 5}'], 'METARENA_INVALID_ARGUMENT', /--wrapper\[0\] needs a string "id"/],
    [['--wrapper', '{"id": "TimeLimt"}'], 'METARENA_UNKNOWN_WRAPPER', /did you mean TimeLimit/],
    [['--wrapper', '{"id": "TimeLimit", "max_episode_step": 5}'], 'METARENA_INVALID_OPTION', /max_episode_step/],
    [['--plugin', './no/such/module.js'], 'METARENA_PLUGIN_ERROR', /no\/such\/module\.js/],
  ])('refuses bad arguments before any work: %j', async (extra, code, message) => {
    const out = outDir();
    const args = ['train', '--agent', 'dqn', '--env', 'CartPole-v1', '--steps', '100', '--out', out];
    for (let i = 0; i < extra.length; i += 2) {
      const at = args.indexOf(extra[i]);
      if (at >= 0) args[at + 1] = extra[i + 1];
      else args.push(...extra.slice(i, i + 2));
    }
    const r = await runMain(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error ${code}:`);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to overwrite a run, and to resume with other settings', async () => {
    const out = outDir();
    const args = ['train', '--agent', 'sarsa', '--env', 'CliffWalking-v0', '--steps', '200', '--out', out, '--eval-episodes', '0'];
    expect((await runMain(args)).code).toBe(0);
    const again = await runMain(args);
    expect(again.stderr).toMatch(/already holds a run; pass --resume/);
    const other = await runMain([...args, '--resume', '--set', 'alpha=0.5', '--seed', '2']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/trained with other settings: --seed 1 → 2; --set alpha: 0.1 → 0.5/);
    const wrongAgent = await runMain(['train', '--agent', 'q-learning', '--env', 'CliffWalking-v0', '--steps', '200', '--out', out, '--resume']);
    expect(wrongAgent.stderr).toMatch(/--agent "sarsa" → "q-learning"/);
  });
});

describe('metarena train: make options, warnings and progress', () => {
  const cliff = ['train', '--agent', 'sarsa', '--env', 'CliffWalking-v0', '--steps', '300', '--eval-episodes', '0', '--progress-every', '0'];
  const trainRows = (out: string) => jsonl(join(out, 'metrics.jsonl')).filter((r) => r.kind === 'train');
  const episodes = (out: string) => trainRows(out).reduce((n, r) => n + (r.episodes as number), 0);

  it('--wrapper and --context reach the training env, in order, and run.json records them', async () => {
    const plain = outDir();
    expect((await runMain([...cliff, '--out', plain])).code).toBe(0);
    // a random walk from the start never reaches the goal in 300 steps: no episode ends
    expect(episodes(plain)).toBe(0);
    // TimeLimit(5) ends an episode every 5 steps (the goal is 13 steps away)
    const limited = outDir();
    const wrapper = '{"id": "TimeLimit", "max_episode_steps": 5}';
    expect((await runMain([...cliff, '--out', limited, '--wrapper', wrapper])).code).toBe(0);
    expect(episodes(limited)).toBeGreaterThan(0);
    // a second, tighter limit on top: shorter episodes, more of them
    const twice = outDir();
    expect((await runMain([...cliff, '--out', twice, '--wrapper', wrapper, '--wrapper', '{"id": "TimeLimit", "max_episode_steps": 3}'])).code).toBe(0);
    expect(episodes(twice)).toBeGreaterThan(episodes(limited));
    expect(JSON.parse(readFileSync(join(twice, 'run.json'), 'utf8')).make.wrappers.map((w: { max_episode_steps: number }) => w.max_episode_steps)).toEqual([5, 3]);
    // a slippery cliff (same seed) walks otherwise: other TD errors
    const slippery = outDir();
    expect((await runMain([...cliff, '--out', slippery, '--context', 'slip=0.5'])).code).toBe(0);
    expect(trainRows(slippery).map((r) => r.td_error)).not.toEqual(trainRows(plain).map((r) => r.td_error));
    const run = JSON.parse(readFileSync(join(limited, 'run.json'), 'utf8'));
    expect(run.make).toEqual({ wrappers: [{ id: 'TimeLimit', max_episode_steps: 5 }] });
    expect(JSON.parse(readFileSync(join(slippery, 'run.json'), 'utf8')).make).toEqual({ context: { slip: 0.5 } });
  });

  it('--autoreset same_step restarts episodes within the step (no reset-only steps), is recorded, and must match on resume', async () => {
    const wrapper = ['--wrapper', '{"id": "TimeLimit", "max_episode_steps": 5}'];
    const next = outDir();
    expect((await runMain([...cliff, '--out', next, ...wrapper])).code).toBe(0);
    const same = outDir();
    expect((await runMain([...cliff, '--out', same, ...wrapper, '--autoreset', 'same_step'])).code).toBe(0);
    // 5-step episodes: one reset-only step after each under next_step (6 env steps each), none under same_step
    expect(episodes(next)).toBe(Math.floor(300 / 6));
    expect(episodes(same)).toBe(300 / 5);
    expect(JSON.parse(readFileSync(join(same, 'run.json'), 'utf8')).autoreset).toBe('same_step');
    const resumed = await runMain([...cliff, '--steps', '400', '--out', same, ...wrapper, '--resume']);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toMatch(/--autoreset "same_step" → "next_step"/);
    const bad = await runMain([...cliff, '--out', outDir(), '--autoreset', 'disabled']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--autoreset must be one of next_step, same_step, got "disabled"/);
  });

  it('--context takes k=v,... and JSON alike; --split with a sampler trains on that split; resuming with other make options is refused', async () => {
    const a = outDir();
    const b = outDir();
    expect((await runMain([...cliff, '--out', a, '--context', 'slip=0.25'])).code).toBe(0);
    expect((await runMain([...cliff, '--out', b, '--context', '{"slip": 0.25}'])).code).toBe(0);
    expect(trainRows(b).map((r) => r.td_error)).toEqual(trainRows(a).map((r) => r.td_error));
    const other = await runMain([...cliff, '--steps', '400', '--out', a, '--resume', '--context', 'slip=0.5']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/trained with other settings: --context \{"slip":0\.25\} → \{"slip":0\.5\}\n/);
    const split = outDir();
    const sampler = '{"kind": "uniform", "features": ["slip"]}';
    expect((await runMain([...cliff, '--out', split, '--split', 'train', '--context-sampler', sampler, '--episodes-per-trial', '2'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(split, 'run.json'), 'utf8')).make).toEqual({ contextSampler: { kind: 'uniform', features: ['slip'] }, split: 'train', episodesPerTrial: 2 });
  });

  it('warns when --steps ends before the learner starts learning', async () => {
    const r = await runMain(['train', '--agent', 'dqn', '--env', 'CartPole-v1', '--steps', '100', '--set', 'learningStarts=200', '--set', 'hidden=8', '--eval-episodes', '0', '--progress-every', '0', '--out', outDir()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: --steps 100 ends before dqn starts learning (learningStarts 200): every step is a random action and nothing is learned; give more --steps or --set learningStarts=N\n');
    const past = await runMain(['train', '--agent', 'dqn', '--env', 'CartPole-v1', '--steps', '300', '--set', 'learningStarts=200', '--set', 'hidden=8', '--eval-episodes', '0', '--progress-every', '0', '--out', outDir()]);
    expect(past.stderr).toBe('');
  });

  it('prints progress lines on stderr when it is not a terminal, as often as --progress-every says', async () => {
    const out = outDir();
    const args = cliff.filter((a, i) => a !== '--progress-every' && cliff[i - 1] !== '--progress-every');
    const r = await runMain([...args, '--out', out, '--progress-every', '0.000001']);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    // one line per training log: steps done of all, share, last return, steps/s and seconds
    expect(lines).toHaveLength(trainRows(out).length);
    expect(lines.every((l) => /^train \d+\/300 steps \(\d+%\) \| return (-|-?\d+\.\d) \| eval - \| \d+ steps\/s \| \d+ s$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^train 300\/300 steps \(100%\)/);
    // the default (5 s) prints nothing for a run this short; 0 turns the lines off
    expect((await runMain([...args, '--out', outDir(), '--progress-every', '0'])).stderr).toBe('');
  });
});

describe('metarena train --remote', () => {
  it('PPO, DQN and SAC train against a server exactly as in-process: the same returns and losses for the same seed', async () => {
    const { startServer } = await import('../../src/server/index.ts');
    const { createBuiltinRegistry } = await import('../../src/plugins/index.ts');
    const server = await startServer({ grpc: '127.0.0.1:0', ws: '127.0.0.1:0', registry: createBuiltinRegistry() });
    try {
      const args = ['train', '--agent', 'ppo', '--env', 'CartPole-v1', '--num-envs', '4', '--seed', '5', '--steps', '256', '--set', 'numSteps=32', '--set', 'updateEpochs=2', '--eval-episodes', '2', '--progress-every', '0', '--json'];
      const localOut = outDir();
      const remoteOut = outDir();
      const local = await runMain([...args, '--out', localOut]);
      const remote = await runMain([...args, '--out', remoteOut, '--remote', server.grpcAddress]);
      expect(remote.stderr).toBe('');
      // the training steps (and the evaluation's) went through the server
      expect(Number(server.stats().requests_total)).toBeGreaterThan(256 / 4);
      expect(JSON.parse(remote.stdout).evalReturn).toBe(JSON.parse(local.stdout).evalReturn);
      const untimed = (rows: Record<string, unknown>[]) => rows.map(({ seconds: _s, steps_per_second: _r, ...rest }) => rest);
      const localRows = untimed(jsonl(join(localOut, 'metrics.jsonl')));
      expect(localRows.filter((r) => r.kind === 'train')).toHaveLength(2);
      expect(untimed(jsonl(join(remoteOut, 'metrics.jsonl')))).toEqual(localRows);

      // off-policy learners too: DQN on CartPole and SAC on Pendulum, past their learning starts
      for (const [agent, env, steps, options] of [
        ['dqn', 'CartPole-v1', '1200', ['learningStarts=200', 'trainFreq=16', 'hidden=16,16']],
        ['sac', 'Pendulum-v1', '300', ['learningStarts=100', 'hidden=16,16', 'batchSize=32', 'actionBound=2', 'logEvery=100']],
      ] as const) {
        const common = ['train', '--agent', agent, '--env', env, '--num-envs', '2', '--seed', '2', '--steps', steps, '--eval-episodes', '1', ...options.flatMap((o) => ['--set', o]), '--progress-every', '0', '--json'];
        const here = outDir();
        const there = outDir();
        expect((await runMain([...common, '--out', here])).stderr).toBe('');
        expect((await runMain([...common, '--out', there, '--remote', server.grpcAddress])).stderr).toBe('');
        const rows = untimed(jsonl(join(here, 'metrics.jsonl')));
        expect(rows.some((r) => r.kind === 'train' && Object.keys(r).some((k) => k.endsWith('loss')))).toBe(true);
        expect(untimed(jsonl(join(there, 'metrics.jsonl')))).toEqual(rows);
      }
    } finally {
      await server.close(100);
    }
  });
});
