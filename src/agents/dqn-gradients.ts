/**
 * The gradients of the DQN family's TD loss with respect to a plain Q-network's weights (a ReLU
 * MLP with a linear output, `QNetwork` without dueling streams), as one tfjs kernel outside any
 * gradient tape.
 *
 * With tfjs ops an update is about forty engine ops: the dense layers on s' (target network, and
 * the online network for Double DQN) and on s, the TD loss (`dqn-loss.ts`), and the tape's
 * backward pass through the dense layers (the activation's derivative, three matrix products per
 * layer, reshapes), each with its tensor objects, tape node and saved inputs. For the small
 * networks the DQN learners train once per env step (the SE/RN inner agents of `metarena evolve`)
 * that bookkeeping is most of an update's time. This kernel runs the same computation back to
 * back on the backend: the forward pass with the backend's BatchMatMul, Add and Relu kernels (as
 * the dense kernel, `src/nn/dense.ts`), the TD targets, loss and dL/dQ(s, ·) with `dqn-loss.ts`'s
 * functions, and per layer from the last: dz = dy ⊙ step(y) on hidden layers, dW = xᵀ·dz,
 * db = ones[1, B]·dz, dx = dz·Wᵀ, with the products as the dense kernel's registered gradient
 * runs them (transpose flags when OpenBLAS runs the products, explicit transposes otherwise).
 * The same kernels on the same inputs: the gradients are the same bits as `tf.variableGrads` of
 * `dqnTdLoss` over `QNetwork.apply` (`test/agents/dqn-gradients.test.ts` checks it). `qForward`
 * is the forward pass alone, one kernel for the acting path.
 *
 * Errors: a network with a hidden activation other than ReLU, or whose sizes do not match the
 * batch, is refused with METARENA_INVALID_ARGUMENT (field `network` / `batch`).
 */
import * as tf from '@tensorflow/tfjs';
import { MetarenaError } from '../core/index.ts';
import { type Dense, kernelArrays, nativeMatMulInUse, registerBackendKernel, runBackendKernel } from '../nn/index.ts';
import { type TdBatch, type TdLossOptions, tdLossAndGradient, tdTargets } from './dqn-loss.ts';

/** A minibatch with its observations: row j of `obs` and `nextObs` is transition j's s and s'. */
export interface TdObsBatch extends TdBatch {
  obs: Float32Array;
  nextObs: Float32Array;
}

export interface DqnGradientsOptions extends TdLossOptions {
  /** Double DQN: the online network picks the next action, the target network values it. */
  double: boolean;
}

export interface DqnGradients {
  /** dL/dθ for every online variable, by variable name (as `tf.variableGrads` names them). */
  grads: tf.NamedTensorMap;
  /** [loss, mean Q(s, a)]. */
  stats: tf.Tensor1D;
}

const KERNEL = 'MetarenaDqnGradients';
const FORWARD_KERNEL = 'MetarenaQForward';

type Info = tf.TensorInfo;

interface KernelAttrs extends DqnGradientsOptions {
  batch: TdObsBatch;
  layers: number;
  /** Products with transpose flags (OpenBLAS) or with explicit transposes, as the dense gradient. */
  flags: boolean;
}

/** The backend calls of one kernel run; every result is freed at the end unless returned. */
class KernelScope {
  private readonly temporaries: Info[] = [];
  readonly arrays: ReturnType<typeof kernelArrays>;

  constructor(
    private readonly backendName: string,
    private readonly backend: tf.KernelBackend,
  ) {
    this.arrays = kernelArrays(backendName, backend);
  }

  run(name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): Info {
    const out = runBackendKernel(this.backendName, name, { inputs, backend: this.backend, attrs });
    this.temporaries.push(out);
    return out;
  }

  matMul(a: Info, b: Info, transposeA: boolean, transposeB: boolean): Info {
    return this.run('BatchMatMul', { a, b }, { transposeA, transposeB });
  }

  transpose(x: Info): Info {
    return this.run('Transpose', { x }, { perm: [1, 0] });
  }

  /** A new float32 tensor of `shape`, filled by `fill` (read other tensors inside it: fresh heap views). */
  tensor(shape: number[], fill: (out: Float32Array) => void): Info {
    const [out] = this.arrays.outputs([shape], ([values]) => fill(values));
    this.temporaries.push(out);
    return out;
  }

