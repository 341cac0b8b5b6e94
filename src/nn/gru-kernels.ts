/**
 * The kernels of the GRU cell (`gru.ts`, PyTorch's equations): one step from projected inputs
 * gx and gh [B, 3H] and the state h [B, H] (`gruCellOp`, kernel `MetarenaGruCell`), the same
 * with the two projections inside (`gruStepOp`, `MetarenaGruStep`: one engine op per acting
 * step instead of three), and a masked unroll of T steps (`gruSequenceOp`, kernel
 * `MetarenaGruSequence`) whose gradient is backpropagation through time written out
 * (`MetarenaGruSequenceGrad`): the engine records one op per sequence instead of about fifteen
 * per step, and the recurrent weight gradient is one matrix product over all steps. Each
 * kernel has two bodies:
 *
 * - native: when OpenBLAS runs the wasm backend's matrix products (`native-blas.ts`) and the
 *   addon has the GRU loops, the loops of native/gru.c run on the wasm heap in place (views
 *   taken after the outputs are allocated), with every step's gh = h·W_h + b_h an sgemm call
 *   from C, formed as the dense kernel forms it (sgemm, then the bias added in float32) — a
 *   training unroll [32 steps × 60 rows × 64 units] runs in a few milliseconds instead of
 *   calling ≈15 backend kernels per step forward and ≈25 backward;
 * - backend ops: otherwise, the backend's own Add, Sigmoid, Multiply, Sub, tanh (`kernelTanh`)
 *   and BatchMatMul kernels per step, in the order of the step written as separate tfjs ops, on
 *   the same column blocks (so the states have those ops' bits).
 *
 * Within either body the one-step kernel and every step of the unroll run the same arithmetic
 * (the same C routine, or the same backend kernels), so an unroll's states have the bits of the
 * same steps taken one at a time with `gruCellOp` — an acting policy and its training unroll
 * agree exactly. The two bodies agree with each other to float32 rounding (their sigmoid and
 * tanh are not the same functions). A mask of 0 at step t resets the state to zero before step
 * t; nothing uses gather (it has no gradient on wasm).
 */
import * as tf from '@tensorflow/tfjs';
import { backendOps, kernelArrays, registerBackendKernel } from './kernels.ts';
import { type NativeBlas, nativeBlasInUse } from './native-blas.ts';

const CELL = 'MetarenaGruCell';
const CELL_GRAD = 'MetarenaGruCellGrad';
const STEP = 'MetarenaGruStep';
const SEQUENCE = 'MetarenaGruSequence';
const SEQUENCE_GRAD = 'MetarenaGruSequenceGrad';

type Info = tf.TensorInfo;
type Ops = ReturnType<typeof backendOps>;
type Loops = Required<Pick<NativeBlas, 'gruCell' | 'gruCellGrad' | 'gruSequence' | 'gruSequenceGrad'>>;

/** The addon's GRU loops when a kernel on `backendName` should run them. */
function nativeLoops(backendName: string): Loops | undefined {
  const blas = backendName === 'wasm' ? nativeBlasInUse() : undefined;
  return blas?.gruCell && blas.gruCellGrad && blas.gruSequence && blas.gruSequenceGrad ? (blas as Loops) : undefined;
}

/**
 * The gate arithmetic of one step from gx = x·W_i + b_i and gh = h·W_h + b_h [B, 3H] and h
 * [B, H] on backend kernels: h′ and the r, z, n, gh_n the gradient needs.
 */
function gates(k: Ops, gx: Info, gh: Info, h: Info) {
  const H = h.shape[1];
  const rz = k.unary('Sigmoid', k.add(k.columns(gx, 0, 2 * H), k.columns(gh, 0, 2 * H)));
  const r = k.columns(rz, 0, H);
  const z = k.columns(rz, H, H);
  const ghN = k.columns(gh, 2 * H, H);
  const n = k.tanh(k.add(k.columns(gx, 2 * H, H), k.mul(r, ghN)));
  // (1 − z) n + z h = n + z (h − n)
  return { next: k.add(n, k.mul(z, k.sub(h, n))), r, z, n, ghN };
}

/**
 * The gradient of `gates` for dh′: dgx = [da_r, da_z, da_n], dgh = [da_r, da_z, da_n ⊙ r],
 * dh = dh′ ⊙ z, with da_n = dh′ (1 − z)(1 − n²), da_r = da_n ⊙ gh_n ⊙ r (1 − r) and
 * da_z = dh′ ⊙ (h − n) ⊙ z (1 − z) (native/gru.c computes the same).
 */
