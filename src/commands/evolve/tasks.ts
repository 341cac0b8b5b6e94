/**
 * The fitness tasks `metarena evolve` knows, by kind: what a worker (`worker.ts`) or the
 * in-process evaluator turns a task into. Only these kinds are served: a task names a kind, never
 * a module to load.
 */
import { MetarenaError, show } from '../../core/index.ts';
import type { FitnessFunction, FitnessTask } from '../../agents/evolve/evaluator.ts';
import type { RnTaskOptions } from './fitness-rn.ts';
import type { ReservoirTaskOptions } from './fitness-reservoir.ts';
import type { SeTaskOptions } from './fitness-se.ts';

export async function resolveTask(task: FitnessTask): Promise<FitnessFunction> {
  switch (task.kind) {
    case 'se':
      return (await import('./fitness-se.ts')).seFitness(task.options as unknown as SeTaskOptions);
    case 'rn':
      return (await import('./fitness-rn.ts')).rnFitness(task.options as unknown as RnTaskOptions);
    case 'reservoir':
      return (await import('./fitness-reservoir.ts')).reservoirFitness(task.options as unknown as ReservoirTaskOptions);
    default:
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `unknown fitness task ${show(task.kind)}; known: se, rn, reservoir`, { field: 'task.kind', allowed: 'se, rn, reservoir' });
  }
}
