import { describe, expect, it } from 'vitest';
import { product, resolveArgs, spaceFromJSON, type SpaceSpec } from '../../src/core/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { runCli, runMain } from './run-cli.ts';

const registry = createBuiltinRegistry();
const PLUGIN = './test/cli/fixtures/corridor-plugin.ts';

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

  it('the table names every env\'s context features (a dash where there are none)', async () => {
    const { stdout } = await runMain(['envs']);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/\sCONTEXT FEATURES$/);
    for (const p of registry.listEnvs()) {
      const line = lines.find((l) => l.startsWith(`${p.id} `))!;
      expect(line.endsWith(`  ${p.contextSpace.names.join(', ') || '-'}`)).toBe(true);
    }
    expect(lines.find((l) => l.startsWith('CartPole-v1 '))).toMatch(/gravity, masscart, masspole, length, force_mag, tau/);
    expect(lines.find((l) => l.startsWith('Bandit-v0 '))).toMatch(/\s-$/);
  });

  it('--plugin adds the envs of a module (table and JSON), repeatable; a bad module is named', async () => {
    const table = await runCli(['envs', '--plugin', PLUGIN]);
    expect(table.code).toBe(0);
    const rows = table.stdout.trimEnd().split('\n').slice(1);
    expect(rows.map((l) => l.split(/\s+/)[0])).toEqual([...registry.listEnvs().map((p) => p.id), 'fixture/Corridor-v0']);
    expect(rows.at(-1)).toMatch(/walk right to the end of a corridor\s+length$/);
    const json = JSON.parse((await runMain(['envs', '--json', '--plugin', PLUGIN])).stdout) as { id: string; context: { name: string }[] }[];
    expect(json.at(-1)).toMatchObject({ id: 'fixture/Corridor-v0', context: [{ name: 'length', default: 3 }] });
    // the same module twice registers its ids twice: refused, naming the module
    const twice = await runMain(['envs', '--plugin', PLUGIN, '--plugin', PLUGIN]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/^error METARENA_PLUGIN_ERROR: --plugin .*corridor-plugin\.ts: .*fixture\/Corridor-v0 is already registered/);
    const missing = await runMain(['envs', '--plugin', './no/such/module.js']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error METARENA_PLUGIN_ERROR: --plugin \.\/no\/such\/module\.js: cannot load the module/);
    // the built-in registry is untouched for the next command
    expect(JSON.parse((await runMain(['envs', '--json'])).stdout).map((e: { id: string }) => e.id)).toEqual(registry.listEnvs().map((p) => p.id));
  });
});
