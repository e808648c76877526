/**
 * The plan chart as SVG text: weekly volume for every week of the plan, made or projected, as bars
 * coloured by phase, with the athlete's logs overlaid, cutback weeks marked, the current week
 * shaded and the race drawn apart as a flag in its own column (PLAN-RULES R5: race week's bar is
 * its training only). Pure string building, no DOM, so the web page inlines it and the PNG
 * renderer (an adapter) rasterises it. The alt text says the same in words; every user string is
 * escaped (race names come from athletes).
 */
import { dateLabel, raceDistanceLabel } from '../plan-labels.js';
import type { IsoDate } from '../../domain/calendar.js';
import { weekNumberOf } from '../../domain/calendar.js';
import type { PhaseName } from '../../domain/schemas.js';
import { MILES_PER_KM, formatDistance, type Units } from '../../domain/units.js';
import type { PlanRecord } from '../../plans/plan-record.js';
import { weeklyVolumes, type WeekVolume } from '../../plans/plan-volumes.js';
import { escapeXml } from './escape-xml.js';

export type PlanChart = { readonly svg: string; readonly alt: string };

/** One palette for every chart: distinguishable in colour-blind vision and in greyscale print. */
export const PHASE_COLOURS: Readonly<Record<PhaseName, string>> = {
  base: '#4e79a7',
  build: '#59a14f',
  peak: '#f28e2b',
  taper: '#b07aa1',
};
export const CHART_COLOURS = {
  logged: '#1f2933',
  race: '#d62728',
  tuneUp: '#17becf',
  today: '#fff3bf',
  grid: '#d9dde3',
  text: '#1f2933',
  muted: '#5b6470',
} as const;

/** The font family the PNG renderer ships (DejaVu Sans), with fallbacks for browsers. */
export const CHART_FONT = "'DejaVu Sans', Verdana, Arial, sans-serif";

const WIDTH = 960;
const HEIGHT = 460;
const MARGIN = { left: 64, right: 24, top: 72, bottom: 112 } as const;
const PLOT_BOTTOM = HEIGHT - MARGIN.bottom;
const PLOT_HEIGHT = PLOT_BOTTOM - MARGIN.top;
/** The race flag's pole: a fixed height, so it never reads as a volume. */
const FLAG_POLE = 96;

/** A number for markup: at most two decimals, no trailing zeros. */
function n(value: number): string {
  return String(Number(value.toFixed(2)));
}

function inUnits(miles: number, units: Units): number {
  return units === 'km' ? miles / MILES_PER_KM : miles;
}

/** A round step for about five gridlines up to `max`. */
function tickStep(max: number): number {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw) return m * power;
  return 10 * power;
}

/** `3, 7 and 11`. */
function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

function weekRange(first: number, last: number): string {
  return first === last ? `week ${first}` : `weeks ${first}–${last}`;
}

/** `base weeks 1–4, build weeks 5–9, …`, from the volumes' phases in order. */
function phaseRanges(volumes: readonly WeekVolume[]): { phase: PhaseName; first: number; last: number }[] {
  const ranges: { phase: PhaseName; first: number; last: number }[] = [];
  for (const v of volumes) {
    const open = ranges.at(-1);
    if (open && open.phase === v.phase) open.last = v.weekNumber;
    else ranges.push({ phase: v.phase, first: v.weekNumber, last: v.weekNumber });
  }
  return ranges;
}

/** The week `today` falls in, when it is inside the plan. */
function currentWeekOf(plan: PlanRecord, today: IsoDate, total: number): number | undefined {
  if (!plan.inputs) return undefined;
  const week = weekNumberOf(plan.inputs.startDate, today);
  return week >= 1 && week <= total && today <= plan.inputs.raceDate ? week : undefined;
}