  /** Frees every temporary but `kept`. */
  free(kept: readonly Info[]): void {
    const keep = new Set(kept.map((t) => t.dataId));
    for (const t of this.temporaries) if (!keep.has(t.dataId)) this.backend.disposeData(t.dataId);
  }
}

/** Outputs up to this many numbers get their bias (and ReLU) in JavaScript; larger ones by the backend's vectorised kernels. */
const SMALL = 1024;

/**
 * The network's outputs on `x`, layer by layer the dense kernel's BatchMatMul, Add and Relu (on a
 * small output the same float32 addition and max(v, 0) in JavaScript); with `inputs`, the input of
 * every layer and the output are pushed onto it.
 */
function forward(k: KernelScope, x: Info, layers: readonly (readonly [Info, Info])[], inputs?: Info[]): Info {
  let h = x;
  for (let l = 0; l < layers.length; l++) {
    inputs?.push(h);
    const [w, b] = layers[l];
    const hidden = l + 1 < layers.length;
    const z = k.matMul(h, w, false, false);
    if (tf.util.sizeFromShape(z.shape) > SMALL) {
      const biased = k.run('Add', { a: z, b });
      h = hidden ? k.run('Relu', { x: biased }) : biased;
      continue;
    }
    h = k.tensor(z.shape, (out) => {
      const [values, bias] = [k.arrays.read(z), k.arrays.read(b)];
      const units = bias.length;
      for (let i = 0; i < values.length; i += units) {
        for (let j = 0; j < units; j++) out[i + j] = hidden ? Math.max(values[i + j] + bias[j], 0) : values[i + j] + bias[j];
      }
    });
  }
  inputs?.push(h);
  return h;
}

registerBackendKernel(KERNEL, (backendName, { inputs, backend, attrs }) => {
  const o = attrs as unknown as KernelAttrs;
  const named = inputs as Record<string, Info>;
  const L = o.layers;
  const online = Array.from({ length: L }, (_, l) => [named[`w${l}`], named[`b${l}`]] as const);
  const target = Array.from({ length: L }, (_, l) => [named[`targetW${l}`], named[`targetB${l}`]] as const);
  const d = online[0][0].shape[0];
  const A = online[L - 1][0].shape[1];
  const B = o.batch.obs.length / d;
  const k = new KernelScope(backendName, backend);
  const read = k.arrays.read;

  const xs = k.tensor([B, d], (out) => out.set(o.batch.obs));
  const nextXs = k.tensor([B, d], (out) => out.set(o.batch.nextObs));
  const nextTarget = forward(k, nextXs, target);
  const nextOnline = o.double ? forward(k, nextXs, online) : undefined;
  // hs[l]: the input of layer l; hs[L]: Q(s, ·)
  const hs: Info[] = [];
  forward(k, xs, online, hs);
  const y = tdTargets(read(nextTarget), nextOnline ? read(nextOnline) : undefined, o.batch, B, A, o.gamma);
  let [loss, meanQ] = [0, 0];

  const ones = k.tensor([1, B], (out) => out.fill(1));
  const grads: Info[] = new Array(2 * L);
  let dy = k.tensor([B, A], (out) => {
    const r = tdLossAndGradient(read(hs[L]), y, o.batch.actions, B, A, o.loss, out);
    [loss, meanQ] = [r.loss, r.meanQ];
  });
  for (let l = L - 1; l >= 0; l--) {
    const [w, b] = online[l];
    // relu′ at the pre-activation is step(y) at the layer's output: dy ⊙ step(y), as the dense gradient
    const dz = l + 1 < L ? k.run('Multiply', { a: dy, b: k.run('Step', { x: hs[l + 1] }, { alpha: 0 }) }) : dy;
    const x = hs[l];
    grads[2 * l] = o.flags ? k.matMul(x, dz, true, false) : k.matMul(k.transpose(x), dz, false, false);
    grads[2 * l + 1] = { ...k.matMul(ones, dz, false, false), shape: [...b.shape] };
    if (l > 0) dy = o.flags ? k.matMul(dz, w, false, true) : k.matMul(dz, k.transpose(w), false, false);
  }
  const [stats] = k.arrays.outputs([[2]], ([out]) => out.set([loss, meanQ]));
  k.free(grads);
  return [stats, ...grads];
});

