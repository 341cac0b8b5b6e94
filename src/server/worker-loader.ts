/**
 * How a worker thread runs the TypeScript sources. metarena runs .ts through tsx
 * (bin/metarena.js calls `register()` from `tsx/esm/api`), and module hooks registered on the
 * main thread do not reach worker threads in Node 20; nor does `--import tsx` in a Worker's
 * `execArgv` make a .ts entry loadable (measured here: both give "Unknown file extension .ts").
 * So each worker starts from a small ES module (a data: URL) that registers tsx in the worker
 * and then imports the real entry, named in `workerData.entry`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

let bootstrap: URL | undefined;

/** The ES module build of `tsx/esm/api`, as tsx's package.json exports it for `import`. */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return new URL(pkg.exports['./esm/api'].import.default, pathToFileURL(manifest)).href;
}

function bootstrapUrl(): URL {
  if (bootstrap) return bootstrap;
  const tsxApi = tsxEsmApi();
  const code = [
    `import { register } from ${JSON.stringify(tsxApi)};`,
    `import { workerData } from 'node:worker_threads';`,
    'register();',
    'await import(workerData.entry);',
  ].join('\n');
  bootstrap = new URL(`data:text/javascript,${encodeURIComponent(code)}`);
  return bootstrap;
}

/** A worker thread running the module `entry` (a file URL of a .ts or .js module). */
export function startTsWorker(entry: URL, options: Omit<WorkerOptions, 'workerData'> & { workerData: Record<string, unknown> }): Worker {
  return new Worker(bootstrapUrl(), { ...options, workerData: { ...options.workerData, entry: entry.href } });
}
