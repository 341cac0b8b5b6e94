import { describe, expect, it } from 'vitest';
import { RemoteVectorEnv, getStats } from '../../src/client/index.ts';
import { eventually, startLoopbackServer } from './harness.ts';

describe('server-wide resource limits', () => {
  it('refuses envs beyond --max-envs summed over all sessions, up front, with RESOURCE_EXHAUSTED', async () => {
    const server = await startLoopbackServer({ limits: { maxEnvs: 10, maxEnvsPerSession: 8 } });
    try {
      const a = await RemoteVectorEnv.connect({ address: server.grpcAddress }, 'CartPole-v1', 8);
      const err = await RemoteVectorEnv.connect({ address: server.wsAddress, transport: 'ws' }, 'CartPole-v1', 3).catch((e) => e);
      expect(err).toMatchObject({ code: 'METARENA_LIMIT_EXCEEDED', status: 'RESOURCE_EXHAUSTED', details: { field: 'num_envs', allowed: 'at most 2' } });
      expect(err.message).toContain('allows 10 over all sessions (--max-envs)');
      const b = await RemoteVectorEnv.connect({ address: server.wsAddress, transport: 'ws' }, 'CartPole-v1', 2);
      await a.close();
      // a's envs are released once its session is gone
      expect(await eventually(async () => (await getStats(server.grpcAddress)).envs === 2, 5000)).toBe(true);
      const c = await RemoteVectorEnv.connect({ address: server.grpcAddress }, 'CartPole-v1', 8);
      await Promise.all([b.close(), c.close()]);
    } finally {
      await server.close();
    }
  });

  it('refuses envs whose estimated memory exceeds the budget (TabularMDP 128 states x 64 actions: ~8 MiB each), and frees the budget on close', async () => {
    const server = await startLoopbackServer({ limits: { memoryBudgetBytes: 40 * 1024 ** 2 } });
    const args = { states: 128, actions: 64 };
    try {
      const err = await RemoteVectorEnv.connect({ address: server.grpcAddress }, 'TabularMDP-v0', 5, { args }).catch((e) => e);
      expect(err).toMatchObject({ code: 'METARENA_LIMIT_EXCEEDED', status: 'RESOURCE_EXHAUSTED', details: { field: 'num_envs', allowed: 'at most 4 with these args' } });
      expect(err.message).toMatch(/memory budget of 40\.0 MiB \(--memory-budget-bytes\)/);
      const four = await RemoteVectorEnv.connect({ address: server.grpcAddress }, 'TabularMDP-v0', 4, { args });
      // another session: the budget is shared
      await expect(RemoteVectorEnv.connect({ address: server.wsAddress, transport: 'ws' }, 'TabularMDP-v0', 1, { args })).rejects.toMatchObject({ code: 'METARENA_LIMIT_EXCEEDED' });
      // small envs still fit
      const small = await RemoteVectorEnv.connect({ address: server.wsAddress, transport: 'ws' }, 'TabularMDP-v0', 4);
      await four.close();
      expect(await eventually(async () => (await getStats(server.grpcAddress)).envs === 4, 5000)).toBe(true);
      const again = await RemoteVectorEnv.connect({ address: server.grpcAddress }, 'TabularMDP-v0', 4, { args });
      await Promise.all([again.close(), small.close()]);
    } finally {
      await server.close();
    }
  });
});
