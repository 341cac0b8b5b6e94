/**
 * A planar body with Gymnasium's generalised state (`qpos`, `qvel`), seeded reset noise and the
 * forward velocity of one env step — the part HalfCheetah, Hopper, Walker2d and Swimmer share —
 * and the observation, reward and termination Hopper and Walker2d share. Other rewards stay in
 * each env's file.
 */
import { Box, type EnvInstance, MetarenaError, type Rng, show } from '../../core/index.ts';
import { physicsParams } from './physics-context.ts';
import { type PlanarBodySpec, PlanarBody } from './planar-body.ts';

export interface ResetNoise {
  /** `uniform`: qpos and qvel += U(−scale, scale) (Hopper, Walker2d); `cheetah`: qpos += U(−scale, scale), qvel += scale·N(0, 1). */
  kind: 'uniform' | 'cheetah';
  scale: number;
}

/** Plugin args every planar body takes. */
export const planarArgs = (substeps: number, solverIterations: number, pgsIterations = 1) =>
  ({
    substeps: { type: 'integer', default: substeps, min: 1, max: 50, description: 'Rapier steps per env step.' },
    solver_iterations: { type: 'integer', default: solverIterations, min: 1, max: 50, description: 'Rapier solver iterations per step.' },
    pgs_iterations: { type: 'integer', default: pgsIterations, min: 1, max: 50, description: 'Rapier internal PGS iterations per solver iteration.' },
    poses: { type: 'boolean', default: false, description: 'Add the segment poses to every step info as `poses` (per segment x, y, z, qx, qy, qz, qw).' },
  }) as const;

export type PlanarArgs = { substeps: number; solver_iterations: number; pgs_iterations?: number; poses: boolean };

/** Observation and action spaces of a planar env (`observations` float64 values, `actions` torques in [−1, 1]) and Gymnasium's 1000-step limit. */
export const planarSpaces = (observations: number, actions: number) => ({
  observationSpace: new Box({ low: -Infinity, high: Infinity, shape: [observations], dtype: 'float64' }),
  actionSpace: new Box({ low: -1, high: 1, shape: [actions], dtype: 'float32' }),
  maxEpisodeSteps: 1000,
});

export class PlanarSim {
  readonly body: PlanarBody;
  readonly qpos: Float64Array;
  readonly qvel: Float64Array;
  private readonly segmentNames: string[];

  constructor(
    spec: PlanarBodySpec,
    private readonly noise: ResetNoise,
  ) {
    this.body = new PlanarBody(spec);
    this.qpos = new Float64Array(this.body.nq);
    this.qvel = new Float64Array(this.body.nq);
    this.segmentNames = spec.segments.map((s) => s.name);
  }

  get dt(): number {
    return this.body.spec.envDt;
  }

  /** Restores the start world under context `c`; `state` (qpos then qvel) replaces the noisy start. */
  reset(rng: Rng, c: Readonly<Record<string, number>>, state: ArrayLike<number> | undefined): void {
    const { qpos, qvel } = this;
    const nq = qpos.length;
    if (state !== undefined) {
      if (!state || state.length !== 2 * nq || !Array.from(state).every(Number.isFinite)) {
        throw new MetarenaError('METARENA_INVALID_STATE', `options.state must be ${2 * nq} finite numbers (qpos then qvel), got ${show(state)}`, { field: 'options.state' });
      }
      for (let i = 0; i < nq; i++) {
        qpos[i] = state[i];
        qvel[i] = state[nq + i];
      }
    } else {
      const s = this.noise.scale;
      for (let i = 0; i < nq; i++) qpos[i] = this.body.initQpos[i] + rng.uniform(-s, s);
      for (let i = 0; i < nq; i++) qvel[i] = this.noise.kind === 'cheetah' ? s * rng.normal(0, 1) : rng.uniform(-s, s);
    }
    this.body.reset(physicsParams(c, this.segmentNames), qpos, qvel);
    this.body.readState(qpos, qvel);
  }

  /** Applies the action for one env step; returns the root's forward velocity Δx / dt. */
  advance(action: ArrayLike<number>): number {
    const xBefore = this.qpos[0];
    this.body.setControls(action);
    this.body.advance();
    this.body.readState(this.qpos, this.qvel);
    return (this.qpos[0] - xBefore) / this.dt;
  }

