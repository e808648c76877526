/** The plan chart and the week card as SVG: what is drawn, the alt text, and escaping. */
import { describe, expect, it } from 'vitest';
import { PHASE_COLOURS, planChartSvg } from '../../../src/conversation/charts/plan-chart-svg.js';
import { weekCardSvg } from '../../../src/conversation/charts/week-card-svg.js';
import { formatDistance } from '../../../src/domain/units.js';
import type { PlanRecord } from '../../../src/plans/plan-record.js';
import { weeklyVolumes } from '../../../src/plans/plan-volumes.js';
import { planFixture, repeatsAndRacePlan } from '../../contract/sample-views.js';

const HOSTILE = `<script>alert("x")</script> & 'Tel Aviv' מרתון 🏃‍♀️`;
/** A date in week 2 of the sample plan (it starts Monday 30 Nov 2026). */
const IN_WEEK_2 = '2026-12-09';
const TAGS = new Set(['svg', 'title', 'desc', 'rect', 'text', 'g', 'line', 'path', 'circle']);

function named(plan: PlanRecord, raceName: string): PlanRecord {
  if (!plan.inputs) throw new Error('fixture without inputs');
  return { ...plan, inputs: { ...plan.inputs, raceName } };
}

function attrs(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

/** The opening tags of an element, each with its attributes. */
function elements(svg: string, name: string): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'g'))].map((m) => attrs(m[0]));
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const bars = (svg: string): Record<string, string>[] => elements(svg, 'rect').filter((r) => (r.class ?? '').startsWith('bar '));

