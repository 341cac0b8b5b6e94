import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../src/nn/index.ts';

describe('initBackend', () => {
  it('activates a fast backend once and logs the choice once', async () => {
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    const [a, b] = await Promise.all([initBackend({ log }), initBackend({ log })]);
    await initBackend({ log });
    expect(a).toBe(b);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(a.name);
    // tfjs-node is not a dependency here, the wasm backend is
    expect(['tensorflow', 'wasm']).toContain(a.name);
    expect(tf.getBackend()).toBe(a.name);
  });
});
