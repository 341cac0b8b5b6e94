import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileCheckpoints } from '../../../src/agents/eval/checkpoints.ts';
import { type AgentCheckpoint, type Checkpoints, evaluate } from '../../../src/agents/eval/evaluate.ts';
import { buildResults, writeResults } from '../../../src/agents/eval/report.ts';
import { type AgentPlugin, AgentRegistry, baselineAgents } from '../../../src/agents/index.ts';
import { agentRegistry, localSource } from '../helpers.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'metarena-eval-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const source = localSource('Bandit-v0', 20);
const settings = (extra = {}) => ({ agents: ['ts', 'ucb1'].map((l) => agentRegistry.parse(l)), trials: 90, seed: 5, batchSize: 40, tuneTrials: 40, ...extra });

describe('evaluate', () => {
  it('is paired and seeded: same arguments, same numbers; trial tasks do not depend on the agent', async () => {
    const a = await evaluate(agentRegistry, source, settings());
    const b = await evaluate(agentRegistry, source, settings());
    expect(b).toEqual(a);
    expect(a[0].returns).toHaveLength(90);
    expect(a[1].tuned?.option).toBe('c');
    expect(a[1].tuned?.grid).toHaveLength(agentRegistry.get('ucb1').tune!.grid.length);
    expect(a[1].options.c).toBe(a[1].tuned?.value);
  });

  it('gives every agent the same tasks, wherever it stands in the list', async () => {
    // a deterministic agent that always pulls one arm earns exactly the same in every position
    const fixedArm: AgentPlugin = {
      name: 'fixed-arm',
      description: 'always pulls the given arm',
      options: { arm: { type: 'integer', default: 0, min: 0, description: 'the arm' } },
      fits: () => undefined,
      create: (spec, o) => {
        const out = new Int32Array(spec.numEnvs).fill(o.arm as number);
        return { name: 'fixed-arm', start: () => {}, act: () => out, observe: () => {} };
      },
    };
    const registry = new AgentRegistry([...baselineAgents, fixedArm]);
    const runs = await evaluate(registry, source, { ...settings(), agents: ['fixed-arm', 'ts', 'fixed-arm:arm=0', 'fixed-arm:arm=1'].map((l) => registry.parse(l)) });
    expect(runs[2].returns).toEqual(runs[0].returns);
    expect(runs[3].returns).not.toEqual(runs[0].returns);
  });

  it('resumes an interrupted run and gives the same result', async () => {
    const full = await evaluate(agentRegistry, source, settings());
    const dir = tempDir();
    const disk = fileCheckpoints(dir);
    let saves = 0;
    const interrupting: Checkpoints = {
      load: (l) => disk.load(l),
      save: (l, s: AgentCheckpoint) => {
        disk.save(l, s);
        if (++saves === 4) throw new Error('interrupted');
      },
    };
    await expect(evaluate(agentRegistry, source, { ...settings(), checkpoints: interrupting })).rejects.toThrow('interrupted');
    expect(disk.load('ts')?.batches).toBe(3);
    // ucb1 was interrupted right after its tuning: that is kept, no batch is
    expect(disk.load('ucb1')?.tuned?.option).toBe('c');
    expect(disk.load('ucb1')?.batches).toBe(0);
    const resumed = await evaluate(agentRegistry, source, { ...settings(), checkpoints: disk });
    expect(resumed).toEqual(full);
    // a checkpoint from other arguments is ignored
    const other = await evaluate(agentRegistry, source, { ...settings(), seed: 6, checkpoints: disk });
    expect(other[0].returns).not.toEqual(full[0].returns);
  });

  it('writes every output atomically and they parse', async () => {
    const runs = await evaluate(agentRegistry, source, settings({ trials: 30 }));
    const dir = tempDir();
    const results = buildResults({ env: 'Bandit-v0', envArgs: {}, episodesPerTrial: 20, trials: 30, seed: 5, split: null, tuneTrials: 40, batchSize: 30 }, runs);
    await writeResults(dir, results);
    const json = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(Object.keys(json.agents)).toEqual(['ts', 'ucb1']);
    const ts = json.agents.ts;
    expect(ts.n).toBe(30);
    expect(ts.ci95[0]).toBeLessThan(ts.mean);
    expect(ts.ci95[1]).toBeGreaterThan(ts.mean);
    expect(ts.episodeMeans).toHaveLength(20);
    expect(ts.episodeMeans.reduce((s: number, x: number) => s + x, 0)).toBeCloseTo(ts.mean, 9);
    expect(json.agents.ucb1.tuned.option).toBe('c');
    const csv = readFileSync(join(dir, 'results.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[1].split(',')[0]).toBe('ts');
    expect(Number(csv[1].split(',')[1])).toBeCloseTo(ts.mean, 9);
    expect(readFileSync(join(dir, 'results.md'), 'utf8')).toMatch(/\| ucb1 \| [\d.]+ \| \[/);
    for (const f of ['means.svg', 'episodes.svg']) expect(readFileSync(join(dir, f), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>$/);
    const leftovers = ['results.json', 'results.csv'].map((f) => existsSync(join(dir, `${f}.${process.pid}.tmp`)));
    expect(leftovers).toEqual([false, false]);
  });
});