function gateGradients(k: Ops, dy: Info, { ghN, h, r, z, n }: Record<'ghN' | 'h' | 'r' | 'z' | 'n', Info>) {
  const one = k.scalar(1);
  const daN = k.mul(k.sub(dy, k.mul(dy, z)), k.sub(one, k.unary('Square', n)));
  const daR = k.mul(k.mul(daN, ghN), k.mul(r, k.sub(one, r)));
  const daZ = k.mul(k.mul(dy, k.sub(h, n)), k.mul(z, k.sub(one, z)));
  return { dgx: k.concatColumns([daR, daZ, daN]), dgh: k.concatColumns([daR, daZ, k.mul(daN, r)]), dh: k.mul(dy, z) };
}

/** The gate kernel's body: h′, r, z, n [B, H] from gx, gh [B, 3H] and h [B, H]. */
function cellBody(backendName: string, backend: tf.KernelBackend, gx: Info, gh: Info, h: Info): Info[] {
  const loops = nativeLoops(backendName);
  if (loops) {
    const [B, H] = h.shape;
    return kernelArrays(backendName, backend).outputs([[B, H], [B, H], [B, H], [B, H]], ([next, r, z, n], read) => loops.gruCell(B, H, read(gx), read(gh), read(h), next, r, z, n));
  }
  const k = backendOps(backendName, backend);
  const g = gates(k, gx, gh, h);
  const out = [g.next, g.r, g.z, g.n].map(k.keep);
  k.free();
  return out;
}

/** One step's gates as one kernel from projected inputs: outputs h′, r, z, n. */
registerBackendKernel(CELL, (backendName, { inputs, backend }) => {
  const { gx, gh, h } = inputs as Record<'gx' | 'gh' | 'h', Info>;
  return cellBody(backendName, backend, gx, gh, h);
});

/**
 * A whole step (the acting path) as one kernel: gx = x·W_i + b_i and gh = h·W_h + b_h by the
 * backend's BatchMatMul and Add kernels, as the dense kernel forms them (so they have
 * `denseOp`'s bits), then the gate kernel's body; outputs h′, r, z, n and gh.
 */
registerBackendKernel(STEP, (backendName, { inputs, backend }) => {
  const { x, wi, bi, h, wh, bh } = inputs as Record<'x' | 'wi' | 'bi' | 'h' | 'wh' | 'bh', Info>;
  const k = backendOps(backendName, backend);
  const gx = k.add(k.matMul(x, wi), bi);
  const gh = k.keep(k.add(k.matMul(h, wh), bh));
  const out = cellBody(backendName, backend, gx, gh, h);
  k.free();
  return [...out, gh];
});

registerBackendKernel(CELL_GRAD, (backendName, { inputs, backend }) => {
  const { dy, gh, h, r, z, n } = inputs as Record<'dy' | 'gh' | 'h' | 'r' | 'z' | 'n', Info>;
  const [B, H] = h.shape;
  const loops = nativeLoops(backendName);
  if (loops) {
    return kernelArrays(backendName, backend).outputs([[B, 3 * H], [B, 3 * H], [B, H]], ([dgx, dgh, dh], read) => loops.gruCellGrad(B, H, read(dy), read(gh), read(h), read(r), read(z), read(n), dgx, dgh, dh));
  }
  const k = backendOps(backendName, backend);
  const g = gateGradients(k, dy, { ghN: k.columns(gh, 2 * H, H), h, r, z, n });
  const out = [g.dgx, g.dgh, g.dh].map(k.keep);
  k.free();
  return out;
});

if (!tf.getGradient(CELL)) {
  tf.registerGradient({
    kernelName: CELL,
    inputsToSave: ['gh', 'h'],
    outputsToSave: [false, true, true, true],
    gradFunc: (dys, saved) => {
      // only h′ is used downstream; r, z, n are outputs for the gradient's sake
      const dy = (dys as tf.Tensor[])[0];
      const [gh, h, r, z, n] = saved;
      const [dgx, dgh, dh] = tf.engine().runKernel(CELL_GRAD, { dy, gh, h, r, z, n }) as tf.Tensor[];
      return { gx: () => dgx, gh: () => dgh, h: () => dh };
    },
  });
}

/**
 * The gradients of a step's projections from those of gx and gh: of x, W_i and b_i through
 * gx = x·W_i + b_i, of W_h and b_h through gh = h·W_h + b_h, and of h through gh plus `dhDirect`.
 */
