/**
 * Tabular Q-learning (Watkins, 1989) and SARSA (Rummery & Niranjan, 1994), as in Sutton & Barto
 * (2018), §6.4–6.5: a table Q[s, a] over Discrete observations and Discrete actions, ε-greedy
 * behaviour (ties broken at random), and a step of size α toward the TD target
 * - Q-learning: `r + γ·max_a Q[s', a]` (off-policy: learns the greedy policy's values);
 * - SARSA: `r + γ·Q[s', a']` with `a'` the ε-greedy action actually taken next (on-policy).
 * A terminated transition's target is `r`; a truncated one bootstraps (SARSA from an ε-greedy
 * draw at the final state). On CliffWalking-v0 with ε = 0.1 this gives Sutton & Barto's Example
 * 6.6: Q-learning's greedy path runs along the cliff edge, SARSA's keeps away from it.
 *
 * Every env of the vector env updates the one shared table. The env is read through the
 * transition stream (`transitions.ts`), so every autoreset mode works: the next state of a
 * transition is the episode's final state, and an env whose episode ended picks its next action
 * in the new episode's first state as soon as the stream has it. Checkpoints hold the table
 * (tensor `q`), the step counter and the random state.
 */
import * as tf from '@tensorflow/tfjs';
import { type ArgSpecs, Discrete, MetarenaError, Rng, type Space, type VectorEnv, deriveSeed, resolveArgs, show } from '../core/index.ts';
import { initBackend } from '../nn/index.ts';
import { type Agent, type AgentEnvSpec, memorylessAgent } from './agent.ts';
import { loadLearnerCheckpoint, saveLearnerCheckpoint } from './learner-checkpoint.ts';
import { type Learner, type LearnerPlugin, LogWindow, type TrainHooks } from './learner.ts';
import { TransitionStream } from './transitions.ts';
import type { OptionsOf } from './plugin-registry.ts';

const OPTIONS = {
  alpha: { type: 'number', default: 0.1, min: 0, max: 1, exclusiveMin: true, description: 'step size α' },
  gamma: { type: 'number', default: 0.99, min: 0, max: 1, description: 'discount γ' },
  epsilon: { type: 'number', default: 0.1, min: 0, max: 1, description: 'ε of the ε-greedy behaviour' },
  initialQ: { type: 'number', default: 0, description: 'initial value of every table entry (optimistic when above the returns)' },
} as const satisfies ArgSpecs;

export type TabularQOptions = OptionsOf<typeof OPTIONS>;

export type TabularRule = 'q-learning' | 'sarsa';

interface RunState {
  stream: TransitionStream;
  state: Int32Array;
  /** The action each env takes next (index from 0). */
  action: Int32Array;
}

function spaceProblem(observation: Space, action: Space): string | undefined {
  if (!(observation instanceof Discrete) || !(action instanceof Discrete)) return `needs Discrete observations and actions, got ${observation.type} → ${action.type}`;
  return undefined;
}

export class TabularQLearner implements Learner {
  steps = 0;
  /** Q[s, a] at `s * actions + a` (s, a counted from the spaces' starts). */
  readonly q: Float32Array;
  readonly states: number;
  readonly actions: number;
  private readonly stateStart: number;
  private readonly actionStart: number;
  readonly rng: Rng;
  private seconds = 0;
  private run: RunState | undefined;

  readonly options: TabularQOptions;

  constructor(
    readonly name: TabularRule,
    readonly observationSpace: Space,
    readonly actionSpace: Space,
    options: Partial<TabularQOptions>,
    readonly seed: number,
  ) {
    const why = spaceProblem(observationSpace, actionSpace);
    if (why) throw new MetarenaError('METARENA_NOT_SUPPORTED', `${name} ${why}`, { field: 'spaces' });
    this.options = resolveArgs(OPTIONS, options, name) as TabularQOptions;
    this.states = (observationSpace as Discrete).n;
    this.actions = (actionSpace as Discrete).n;
    this.stateStart = (observationSpace as Discrete).start;
    this.actionStart = (actionSpace as Discrete).start;
    this.q = new Float32Array(this.states * this.actions).fill(this.options.initialQ);
    this.rng = new Rng(deriveSeed(seed, name));
  }

  /** Greedy action in state `s` (from 0); ties go to the first unless `rng` breaks them at random. */
  greedy(s: number, rng?: Rng): number {
    const { q, actions: k } = this;
    let best = 0;
    let ties = 1;
    for (let a = 1; a < k; a++) {
      const v = q[s * k + a];
      const b = q[s * k + best];
      if (v > b) {
        best = a;
        ties = 1;
      } else if (v === b && rng && rng.integer(++ties) === 0) best = a;
    }
    return best;
  }

  private choose(s: number, rng: Rng, epsilon = this.options.epsilon): number {
    if (epsilon > 0 && rng.random() < epsilon) return rng.integer(this.actions);
    return this.greedy(s, rng);
  }

