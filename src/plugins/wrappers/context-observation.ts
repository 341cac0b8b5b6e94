/**
 * # ContextObservation
 *
 * Makes the episode's context visible to the agent (CARL's "visible context"). The context is
 * the one `make()` chose for the current trial (`env.context`), read after every reset.
 *
 * - `mode: 'append'` (default): the observation must be a `Box`; the output is a one-dimensional
 *   `Box` holding the flattened observation followed by the chosen features, in the order of
 *   `features`. The bounds of the appended entries are the features' bounds (±inf where a
 *   feature is unbounded), or the normalised bounds below. dtype: float64 if the observation is
 *   float64, float32 otherwise.
 * - `mode: 'dict'`: the output is `Dict {obs, context}` where `obs` is the unchanged observation
 *   (any space) and `context` a float32 `Box` of the chosen features with the same bounds as in
 *   `append` mode.
 * - `features` (default: every feature of the env, in declaration order): which features to show.
 * - `normalize` (default false): a feature bounded on both sides maps to
 *   `(value − lower) / (upper − lower)` ∈ [0, 1]; a feature with an infinite bound maps to
 *   `value / |default|` (`value` itself when the default is 0), with bounds `lower / |default|`
 *   and `upper / |default|`.
 *
 * float32 bounds are rounded to float32 (`Math.fround`), so a context value at a bound stays
 * inside the space after its float32 rounding.
 *
 * Reward, termination, truncation and info are unchanged.
 *
 * Errors: `mode: 'append'` on a non-Box observation, an env with no context features, an unknown
 * or repeated feature — each a coded error naming the argument.
 *
 * ## Version history
 * - first version: append and dict modes, optional normalisation.
 */
import { Box, Dict, type ContextFeature, type Env, type FlatArray, MetarenaError, ObservationWrapper, type Space, defineWrapper, show } from '../../core/index.ts';

export type ContextObservationMode = 'append' | 'dict';

/** How one feature's value is shown: `(value − offset) / scale`. */
interface FeatureView {
  name: string;
  offset: number;
  scale: number;
}

function featureView(f: ContextFeature, normalize: boolean): FeatureView {
  if (!normalize) return { name: f.name, offset: 0, scale: 1 };
  if (Number.isFinite(f.lower) && Number.isFinite(f.upper) && f.upper > f.lower) return { name: f.name, offset: f.lower, scale: f.upper - f.lower };
  if (Number.isFinite(f.lower) && Number.isFinite(f.upper)) return { name: f.name, offset: f.lower, scale: 1 };
  return { name: f.name, offset: 0, scale: Math.abs(f.default) || 1 };
}

const shown = (v: FeatureView, value: number) => (value - v.offset) / v.scale;

function chooseFeatures(env: Env, requested: readonly string[]): ContextFeature[] {
  const space = env.contextSpace;
  if (space.features.length === 0) {
    throw new MetarenaError('METARENA_INVALID_OPTION', `ContextObservation: ${env.id} has no context features to show`, { field: 'features', plugin: 'ContextObservation' });
  }
  if (requested.length === 0) return [...space.features];
  const seen = new Set<string>();
  return requested.map((name) => {
    if (seen.has(name)) throw new MetarenaError('METARENA_INVALID_OPTION', `ContextObservation: features lists ${show(name)} twice`, { field: 'features', allowed: space.names.join(', ') });
    seen.add(name);
    return space.feature(name, 'features');
  });
}

export class ContextObservation extends ObservationWrapper<unknown, unknown> {
  readonly observationSpace: Space;
  private readonly views: FeatureView[];
  private readonly innerSize: number;

  constructor(
    env: Env,
    readonly mode: ContextObservationMode,
    features: readonly string[],
    normalize: boolean,
  ) {
    super(env);
    const chosen = chooseFeatures(env, features);
    this.views = chosen.map((f) => featureView(f, normalize));
    const low = this.views.map((v, i) => shown(v, chosen[i].lower));
    const high = this.views.map((v, i) => shown(v, chosen[i].upper));
    const inner = env.observationSpace;
    if (mode === 'append') {
      if (!(inner instanceof Box)) {
        throw new MetarenaError('METARENA_INVALID_OPTION', `ContextObservation: mode=append needs a Box observation space, ${env.id} has ${inner}; use mode=dict`, {
          field: 'mode',
          allowed: 'dict (for non-Box observations)',
          plugin: 'ContextObservation',
        });
      }
      const dtype = inner.dtype === 'float64' ? 'float64' : 'float32';
      const round = dtype === 'float32' ? Math.fround : (v: number) => v;
      this.innerSize = inner.size;
      this.observationSpace = new Box({
        low: [...Array.from(inner.low, round), ...low.map(round)],
        high: [...Array.from(inner.high, round), ...high.map(round)],
        dtype,
      });
    } else {
      this.innerSize = 0;
      this.observationSpace = new Dict({ obs: inner, context: new Box({ low: low.map(Math.fround), high: high.map(Math.fround), dtype: 'float32' }) });
    }
  }

  private writeContext(out: FlatArray, offset: number): void {
    const c = this.context;
    for (let i = 0; i < this.views.length; i++) out[offset + i] = shown(this.views[i], c[this.views[i].name]);
  }

  observation(obs: unknown): unknown {
    if (this.mode === 'dict') {
      const context = new Float32Array(this.views.length);
      this.writeContext(context, 0);
      return { obs, context };
    }
    const out = (this.observationSpace as Box).allocate();
    out.set(obs as ArrayLike<number>);
    this.writeContext(out, this.innerSize);
    return out;
  }
}

export default defineWrapper({
  id: 'ContextObservation',
  description: 'Shows the episode context to the agent: appended to a Box observation, or as Dict {obs, context}.',
  args: {
    mode: { type: 'string', default: 'append', choices: ['append', 'dict'], description: 'append: Box observation followed by the features; dict: {obs, context}.' },
    features: { type: 'strings', default: [], description: 'Features to show, in this order (empty: all of the env).' },
    normalize: { type: 'boolean', default: false, description: 'Bounded features to [0, 1]; unbounded ones divided by |default|.' },
  },
  apply: (env, args) => new ContextObservation(env, args.mode as ContextObservationMode, args.features, args.normalize),
});
