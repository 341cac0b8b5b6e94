/**
 * The env checker `make` installs around every plugin instance (on by default, as Gymnasium's
 * PassiveEnvChecker, but on every reset and step rather than only the first; `envChecker:
 * false` turns it off). It finds what a plugin must never return: an observation of the wrong
 * length, NaN or ±Infinity in an observation, an observation outside its space, and a reward
 * that is not a finite number. It only reports the problem; `ManagedEnv` turns it into an error
 * naming the plugin and hook.
 *
 * The check of a flat (Box) observation is one typed-array loop: each value must satisfy
 * `low <= v <= high` with infinite limits replaced by the largest finite number, which also
 * refuses NaN and ±Infinity.
 */
import { show } from './errors.ts';
import { Box, type FlatArray, type Space } from './spaces/index.ts';

export class EnvChecker {
  private readonly box: Box | undefined;
  /** The Box's limits with ±Infinity replaced by ∓/±Number.MAX_VALUE. */
  private readonly low: Float64Array;
  private readonly high: Float64Array;
  private readonly size: number;

  /**
   * @param space the observation space of the env
   * @param terminalMayLeaveSpace whether a terminating observation is checked for length and
   *   finiteness only (see `terminalObservationMayLeaveSpace` in plugin.ts)
   */
  constructor(
    private readonly space: Space,
    private readonly terminalMayLeaveSpace: boolean,
  ) {
    this.box = space instanceof Box ? space : undefined;
    this.size = this.box?.size ?? 0;
    this.low = this.box ? this.box.low.map((v) => Math.max(v, -Number.MAX_VALUE)) : new Float64Array(0);
    this.high = this.box ? this.box.high.map((v) => Math.min(v, Number.MAX_VALUE)) : new Float64Array(0);
  }

  /** What is wrong with an observation the plugin returned, or undefined. */
  observation(obs: unknown, terminal: boolean): string | undefined {
    if (this.box) {
      if (!(ArrayBuffer.isView(obs) || Array.isArray(obs)) || (obs as ArrayLike<number>).length !== this.size) {
        const got = ArrayBuffer.isView(obs) || Array.isArray(obs) ? `${(obs as ArrayLike<number>).length} values` : show(obs);
        return `observation must be ${this.size} numbers for ${this.space}, got ${got}`;
      }
      return this.written(obs as FlatArray, 0, terminal);
    }
    return this.space.contains(obs) ? undefined : `observation ${show(obs)} is not in ${this.space}`;
  }

  /** What is wrong with a flat observation written into `out` from `offset` on, or undefined. */
  written(out: ArrayLike<number>, offset: number, terminal: boolean): string | undefined {
    const { low, high, size } = this;
    for (let j = 0; j < size; j++) {
      const v = out[offset + j];
      if (!(v >= low[j] && v <= high[j])) return this.describe(out, offset, j, terminal);
    }
    return undefined;
  }

  /** The problem with element `j`, unless it is a terminal overshoot the plugin declared. */
  private describe(out: ArrayLike<number>, offset: number, j: number, terminal: boolean): string | undefined {
    const v = out[offset + j];
    if (!Number.isFinite(v)) return `observation[${j}] is ${show(v)}`;
    if (terminal && this.terminalMayLeaveSpace) {
      for (let k = j + 1; k < this.size; k++) if (!Number.isFinite(out[offset + k])) return `observation[${k}] is ${show(out[offset + k])}`;
      return undefined;
    }
    return `observation[${j}] = ${show(v)} is outside [${show(this.box!.low[j])}, ${show(this.box!.high[j])}] of ${this.space}`;
  }
}
