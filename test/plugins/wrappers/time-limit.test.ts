import { describe, expect, it } from 'vitest';
import { Box, Discrete, MetarenaError, Registry, defineEnv } from '../../../src/core/index.ts';
import { createBuiltinRegistry } from '../../../src/plugins/index.ts';
import timeLimit from '../../../src/plugins/wrappers/time-limit.ts';

/** Never ends on its own unless the action is 1, which terminates. Reward = step number. */
const counter = defineEnv({
  id: 'test/Counter-v0',
  description: 'Counts steps; action 1 terminates.',
  observationSpace: new Box({ low: 0, high: Infinity, shape: [1] }),
  actionSpace: new Discrete(2),
  maxEpisodeSteps: 20,
  create: () => {
    let t = 0;
    return {
      reset: () => {
        t = 0;
        return { obs: Float32Array.of(0) };
      },
      step: (a: number) => {
        t += 1;
        return { obs: Float32Array.of(t), reward: t, terminated: a === 1 };
      },
    };
  },
});

const registry = new Registry([counter, timeLimit]);

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MetarenaError);
    return (e as MetarenaError).code;
  }
  throw new Error('expected an error');
}

describe('TimeLimit', () => {
  it('truncates exactly at max_episode_steps, earlier than make’s limit', () => {
    const env = registry.make('test/Counter-v0', { wrappers: [{ id: 'TimeLimit', max_episode_steps: 3 }] });
    expect(env.maxEpisodeSteps).toBe(3);
    for (let episode = 0; episode < 2; episode++) {
      env.reset({ seed: episode });
      const steps = [env.step(0), env.step(0), env.step(0)];
      expect(steps.map((s) => s.truncated)).toEqual([false, false, true]);
      expect(steps.map((s) => s.terminated)).toEqual([false, false, false]);
      expect(steps[2].info.episode).toEqual({ return: 6, length: 3 });
      expect(steps[0].info.episode).toBeUndefined();
      expect(errorCode(() => env.step(0))).toBe('METARENA_RESET_NEEDED');
    }
  });

  it('leaves make’s shorter limit and the env’s termination alone', () => {
    const env = registry.make('test/Counter-v0', { maxEpisodeSteps: 2, wrappers: [{ id: 'TimeLimit', max_episode_steps: 5 }] });
    expect(env.maxEpisodeSteps).toBe(2);
    env.reset({ seed: 0 });
    env.step(0);
    const last = env.step(0);
    expect(last.truncated).toBe(true);
    expect(last.info.episode).toEqual({ return: 3, length: 2 });
    expect(errorCode(() => env.step(0))).toBe('METARENA_RESET_NEEDED');

    env.reset();
    const end = env.step(1);
    expect([end.terminated, end.truncated]).toEqual([true, false]);
  });

  it('marks a termination on the limit step as truncated too, with one episode record', () => {
    const env = registry.make('test/Counter-v0', { wrappers: [{ id: 'TimeLimit', max_episode_steps: 2 }] });
    env.reset({ seed: 0 });
    env.step(0);
    const last = env.step(1);
    expect([last.terminated, last.truncated]).toEqual([true, true]);
    expect(last.info.episode).toEqual({ return: 3, length: 2 });
  });

  it('works in a vector env (autoreset) and on a built-in env; bad limits are rejected', () => {
    const vec = createBuiltinRegistry().makeVec('CartPole-v1', 2, { wrappers: [{ id: 'TimeLimit', max_episode_steps: 4 }] });
    expect(vec.maxEpisodeSteps).toBe(4);
    vec.resetSync({ seed: 0 });
    const truncated: number[] = [];
    for (let t = 0; t < 10; t++) truncated.push(vec.stepSync([t % 2, t % 2]).truncated[0]);
    // steps 1-4 of episode one, step 5 is the autoreset, steps 6-9 episode two
    expect(truncated).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
    expect(errorCode(() => registry.make('test/Counter-v0', { wrappers: [{ id: 'TimeLimit', max_episode_steps: 0 }] }))).toBe('METARENA_INVALID_OPTION');
    expect(errorCode(() => registry.make('test/Counter-v0', { wrappers: [{ id: 'TimeLimit', max_episode_steps: 2.5 }] }))).toBe('METARENA_INVALID_OPTION');
  });
});