  close(): void {
    this.body.free();
  }
}

/** The sim maker of a body: its spec at the args' substeps, solver and PGS iterations, with its reset noise. */
export const planarSimFactory =
  (spec: (substeps: number, solverIterations: number) => PlanarBodySpec, noise: ResetNoise) =>
  (args: PlanarArgs): PlanarSim =>
    new PlanarSim({ ...spec(args.substeps, args.solver_iterations), pgsIterations: args.pgs_iterations }, noise);

/** What an env adds to the shared step: its reward, termination and extra info keys. */
export interface PlanarStepResult {
  reward: number;
  terminated: boolean;
  info: Record<string, unknown>;
}

export interface PlanarEnvParts {
  /** The observation of the current state (a fresh array: it is handed to the caller). */
  observe(sim: PlanarSim): Float64Array;
  /** Reward, termination and info of the step just taken; `xVelocity` is Δx / dt of the root. */
  score(sim: PlanarSim, action: Float32Array, xVelocity: number): PlanarStepResult;
  /** Called at every reset with the episode's context (e.g. to read task features). */
  onReset?(c: Readonly<Record<string, number>>): void;
}

/**
 * The env instance every planar body shares: reset (seeded noise or `options.state`), one env
 * step of physics, `x_position`/`x_velocity` info and the optional `poses`.
 */
export function planarInstance(sim: PlanarSim, args: PlanarArgs, parts: PlanarEnvParts): EnvInstance<Float64Array, Float32Array, unknown> {
  return {
    reset(rng, c, _task, options) {
      parts.onReset?.(c);
      sim.reset(rng, c, options.state as ArrayLike<number> | undefined);
      return { obs: parts.observe(sim), info: { x_position: sim.qpos[0] } };
    },
    step(action: Float32Array) {
      const xVelocity = sim.advance(action);
      const r = parts.score(sim, action, xVelocity);
      const info: Record<string, unknown> = { x_position: sim.qpos[0], x_velocity: xVelocity, ...r.info };
      if (args.poses) info.poses = sim.body.poses();
      return { obs: parts.observe(sim), reward: r.reward, terminated: r.terminated, info };
    },
    close() {
      sim.close();
    },
  };
}

/** Observation `qpos[first:]` then `qvel` clipped to ±`velocityClip` (Infinity: unclipped). */
export function stateObservation(sim: PlanarSim, first: number, velocityClip = Infinity): Float64Array {
  const nq = sim.qpos.length;
  const o = new Float64Array(2 * nq - first);
  for (let i = first; i < nq; i++) o[i - first] = sim.qpos[i];
  for (let i = 0; i < nq; i++) o[nq - first + i] = Math.max(-velocityClip, Math.min(velocityClip, sim.qvel[i]));
  return o;
}

export function sumOfSquares(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return s;
}

/** Plugin arg of Hopper and Walker2d: Gymnasium's `terminate_when_unhealthy`. */
export const terminateArg = {
  terminate_when_unhealthy: { type: 'boolean', default: true, description: 'End the episode when unhealthy (Gymnasium v4 default); when false, the healthy reward is paid only while healthy.' },
} as const;

/**
 * Hopper's and Walker2d's observation and reward (Gymnasium v4): `qpos[1:]` then
 * `clip(qvel, −10, 10)`; reward `healthy_reward + forward_velocity − 1e-3 · ‖a‖²` with
 * healthy_reward 1 while healthy (on every step when `terminate`); terminated when unhealthy if
 * `terminate`; info `healthy`.
 */
export function healthyLocomotionParts(isHealthy: (sim: PlanarSim) => boolean, terminate: boolean): PlanarEnvParts {
  return {
    observe: (sim) => stateObservation(sim, 1, 10),
    score(sim, action, v) {
      const healthy = isHealthy(sim);
      const healthyReward = healthy || terminate ? 1 : 0;
      return { reward: healthyReward + v - 1e-3 * sumOfSquares(action), terminated: terminate && !healthy, info: { healthy } };
    },
  };
}