function altText(plan: PlanRecord, volumes: readonly WeekVolume[], units: Units, current: number | undefined): string {
  const inputs = plan.inputs;
  if (!inputs || volumes.length === 0) return 'Weekly volume chart: this plan has no weeks yet.';
  const d = (miles: number): string => formatDistance(miles, units);
  const sentences: string[] = [];
  const ranges = phaseRanges(volumes).map((r) => `${r.phase} ${weekRange(r.first, r.last)}`);
  sentences.push(
    `Weekly training volume of ${inputs.raceName}, a ${raceDistanceLabel(plan)} on ${dateLabel(inputs.raceDate)}: ${volumes.length} weeks (${ranges.join(', ')}).`,
  );
  const peak = volumes.reduce((best, v) => (v.planned > best.planned ? v : best));
  sentences.push(`Peak week ${peak.weekNumber}: ${d(peak.planned)}.`);
  const cutbacks = volumes.filter((v) => v.cutback).map((v) => String(v.weekNumber));
  if (cutbacks.length > 0) sentences.push(`Cutback ${cutbacks.length === 1 ? 'week' : 'weeks'} ${listWords(cutbacks)}.`);
  const taper = volumes.filter((v) => v.phase === 'taper');
  const raceWeek = volumes.at(-1);
  if (taper.length > 0 && raceWeek) {
    const first = taper[0]?.weekNumber ?? raceWeek.weekNumber;
    sentences.push(`Taper ${weekRange(first, raceWeek.weekNumber)}, down to ${d(raceWeek.planned)} of training in race week.`);
  }
  sentences.push(`The race, ${d(inputs.distanceMiles)}, is marked apart on ${dateLabel(inputs.raceDate)}.`);
  for (const v of volumes) {
    for (const t of v.tuneUps) sentences.push(`Tune-up ${t.name} (${d(t.miles)}) in week ${v.weekNumber}.`);
  }
  const made = volumes.filter((v) => !v.projected).length;
  if (made === volumes.length) sentences.push('Every week is made.');
  else if (made === 0) sentences.push(`All ${volumes.length} weeks are projected, if all goes to plan.`);
  else sentences.push(`${made === 1 ? 'Week 1 is' : `Weeks 1–${made} are`} made; later weeks are projected, if all goes to plan.`);
  const logged = volumes.filter((v) => v.logged !== null);
  if (logged.length === 0) sentences.push('Nothing logged yet.');
  else {
    const ran = logged.reduce((sum, v) => sum + (v.logged ?? 0), 0);
    const planned = logged.reduce((sum, v) => sum + v.planned, 0);
    sentences.push(`Logged so far: ${logged.length} ${logged.length === 1 ? 'week' : 'weeks'}, ${d(ran)} run of ${d(planned)} planned.`);
  }
  if (current !== undefined) sentences.push(`This is week ${current}.`);
  return sentences.join(' ');
}

type Legend = { readonly label: string; readonly swatch: string };

function legend(volumes: readonly WeekVolume[]): string {
  const items: Legend[] = [];
  const sw = (fill: string, extra = ''): string => `<rect width="14" height="14" rx="2" fill="${fill}"${extra}/>`;
  for (const phase of Object.keys(PHASE_COLOURS) as PhaseName[]) {
    if (volumes.some((v) => v.phase === phase)) items.push({ label: phase, swatch: sw(PHASE_COLOURS[phase]) });
  }
  if (volumes.some((v) => v.projected)) {
    items.push({
      label: 'projected',
      swatch: sw('#9aa5b1', ' fill-opacity="0.35" stroke="#5b6470" stroke-width="1.5" stroke-dasharray="3 2"'),
    });
  }
  if (volumes.some((v) => v.logged !== null))
    items.push({ label: 'logged', swatch: `<rect x="4" width="6" height="14" fill="${CHART_COLOURS.logged}"/>` });
  if (volumes.some((v) => v.cutback)) items.push({ label: 'cutback', swatch: `<path d="M1 3h12l-6 9z" fill="${CHART_COLOURS.muted}"/>` });
  if (volumes.some((v) => v.tuneUps.length > 0))
    items.push({ label: 'tune-up', swatch: `<circle cx="7" cy="7" r="6" fill="${CHART_COLOURS.tuneUp}"/>` });
  items.push({
    label: 'race',
    swatch: `<path d="M3 0v14M3 1h10l-3 3.5 3 3.5H3" fill="${CHART_COLOURS.race}" stroke="${CHART_COLOURS.race}" stroke-width="1.5"/>`,
  });
  let x = MARGIN.left;
  const y = HEIGHT - 30;
  const parts = items.map((item) => {
    const part = `<g transform="translate(${n(x)} ${y})">${item.swatch}<text x="20" y="12" font-size="13" fill="${CHART_COLOURS.text}">${escapeXml(item.label)}</text></g>`;
    // DejaVu Sans at 13 px averages about 8 px a character.
    x += 20 + item.label.length * 8 + 20;
    return part;
  });
  return `<g class="legend">${parts.join('')}</g>`;
}

