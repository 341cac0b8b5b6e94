/**
 * Steps 64 CartPoles on a running server (`npm start`) and prints the mean return of the
 * episodes that ended: `npx tsx examples/remote-rollout.ts [ADDRESS]`.
 */
import { RemoteVectorEnv } from '../src/client/index.ts';

const address = process.argv[2] ?? '127.0.0.1:50051';
const envs = await RemoteVectorEnv.connect({ address, transport: 'grpc' }, 'CartPole-v1', 64, {
  contextSampler: { kind: 'uniform_scale', low: 0.2, high: 2.2, features: ['length'] },
});
await envs.reset({ seed: 0 });
const returns: number[] = [];
for (let t = 0; t < 500; t++) {
  const actions = Int32Array.from({ length: 64 }, () => (Math.random() < 0.5 ? 0 : 1));
  const { info } = await envs.step(actions);
  const episode = info.episode as { return: Float64Array } | undefined;
  const ended = info._episode as Uint8Array | undefined;
  if (episode && ended) ended.forEach((e, i) => e && returns.push(episode.return[i]));
}
await envs.close();
console.log(`${returns.length} episodes, mean return ${(returns.reduce((a, b) => a + b, 0) / returns.length).toFixed(1)}`);