registerBackendKernel(FORWARD_KERNEL, (backendName, { inputs, backend, attrs }) => {
  const { obs, layers: L } = attrs as unknown as { obs: Float32Array; layers: number };
  const named = inputs as Record<string, Info>;
  const layers = Array.from({ length: L }, (_, l) => [named[`w${l}`], named[`b${l}`]] as const);
  const d = layers[0][0].shape[0];
  const k = new KernelScope(backendName, backend);
  const q = forward(k, k.tensor([obs.length / d, d], (out) => out.set(obs)), layers);
  k.free([q]);
  return q;
});

/** The layers of a plain Q-network; refused when a hidden activation is not ReLU. */
function checkedLayers(layers: readonly Dense[], activation: string): readonly Dense[] {
  if (layers.length > 1 && activation !== 'relu') throw new MetarenaError('METARENA_INVALID_ARGUMENT', `dqn gradients: hidden layers must be relu, got ${activation}`, { field: 'network' });
  return layers;
}

/**
 * Q(s, ·) [n, actions] of a plain Q-network (dense layers, ReLU between them) for `n` row-major
 * observations: one kernel, the values of the dense kernels' forward pass.
 */
export function qForward(network: { layers: readonly Dense[]; activation: string }, obs: Float32Array): tf.Tensor2D {
  const layers = checkedLayers(network.layers, network.activation);
  const d = layers[0].kernel.shape[0];
  if (obs.length % d !== 0) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `q forward: observations of ${d} numbers expected, got ${obs.length} numbers`, { field: 'obs' });
  const inputs: tf.NamedTensorMap = {};
  layers.forEach((layer, l) => Object.assign(inputs, { [`w${l}`]: layer.kernel, [`b${l}`]: layer.bias }));
  return tf.engine().runKernel(FORWARD_KERNEL, inputs, { obs, layers: layers.length } as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}

/**
 * dL/dθ of the TD loss for the online network `online` (dense layers, ReLU between them) with
 * target network `target` (the same sizes) on `batch` (see the file's doc).
 */
export function dqnGradients(online: { layers: readonly Dense[]; activation: string }, target: { layers: readonly Dense[]; activation: string }, batch: TdObsBatch, o: DqnGradientsOptions): DqnGradients {
  const layers = checkedLayers(online.layers, online.activation);
  const targetLayers = checkedLayers(target.layers, target.activation);
  const same = layers.length > 0 && layers.length === targetLayers.length && layers.every((layer, l) => layer.kernel.shape[0] === targetLayers[l].kernel.shape[0] && layer.kernel.shape[1] === targetLayers[l].kernel.shape[1]);
  if (!same) {
    const sizes = (ls: readonly Dense[]) => ls.map((l) => l.kernel.shape.join('x')).join(',');
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `dqn gradients: online [${sizes(layers)}] and target [${sizes(targetLayers)}] networks must have the same layers`, { field: 'network' });
  }
  const d = layers[0].kernel.shape[0];
  const B = batch.actions.length;
  if (batch.obs.length !== B * d || batch.nextObs.length !== B * d || batch.rewards.length !== B || batch.terminated.length !== B) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `dqn gradients: a batch of ${B} transitions needs ${B * d} numbers of obs and nextObs and ${B} rewards and terminated flags`, { field: 'batch' });
  }
  const inputs: tf.NamedTensorMap = {};
  layers.forEach((layer, l) => Object.assign(inputs, { [`w${l}`]: layer.kernel, [`b${l}`]: layer.bias, [`targetW${l}`]: targetLayers[l].kernel, [`targetB${l}`]: targetLayers[l].bias }));
  const attrs: KernelAttrs = { batch, gamma: o.gamma, loss: o.loss, double: o.double, layers: layers.length, flags: nativeMatMulInUse() };
  const [stats, ...grads] = tf.engine().runKernel(KERNEL, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  const named: tf.NamedTensorMap = {};
  layers.forEach((layer, l) => Object.assign(named, { [layer.kernel.name]: grads[2 * l], [layer.bias.name]: grads[2 * l + 1] }));
  return { grads: named, stats: stats as tf.Tensor1D };
}
