import { describe, expect, it } from 'vitest';
import { Box, Discrete, type Info, InfoBatcher, Rng, toBatch } from '../../src/core/index.ts';
import { createBuiltinRegistry } from '../../src/plugins/index.ts';
import { decodeInfo, encodeInfo, encodeInfoBatch, pb } from '../../src/wire/index.ts';

const bytes = (msg: object) => Buffer.from(pb.Info.encode(msg).finish()).toString('hex');

/** The batcher's message, checked against the dense layout's and decoded back. */
function roundTrip(b: InfoBatcher, obsSpace: Box | Discrete): Info {
  const fromBatch = encodeInfoBatch(b, obsSpace, b.n);
  expect(bytes(fromBatch)).toBe(bytes(encodeInfo(b.result(), obsSpace, b.n)));
  // a received message is decoded from bytes at an odd offset, so tensors get copied
  const wire = pb.Info.encode(fromBatch).finish();
  const shifted = Buffer.alloc(wire.length + 1);
  wire.forEach((v, k) => (shifted[k + 1] = v));
  return decodeInfo(pb.Info.decode(shifted.subarray(1)), obsSpace, b.n);
}

describe('encodeInfoBatch', () => {
  const box = new Box({ low: -1, high: 1, shape: [2] });

  it('sends sparse and dense keys exactly as encodeInfo sends the dense layout', () => {
    const b = new InfoBatcher(10);
    for (let i = 0; i < 10; i++) {
      if (i % 4 === 1) b.add(i, { trial: i, context: { g: i / 2, l: 1 }, episode_in_trial: 0 });
      if (i !== 3) b.set('alive', i, i % 2 === 0); // dense: 9 of 10 envs
      if (i === 7) b.set('success', i, true);
      if (i < 8) b.set('score', i, -i); // dense numbers
      if (i % 2 === 1) b.set('half', i, i * 1.5); // exactly half the envs: still sparse
    }
    expect(roundTrip(b, box)).toEqual(b.result());
  });

  it('falls back to the dense layout for lists, final observations and unusual keys', () => {
    const b = new InfoBatcher(6);
    b.set('final_obs', 2, Float32Array.of(0.5, -0.5));
    b.set('final_info', 2, {});
    b.set('final_obs', 4, Float32Array.of(0.25, 0));
    b.set('final_info', 4, { episode: { return: 3, length: 3 } });
    b.set('label', 1, 'a');
    b.set('label', 5, [1, 2]);
    b.set('_private', 0, 4);
    b.set('7', 3, 1);
    const decoded = roundTrip(b, box);
    const dense = b.result();
    expect(Object.keys(decoded).sort()).toEqual(Object.keys(dense).sort());
    expect(decoded.label).toEqual(dense.label);
    expect((decoded.final_obs as unknown[])[4]).toEqual(Float32Array.of(0.25, 0));
  });

  it('matches the dense layout for a real vector env stepping with same-step autoreset', () => {
    const vec = createBuiltinRegistry().makeVec('CartPole-v1', 64, { autoresetMode: 'same_step', episodesPerTrial: 2 });
    const rng = new Rng(4);
    vec.resetSync({ seed: 1 });
    let sawFinal = 0;
    for (let t = 0; t < 40; t++) {
      const actions = toBatch(vec.singleActionSpace, Array.from({ length: 64 }, () => rng.integer(2)), 64, 'actions');
      const { infos } = vec.stepBatched(actions);
      if (infos.columns().has('final_obs')) sawFinal += 1;
      const decoded = roundTrip(infos, vec.singleObservationSpace as Box);
      expect(decoded).toEqual(infos.result());
    }
    expect(sawFinal).toBeGreaterThan(0);
    vec.closeSync();
  });
});
