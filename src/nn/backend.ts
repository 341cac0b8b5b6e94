/**
 * The tfjs backend, chosen once per process: `@tensorflow/tfjs-node` (native TensorFlow, an
 * optional dependency) when it is installed and loads, else `@tensorflow/tfjs-backend-wasm`
 * (its single-threaded SIMD build, 10–50× the pure-JS backend), else `cpu`. One informational
 * line on stderr says which, and why a faster one was passed over, e.g.
 *
 *   metarena nn: tfjs backend wasm + OpenBLAS matrix products (native TensorFlow not installed)
 *
 * On wasm, matrix products run on OpenBLAS when its addon is built (see `native-blas.ts`;
 * `METARENA_NATIVE_BLAS=0` turns it off), else on the wasm backend's own kernel.
 *
 * Everything in src/nn and the agents calls `initBackend()` before building tensors; later calls
 * return the same promise.
 *
 * The wasm package also ships a threaded SIMD build. It does not start in Node as shipped (its
 * pthread workers are created from blob: URLs, which Node's Worker refuses, and it sizes its pool
 * at half the logical cores); started with those two worked around, two threads made 256-wide
 * matMuls slower on a 2-core machine, so the single-threaded build is used.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { type NativeBlasSettings, loadNativeBlas, nativeBlasSettings, useNativeMatMul } from './native-blas.ts';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendChoice {
  /** The tfjs backend in use (`tensorflow` is tfjs-node's name). */
  name: BackendName;
  /** Why the faster backends were not used, one short phrase each (empty when the first loaded). */
  skipped: string[];
  /** Whether matrix products run on OpenBLAS (the wasm backend with the addon). */
  nativeBlas: boolean;
}

/** The package that brings native TensorFlow. */
export const NATIVE_PACKAGE = '@tensorflow/tfjs-node';

let choice: Promise<BackendChoice> | undefined;

/** The line `initBackend` logs for a choice. */
export function backendLine(c: BackendChoice): string {
  return `metarena nn: tfjs backend ${c.name}${c.nativeBlas ? ' + OpenBLAS matrix products' : ''}${c.skipped.length ? ` (${c.skipped.join('; ')})` : ''}`;
}

/** Picks and activates the backend (once); resolves to the choice. */
export function initBackend(options: { log?: (line: string) => void } = {}): Promise<BackendChoice> {
  choice ??= choose().then((c) => {
    const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
    log(backendLine(c));
    return c;
  });
  return choice;
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message.split('\n')[0] : String(e));

/**
 * Why native TensorFlow is not used, from the error its import threw: "not installed" when the
 * package itself is absent (the usual case: it needs a libtensorflow download at install time),
 * else "did not load" with the first line of the reason (a broken or mismatched native build).
 */
export function nativeSkipReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const missing = (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && firstLine(error).includes(`'${NATIVE_PACKAGE}'`);
  return missing ? 'native TensorFlow not installed' : `native TensorFlow did not load: ${firstLine(error)}`;
}

async function choose(): Promise<BackendChoice> {
  const blasSettings = nativeBlasSettings();
  const skipped: string[] = [];
  try {
    // a variable specifier keeps bundlers and the type checker from requiring the package
    const nativePackage: string = NATIVE_PACKAGE;
    await import(nativePackage);
    if (await tf.setBackend('tensorflow')) {
      await tf.ready();
      return { name: 'tensorflow', skipped, nativeBlas: false };
    }
    skipped.push('native TensorFlow loaded but did not start');
  } catch (e) {
    skipped.push(nativeSkipReason(e));
  }
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    // the package's main file sits in dist/, next to the .wasm binaries
    const distDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    wasm.setWasmPaths(`${pathToFileURL(join(distDir, '/')).href}`);
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return { name: 'wasm', skipped, nativeBlas: nativeMatMul(blasSettings, skipped) };
    }
    skipped.push('wasm did not start');
  } catch (e) {
    skipped.push(`wasm did not load: ${firstLine(e)}`);
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { name: 'cpu', skipped, nativeBlas: false };
}

/** Puts OpenBLAS under the wasm backend's matrix products when allowed and built; else says why not. */
function nativeMatMul(settings: NativeBlasSettings, skipped: string[]): boolean {
  if (!settings.enabled) {
    skipped.push('OpenBLAS off: METARENA_NATIVE_BLAS=0');
    return false;
  }
  const blas = loadNativeBlas();
  if (typeof blas === 'string') {
    skipped.push(blas);
    return false;
  }
  useNativeMatMul(blas, settings.threads);
  return true;
}
