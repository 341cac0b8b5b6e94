import { describe, expect, it } from 'vitest';
import { product, resolveArgs, spaceFromJSON, type SpaceSpec } from '../../src/core/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { runCli, runMain } from './run-cli.ts';

const registry = createBuiltinRegistry();

/** Limits of a Box spec compared with the in-process space: finite values equal, infinite ones null. */
function expectLimits(json: (number | null)[], actual: Float64Array): void {
  expect(json).toHaveLength(actual.length);
  actual.forEach((v, i) => expect(json[i]).toBe(Number.isFinite(v) ? v : null));
}

function expectSpaceSpec(spec: SpaceSpec, space: ReturnType<typeof spaceFromJSON>): void {
  expect(spec.type).toBe(space.type);
  if (spec.type === 'Box') {
    const box = space as unknown as { low: Float64Array; high: Float64Array; shape: number[] };
    expect(spec.shape).toEqual([...box.shape]);
    expect(spec.low).toHaveLength(product(spec.shape));
    expectLimits(spec.low, box.low);
    expectLimits(spec.high, box.high);
  }
  // the spec rebuilds an equal space
  expect(spaceFromJSON(spec).toJSON()).toEqual(spec);
}

describe('metarena envs', () => {
  it('--json describes every registered env, with unbounded limits as null', async () => {
    const { code, stdout, stderr } = await runCli(['envs', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as Record<string, any>[];
    const plugins = registry.listEnvs();
    expect(entries.map((e) => e.id)).toEqual(plugins.map((p) => p.id));
    for (const [i, entry] of entries.entries()) {
      const plugin = plugins[i];
      const args = resolveArgs(plugin.args, {}, 'args');
      expect(Object.keys(entry).sort()).toEqual(['actionSpace', 'args', 'context', 'description', 'id', 'maxEpisodeSteps', 'observationSpace']);
      expect(entry.description).toBe(plugin.description);
      expectSpaceSpec(entry.observationSpace, plugin.observationSpace(args));
      expectSpaceSpec(entry.actionSpace, plugin.actionSpace(args));
      expect(entry.maxEpisodeSteps).toBe(plugin.maxEpisodeSteps(args) ?? null);
      expect(entry.context.map((c: { name: string }) => c.name)).toEqual(plugin.contextSpace.names);
      for (const [j, f] of plugin.contextSpace.features.entries()) {
        const c = entry.context[j];
        expect(c.default).toBe(f.default);
        expect(c.lower).toBe(Number.isFinite(f.lower) ? f.lower : null);
        expect(c.upper).toBe(Number.isFinite(f.upper) ? f.upper : null);
        expect(c.unit).toBe(f.unit);
        expect(typeof c.description).toBe('string');
      }
      expect(entry.args.map((a: { name: string }) => a.name)).toEqual(Object.keys(plugin.args));
      for (const a of entry.args) expect(a.default).toEqual(plugin.args[a.name].default);
    }
    // CartPole's gravity has no upper bound: the JSON says null, not a number
    const gravity = entries.find((e) => e.id === 'CartPole-v1')!.context.find((c: { name: string }) => c.name === 'gravity');
    expect(gravity.upper).toBeNull();
  });

  it('prints a table with one row per env without --json', async () => {
    const { code, stdout } = await runMain(['envs']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+OBSERVATION\s+ACTION/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual(registry.listEnvs().map((p) => p.id));
  });
});