/**
 * The chart of a plan. `today` (the athlete's date) shades the week it falls in; `units` overrides
 * the plan's own.
 */
export function planChartSvg(plan: PlanRecord, today: IsoDate, options: { units?: Units } = {}): PlanChart {
  const units: Units = options.units ?? plan.inputs?.units ?? 'mi';
  const volumes = weeklyVolumes(plan);
  const total = volumes.length;
  const current = currentWeekOf(plan, today, total);
  const alt = altText(plan, volumes, units, current);
  const name = plan.inputs?.raceName ?? 'Training plan';

  const values = volumes.flatMap((v) => [inUnits(v.planned, units), inUnits(v.logged ?? 0, units)]);
  const step = tickStep(Math.max(1, ...values));
  const top = Math.max(step, Math.ceil(Math.max(1, ...values) / step) * step);
  const y = (value: number): number => PLOT_BOTTOM - (value / top) * PLOT_HEIGHT;
  // One column per week and one more, after race week, for the race flag.
  const columns = Math.max(1, total + 1);
  const columnWidth = (WIDTH - MARGIN.left - MARGIN.right) / columns;
  const x = (index: number): number => MARGIN.left + index * columnWidth;
  // Short plans get wide columns; bars and the flag keep a bar's proportions.
  const barWidth = Math.min(56, Math.max(2, columnWidth * 0.72));
  const labelSize = columnWidth < 20 ? 9 : 11;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(alt)}" font-family="${CHART_FONT}">`,
    `<title>${escapeXml(`${name}: weekly volume`)}</title>`,
    `<desc>${escapeXml(alt)}</desc>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
  );
  const heading = plan.inputs ? `${name} · ${raceDistanceLabel(plan)} · ${dateLabel(plan.inputs.raceDate)}` : name;
  out.push(
    `<text x="${MARGIN.left}" y="30" font-size="20" font-weight="bold" fill="${CHART_COLOURS.text}">${escapeXml(heading)}</text>`,
    `<text x="${MARGIN.left}" y="52" font-size="13" fill="${CHART_COLOURS.muted}">${escapeXml(
      `Weekly training volume (${units}), the race counted apart. Lighter dashed bars: projected if all goes to plan.`,
    )}</text>`,
  );

  // The current week's column, behind everything else.
  if (current !== undefined) {
    out.push(
      `<rect class="today" x="${n(x(current - 1))}" y="${MARGIN.top - 8}" width="${n(columnWidth)}" height="${PLOT_HEIGHT + 8}" fill="${CHART_COLOURS.today}"/>`,
      `<text x="${n(x(current - 1) + columnWidth / 2)}" y="${MARGIN.top - 12}" font-size="11" text-anchor="middle" fill="${CHART_COLOURS.text}">this week</text>`,
    );
  }

  // Gridlines and the axis in the athlete's units.
  const grid: string[] = [];
  for (let value = 0; value <= top + 1e-9; value += step) {
    const gy = n(y(value));
    grid.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${gy}" y2="${gy}" stroke="${CHART_COLOURS.grid}" stroke-width="1"/>`,
      `<text x="${MARGIN.left - 8}" y="${n(y(value) + 4)}" font-size="11" text-anchor="end" fill="${CHART_COLOURS.muted}">${n(value)}</text>`,
    );
  }
  out.push(`<g class="grid">${grid.join('')}</g>`);
  out.push(
    `<text transform="translate(18 ${n(MARGIN.top + PLOT_HEIGHT / 2)}) rotate(-90)" font-size="12" text-anchor="middle" fill="${CHART_COLOURS.muted}">${units} per week</text>`,
  );

  const bars: string[] = [];
  for (const [index, v] of volumes.entries()) {
    const left = x(index) + (columnWidth - barWidth) / 2;
    const centre = x(index) + columnWidth / 2;
    const planned = inUnits(v.planned, units);
    const barTop = y(planned);
    const colour = PHASE_COLOURS[v.phase];
    const look = v.projected
      ? `fill="${colour}" fill-opacity="0.35" stroke="${colour}" stroke-width="1.5" stroke-dasharray="4 3"`
      : `fill="${colour}"`;
    const classes = [
      'bar',
      `phase-${v.phase}`,
      v.projected ? 'projected' : 'made',
      v.cutback ? 'cutback' : '',
      v.raceWeek ? 'race-week' : '',
    ]
      .filter((c) => c !== '')
      .join(' ');
    bars.push(
      `<rect class="${classes}" data-week="${v.weekNumber}" x="${n(left)}" y="${n(barTop)}" width="${n(barWidth)}" height="${n(PLOT_BOTTOM - barTop)}" ${look}><title>${escapeXml(
        `Week ${v.weekNumber} · ${v.phase}: ${formatDistance(v.planned, units)}${v.projected ? ' projected' : ''}${v.logged !== null ? `, ${formatDistance(v.logged, units)} logged` : ''}`,
      )}</title></rect>`,
    );
    if (v.logged !== null) {
      const loggedTop = y(inUnits(v.logged, units));
      const w = Math.max(2, barWidth * 0.4);
      bars.push(
        `<rect class="logged" data-week="${v.weekNumber}" x="${n(centre - w / 2)}" y="${n(loggedTop)}" width="${n(w)}" height="${n(PLOT_BOTTOM - loggedTop)}" fill="${CHART_COLOURS.logged}" fill-opacity="0.85"/>`,
      );
    }
    for (const [i, t] of v.tuneUps.entries()) {
      bars.push(
        `<circle class="tune-up" cx="${n(centre)}" cy="${n(barTop - 10 - i * 14)}" r="5.5" fill="${CHART_COLOURS.tuneUp}"><title>${escapeXml(
          `Tune-up: ${t.name}, ${formatDistance(t.miles, units)} on ${dateLabel(t.date)}`,
        )}</title></circle>`,
      );
    }
    bars.push(
      `<text x="${n(centre)}" y="${PLOT_BOTTOM + 16}" font-size="${labelSize}" text-anchor="middle" fill="${CHART_COLOURS.text}">${v.weekNumber}</text>`,
    );
    if (v.cutback) {
      bars.push(`<path class="cutback-mark" d="M${n(centre - 5)} ${PLOT_BOTTOM + 24}h10l-5 8z" fill="${CHART_COLOURS.muted}"/>`);
    }
  }
  out.push(`<g class="bars">${bars.join('')}</g>`);
  out.push(
    `<text x="${n(MARGIN.left + (columnWidth * total) / 2)}" y="${PLOT_BOTTOM + 50}" font-size="12" text-anchor="middle" fill="${CHART_COLOURS.muted}">week</text>`,
  );

  // The race: a flag in its own column, never a bar.
  if (plan.inputs && total > 0) {
    const poleX = x(total) + columnWidth / 2 - 8;
    const flagTop = PLOT_BOTTOM - FLAG_POLE;
    const raceText = `Race ${formatDistance(plan.inputs.distanceMiles, units)}`;
    out.push(
      `<g class="race" data-week="${total}"><title>${escapeXml(`Race day: ${name}, ${formatDistance(plan.inputs.distanceMiles, units)} on ${dateLabel(plan.inputs.raceDate)}`)}</title>`,
      `<line x1="${n(poleX)}" x2="${n(poleX)}" y1="${PLOT_BOTTOM}" y2="${flagTop}" stroke="${CHART_COLOURS.race}" stroke-width="3"/>`,
      `<path d="M${n(poleX)} ${flagTop}h${n(Math.min(28, Math.max(12, columnWidth * 0.6)))}l-6 9 6 9H${n(poleX)}z" fill="${CHART_COLOURS.race}"/>`,
      // Above the plot, so the label never sits on a taper bar.
      `<text x="${WIDTH - MARGIN.right}" y="${MARGIN.top - 12}" font-size="12" font-weight="bold" text-anchor="end" fill="${CHART_COLOURS.race}">${escapeXml(raceText)}</text>`,
      `<text x="${n(x(total) + columnWidth / 2)}" y="${PLOT_BOTTOM + 16}" font-size="${labelSize}" text-anchor="middle" fill="${CHART_COLOURS.race}">race</text>`,
      `</g>`,
    );
  }
  out.push(
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${PLOT_BOTTOM}" y2="${PLOT_BOTTOM}" stroke="${CHART_COLOURS.text}" stroke-width="1"/>`,
  );
  out.push(legend(volumes));
  out.push('</svg>');
  return { svg: out.join(''), alt };
}
