/**
 * The tfjs backend, chosen once per process: `@tensorflow/tfjs-node` when it loads (native
 * TensorFlow, an optional dependency), else `@tensorflow/tfjs-backend-wasm` (10–50× the pure-JS
 * backend), else `cpu`. The choice is logged once on stderr. Everything in src/nn and the agents
 * calls `initBackend()` before building tensors; later calls return the same promise.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface BackendChoice {
  /** The tfjs backend in use (`tensorflow` is tfjs-node's name). */
  name: BackendName;
  /** Why the faster backends were not used (empty when the first choice loaded). */
  skipped: string[];
}

let choice: Promise<BackendChoice> | undefined;

/** Picks and activates the backend (once); resolves to the choice. */
export function initBackend(options: { log?: (line: string) => void } = {}): Promise<BackendChoice> {
  choice ??= choose().then((c) => {
    const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
    log(`metarena nn: tfjs backend ${c.name}${c.skipped.length ? ` (${c.skipped.join('; ')})` : ''}`);
    return c;
  });
  return choice;
}

const reason = (e: unknown) => (e instanceof Error ? e.message.split('\n')[0] : String(e));

async function choose(): Promise<BackendChoice> {
  const skipped: string[] = [];
  try {
    // a variable specifier keeps bundlers and the type checker from requiring the package
    const nodeBackend = '@tensorflow/tfjs-node';
    await import(nodeBackend);
    if (await tf.setBackend('tensorflow')) {
      await tf.ready();
      return { name: 'tensorflow', skipped };
    }
    skipped.push('tfjs-node loaded but did not start');
  } catch (e) {
    skipped.push(`tfjs-node unavailable: ${reason(e)}`);
  }
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    // the package's main file sits in dist/, next to the .wasm binaries
    const distDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    wasm.setWasmPaths(`${pathToFileURL(join(distDir, '/')).href}`);
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return { name: 'wasm', skipped };
    }
    skipped.push('wasm backend did not start');
  } catch (e) {
    skipped.push(`wasm backend unavailable: ${reason(e)}`);
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { name: 'cpu', skipped };
}
