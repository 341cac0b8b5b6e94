/** Spaces and their JSON round trip. */
import { MetarenaError, show } from '../errors.ts';
import { Box } from './box.ts';
import { Dict } from './dict.ts';
import { Discrete } from './discrete.ts';
import { MultiBinary } from './multi-binary.ts';
import { MultiDiscrete } from './multi-discrete.ts';
import type { Space, SpaceSpec } from './space.ts';
import { Tuple } from './tuple.ts';

export { Box, Dict, Discrete, MultiBinary, MultiDiscrete, Tuple };
export type { BoxDtype, FlatArray, Space, SpaceSpec, ValueOf } from './space.ts';
export { product } from './space.ts';
export { spaceWithin } from './within.ts';

/** Rebuilds a space from its `toJSON()` form; throws METARENA_INVALID_SPACE naming the bad part. */
export function spaceFromJSON(spec: unknown, field = 'space'): Space {
  if (typeof spec !== 'object' || spec === null) throw new MetarenaError('METARENA_INVALID_SPACE', `${field} must be a space spec object, got ${show(spec)}`, { field });
  const s = spec as SpaceSpec;
  switch (s.type) {
    case 'Box':
      return Box.fromJSON(s);
    case 'Discrete':
      return Discrete.fromJSON(s);
    case 'MultiDiscrete':
      return MultiDiscrete.fromJSON(s);
    case 'MultiBinary':
      return MultiBinary.fromJSON(s);
    case 'Dict': {
      const spaces: Record<string, Space> = {};
      for (const [k, v] of Object.entries(s.spaces ?? {})) spaces[k] = spaceFromJSON(v, `${field}.${k}`);
      return new Dict(spaces);
    }
    case 'Tuple':
      return new Tuple((s.spaces ?? []).map((v, i) => spaceFromJSON(v, `${field}[${i}]`)));
    default:
      throw new MetarenaError('METARENA_INVALID_SPACE', `${field}.type must be one of Box, Discrete, MultiDiscrete, MultiBinary, Dict, Tuple, got ${show((s as { type: unknown }).type)}`, { field: `${field}.type` });
  }
}