describe('the plan chart', () => {
  const plan = planFixture({ status: 'active' });
  const { svg, alt } = planChartSvg(plan, IN_WEEK_2);
  const volumes = weeklyVolumes(plan);

  it('draws one bar per week, every week of the plan, coloured by phase, with a legend', () => {
    const drawn = bars(svg);
    expect(drawn.map((b) => Number(b['data-week']))).toEqual(volumes.map((v) => v.weekNumber));
    for (const [i, bar] of drawn.entries()) {
      const phase = volumes[i]?.phase ?? 'base';
      expect(bar.class).toContain(`phase-${phase}`);
      expect(bar.fill).toBe(PHASE_COLOURS[phase]);
    }
    for (const label of ['base', 'build', 'peak', 'taper', 'projected', 'logged', 'cutback', 'race']) {
      expect(svg).toContain(`>${label}</text>`);
    }
  });

  it('draws the weeks not made yet lighter and dashed, and the weeks made solid', () => {
    for (const bar of bars(svg)) {
      const projected = volumes[Number(bar['data-week']) - 1]?.projected;
      expect(bar.class?.includes('projected')).toBe(projected);
      expect(bar['stroke-dasharray'] !== undefined).toBe(projected);
      expect(bar['fill-opacity'] !== undefined).toBe(projected);
    }
  });

  it('overlays the logged volume on the planned bar, to scale', () => {
    const logged = elements(svg, 'rect').filter((r) => r.class === 'logged');
    expect(logged.map((r) => r['data-week'])).toEqual(['1']);
    const week1 = bars(svg)[0];
    const ratio = Number(logged[0]?.height) / Number(week1?.height);
    expect(ratio).toBeCloseTo(24 / (volumes[0]?.planned ?? 1), 2);
  });

  it('marks the cutback weeks and the current week', () => {
    const cutbacks = bars(svg).filter((b) => b.class?.includes('cutback'));
    expect(cutbacks.map((b) => Number(b['data-week']))).toEqual(volumes.filter((v) => v.cutback).map((v) => v.weekNumber));
    expect(elements(svg, 'path').filter((p) => p.class === 'cutback-mark')).toHaveLength(cutbacks.length);
    const today = elements(svg, 'rect').filter((r) => r.class === 'today');
    expect(today).toHaveLength(1);
    const week2 = bars(svg)[1];
    const band = today[0];
    expect(Number(week2?.x)).toBeGreaterThan(Number(band?.x));
    expect(Number(week2?.x) + Number(week2?.width)).toBeLessThan(Number(band?.x) + Number(band?.width));
    expect(planChartSvg(plan, '2027-06-01').svg).not.toContain('class="today"');
  });

  it('draws the race apart: a flag in its own column, never a bar, and race week not the tallest', () => {
    const race = /<g class="race"[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? '';
    expect(race).toContain('<path');
    expect(race).not.toContain('<rect');
    const drawn = bars(svg);
    const raceWeek = drawn.at(-1);
    expect(raceWeek?.class).toContain('race-week');
    const pole = elements(race, 'line')[0];
    expect(Number(pole?.x1)).toBeGreaterThan(Number(raceWeek?.x) + Number(raceWeek?.width));
    expect(Number(raceWeek?.height)).toBeLessThan(Math.max(...drawn.map((b) => Number(b.height))));
    expect(svg).toContain('Race 26.2 mi');
  });

  it('is accessible: role img, the alt text as its label and description, a title', () => {
    const root = elements(svg, 'svg')[0];
    expect(root?.role).toBe('img');
    expect(unescape(root?.['aria-label'] ?? '')).toBe(alt);
    expect(unescape(/<desc>(.*?)<\/desc>/.exec(svg)?.[1] ?? '')).toBe(alt);
    expect(/<title>(.*?)<\/title>/.exec(svg)?.[1]).toBe('Boston Marathon: weekly volume');
  });

  it('says the same in words: phases, peak, cutbacks, taper, race day, what is made and logged, this week', () => {
    const peak = volumes.reduce((best, v) => (v.planned > best.planned ? v : best));
    const cutbacks = volumes.filter((v) => v.cutback).map((v) => v.weekNumber);
    expect(alt).toContain('Weekly training volume of Boston Marathon, a marathon on 18 Apr 2027: 20 weeks (base weeks 1–');
    expect(alt).toContain(`Peak week ${peak.weekNumber}: ${formatDistance(peak.planned, 'mi')}.`);
    expect(alt).toContain(`Cutback weeks ${cutbacks.slice(0, -1).join(', ')} and ${cutbacks.at(-1)}.`);
    expect(alt).toMatch(/Taper weeks \d+–20, down to [\d.]+ mi of training in race week\./);
    expect(alt).toContain('The race, 26.2 mi, is marked apart on 18 Apr 2027.');
    expect(alt).toContain('Weeks 1–2 are made; later weeks are projected, if all goes to plan.');
    expect(alt).toContain(`Logged so far: 1 week, 24 mi run of ${formatDistance(volumes[0]?.planned ?? 0, 'mi')} planned.`);
    expect(alt).toContain('This is week 2.');
  });

  it('labels the axis and every figure in the athlete’s units', () => {
    const km = planChartSvg(planFixture({ status: 'active', units: 'km' }), IN_WEEK_2);
    expect(km.svg).toContain('>km per week</text>');
    expect(km.alt).toContain('The race, 42.2 km, is marked apart');
    expect(km.alt).not.toMatch(/\d mi\b/);
    expect(planChartSvg(plan, IN_WEEK_2, { units: 'km' }).svg).toContain('>km per week</text>');
  });

  it('escapes race names: markup, quotes, RTL text and emoji stay text', () => {
    const hostile = planChartSvg(named(plan, HOSTILE), IN_WEEK_2);
    expect(hostile.svg).not.toContain('<script');
    expect(hostile.svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Tel Aviv&#39; מרתון 🏃‍♀️');
    expect(hostile.alt).toContain(HOSTILE);
    for (const tag of hostile.svg.matchAll(/<\/?([a-zA-Z]+)/g)) expect(TAGS.has(tag[1] ?? '')).toBe(true);
    expect(unescape(elements(hostile.svg, 'svg')[0]?.['aria-label'] ?? '')).toBe(hostile.alt);
    // A control character XML cannot hold is dropped rather than breaking the image.
    expect(planChartSvg(named(plan, 'Bad\u0007Race'), IN_WEEK_2).svg).toContain('BadRace');
  });

  it('marks a tune-up above its week’s bar and names it in the alt text', () => {
    if (!plan.inputs) throw new Error('fixture without inputs');
    const tuneUp = { date: '2027-01-31', distance: 'half', distanceMiles: 13.109, name: 'Winter <Half>' };
    const withTuneUp = planChartSvg({ ...plan, inputs: { ...plan.inputs, tuneUps: [tuneUp] } }, IN_WEEK_2);
    expect(elements(withTuneUp.svg, 'circle').filter((c) => c.class === 'tune-up')).toHaveLength(1);
    expect(withTuneUp.svg).toContain('Tune-up: Winter &lt;Half&gt;, 13.1 mi on 31 Jan 2027');
    expect(withTuneUp.alt).toContain('Tune-up Winter <Half> (13.1 mi) in week 9.');
    expect(bars(withTuneUp.svg)).toHaveLength(20);
  });

  it('charts a preview: Week 1 made and every later week projected', () => {
    const preview = planChartSvg(planFixture(), '2026-11-25');
    expect(bars(preview.svg)).toHaveLength(20);
    expect(bars(preview.svg).filter((b) => b.class?.includes('projected'))).toHaveLength(19);
    expect(preview.alt).toContain('Week 1 is made; later weeks are projected');
    expect(preview.alt).toContain('Nothing logged yet.');
    expect(preview.alt).not.toContain('This is week');
  });
});

describe('the week card', () => {
  it('shows seven days with their session and distance, the key sessions outlined', () => {
    const { svg, alt } = weekCardSvg(repeatsAndRacePlan(), 1);
    const days = elements(svg, 'g').filter((g) => (g.class ?? '').startsWith('day '));
    expect(days.map((d) => d['data-day'])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(days.filter((d) => d.class?.includes(' key')).map((d) => d['data-day'])).toEqual(['2', '4', '6']);
    expect(svg).toContain('>6 × 800 m @</text>');
    expect(svg).not.toContain('warm-up');
    expect(alt).toContain('Boston Marathon, Week 1 · build · 35.5 mi.');
    expect(alt).toContain('Tue 1 Dec: Intervals, 6.3 mi (6 × 800 m @ 6:55/mi with 400 m jog).');
    expect(alt).toContain('Fri 4 Dec: Rest.');
    expect(unescape(elements(svg, 'svg')[0]?.['aria-label'] ?? '')).toBe(alt);
  });

  it('shows race week with the race and the total counting it apart', () => {
    const { alt } = weekCardSvg(repeatsAndRacePlan('km'), 3);
    expect(alt).toContain('Week 3 · taper · 19.3 km + race');
    expect(alt).toMatch(/Race, [\d.]+ km/);
  });

  it('says what a week not made yet will be', () => {
    const { svg, alt } = weekCardSvg(planFixture({ status: 'active' }), 7);
    expect(alt).toMatch(/^Week 7 · build: about [\d.]+ mi if all goes to plan\./);
    expect(svg).toContain('role="img"');
  });

  it('escapes the race name', () => {
    const { svg } = weekCardSvg(named(repeatsAndRacePlan(), HOSTILE), 1);
    expect(svg).not.toContain('<script');
    for (const tag of svg.matchAll(/<\/?([a-zA-Z]+)/g)) expect(TAGS.has(tag[1] ?? '')).toBe(true);
  });
});