  private stateOf(obs: ArrayLike<number>, i: number): number {
    const s = obs[i] - this.stateStart;
    if (!Number.isInteger(s) || s < 0 || s >= this.states) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${this.name}: observation ${show(obs[i])} is not a state of ${String(this.observationSpace)}`, { field: 'obs' });
    return s;
  }

  policy({ deterministic = true, seed = 0, name = this.name }: { deterministic?: boolean; seed?: number; name?: string } = {}): Agent {
    const rng = new Rng(seed);
    return memorylessAgent(name, (obs) => {
      const flat = obs as ArrayLike<number>;
      return Int32Array.from({ length: flat.length }, (_, i) => this.actionStart + (deterministic ? this.greedy(this.stateOf(flat, i)) : this.choose(this.stateOf(flat, i), rng)));
    });
  }

  private async bind(env: VectorEnv): Promise<RunState> {
    const why = spaceProblem(env.singleObservationSpace, env.singleActionSpace);
    if (why || (env.singleObservationSpace as Discrete).n !== this.states || (env.singleActionSpace as Discrete).n !== this.actions) {
      throw new MetarenaError('METARENA_INVALID_ARGUMENT', `${this.name}: the env's spaces are not the ones this learner was built for`, { field: 'env' });
    }
    const { stream, reset } = await TransitionStream.open(env, { agent: this.name }, this.seed, this.steps);
    const obs = reset.obs as ArrayLike<number>;
    const state = Int32Array.from({ length: env.numEnvs }, (_, i) => this.stateOf(obs, i));
    this.run = { stream, state, action: state.map((s) => this.choose(s, this.rng)) };
    return this.run;
  }

  async train(env: VectorEnv, untilSteps: number, hooks: TrainHooks = {}): Promise<void> {
    const run = this.run?.stream.env === env ? this.run : await this.bind(env);
    const { stream } = run;
    const { alpha, gamma } = this.options;
    const { q, actions: k, rng } = this;
    const sarsa = this.name === 'sarsa';
    const n = env.numEnvs;
    const logEvery = 1_000;
    let tdSum = 0;
    let tdCount = 0;
    const logWindow = new LogWindow(this.steps);
    const log = () => {
      const line = logWindow.end(this.steps, this.seconds, { td_error: tdCount ? tdSum / tdCount : Number.NaN });
      this.seconds = line.seconds;
      hooks.onLog?.(line);
      tdSum = 0;
      tdCount = 0;
    };
    while (this.steps < untilSteps) {
      const t = await stream.step(Int32Array.from(run.action, (a) => a + this.actionStart));
      const prev = this.steps;
      this.steps += n;
      const next = stream.obs as ArrayLike<number>;
      const nextObs = t.nextObs as ArrayLike<number>;
      // a first state (after the reset step, or an episode ended and restarted in this step)
      const restart = (i: number) => {
        run.state[i] = this.stateOf(next, i);
        run.action[i] = this.choose(run.state[i], rng);
      };
      const later: number[] = [];
      for (let i = 0; i < n; i++) {
        if (!t.valid[i]) {
          restart(i);
          continue;
        }
        const s = run.state[i];
        const a = run.action[i];
        const r = t.rewards[i];
        const term = t.terminated[i] === 1;
        const s2 = this.stateOf(nextObs, i);
        let a2 = -1;
        let target = r;
        if (!term) {
          if (sarsa) {
            a2 = this.choose(s2, rng);
            target += gamma * q[s2 * k + a2];
          } else {
            let m = q[s2 * k];
            for (let b = 1; b < k; b++) m = Math.max(m, q[s2 * k + b]);
            target += gamma * m;
          }
        }
        const td = target - q[s * k + a];
        q[s * k + a] += alpha * td;
        tdSum += Math.abs(td);
        tdCount++;
        if (t.restarted[i] && stream.resetsAfterStep) later.push(i);
        else if (t.restarted[i]) restart(i);
        else if (!t.done[i]) {
          run.state[i] = s2;
          run.action[i] = sarsa ? a2 : this.choose(s2, rng);
        }
      }
      // envs reset after the step draw their first actions after the others' (draw order)
      for (const i of later) restart(i);
      for (const f of t.finished) logWindow.episodeEnded(f.episodeReturn);
      if (Math.floor(this.steps / logEvery) > Math.floor(prev / logEvery)) log();
    }
    if (logWindow.hasSteps(this.steps)) log();
  }

  async save(dir: string): Promise<void> {
    await initBackend();
    const q = tf.tensor2d(this.q, [this.states, this.actions]);
    try {
      await saveLearnerCheckpoint(dir, this, { steps: this.steps, seconds: this.seconds }, { variables: {}, extra: { q } });
    } finally {
      q.dispose();
    }
  }

  static load(dir: string, expected?: TabularRule): Promise<TabularQLearner> {
    return loadLearnerCheckpoint<TabularQLearner, { steps: number; seconds: number }>(
      dir,
      ['q-learning', 'sarsa'],
      expected,
      (m) => new TabularQLearner(m.agent as TabularRule, m.observationSpace, m.actionSpace, m.options as TabularQOptions, m.seed),
      (learner, { training }, tensors) => {
        const q = tensors.q;
        if (!q || q.shape.join('x') !== `${learner.states}x${learner.actions}`) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `checkpoint ${dir}: tensor "q" must have shape [${learner.states}, ${learner.actions}]`, { field: 'checkpoint' });
        learner.q.set(q.dataSync() as Float32Array);
        [learner.steps, learner.seconds] = [training.steps, training.seconds];
      },
    );
  }

  dispose(): void {}
}

function tabularPlugin(name: TabularRule, description: string): LearnerPlugin<typeof OPTIONS> {
  return {
    name,
    description,
    options: OPTIONS,
    fits: (spec: AgentEnvSpec) => spaceProblem(spec.observationSpace, spec.actionSpace),
    create: async (spec: AgentEnvSpec, o, seed: number) => new TabularQLearner(name, spec.observationSpace, spec.actionSpace, { ...o }, seed),
    load: (dir: string) => TabularQLearner.load(dir, name),
  };
}

export const qLearningLearner = tabularPlugin('q-learning', 'tabular Q-learning with ε-greedy behaviour; Discrete observations and actions');
export const sarsaLearner = tabularPlugin('sarsa', 'tabular SARSA (on-policy TD control) with ε-greedy behaviour; Discrete observations and actions');
