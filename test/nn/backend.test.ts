import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { NATIVE_PACKAGE, backendLine, initBackend, nativeSkipReason } from '../../src/nn/index.ts';

describe('initBackend', () => {
  it('activates a fast backend once and logs the choice once', async () => {
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    const [a, b] = await Promise.all([initBackend({ log }), initBackend({ log })]);
    await initBackend({ log });
    expect(a).toBe(b);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(backendLine(a));
    expect(['tensorflow', 'wasm']).toContain(a.name);
    expect(tf.getBackend()).toBe(a.name);
  });

  it('says in one informational line which backend runs and why native TensorFlow does not', async () => {
    const c = await initBackend({ log: () => {} });
    const line = backendLine(c);
    expect(line).toMatch(/^metarena nn: tfjs backend (tensorflow|wasm|cpu)( \+ OpenBLAS matrix products)?( \(.+\))?$/);
    expect(line).not.toMatch(/error|unavailable|Cannot find package/i);
    if (c.name === 'wasm') expect(line).toMatch(/\(native TensorFlow (not installed|did not load: [^;]+)(; .+)?\)$/);
    expect(line.includes(' + OpenBLAS matrix products')).toBe(c.nativeBlas);
    if (c.name === 'wasm' && !c.nativeBlas) expect(line).toMatch(/; (OpenBLAS off: METARENA_NATIVE_BLAS=0|OpenBLAS addon not built|OpenBLAS addon did not load: .+)\)$/);
  });
});

describe('nativeSkipReason', () => {
  it('calls a missing package "not installed" and keeps the first line of any other failure', () => {
    const missing = Object.assign(new Error(`Cannot find package '${NATIVE_PACKAGE}' imported from /x/backend.ts`), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(nativeSkipReason(missing)).toBe('native TensorFlow not installed');
    // a dependency of the package missing is a broken install, not an absent one
    const brokenDep = Object.assign(new Error("Cannot find package '@mapbox/node-pre-gyp' imported from /x/index.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(nativeSkipReason(brokenDep)).toBe("native TensorFlow did not load: Cannot find package '@mapbox/node-pre-gyp' imported from /x/index.js");
    expect(nativeSkipReason(new Error('libtensorflow.so.2: cannot open shared object file\nat dlopen'))).toBe('native TensorFlow did not load: libtensorflow.so.2: cannot open shared object file');
  });
});
