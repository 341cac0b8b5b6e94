/**
 * The kernels of pytorch_rl2's layer-normalised GRU (`gru.ts` with `layerNorm`), run by the
 * OpenBLAS addon's C loops (native/gru.c) on the wasm heap: one step (`gruLnCellOp`, kernel
 * `MetarenaGruLnCell`; with both projections inside, `gruLnStepOp`, `MetarenaGruLnStep`) and a
 * masked unroll (`gruLnSequenceOp`, `MetarenaGruLnSequence`), each
 * with its gradient written out (backpropagation through time for the unroll, the recurrent
 * weight gradient one sgemm over all steps). They take the projected inputs gx = x·W_i and apply
 * all four norms inside (the input's and the state's r, z block and candidate), each the LN of
 * `layer-norm.ts` (mean and biased variance of the row, ε = `LAYER_NORM_EPSILON`), with their
 * gains' and biases' gradients. The step and every step of the unroll run the same C routine,
 * so the unroll's states are the bits of the same steps taken one at a time.
 *
 * Only where the addon runs the wasm backend's matrix products (`gruLnKernelsAvailable`);
 * elsewhere the variant is plain tfjs ops (autodiff through time), and these kernels refuse
 * to run.
 */
import * as tf from '@tensorflow/tfjs';
import { MetarenaError } from '../core/index.ts';
import { projectionGradients } from './gru-kernels.ts';
import { backendOps, kernelArrays, registerBackendKernel } from './kernels.ts';
import { LAYER_NORM_EPSILON } from './layer-norm.ts';
import { type NativeBlas, nativeBlasInUse } from './native-blas.ts';

const CELL = 'MetarenaGruLnCell';
const CELL_GRAD = 'MetarenaGruLnCellGrad';
const STEP = 'MetarenaGruLnStep';
const SEQUENCE = 'MetarenaGruLnSequence';
const SEQUENCE_GRAD = 'MetarenaGruLnSequenceGrad';

type Info = tf.TensorInfo;
type Loops = Required<Pick<NativeBlas, 'gruLnCell' | 'gruLnCellGrad' | 'gruLnSequence' | 'gruLnSequenceGrad'>>;

/** The addon's loops of the variant when a kernel on `backendName` can run them. */
function nativeLoops(backendName: string): Loops | undefined {
  const blas = backendName === 'wasm' ? nativeBlasInUse() : undefined;
  return blas?.gruLnCell && blas.gruLnCellGrad && blas.gruLnSequence && blas.gruLnSequenceGrad ? (blas as Loops) : undefined;
}

function loopsOf(backendName: string, kernel: string): Loops {
  const loops = nativeLoops(backendName);
  if (!loops) throw new MetarenaError('METARENA_NOT_SUPPORTED', `${kernel} runs only on the wasm backend with the OpenBLAS addon (see gruLnKernelsAvailable)`, { field: 'backend' });
  return loops;
}

/** Whether the variant's kernels can run now: the wasm backend is active and the addon (with these loops) runs its matrix products. */
export function gruLnKernelsAvailable(): boolean {
  return nativeLoops(tf.getBackend()) !== undefined;
}

/** The variant's four norms' gains and biases, in the loops' order (native/gru.h). */
export interface GruNorms {
  inputGates: { gain: tf.Tensor1D; bias: tf.Tensor1D };
  inputCandidate: { gain: tf.Tensor1D; bias: tf.Tensor1D };
  recurrentGates: { gain: tf.Tensor1D; bias: tf.Tensor1D };
  recurrentCandidate: { gain: tf.Tensor1D; bias: tf.Tensor1D };
}

const NORMS = ['inputGates', 'inputCandidate', 'recurrentGates', 'recurrentCandidate'] as const;
/** Kernel input names of the norms' gains and biases: g0, b0, …, g3, b3. */
const NORM_INPUTS = NORMS.flatMap((_, k) => [`g${k}`, `b${k}`]);
/** Widths of the norms in units of H. */
const NORM_WIDTHS = [2, 1, 2, 1];
const normInputs = (norms: GruNorms): tf.NamedTensorMap => Object.fromEntries(NORMS.flatMap((key, k) => [[`g${k}`, norms[key].gain], [`b${k}`, norms[key].bias]]));
const normShapes = (H: number) => NORM_WIDTHS.flatMap((w) => [[w * H], [w * H]]);
const normGradients = (grads: tf.Tensor[]) => Object.fromEntries(NORM_INPUTS.map((name, i) => [name, () => grads[i]]));

