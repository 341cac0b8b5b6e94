import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { runMain } from '../cli/run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'metarena-evolve-remote-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let k = 0;
const outDir = () => join(root, `run-${k++}`);
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const memberFitness = (out: string) =>
  readFileSync(join(out, 'metrics.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((r) => r.kind === 'member')
    .map((r) => [r.generation, r.member, r.tag, r.fitness]);

describe('metarena evolve --remote', () => {
  it('--remote: reservoir members train, and se members are tested, against a server, with the fitnesses of an in-process run', async () => {
    const { startServer } = await import('../../src/server/index.ts');
    const server = await startServer({ grpc: '127.0.0.1:0', ws: '127.0.0.1:0', registry: createBuiltinRegistry() });
    try {
      const runs = [
        ['evolve', 'reservoir', '--env', 'CartPole-v1', '--generations', '1', '--population', '2', '--set', 'trainSteps=128', '--set', 'seeds=1', '--set', 'units=20', '--set', 'agent.numSteps=64', '--set', 'agent.numMinibatches=1', '--set', 'agent.updateEpochs=1'],
        ['evolve', 'se', '--env', 'CartPole-v1', '--generations', '1', '--population', '2', '--set', 'trainSteps=40', '--set', 'testEpisodes=2', '--set', 'agent.learningStarts=20', '--set', 'agent.batchSize=8'],
      ];
      for (const [i, args] of runs.entries()) {
        const here = outDir();
        const there = outDir();
        expect((await runMain([...args, '--workers', '0', '--out', here])).code).toBe(0);
        const before = Number(server.stats().requests_total);
        expect((await runMain([...args, '--workers', i === 0 ? '2' : '0', '--out', there, '--remote', server.grpcAddress])).code).toBe(0);
        expect(Number(server.stats().requests_total)).toBeGreaterThan(before + 20);
        expect(memberFitness(there)).toEqual(memberFitness(here));
        expect(json(join(there, 'run.json'))).toMatchObject({ remote: server.grpcAddress });
      }
    } finally {
      await server.close(100);
    }
  });
});
