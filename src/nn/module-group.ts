/**
 * A network made of other networks (an MLP of dense layers, a dueling Q-network of MLPs, a pair
 * of recurrent cells): its variables are its parts' in order, their names are its names, and
 * disposing it disposes them. A subclass says which parts it has; everything else is here.
 */
import type * as tf from '@tensorflow/tfjs';

/** What every trainable part offers: variables (optimizer order), named variables (checkpoints), dispose. */
export interface TrainableModule {
  readonly variables: tf.Variable[];
  namedVariables(): Record<string, tf.Variable>;
  dispose(): void;
}

export abstract class ModuleGroup implements TrainableModule {
  /** The parts, in the order their variables are listed. */
  protected abstract get modules(): readonly TrainableModule[];

  get variables(): tf.Variable[] {
    return this.modules.flatMap((m) => m.variables);
  }

  namedVariables(): Record<string, tf.Variable> {
    return Object.assign({}, ...this.modules.map((m) => m.namedVariables()));
  }

  dispose(): void {
    for (const m of this.modules) m.dispose();
  }
}
