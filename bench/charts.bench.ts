/**
 * The plan chart and the week card, in process: the SVG built from a plan record (every week of the
 * sample 20-week marathon, two made and logged, the rest projected by the engine's curve) and
 * rasterised to PNG by resvg with the shipped DejaVu Sans. Each iteration takes a fresh copy of the
 * record, as a request reading it from the store would.
 */
import { svgToPng } from '../src/adapters/charts/render-png.js';
import { planChartSvg } from '../src/conversation/charts/plan-chart-svg.js';
import { weekCardSvg } from '../src/conversation/charts/week-card-svg.js';
import { planFixture } from '../test/contract/sample-views.js';
import { measure, type BenchRow } from './harness.js';

const TODAY = '2026-12-09';

export async function benchCharts(): Promise<BenchRow[]> {
  const plan = planFixture({ status: 'active' });
  const note = '20-week marathon, 2 weeks made + 18 projected, 960×460 px';
  const svg = await measure('charts', 'plan chart SVG', () => planChartSvg(structuredClone(plan), TODAY), { iterations: 2000, note });
  const png = await measure('charts', 'plan chart SVG + PNG', () => svgToPng(planChartSvg(structuredClone(plan), TODAY).svg), {
    iterations: 200,
    targetMs: 50,
    note,
  });
  const card = await measure('charts', 'week card SVG + PNG', () => svgToPng(weekCardSvg(structuredClone(plan), 1).svg), {
    iterations: 200,
    note: 'week 1 of the same plan, 960×270 px',
  });
  return [svg, png, card];
}
