/**
 * A session worker thread: the whole session logic (session.ts: decode, run against the vector
 * envs, encode) for the sessions the I/O thread pinned to it. It builds its own registry (the
 * built-in envs plus the `--plugin` modules), keeps a server state over the ledger it shares with
 * the I/O thread (so the server-wide limits hold across workers), contains asynchronous plugin
 * errors per session as the I/O thread does with `--workers 0`, and answers every request
 * message with one response message, in order (worker-protocol.ts), polling for the next one a
 * while before it sleeps (spin-wait.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { MetarenaError } from '../core/index.ts';
import { createBuiltinRegistry } from '../plugins/index.ts';
import { installContainment } from './containment.ts';
import { Ledger } from './ledger.ts';
import { loadPluginModules, registerAll } from './plugins.ts';
import { Session } from './session.ts';
import { serveSpinning } from './spin-wait.ts';
import { ServerState } from './state.ts';
import { type FromWorker, type ToWorker, transferable, type WorkerBoot } from './worker-protocol.ts';

const port = parentPort!;
const boot = workerData as WorkerBoot;
const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function start(): Promise<ServerState> {
  const registry = createBuiltinRegistry();
  if (boot.plugins.length > 0) registerAll(registry, await loadPluginModules(boot.plugins, boot.cwd));
  return new ServerState(registry, boot.limits, { ledger: Ledger.attach(boot.ledger, boot.slot), sweep: false });
}

try {
  const state = await start();
  installContainment();
  const sessions = new Map<number, Session>();
  serveSpinning<ToWorker>(port, (m) => {
    if (m.t === 'request') {
      const session = sessions.get(m.session);
      if (!session || session.closed) return post({ t: 'response', session: m.session, bytes: null });
      const bytes = transferable(session.handle(new Uint8Array(m.bytes)));
      return post({ t: 'response', session: m.session, bytes }, [bytes]);
    }
    if (m.t === 'adopt') {
      const session = sessions.get(m.session);
      if (!session || session.closed) return post({ t: 'response', session: m.session, bytes: null });
      const bytes = transferable(session.adopt(m.numEnvs));
      return post({ t: 'response', session: m.session, bytes }, [bytes]);
    }
    if (m.t === 'open') {
      const id = m.session;
      const session = new Session(
        state,
        m.transport,
        (code, message) => {
          sessions.delete(id);
          post({ t: 'end', session: id, code, message });
        },
        { block: m.block },
      );
      sessions.set(id, session);
      return;
    }
    if (m.t === 'disown') return sessions.get(m.session)?.disown(m.handle);
    sessions.get(m.session)?.close();
    sessions.delete(m.session);
  }, boot.spinMs);
  post({ t: 'ready', envs: state.registry.listEnvs().map((p) => p.id), wrappers: state.registry.listWrappers().map((p) => p.id) });
} catch (e) {
  const err = e instanceof MetarenaError ? e : new MetarenaError('METARENA_INTERNAL', e instanceof Error ? e.message : String(e));
  post({ t: 'failed', code: err.code, message: err.message, details: err.details });
}
