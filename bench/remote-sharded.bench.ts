/**
 * One vector env spread over several servers (`RemoteVectorEnv.connect` with a list of
 * addresses), against the same vector env on one server, side by side in one run: two server
 * processes (`metarena serve --worker-spin 0`, as `remote.bench.ts` starts them) and this process
 * as the client. The servers share this machine's cores with each other and the client, so their
 * workers sleep after each answer instead of polling (polling takes the core another server's
 * thread is waiting for), as the README advises for several servers on one machine.
 *
 * - `cartpole_256`: CartPole-v1 ×256, lock-step (send a step, wait for every answer), on one
 *   server and over both (128 envs each, stepped concurrently). The measurements alternate
 *   (one, two, one, two, …) so that drift on a noisy machine hits both alike; each figure is the
 *   median of its rounds, and `ratio` is two servers' over one's.
 * - `halfcheetah_64`: the same for HalfCheetah-v0 ×64, where the servers' stepping dominates.
 *
 * Figures are env-steps per second of wall-clock time.
 */
import { RemoteVectorEnv } from '../src/client/index.ts';
import { type Box, Rng, type VectorEnv } from '../src/core/index.ts';
import { spawnServer } from './remote.bench.ts';
import { median, round } from './stats.ts';

const ROUNDS = 5;

/** Env-steps/s of lock-step random actions for `seconds`, after a warm-up. */
async function measure(env: VectorEnv, actions: (t: number) => unknown, seconds: number): Promise<number> {
  for (let i = 0; i < 20; i++) await env.step(actions(i) as never);
  let steps = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  while (performance.now() < until) await env.step(actions(steps++) as never);
  return (steps * env.numEnvs) / ((performance.now() - t0) / 1000);
}

/** One server against two, alternating rounds; the actions are drawn up front. */
async function compare(addresses: string[], envId: string, numEnvs: number, seconds: number) {
  const connect = (address: string | string[]) => RemoteVectorEnv.connect({ address, transport: 'grpc' }, envId, numEnvs);
  const one = await connect(addresses[0]);
  const two = await connect(addresses);
  try {
    const rng = new Rng(0);
    const discrete = envId === 'CartPole-v1';
    const dim = discrete ? 1 : (one.singleActionSpace as Box).shape[0];
    const batches = Array.from({ length: 32 }, () =>
      discrete ? Int32Array.from({ length: numEnvs }, () => rng.integer(2)) : Float32Array.from({ length: numEnvs * dim }, () => 2 * rng.random() - 1),
    );
    const actions = (t: number) => batches[t % batches.length];
    await one.reset({ seed: 0 });
    await two.reset({ seed: 0 });
    const rounds: { one: number[]; two: number[] } = { one: [], two: [] };
    for (let r = 0; r < ROUNDS; r++) {
      rounds.one.push(await measure(one, actions, seconds));
      rounds.two.push(await measure(two, actions, seconds));
    }
    const oneServer = median(rounds.one);
    const twoServers = median(rounds.two);
    return {
      numEnvs,
      oneServer: Math.round(oneServer),
      twoServers: Math.round(twoServers),
      ratio: round(twoServers / oneServer),
      rounds: { one: rounds.one.map(Math.round), two: rounds.two.map(Math.round) },
    };
  } finally {
    await one.close();
    await two.close();
  }
}

export async function run({ seconds }: { seconds: number }): Promise<Record<string, unknown>> {
  const servers = await Promise.all([spawnServer(['--worker-spin', '0']), spawnServer(['--worker-spin', '0'])]);
  try {
    const addresses = servers.map((s) => s.grpc);
    return {
      cartpole_256: await compare(addresses, 'CartPole-v1', 256, seconds),
      halfcheetah_64: await compare(addresses, 'HalfCheetah-v0', 64, seconds),
      note: 'env-steps/s, lock-step random actions, median of alternating rounds; two servers hold half the envs each',
    };
  } finally {
    for (const s of servers) s.child.kill('SIGKILL');
  }
}
