/** An example env plugin: the one the README walks through. Serve it with `npx metarena serve --plugin ./examples/corridor.ts`. */
import { Box, Discrete, defineEnv } from '../src/index.ts';

export default defineEnv({
  id: 'acme/Corridor-v0',
  description: 'Walk right along a corridor of a given length.',
  observationSpace: new Box({ low: 0, high: 100, shape: [1] }),
  actionSpace: new Discrete(2),
  maxEpisodeSteps: 200,
  context: [{ name: 'length', default: 10, lower: 2, upper: 100, unit: 'cells', description: 'Corridor length.' }],
  create: () => {
    let pos = 0, length = 10;
    return {
      reset(rng, context) {
        length = context.length;
        pos = 0;
        return { obs: Float32Array.of(pos) };
      },
      step(action: number) {
        pos = Math.max(0, pos + (action === 1 ? 1 : -1));
        return { obs: Float32Array.of(pos), reward: pos >= length ? 1 : 0, terminated: pos >= length };
      },
    };
  },
});
