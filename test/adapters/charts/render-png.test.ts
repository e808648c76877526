/** The charts as PNG through resvg: real images, with text, and the race drawn apart. */
import { describe, expect, it } from 'vitest';
import { CHART_FONT_FILES, svgToPng } from '../../../src/adapters/charts/render-png.js';
import { CHART_COLOURS, planChartSvg } from '../../../src/conversation/charts/plan-chart-svg.js';
import { weekCardSvg } from '../../../src/conversation/charts/week-card-svg.js';
import type { PlanRecord } from '../../../src/plans/plan-record.js';
import { planFixture, repeatsAndRacePlan } from '../../contract/sample-views.js';
import { colourAt, decodePng, type Pixels } from './png-pixels.js';

const plan = planFixture({ status: 'active' });
const chart = planChartSvg(plan, '2026-12-09');

function distinctColours(pixels: Pixels): number {
  const seen = new Set<number>();
  for (let i = 0; i < pixels.rgba.length; i += 4) {
    seen.add(((pixels.rgba[i] ?? 0) << 16) | ((pixels.rgba[i + 1] ?? 0) << 8) | (pixels.rgba[i + 2] ?? 0));
  }
  return seen.size;
}

/** Pixels of `colour` in a rectangle. */
function count(pixels: Pixels, colour: string, box: { x0: number; x1: number; y0: number; y1: number }): number {
  let found = 0;
  for (let y = box.y0; y < box.y1; y += 1) for (let x = box.x0; x < box.x1; x += 1) if (colourAt(pixels, x, y) === colour) found += 1;
  return found;
}

function attribute(svg: string, pattern: RegExp): number {
  return Number(pattern.exec(svg)?.[1]);
}

describe('svgToPng', () => {
  it('ships its font: every file exists, no system font needed', async () => {
    const { stat } = await import('node:fs/promises');
    for (const file of CHART_FONT_FILES) expect((await stat(file)).size).toBeGreaterThan(100_000);
  });

  it('renders the plan chart as a PNG of the SVG’s size that is not blank, with its text drawn', () => {
    const png = svgToPng(chart.svg);
    const pixels = decodePng(png);
    expect([pixels.width, pixels.height]).toEqual([960, 460]);
    expect(distinctColours(pixels)).toBeGreaterThan(30);
    // The heading (bold text, 20 px, from y 12 to 32) is drawn in the ink colour: the font loaded.
    expect(count(pixels, CHART_COLOURS.text, { x0: 64, x1: 600, y0: 10, y1: 34 })).toBeGreaterThan(200);
  });

  it('scales to a width asked for', () => {
    const pixels = decodePng(svgToPng(chart.svg, 1920));
    expect([pixels.width, pixels.height]).toEqual([1920, 920]);
  });

  it('draws the race apart: its red flag stands right of race week’s bar, and nothing red among the bars', () => {
    const pixels = decodePng(svgToPng(chart.svg));
    const barX = attribute(chart.svg, /<rect class="[^"]*race-week[^"]*" data-week="20" x="([\d.]+)"/);
    const barWidth = attribute(chart.svg, /<rect class="[^"]*race-week[^"]*" data-week="20" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/);
    const barRight = Math.ceil(barX + barWidth);
    const plot = { y0: 72, y1: 348 };
    expect(count(pixels, CHART_COLOURS.race, { x0: barRight + 1, x1: 936, ...plot })).toBeGreaterThan(150);
    expect(count(pixels, CHART_COLOURS.race, { x0: 0, x1: barRight + 1, ...plot })).toBe(0);
    // Race week's bar is there, lighter (projected taper), and lower than the tallest bar.
    const raceWeekTop = attribute(chart.svg, /data-week="20" x="[\d.]+" y="([\d.]+)"/);
    const tallestTop = Math.min(
      ...[...chart.svg.matchAll(/class="bar [^"]*" data-week="\d+" x="[\d.]+" y="([\d.]+)"/g)].map((m) => Number(m[1])),
    );
    expect(raceWeekTop).toBeGreaterThan(tallestTop);
    expect(colourAt(pixels, Math.round(barX + barWidth / 2), 340)).not.toBe('#ffffff');
  });

  it('renders hostile race names and the week card', () => {
    const hostile: PlanRecord = { ...plan, inputs: plan.inputs && { ...plan.inputs, raceName: '<script>"x"</script> מרתון 🏃' } };
    expect(decodePng(svgToPng(planChartSvg(hostile, '2026-12-09').svg)).width).toBe(960);
    const card = decodePng(svgToPng(weekCardSvg(repeatsAndRacePlan(), 1).svg));
    expect([card.width, card.height]).toEqual([960, 270]);
    expect(distinctColours(card)).toBeGreaterThan(20);
  });
});
