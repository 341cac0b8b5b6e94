import { describe, expect, it } from 'vitest';
import { EpisodeRecorder } from '../../src/commands/episode-recorder.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';

const registry = createBuiltinRegistry();

async function walk(recorder: EpisodeRecorder, steps: number, action = 0) {
  await recorder.reset({ seed: 1 });
  for (let t = 0; t < steps; t++) await recorder.step(Int32Array.from({ length: recorder.numEnvs }, () => action));
}

describe('EpisodeRecorder', () => {
  it('records each ended episode once in every autoreset mode (next_step reset-only steps not counted)', async () => {
    const seen: Record<string, unknown> = {};
    for (const autoresetMode of ['next_step', 'same_step'] as const) {
      // always up on CliffWalking, cut at 5 steps: −5 per episode
      const recorder = new EpisodeRecorder(registry.makeVec('CliffWalking-v0', 2, { maxEpisodeSteps: 5, autoresetMode }));
      await walk(recorder, autoresetMode === 'next_step' ? 17 : 15);
      expect(recorder.episodes).toEqual(new Array(6).fill({ return: -5, realReturn: -5, length: 5 }));
      expect(recorder.steps).toBe(30);
      seen[autoresetMode] = recorder.episodes;
    }
    expect(seen.same_step).toEqual(seen.next_step);
  });

  it("keeps the env's own reward apart from a RewardNet's", async () => {
    const recorder = new EpisodeRecorder(registry.makeVec('CliffWalking-v0', 1, { maxEpisodeSteps: 4, wrappers: [{ id: 'RewardNet', mode: 2, hidden: [4], init_seed: 2 }] }));
    await walk(recorder, 4);
    expect(recorder.episodes).toHaveLength(1);
    expect(recorder.episodes[0].realReturn).toBe(-4);
    expect(recorder.episodes[0].return).not.toBe(-4);
  });

  it('starts the running episode afresh at a reset', async () => {
    const recorder = new EpisodeRecorder(registry.makeVec('CliffWalking-v0', 1, { maxEpisodeSteps: 4 }));
    await walk(recorder, 3);
    await walk(recorder, 4);
    expect(recorder.episodes).toEqual([{ return: -4, realReturn: -4, length: 4 }]);
  });
});
