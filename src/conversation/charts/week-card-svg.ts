/**
 * A week at a glance as SVG: seven day cards with the session, its distance and the work itself
 * (the warm-up and cool-down left out, since every run has them), the week's key sessions (quality,
 * long run, race) outlined. Pure string building like the plan chart; the alt text lists the days.
 */
import { dateLabel, dayLabel as shortDayLabel } from '../plan-labels.js';
import { tuneUpDayLabel } from '../tune-up-views.js';
import { dayDistance, describeDay, formatWeekVolume, dayLabel as sessionLabel } from '../../domain/day-format.js';
import type { Day, DayType, Week } from '../../domain/schemas.js';
import { formatDistance, type Units } from '../../domain/units.js';
import type { PlanRecord } from '../../plans/plan-record.js';
import { weeklyVolumes } from '../../plans/plan-volumes.js';
import { escapeXml } from './escape-xml.js';
import { CHART_COLOURS, CHART_FONT, type PlanChart } from './plan-chart-svg.js';

const WIDTH = 960;
const HEIGHT = 270;
const MARGIN = 16;
const GAP = 8;
const CARD_TOP = 64;
const CARD_HEIGHT = HEIGHT - CARD_TOP - MARGIN;
/** About how many characters of 12 px DejaVu Sans fit on one line of a card. */
const LINE_CHARS = 17;
const MAX_LINES = 6;

const KIND_COLOURS = { rest: '#c5cbd3', easy: '#59a14f', quality: '#f28e2b', long: '#4e79a7', race: CHART_COLOURS.race } as const;
type Kind = keyof typeof KIND_COLOURS;

const KIND_OF: Readonly<Record<DayType, Kind>> = {
  rest: 'rest',
  easy: 'easy',
  recovery: 'easy',
  shakeout: 'easy',
  moderate: 'easy',
  tempo: 'quality',
  intervals: 'quality',
  long: 'long',
  race: 'race',
};

function n(value: number): string {
  return String(Number(value.toFixed(2)));
}

/** Words into lines of at most `size` characters (a longer word gets its own line), capped. */
function wrap(text: string, size: number, max: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const next = line === '' ? word : `${line} ${word}`;
    if ([...next].length <= size || line === '') line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max - 1), `${lines[max - 1] ?? ''}…`];
}

/** The work of a day without the warm-up and cool-down every run has. */
function workOf(day: Day, units: Units): string {
  const line = describeDay(day, units);
  const parts = line.split(' + ').filter((p) => !/ (warm-up|cool-down)$/.test(p));
  return parts.length > 0 ? parts.join(' + ') : line;
}

/** The week as stored (a preview's Week 1 included), if it is made. */
function madeWeek(plan: PlanRecord, weekNumber: number): Week | undefined {
  // As `weeklyVolumes` reads it: a plan with no weeks stored yet has the preview's Week 1.
  if (plan.weeks.length === 0 && plan.preview?.week.weekNumber === weekNumber) return plan.preview.week;
  return plan.weeks.find((w) => w.weekNumber === weekNumber);
}

function frame(title: string, alt: string, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(alt)}" font-family="${CHART_FONT}">`,
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml(alt)}</desc>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    body,
    '</svg>',
  ].join('');
}

