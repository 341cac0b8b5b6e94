/**
 * One measurement of bench/wasm-threads.bench.ts, in a process of its own (a process starts the
 * wasm backend once): `tsx bench/wasm-threads-child.ts simd|threaded THREADS` prints one JSON
 * line with the median milliseconds of a 256×256 by 256×256 matMul (fresh right operand each
 * time, as in training) and of a training step of a [256, 256] relu MLP critic (batch 256,
 * forward, backward, Adam).
 *
 * `threaded` starts the package's threaded SIMD build, which does not start in Node as shipped:
 * its pthread workers come from blob: URLs, which Node's Worker refuses, so the worker script
 * (the package's own, its one `importScripts` of a blob replaced by reading the blob) is run
 * with `eval`; and it sizes its thread pool at half of `os.cpus()`, so that is reported as
 * 2 × THREADS while the backend starts. Neither workaround belongs in src/: this measures what
 * the build would give.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker as NodeWorker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { type GradientMap, Mlp, adam } from '../src/nn/index.ts';
import { median } from './stats.ts';

const [build = 'simd', threadsArg = '1'] = process.argv.slice(2);
const threads = Number(threadsArg);
const distDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
wasm.setWasmPaths(pathToFileURL(join(distDir, '/')).href);

if (build === 'threaded') {
  const bundle = readFileSync(join(distDir, 'tf-backend-wasm.node.js'), 'utf8');
  const literal = bundle.match(/var wasmWorkerContents = ("(?:[^"\\]|\\.)*");/);
  if (!literal) throw new Error('the worker script of tfjs-backend-wasm was not found');
  const blobLoad = 'if(typeof e.data.urlOrBlob=="string"){importScripts(e.data.urlOrBlob)}else{var objectUrl=URL.createObjectURL(e.data.urlOrBlob);importScripts(objectUrl);URL.revokeObjectURL(objectUrl)}WasmBackendModuleThreadedSimd(Module)';
  const script = (JSON.parse(literal[1]) as string).replace(/\n/g, '\\n');
  if (!script.includes(blobLoad)) throw new Error('the worker script of tfjs-backend-wasm has changed');
  // the bundle's factory refers to its module-level requires by name
  const readBlob = 'Object.assign(globalThis,{require$$0:require("fs"),require$$1:require("path"),require$$3:require("perf_hooks"),require$$4:require("os"),commonjsGlobal:globalThis,__filename:"worker"});e.data.urlOrBlob.text().then(function(s){(0,eval)(s);WasmBackendModuleThreadedSimd(Module)})';
  const code = script.replace(blobLoad, () => readBlob);
  class EvalWorker extends NodeWorker {
    constructor() {
      super(code, { eval: true });
      this.unref();
    }
  }
  Object.defineProperty(globalThis, 'Worker', { configurable: true, get: () => EvalWorker, set: () => {} });
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  wasm.setThreadsCount(threads);
  const cpus = os.cpus;
  os.cpus = () => Array.from({ length: 2 * threads }, () => cpus()[0]);
  await tf.setBackend('wasm');
  os.cpus = cpus;
} else {
  await tf.setBackend('wasm');
}
await tf.ready();

const timeMs = (f: () => void, repeats: number) => {
  for (let i = 0; i < 10; i++) f();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    f();
    times.push(performance.now() - started);
  }
  return median(times);
};

const a = tf.randomNormal([256, 256]) as tf.Tensor2D;
const matMulMs = timeMs(() => tf.tidy(() => void tf.matMul(a, tf.add(a, 0)).dataSync()), 100);
const critic = new Mlp({ inputs: 4, hidden: [256, 256], outputs: 1, activation: 'relu', seed: 1, name: 'q' });
const optimizer = adam(1e-3);
const x = tf.randomNormal([256, 4]) as tf.Tensor2D;
const y = tf.randomNormal([256, 1]);
const stepMs = timeMs(
  () =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(critic.apply(x), y))) as tf.Scalar, critic.variables);
      optimizer.applyGradients(grads as GradientMap);
      critic.variables[0].dataSync();
    }),
  60,
);
process.stdout.write(`${JSON.stringify({ build, threads: wasm.getThreadsCount(), matMulMs, criticStepMs: stepMs })}\n`);
process.exit(0);
