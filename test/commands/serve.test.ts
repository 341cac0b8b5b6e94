import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serveLimits } from '../../src/commands/serve.ts';
import { eventually, RawWebSocket } from '../server/harness.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('metarena serve limits', () => {
  it('maps each limit flag to its server limit and refuses non-positive values, naming the flag', () => {
    expect(serveLimits({ grpc: '', ws: '', maxEnvs: '100', memoryBudgetBytes: '1e9', maxConnections: '50', openTimeout: '2.5' })).toEqual({ maxEnvs: 100, memoryBudgetBytes: 1e9, maxConnections: 50, openTimeoutSeconds: 2.5 });
    expect(() => serveLimits({ grpc: '', ws: '', maxConnections: '0' })).toThrow(/--max-connections must be a positive number/);
    expect(() => serveLimits({ grpc: '', ws: '', memoryBudgetBytes: 'lots' })).toThrow(/--memory-budget-bytes/);
  });

  it('--allow-origin lets pages of that origin open WebSocket sessions and refuses others', async () => {
    const child = spawn(process.execPath, ['bin/metarena.js', 'serve', '--grpc', '127.0.0.1:0', '--ws', '127.0.0.1:0', '--allow-origin', 'https://app.example'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      expect(await eventually(() => out.includes('listening'), 30_000)).toBe(true);
      const ws = /ws=(\S+)/.exec(out)![1];
      for (const [origin, status] of [
        ['https://app.example', '101'],
        ['https://evil.example', '403'],
      ]) {
        const r = await RawWebSocket.open(ws, { Origin: origin });
        expect([origin, r.status]).toEqual([origin, expect.stringContaining(status)]);
        r.ws.close();
      }
    } finally {
      child.kill('SIGTERM');
    }
  }, 40_000);
});

describe('metarena serve --plugin', () => {
  it('says on stderr which modules it loaded and what each added, and serves their envs', async () => {
    const plugin = './test/cli/fixtures/corridor-plugin.ts';
    const child = spawn(process.execPath, ['bin/metarena.js', 'serve', '--grpc', '127.0.0.1:0', '--ws', '127.0.0.1:0', '--plugin', plugin], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      expect(await eventually(() => out.includes('listening'), 30_000)).toBe(true);
      const { createBuiltinRegistry } = await import('../../src/plugins/index.ts');
      const builtin = createBuiltinRegistry();
      expect(err).toContain(`--plugin ${plugin}: envs fixture/Corridor-v0; wrappers fixture/Negate\n`);
      expect(err).toContain(`metarena: serving ${builtin.listEnvs().length + 1} envs and ${builtin.listWrappers().length + 1} wrappers\n`);
      const { listEnvs } = await import('../../src/client/index.ts');
      const grpc = /grpc=(\S+)/.exec(out)![1];
      expect((await listEnvs(grpc)).map((s) => s.envId)).toContain('fixture/Corridor-v0');
    } finally {
      child.kill('SIGTERM');
    }
  }, 40_000);
});