export function projectionGradients(saved: Record<'x' | 'wi' | 'h' | 'wh', tf.Tensor>, dgx: tf.Tensor, dgh: tf.Tensor, dhDirect: tf.Tensor): Record<'x' | 'wi' | 'bi' | 'h' | 'wh' | 'bh', () => tf.Tensor> {
  const { x, wi, h, wh } = saved;
  return {
    x: () => tf.matMul(dgx, wi, false, true),
    wi: () => tf.matMul(x, dgx, true, false),
    bi: () => tf.sum(dgx, 0),
    h: () => tf.add(dhDirect, tf.matMul(dgh, wh, false, true)),
    wh: () => tf.matMul(h, dgh, true, false),
    bh: () => tf.sum(dgh, 0),
  };
}

if (!tf.getGradient(STEP)) {
  tf.registerGradient({
    kernelName: STEP,
    inputsToSave: ['x', 'wi', 'h', 'wh'],
    outputsToSave: [false, true, true, true, true],
    gradFunc: (dys, saved) => {
      const dy = (dys as tf.Tensor[])[0];
      const [x, wi, h, wh, r, z, n, gh] = saved;
      const [dgx, dgh, dh] = tf.engine().runKernel(CELL_GRAD, { dy, gh, h, r, z, n }) as tf.Tensor[];
      return projectionGradients({ x, wi, h, wh }, dgx, dgh, dh);
    },
  });
}

/** Row blocks of T steps, filled step by step, as one [T·B, C] tensor at the end. */
class StepRows {
  readonly values: Float32Array;
  constructor(
    readonly rows: number,
    readonly cols: number,
  ) {
    this.values = new Float32Array(rows * cols);
  }
  set(k: Ops, t: number, part: Info): void {
    this.values.set(k.values(part), t * part.shape[0] * this.cols);
  }
}

/** A copy of a [B, H] tensor as a new backend tensor (the last state or dh0 of an empty sequence). */
function copied(k: Ops, backend: tf.KernelBackend, x: Info): Info {
  return { dataId: backend.write(k.values(x).slice(), x.shape, 'float32'), shape: x.shape, dtype: 'float32' };
}

/**
 * A whole masked unroll as one kernel: inputs gx [T·B, 3H] (the projected inputs of every
 * step), h0 [B, H], wh, bh, masks [T·B, 1]; outputs every state [T·B, H], the last state, and
 * what the gradient needs (each step's masked previous state, r, z, n, gh_n, all [T·B, H]).
 */
registerBackendKernel(SEQUENCE, (backendName, { inputs, backend, attrs }) => {
  const { gx, h0, wh, bh, masks } = inputs as Record<'gx' | 'h0' | 'wh' | 'bh' | 'masks', Info>;
  const T = (attrs as { steps: number }).steps;
  const [B, H] = h0.shape;
  const loops = nativeLoops(backendName);
  if (loops && T > 0) {
    const all = [T * B, H];
    return kernelArrays(backendName, backend).outputs([all, [B, H], all, all, all, all, all], ([states, last, previous, r, z, n, ghN], read) =>
      loops.gruSequence(T, B, H, read(gx), read(h0), read(wh), read(bh), read(masks), states, last, previous, r, z, n, ghN),
    );
  }
  const outer = backendOps(backendName, backend);
  const saved = Array.from({ length: 6 }, () => new StepRows(T * B, H));
  const [states, previous, rs, zs, ns, ghNs] = saved;
  let h = h0;
  for (let t = 0; t < T; t++) {
    const k = backendOps(backendName, backend);
    const hp = k.mul(h, outer.rows(masks, t * B, B));
    const g = gates(k, outer.rows(gx, t * B, B), k.add(k.matMul(hp, wh), bh), hp);
    [g.next, hp, g.r, g.z, g.n, g.ghN].forEach((part, i) => saved[i].set(k, t, part));
    k.keep(g.next);
    k.free();
    if (h !== h0) backend.disposeData(h.dataId);
    h = g.next;
  }
  const out = [states, previous, rs, zs, ns, ghNs].map((rows) => outer.keep(outer.tensor(rows.values, [T * B, H])));
  const last = h === h0 ? copied(outer, backend, h0) : h;
  outer.free();
  return [out[0], last, ...out.slice(1)];
});

/**
 * Backpropagation through the unroll: steps from the last to the first, carrying dh; the
 * recurrent weight gradient is one matMul over all steps (previous statesᵀ · dgh) instead of one
 * per step. Outputs dgx [T·B, 3H], dh0, dwh, dbh.
 */
