/**
 * The eval plots as vega-lite specs, rendered to SVG in Node by vega (no canvas): mean return
 * per trial with 95% CI error bars, and mean return by episode index within the trial.
 */
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';

export interface PlotAgent {
  label: string;
  mean: number;
  ci95: [number, number];
  episodeMeans: number[];
}

export function meansSpec(title: string, agents: readonly PlotAgent[]): vegaLite.TopLevelSpec {
  const values = agents.map((a) => ({ agent: a.label, mean: a.mean, lo: a.ci95[0], hi: a.ci95[1] }));
  const order = agents.map((a) => a.label);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: Math.max(200, 60 * agents.length),
    height: 240,
    data: { values },
    encoding: { x: { field: 'agent', type: 'nominal', sort: order, title: 'agent', axis: { labelAngle: -30 } } },
    layer: [
      { mark: 'bar', encoding: { y: { field: 'mean', type: 'quantitative', title: 'mean return per trial' } } },
      { mark: { type: 'rule', strokeWidth: 2, color: 'black' }, encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
    ],
  };
}

/** What a line chart of `series` over `x` shows (axes titled; `zero: false` fits y to the data). */
export interface LineChart {
  title: string;
  values: readonly Record<string, unknown>[];
  x: { field: string; title: string };
  y: { field: string; title: string; zero?: boolean };
  series: { field: string; title?: string | null; sort?: string[] };
  width?: number;
  height?: number;
}

/** A line chart (points drawn while there are few): the learning, fitness and episode curves. */
export function lineChartSpec({ title, values, x, y, series, width = 480, height = 260 }: LineChart): vegaLite.TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width,
    height,
    data: { values: values as Record<string, unknown>[] },
    mark: { type: 'line', point: values.length <= 400 },
    encoding: {
      x: { field: x.field, type: 'quantitative', title: x.title },
      y: { field: y.field, type: 'quantitative', title: y.title, ...(y.zero === false ? { scale: { zero: false } } : {}) },
      color: { field: series.field, type: 'nominal', ...(series.title !== undefined ? { title: series.title } : {}), ...(series.sort ? { sort: series.sort } : {}) },
    },
  };
}

export function episodesSpec(title: string, agents: readonly PlotAgent[]): vegaLite.TopLevelSpec {
  const values = agents.flatMap((a) => a.episodeMeans.map((m, e) => ({ agent: a.label, episode: e + 1, mean: m })));
  return lineChartSpec({
    title,
    values,
    width: 420,
    height: 240,
    x: { field: 'episode', title: 'episode within the trial' },
    y: { field: 'mean', title: 'mean return of the episode' },
    series: { field: 'agent', sort: agents.map((a) => a.label) },
  });
}

export async function renderSvg(spec: vegaLite.TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