/** The cell's body: h′, r, z, n [B, H], x̂ [B, 6H], 1/√(σ² + ε) [B, 4] from gx, gh [B, 3H], h [B, H] and the norms (`named`). */
function cellBody(backendName: string, backend: tf.KernelBackend, gx: Info, gh: Info, h: Info, named: Record<string, Info>): Info[] {
  const loops = loopsOf(backendName, CELL);
  const [B, H] = h.shape;
  return kernelArrays(backendName, backend).outputs([[B, H], [B, H], [B, H], [B, H], [B, 6 * H], [B, 4]], ([next, r, z, n, xhat, inv], read) =>
    loops.gruLnCell(B, H, LAYER_NORM_EPSILON, read(gx), read(gh), read(h), NORM_INPUTS.map((k) => read(named[k])), next, r, z, n, xhat, inv),
  );
}

/** One step from gx = x·W_i and gh = h·W_h + b_h [B, 3H] and h [B, H]: outputs h′, r, z, n [B, H], x̂ [B, 6H], 1/√(σ² + ε) [B, 4]. */
registerBackendKernel(CELL, (backendName, { inputs, backend }) => {
  const named = inputs as Record<string, Info>;
  return cellBody(backendName, backend, named.gx, named.gh, named.h, named);
});

/** A whole step (the acting path) with both projections inside, formed as the dense kernel forms them: the cell's outputs. */
registerBackendKernel(STEP, (backendName, { inputs, backend }) => {
  const named = inputs as Record<string, Info>;
  loopsOf(backendName, STEP);
  const k = backendOps(backendName, backend);
  const gx = k.add(k.matMul(named.x, named.wi), named.bi);
  const gh = k.add(k.matMul(named.h, named.wh), named.bh);
  const out = cellBody(backendName, backend, gx, gh, named.h, named);
  k.free();
  return out;
});

registerBackendKernel(CELL_GRAD, (backendName, { inputs, backend }) => {
  const named = inputs as Record<string, Info>;
  const loops = loopsOf(backendName, CELL_GRAD);
  const [B, H] = named.h.shape;
  return kernelArrays(backendName, backend).outputs([[B, 3 * H], [B, 3 * H], [B, H], ...normShapes(H)], ([dgx, dgh, dh, ...dNorms], read) => {
    const [dy, h, r, z, n, xhat, inv] = ['dy', 'h', 'r', 'z', 'n', 'xhat', 'inv'].map((k) => read(named[k]));
    loops.gruLnCellGrad(B, H, dy, h, r, z, n, xhat, inv, NORM_INPUTS.map((k) => read(named[k])), dgx, dgh, dh, dNorms);
  });
});

if (!tf.getGradient(CELL)) {
  tf.registerGradient({
    kernelName: CELL,
    inputsToSave: ['h', ...NORM_INPUTS],
    outputsToSave: [false, true, true, true, true, true],
    gradFunc: (dys, saved) => {
      const dy = (dys as tf.Tensor[])[0];
      const [h, ...rest] = saved;
      const norms = rest.slice(0, 8);
      const [r, z, n, xhat, inv] = rest.slice(8);
      const inputs = { dy, h, r, z, n, xhat, inv, ...Object.fromEntries(NORM_INPUTS.map((k, i) => [k, norms[i]])) };
      const [dgx, dgh, dh, ...dNorms] = tf.engine().runKernel(CELL_GRAD, inputs) as tf.Tensor[];
      return { gx: () => dgx, gh: () => dgh, h: () => dh, ...normGradients(dNorms) };
    },
  });
}

if (!tf.getGradient(STEP)) {
  tf.registerGradient({
    kernelName: STEP,
    inputsToSave: ['x', 'wi', 'h', 'wh', ...NORM_INPUTS],
    outputsToSave: [false, true, true, true, true, true],
    gradFunc: (dys, saved) => {
      const dy = (dys as tf.Tensor[])[0];
      const [x, wi, h, wh, ...rest] = saved;
      const norms = rest.slice(0, 8);
      const [r, z, n, xhat, inv] = rest.slice(8);
      const inputs = { dy, h, r, z, n, xhat, inv, ...Object.fromEntries(NORM_INPUTS.map((k, i) => [k, norms[i]])) };
      const [dgx, dgh, dh, ...dNorms] = tf.engine().runKernel(CELL_GRAD, inputs) as tf.Tensor[];
      return { ...projectionGradients({ x, wi, h, wh }, dgx, dgh, dh), ...normGradients(dNorms) };
    },
  });
}

/**
 * The masked unroll: inputs gx [T·B, 3H] (x·W_i of every step), h0 [B, H], wh, bh, masks
 * [T·B, 1] and the norms; outputs every state [T·B, H], the last state, and what the gradient
 * needs (each step's masked previous state, r, z, n [T·B, H], x̂ [T·B, 6H], 1/√(σ² + ε) [T·B, 4]).
 */
