/**
 * What `metarena evolve --queue` and `metarena worker` exchange through Redis (BullMQ): the queue's
 * name, the key of a stored fitness task, a job's id and data, and the text codec of tasks, jobs
 * and results.
 *
 * - The queue is `metarena-evolve` (BullMQ's default key prefix `bull`); every run on one Redis
 *   shares it, and a worker serves the jobs of any run.
 * - A fitness task (`FitnessTask`, the same for every job of a run) is stored once per generation
 *   under `metarena:evolve:task:DIGEST` (DIGEST: SHA-256 of its text), kept for TASK_TTL_SECONDS
 *   after its last generation; a job names it by DIGEST.
 * - A job's id is `RUN.gG.mM.TAG.DIGEST`: the run id (`runId`), generation, member and tag, and a
 *   digest of the task and the job's text (candidate and seed). Adding a job whose id the queue
 *   holds adds nothing, so re-adding a lost job, or a whole generation after a resume, never
 *   duplicates one; and an id names one piece of work, whose fitness depends only on that text.
 * - Job data (`QueueJobData`, version 1): the task digest, the job's text, its time limit
 *   (`--job-timeout`) and how many times it may be started (`attempts`). A job's return value
 *   is the `EvalResult`'s text.
 * - The codec is JSON that keeps Float32Array/Float64Array values (their bytes in base64, bit for
 *   bit) and ±Infinity and NaN: they are tagged strings (`"@f32:…"`, `"@Infinity"`), and a string
 *   of the data that starts with `@` gets one more `@`.
 */
import { createHash } from 'node:crypto';
import { MetarenaError, show } from '../../core/index.ts';
import type { EvalJob, EvalResult, FitnessTask } from '../../agents/evolve/evaluator.ts';

export const QUEUE_NAME = 'metarena-evolve';
/** The BullMQ job name of a fitness evaluation. */
export const JOB_NAME = 'evaluate';
export const TASK_KEY_PREFIX = 'metarena:evolve:task:';
/** Seconds a stored task outlives the last generation that stored it. */
export const TASK_TTL_SECONDS = 7 * 24 * 3600;
/** Seconds BullMQ keeps a finished job nobody collected (a run stopped between finish and collect). */
export const FINISHED_JOB_AGE_SECONDS = 7 * 24 * 3600;

export interface QueueJobData {
  v: 1;
  /** Digest of the stored task (`TASK_KEY_PREFIX + task`). */
  task: string;
  /** The `EvalJob`'s text (`encode`). */
  job: string;
  /** Seconds the evaluation may run before the worker kills it (0: no limit). */
  timeout: number;
  /** Times the job may be started (a worker taking it and stopping before it answers). */
  attempts: number;
}

export const digest = (text: string) => createHash('sha256').update(text).digest('hex');

const TYPED = { f32: Float32Array, f64: Float64Array } as const;

/** The array's bytes (the machine's order: little-endian wherever Node runs on x86 or ARM). */
const bytesOf = (a: Float32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** JSON text of `value`, keeping typed arrays, non-finite numbers and `@` strings (see above). */
export function encode(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return `@${v}`;
    if (typeof v === 'string' && v.startsWith('@')) return `@${v}`;
    if (v instanceof Float32Array) return `@f32:${bytesOf(v).toString('base64')}`;
    if (v instanceof Float64Array) return `@f64:${bytesOf(v).toString('base64')}`;
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
    return v;
  });
}

/** The value of `encode`'s text. */
export function decode(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => {
    if (typeof v !== 'string' || !v.startsWith('@')) return v;
    if (v.startsWith('@@')) return v.slice(1);
    if (v === '@Infinity') return Infinity;
    if (v === '@-Infinity') return -Infinity;
    if (v === '@NaN') return Number.NaN;
    const m = /^@(f32|f64):(.*)$/s.exec(v);
    if (!m) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `queue data: unknown tagged value ${show(v.slice(0, 40))}`, { field: 'data' });
    const Type = TYPED[m[1] as keyof typeof TYPED];
    const bytes = Buffer.from(m[2], 'base64');
    if (bytes.byteLength % Type.BYTES_PER_ELEMENT) throw new MetarenaError('METARENA_INVALID_ARGUMENT', `queue data: a ${m[1]} array of ${bytes.byteLength} bytes`, { field: 'data' });
    // a copy: Buffer's pool may not be aligned for the element size
    const out = new Type(bytes.byteLength / Type.BYTES_PER_ELEMENT);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  });
}

/** A task's text and digest. */
export function taskEntry(task: FitnessTask): { id: string; text: string } {
  const text = encode(task);
  return { id: digest(text).slice(0, 32), text };
}

/** The queue job of `job`: its id (see above) and data. */
export function queueJob(run: string, task: string, job: EvalJob, timeout: number, attempts: number): { id: string; data: QueueJobData } {
  const text = encode(job);
  const id = `${run}.g${job.generation}.m${job.member}.${job.tag.replace(/[^\w-]/g, '_')}.${digest(`${task}\n${text}`).slice(0, 16)}`;
  return { id, data: { v: 1, task, job: text, timeout, attempts } };
}

/** The job data a worker received, checked. */
export function readJobData(data: unknown): QueueJobData & { evalJob: EvalJob } {
  const d = data as Partial<QueueJobData> | null;
  if (typeof d !== 'object' || d === null || d.v !== 1 || typeof d.task !== 'string' || typeof d.job !== 'string' || typeof d.timeout !== 'number' || !Number.isInteger(d.attempts)) {
    throw new MetarenaError('METARENA_INVALID_ARGUMENT', `not a metarena evolve job (version 1): ${show(data).slice(0, 80)}`, { field: 'data' });
  }
  return { ...(d as QueueJobData), evalJob: decode(d.job) as EvalJob };
}

/** A result's text (a job's return value). */
export const encodeResult = (result: EvalResult): string => encode(result);

/** The result a job returned, checked. */
export function decodeResult(value: unknown): EvalResult {
  const r = typeof value === 'string' ? (decode(value) as EvalResult) : undefined;
  if (!r || typeof r.fitness !== 'number' || typeof r.seconds !== 'number') {
    throw new MetarenaError('METARENA_INVALID_STATE', `a queued job returned no evaluation result: ${show(value).slice(0, 80)}`, { field: 'returnvalue' });
  }
  return r;
}

/** A run's id: a digest of what makes the run (its directory, kind, envs and seed). */
export function runId(parts: Record<string, unknown>): string {
  return digest(JSON.stringify(parts)).slice(0, 12);
}