registerBackendKernel(SEQUENCE_GRAD, (backendName, { inputs, backend, attrs }) => {
  const { dStates, dLast, wh, masks, previous, r, z, n, ghN } = inputs as Record<'dStates' | 'dLast' | 'wh' | 'masks' | 'previous' | 'r' | 'z' | 'n' | 'ghN', Info>;
  const T = (attrs as { steps: number }).steps;
  const [B, H] = dLast.shape;
  const loops = nativeLoops(backendName);
  if (loops && T > 0) {
    // the last output is the loops' scratch (every step's dgh), on the heap the backend already holds
    const out = kernelArrays(backendName, backend).outputs([[T * B, 3 * H], [B, H], [H, 3 * H], [3 * H], [T * B, 3 * H]], ([dgx, dh0, dwh, dbh, dgh], read) =>
      loops.gruSequenceGrad(T, B, H, read(dStates), read(dLast), read(wh), read(masks), read(previous), read(r), read(z), read(n), read(ghN), dgx, dh0, dwh, dbh, dgh),
    );
    backend.disposeData(out.pop()!.dataId);
    return out;
  }
  const outer = backendOps(backendName, backend);
  const whT = outer.transpose(wh);
  const dgxRows = new StepRows(T * B, 3 * H);
  const dghRows = new StepRows(T * B, 3 * H);
  let dh = dLast;
  for (let t = T - 1; t >= 0; t--) {
    const k = backendOps(backendName, backend);
    const step = (x: Info) => outer.rows(x, t * B, B);
    const g = gateGradients(k, k.add(step(dStates), dh), { ghN: step(ghN), h: step(previous), r: step(r), z: step(z), n: step(n) });
    dgxRows.set(k, t, g.dgx);
    dghRows.set(k, t, g.dgh);
    const dPrevious = k.keep(k.mul(k.add(g.dh, k.matMul(g.dgh, whT)), step(masks)));
    k.free();
    if (dh !== dLast) backend.disposeData(dh.dataId);
    dh = dPrevious;
  }
  const dgh = outer.tensor(dghRows.values, [T * B, 3 * H]);
  const dwh = outer.keep(outer.matMul(outer.transpose(previous), dgh));
  const dbh = outer.keep(outer.reshape(outer.matMul(outer.tensor(new Float32Array(T * B).fill(1), [1, T * B]), dgh), [3 * H]));
  const dgx = outer.keep(outer.tensor(dgxRows.values, [T * B, 3 * H]));
  const dh0 = dh === dLast ? copied(outer, backend, dLast) : dh;
  outer.free();
  return [dgx, dh0, dwh, dbh];
});

if (!tf.getGradient(SEQUENCE)) {
  tf.registerGradient({
    kernelName: SEQUENCE,
    inputsToSave: ['wh', 'masks'],
    outputsToSave: [false, false, true, true, true, true, true],
    gradFunc: (dys, saved, attrs) => {
      const [dStates, dLast] = dys as tf.Tensor[];
      const [wh, masks, previous, r, z, n, ghN] = saved;
      const [dgx, dh0, dwh, dbh] = tf.engine().runKernel(SEQUENCE_GRAD, { dStates, dLast, wh, masks, previous, r, z, n, ghN }, attrs as tf.NamedAttrMap) as tf.Tensor[];
      return { gx: () => dgx, h0: () => dh0, wh: () => dwh, bh: () => dbh, masks: () => tf.zerosLike(masks) };
    },
  });
}

/** One step h′ from inputs x [B, I] and the state h [B, H] with W_i [I, 3H], b_i, W_h [H, 3H], b_h [3H] (differentiable; one engine op). */
export function gruStepOp(x: tf.Tensor2D, wi: tf.Tensor2D, bi: tf.Tensor1D, h: tf.Tensor2D, wh: tf.Tensor2D, bh: tf.Tensor1D): tf.Tensor2D {
  return (tf.engine().runKernel(STEP, { x, wi, bi, h, wh, bh }) as tf.Tensor[])[0] as tf.Tensor2D;
}

/** One step h′ from gx = x·W_i + b_i, gh = h·W_h + b_h [B, 3H] and h [B, H] (differentiable). */
export function gruCellOp(gx: tf.Tensor2D, gh: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
  return (tf.engine().runKernel(CELL, { gx, gh, h }) as tf.Tensor[])[0] as tf.Tensor2D;
}

/**
 * T masked steps over gx [T·B, 3H] from h0 [B, H] with W_h [H, 3H], b_h [3H] and masks [T·B, 1]
 * (0 resets the state before that step): every state [T·B, H] and the last one (differentiable).
 */
export function gruSequenceOp(gx: tf.Tensor2D, h0: tf.Tensor2D, wh: tf.Tensor2D, bh: tf.Tensor1D, masks: tf.Tensor2D, steps: number): { states: tf.Tensor2D; last: tf.Tensor2D } {
  const [states, last] = tf.engine().runKernel(SEQUENCE, { gx, h0, wh, bh, masks }, { steps }) as tf.Tensor[];
  return { states: states as tf.Tensor2D, last: last as tf.Tensor2D };
}
