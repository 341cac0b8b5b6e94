/**
 * The worker entry of `metarena evolve`'s local pool: a child process (forked by `LocalPool`,
 * `src/agents/evolve/worker-pool.ts`) that measures the se, rn and reservoir fitness tasks sent
 * to it over IPC (`serveJobs`, `src/agents/evolve/pool-worker.ts`). A queue worker can serve the
 * same tasks with the same resolver (`tasks.ts`).
 */
import { serveJobs } from '../../agents/evolve/pool-worker.ts';
import { resolveTask } from './tasks.ts';

serveJobs(resolveTask);