registerBackendKernel(SEQUENCE, (backendName, { inputs, backend, attrs }) => {
  const named = inputs as Record<string, Info>;
  const T = (attrs as { steps: number }).steps;
  const loops = loopsOf(backendName, SEQUENCE);
  const [B, H] = named.h0.shape;
  const all = [T * B, H];
  return kernelArrays(backendName, backend).outputs([all, [B, H], all, all, all, all, [T * B, 6 * H], [T * B, 4]], ([states, last, previous, r, z, n, xhat, inv], read) => {
    const [gx, h0, wh, bh, masks] = ['gx', 'h0', 'wh', 'bh', 'masks'].map((k) => read(named[k]));
    loops.gruLnSequence(T, B, H, LAYER_NORM_EPSILON, gx, h0, wh, bh, masks, NORM_INPUTS.map((k) => read(named[k])), states, last, previous, r, z, n, xhat, inv);
  });
});

/** Backpropagation through the unroll: outputs dgx [T·B, 3H], dh0, dwh, dbh and the norms' gradients. */
registerBackendKernel(SEQUENCE_GRAD, (backendName, { inputs, backend, attrs }) => {
  const named = inputs as Record<string, Info>;
  const T = (attrs as { steps: number }).steps;
  const loops = loopsOf(backendName, SEQUENCE_GRAD);
  const [B, H] = named.dLast.shape;
  // the last output is the loops' scratch (every step's dgh), on the heap the backend already holds
  const out = kernelArrays(backendName, backend).outputs([[T * B, 3 * H], [B, H], [H, 3 * H], [3 * H], ...normShapes(H), [T * B, 3 * H]], (outs, read) => {
    const [dgx, dh0, dwh, dbh] = outs;
    const [dStates, dLast, wh, masks, previous, r, z, n, xhat, inv] = ['dStates', 'dLast', 'wh', 'masks', 'previous', 'r', 'z', 'n', 'xhat', 'inv'].map((k) => read(named[k]));
    loops.gruLnSequenceGrad(T, B, H, dStates, dLast, wh, masks, previous, r, z, n, xhat, inv, NORM_INPUTS.map((k) => read(named[k])), dgx, dh0, dwh, dbh, outs.slice(4, 12), outs[12]);
  });
  backend.disposeData(out.pop()!.dataId);
  return out;
});

if (!tf.getGradient(SEQUENCE)) {
  tf.registerGradient({
    kernelName: SEQUENCE,
    inputsToSave: ['wh', 'masks', ...NORM_INPUTS],
    outputsToSave: [false, false, true, true, true, true, true, true],
    gradFunc: (dys, saved, attrs) => {
      const [dStates, dLast] = dys as tf.Tensor[];
      const [wh, masks, ...rest] = saved;
      const norms = rest.slice(0, 8);
      const [previous, r, z, n, xhat, inv] = rest.slice(8);
      const inputs = { dStates, dLast, wh, masks, previous, r, z, n, xhat, inv, ...Object.fromEntries(NORM_INPUTS.map((k, i) => [k, norms[i]])) };
      const [dgx, dh0, dwh, dbh, ...dNorms] = tf.engine().runKernel(SEQUENCE_GRAD, inputs, attrs as tf.NamedAttrMap) as tf.Tensor[];
      return { gx: () => dgx, h0: () => dh0, wh: () => dwh, bh: () => dbh, masks: () => tf.zerosLike(masks), ...normGradients(dNorms) };
    },
  });
}

/** One step h′ from inputs x [B, I] and the state h [B, H] with W_i [I, 3H], b_i, W_h [H, 3H], b_h [3H] (differentiable; one engine op). */
export function gruLnStepOp(x: tf.Tensor2D, wi: tf.Tensor2D, bi: tf.Tensor1D, h: tf.Tensor2D, wh: tf.Tensor2D, bh: tf.Tensor1D, norms: GruNorms): tf.Tensor2D {
  return (tf.engine().runKernel(STEP, { x, wi, bi, h, wh, bh, ...normInputs(norms) }) as tf.Tensor[])[0] as tf.Tensor2D;
}

/** One step h′ from gx = x·W_i, gh = h·W_h + b_h [B, 3H] and h [B, H] (differentiable). */
export function gruLnCellOp(gx: tf.Tensor2D, gh: tf.Tensor2D, h: tf.Tensor2D, norms: GruNorms): tf.Tensor2D {
  return (tf.engine().runKernel(CELL, { gx, gh, h, ...normInputs(norms) }) as tf.Tensor[])[0] as tf.Tensor2D;
}

/** T masked steps over gx = x·W_i [T·B, 3H] from h0 [B, H] (masks [T·B, 1]: 0 resets the state before that step): every state [T·B, H] and the last one (differentiable). */
export function gruLnSequenceOp(gx: tf.Tensor2D, h0: tf.Tensor2D, wh: tf.Tensor2D, bh: tf.Tensor1D, masks: tf.Tensor2D, norms: GruNorms, steps: number): { states: tf.Tensor2D; last: tf.Tensor2D } {
  const [states, last] = tf.engine().runKernel(SEQUENCE, { gx, h0, wh, bh, masks, ...normInputs(norms) }, { steps }) as tf.Tensor[];
  return { states: states as tf.Tensor2D, last: last as tf.Tensor2D };
}
