/**
 * The eval's outputs: results.json (everything), results.csv (one row per agent), results.md
 * (a Markdown table), means.svg and episodes.svg; every file written atomically (a temp file
 * renamed into place). Also the short summary `--json` prints.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveSeed } from '../../core/index.ts';
import type { AgentRun, TuningResult } from './evaluate.ts';
import { episodesSpec, meansSpec, renderSvg } from './plots.ts';
import { type Summary, summarize } from './stats.ts';

export interface EvalDescription {
  env: string;
  envArgs: Record<string, unknown>;
  episodesPerTrial: number;
  trials: number;
  seed: number;
  split: string | null;
  tuneTrials: number;
  batchSize: number;
}

export interface AgentResult extends Summary {
  agent: string;
  options: Record<string, unknown>;
  tuned: TuningResult | null;
  episodeMeans: number[];
  returns: number[];
}

export interface EvalResults extends EvalDescription {
  agents: Record<string, AgentResult>;
}

export function buildResults(description: EvalDescription, runs: readonly AgentRun[]): EvalResults {
  const agents: Record<string, AgentResult> = {};
  for (const r of runs) {
    agents[r.label] = {
      agent: r.name,
      ...summarize(r.returns, deriveSeed(description.seed, 'bootstrap', r.label)),
      options: r.options,
      tuned: r.tuned ?? null,
      episodeMeans: r.episodeMeans,
      returns: r.returns,
    };
  }
  return { ...description, agents };
}

/** `{agents: {NAME: {mean, ci95, iqm, n}}}`, NAME as given on the command line. */
export function summaryJson(results: EvalResults): { agents: Record<string, { mean: number; ci95: [number, number]; iqm: number; n: number }> } {
  return { agents: Object.fromEntries(Object.entries(results.agents).map(([k, a]) => [k, { mean: a.mean, ci95: a.ci95, iqm: a.iqm, n: a.n }])) };
}

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : String(v));
const params = (a: AgentResult) => (a.tuned ? `${a.tuned.option}=${a.tuned.value} (tuned)` : '');

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function resultsCsv(results: EvalResults): string {
  const rows = [['agent', 'mean', 'std', 'ci95_low', 'ci95_high', 'iqm', 'n', 'tuned_option', 'tuned_value'].join(',')];
  for (const [label, a] of Object.entries(results.agents)) {
    rows.push([label, a.mean, a.std, a.ci95[0], a.ci95[1], a.iqm, a.n, a.tuned?.option ?? '', a.tuned?.value ?? ''].map((v) => csvCell(String(v))).join(','));
  }
  return `${rows.join('\n')}\n`;
}

export function resultsMarkdown(results: EvalResults): string {
  const args = Object.entries(results.envArgs).map(([k, v]) => `${k}=${v}`).join(', ');
  const lines = [
    `# ${results.env}${args ? ` (${args})` : ''}: ${results.trials} trials × ${results.episodesPerTrial} episodes`,
    '',
    `Seed ${results.seed}, tasks: ${results.split ?? 'fresh draws'}. Return = total reward per trial; CI = 95% bootstrap of the mean.`,
    '',
    '| agent | mean | 95% CI | IQM | std | n | parameters |',
    '|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const [label, a] of Object.entries(results.agents)) {
    lines.push(`| ${label} | ${fmt(a.mean)} | [${fmt(a.ci95[0])}, ${fmt(a.ci95[1])}] | ${fmt(a.iqm)} | ${fmt(a.std)} | ${a.n} | ${params(a)} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `text` to `path` via a temp file in the same directory and a rename. */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export async function writeResults(dir: string, results: EvalResults): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const plotted = Object.entries(results.agents).map(([label, a]) => ({ label, mean: a.mean, ci95: a.ci95, episodeMeans: a.episodeMeans }));
  const title = `${results.env}, ${results.trials} trials × ${results.episodesPerTrial} episodes`;
  const [means, episodes] = await Promise.all([renderSvg(meansSpec(title, plotted)), renderSvg(episodesSpec(title, plotted))]);
  writeAtomic(join(dir, 'means.svg'), means);
  writeAtomic(join(dir, 'episodes.svg'), episodes);
  writeAtomic(join(dir, 'results.csv'), resultsCsv(results));
  writeAtomic(join(dir, 'results.md'), resultsMarkdown(results));
  writeAtomic(join(dir, 'results.json'), `${JSON.stringify(results, null, 1)}\n`);
}