/** Week `weekNumber` of the plan as seven day cards; a week not made yet says what it will be. */
export function weekCardSvg(plan: PlanRecord, weekNumber: number): PlanChart {
  const units: Units = plan.inputs?.units ?? 'mi';
  const name = plan.inputs?.raceName ?? 'Training plan';
  const week = madeWeek(plan, weekNumber);
  if (!week) {
    const projected = weeklyVolumes(plan).find((v) => v.weekNumber === weekNumber);
    const text = projected
      ? `Week ${weekNumber} · ${projected.phase}: about ${formatDistance(projected.planned, units)} if all goes to plan. Its days are made the week before it starts.`
      : `${name} has no week ${weekNumber}.`;
    const body = `<text x="${MARGIN}" y="40" font-size="20" font-weight="bold" fill="${CHART_COLOURS.text}">${escapeXml(`${name} · week ${weekNumber}`)}</text><text x="${MARGIN}" y="80" font-size="14" fill="${CHART_COLOURS.muted}">${escapeXml(text)}</text>`;
    return { svg: frame(`${name}: week ${weekNumber}`, text, body), alt: text };
  }

  const total = formatWeekVolume(week, units);
  const heading = `Week ${week.weekNumber} · ${week.phase} · ${total}`;
  const cardWidth = (WIDTH - 2 * MARGIN - 6 * GAP) / 7;
  const out: string[] = [
    `<text x="${MARGIN}" y="30" font-size="20" font-weight="bold" fill="${CHART_COLOURS.text}">${escapeXml(`${name} · ${heading}`)}</text>`,
  ];
  const first = week.days[0];
  const last = week.days.at(-1);
  if (first && last) {
    out.push(
      `<text x="${MARGIN}" y="50" font-size="13" fill="${CHART_COLOURS.muted}">${escapeXml(`${dateLabel(first.date)} – ${dateLabel(last.date)}`)}</text>`,
    );
  }
  const said: string[] = [];
  // Cards sit in their weekday's column (a partial first week starts mid-row).
  for (const day of week.days) {
    const kind = KIND_OF[day.type];
    const colour = KIND_COLOURS[kind];
    const key = kind === 'quality' || kind === 'long' || kind === 'race';
    const left = MARGIN + (day.dayNumber - 1) * (cardWidth + GAP);
    const label = tuneUpDayLabel(plan, day) ?? sessionLabel(day);
    const distance = day.type === 'rest' ? '' : dayDistance(day, units);
    const work = day.type === 'rest' ? '' : workOf(day, units);
    const date = shortDayLabel(day.dayNumber, day.date);
    said.push(`${date}: ${label}${distance === '' ? '' : `, ${distance}`}${work === '' || work === distance ? '' : ` (${work})`}`);
    const lines = [
      `<rect x="${n(left)}" y="${CARD_TOP}" width="${n(cardWidth)}" height="${CARD_HEIGHT}" rx="8" fill="${day.type === 'rest' ? '#f5f6f8' : '#ffffff'}" stroke="${colour}" stroke-width="${key ? 3 : 1.5}"/>`,
      `<rect x="${n(left)}" y="${CARD_TOP}" width="${n(cardWidth)}" height="8" rx="4" fill="${colour}"/>`,
      `<text x="${n(left + 10)}" y="${CARD_TOP + 28}" font-size="13" font-weight="bold" fill="${CHART_COLOURS.text}">${escapeXml(date)}</text>`,
    ];
    let y = CARD_TOP + 50;
    for (const text of wrap(label, LINE_CHARS - 2, 3)) {
      lines.push(
        `<text x="${n(left + 10)}" y="${y}" font-size="13" fill="${colour === KIND_COLOURS.rest ? CHART_COLOURS.muted : CHART_COLOURS.text}">${escapeXml(text)}</text>`,
      );
      y += 17;
    }
    if (distance !== '') {
      y += 8;
      lines.push(`<text x="${n(left + 10)}" y="${y}" font-size="22" font-weight="bold" fill="${colour}">${escapeXml(distance)}</text>`);
      y += 24;
    }
    if (work !== '' && work !== distance) {
      for (const text of wrap(work, LINE_CHARS, MAX_LINES)) {
        lines.push(`<text x="${n(left + 10)}" y="${y}" font-size="12" fill="${CHART_COLOURS.muted}">${escapeXml(text)}</text>`);
        y += 15;
      }
    }
    out.push(`<g class="day day-${kind}${key ? ' key' : ''}" data-day="${day.dayNumber}">${lines.join('')}</g>`);
  }
  const alt = `${name}, ${heading}. ${said.join('. ')}.`;
  return { svg: frame(`${name}: ${heading}`, alt, out.join('')), alt };
}
