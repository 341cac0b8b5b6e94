import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { runCli } from './run-cli.ts';

describe('metarena bench', () => {
  it('prints one JSON document with in-process env-steps/s for every env', async () => {
    const { code, stdout, stderr } = await runCli(['bench', '--only', 'in-process', '--seconds', '0.02']);
    expect(code).toBe(0);
    expect(stderr).toContain('in-process'); // progress goes to stderr
    const report = JSON.parse(stdout);
    expect(report.machine.cpus).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    expect(Object.keys(report.results)).toEqual(['in-process']);
    const { envSteps, numEnvs } = report.results['in-process'];
    expect(numEnvs).toBe(64);
    const ids = createBuiltinRegistry().listEnvs().map((p) => p.id);
    expect(Object.keys(envSteps)).toEqual(ids);
    for (const id of ids) {
      expect(envSteps[id].error).toBeUndefined();
      expect(envSteps[id].single).toBeGreaterThan(0);
      expect(envSteps[id].vector).toBeGreaterThan(0);
    }
  });
});
