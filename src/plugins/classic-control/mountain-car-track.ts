/**
 * The hill track both MountainCar envs share: its context features (everything but the push),
 * the observation space for the contexts a make can draw, and the seeded start draw, as in Gymnasium.
 */
import { Box, type ContextFeature, type ContextRange, type Rng } from '../../core/index.ts';
import { setStartState } from './start-state.ts';

const MIN_POSITION_LOWEST = -1.6;
const MAX_POSITION_HIGHEST = 1.2;
const MAX_SPEED_UPPER = 0.7;

/**
 * [position, velocity] as float32, bounded by the widest walls and the largest speed limit (or
 * start velocity, if larger) in `range`; Gymnasium's Box([-1.2, -0.07], [0.6, 0.07]) by default.
 */
export function trackObservationSpace(_args: unknown, range: ContextRange): Box {
  const speed = Math.max(range.max_speed[1], -range.min_velocity_start[0], range.max_velocity_start[1]);
  return new Box({
    low: [range.min_position[0], -speed].map(Math.fround),
    high: [range.max_position[1], speed].map(Math.fround),
    dtype: 'float32',
  });
}

/** The track's features; only the goal's default differs (0.5 discrete, 0.45 continuous). */
export const trackFeatures = (goalPosition: number): ContextFeature[] => [
  { name: 'gravity', default: 0.0025, lower: 0.00025, upper: 0.025, description: 'Velocity change per step from the slope (times cos 3x).' },
  { name: 'max_speed', default: 0.07, lower: 0.007, upper: MAX_SPEED_UPPER, description: 'Speed limit; the velocity is clipped to it.' },
  { name: 'goal_position', default: goalPosition, lower: 0.1, upper: 0.6, description: 'Position at or beyond which the episode ends.' },
  { name: 'goal_velocity', default: 0, lower: -0.07, upper: 0.07, description: 'Least velocity at the goal for the episode to end.' },
  { name: 'min_position', default: -1.2, lower: MIN_POSITION_LOWEST, upper: -1.0, description: 'Left wall.' },
  { name: 'max_position', default: 0.6, lower: 0.6, upper: MAX_POSITION_HIGHEST, description: 'Right limit of the position.' },
  { name: 'min_position_start', default: -0.6, lower: -1.0, upper: -0.5, description: 'Lower limit of the uniform start position.' },
  { name: 'max_position_start', default: -0.4, lower: -0.5, upper: 0.0, description: 'Upper limit of the uniform start position.' },
  { name: 'min_velocity_start', default: 0, lower: -0.07, upper: 0, description: 'Lower limit of the uniform start velocity.' },
  { name: 'max_velocity_start', default: 0, lower: 0, upper: 0.07, description: 'Upper limit of the uniform start velocity.' },
];

/** The track of one episode, read from its context. */
export interface Track {
  gravity: number;
  maxSpeed: number;
  goalPosition: number;
  goalVelocity: number;
  minPosition: number;
  maxPosition: number;
}

/**
 * Puts the car at its start in `s` ([position, velocity]): `state` when given, else Gymnasium's
 * seeded draw. Returns the episode's track.
 */
export function startOnTrack(s: Float64Array, rng: Rng, c: Readonly<Record<string, number>>, state: ArrayLike<number> | undefined): Track {
  if (state !== undefined) {
    setStartState(s, state, ['position', 'velocity']);
  } else {
    s[0] = rng.uniform(c.min_position_start, c.max_position_start);
    // Gymnasium starts at rest and draws only the position; a zero-width velocity range draws nothing
    s[1] = c.min_velocity_start === c.max_velocity_start ? c.min_velocity_start : rng.uniform(c.min_velocity_start, c.max_velocity_start);
  }
  return {
    gravity: c.gravity,
    maxSpeed: c.max_speed,
    goalPosition: c.goal_position,
    goalVelocity: c.goal_velocity,
    minPosition: c.min_position,
    maxPosition: c.max_position,
  };
}
