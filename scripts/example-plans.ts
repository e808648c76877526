/**
 * Renders docs/design/example-plans.md (issue 14): one plan per race distance, made by the rules
 * engine exactly as a user would get it (every week logged as planned), beside the published plan
 * COACHING-REFERENCES.md compares it with.
 *
 *   npx tsx scripts/example-plans.ts           writes the doc
 *   npx tsx scripts/example-plans.ts --check   exits 1 when the doc on disk differs
 *
 * The doc is generated, never edited by hand, so that it cannot drift from the engine: the test
 * test/docs/example-plans.test.ts renders it in process and fails when the committed file differs.
 * Published figures appear only where COACHING-REFERENCES.md states them; a reference that gives a
 * range or a shape is quoted once under its table rather than spread over invented weeks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DAY_SHORT_NAMES, addDaysIso, daysBetween } from '../src/domain/calendar.js';
import { maxQualitySessions } from '../src/domain/coaching-limits.js';
import { dayLabel, describeDay, formatWeekVolume } from '../src/domain/day-format.js';
import { computePaces, formatPaces, type TrainingPaces } from '../src/domain/paces.js';
import { parsePlanInputs, type RawPlanInputs } from '../src/domain/plan-inputs.js';
import { dayMiles, lapsMiles, trainingMiles } from '../src/domain/plan-math.js';
import type { Day, Phase, PlanInputs, PlannedWeek } from '../src/domain/schemas.js';
import { formatDuration, parsePace } from '../src/domain/time.js';
import { zoneOfLap, type Zone } from '../src/domain/zones.js';
import { buildOutline, buildWeek } from '../src/engine/rules/rules-engine.js';

/** A fixed "today" and a Monday start after it, so the doc is the same on every machine and day. */
export const EXAMPLE_TODAY = '2026-11-25';
const START = '2026-11-30';

/** Where the doc lives, from the repository root and on disk. */
export const EXAMPLE_PLANS_DOC = 'docs/design/example-plans.md';
export const EXAMPLE_PLANS_PATH = fileURLToPath(new URL(`../${EXAMPLE_PLANS_DOC}`, import.meta.url));

/** What COACHING-REFERENCES.md says of the published plan an example stands beside. */
type Reference = {
  readonly name: string;
  /** The reference's shape in one sentence, said once under the table. */
  readonly shape: string;
  /** Week-by-week figures the reference states (week number → figure), when it states any. */
  readonly weeks?: Readonly<Record<number, string>>;
};

type Spread = { readonly min: number; readonly max: number };

/** The figures the comparisons quote, measured on the plan the engine made. */
export type PlanStats = {
  readonly peak: { readonly miles: number; readonly weeks: readonly number[] };
  readonly firstWeekMiles: number;
  readonly peakLong: { readonly miles: number; readonly week: number; readonly daysBefore: number };
  readonly firstLong: number;
  /** Weeks whose long run is ≥ 20 mi. */
  readonly twenties: readonly number[];
  /** Taper weeks: training miles as a share of the peak week. */
  readonly taper: readonly { readonly week: number; readonly share: number; readonly long: number }[];
  /** Share of the plan's training miles run easy (C2's count: warm-ups, cool-downs, E laps). */
  readonly easyShare: number;
  readonly qualitySessions: number;
  readonly firstQualityWeek: number | undefined;
  readonly mediumLong: { readonly count: number; readonly miles: Spread | undefined };
  /** Each week's long run, week 1 first. */
  readonly longs: readonly number[];
  /** The longest run that is not its week's long run, and its session's label. */
  readonly midweek: { readonly miles: number; readonly week: number; readonly label: string };
  /** The fewest and the most threshold-pace miles of one tempo or cruise-interval session. */
  readonly thresholdSession: Spread | undefined;
  /** Taper weeks before race week that keep a quality session (C4). */
  readonly taperQuality: number;
  /** C1's most quality sessions a week in the build and peak, for these inputs. */
  readonly qualityCap: number;
};

type Example = {
  readonly heading: string;
  readonly intro: string;
  readonly fields: Omit<RawPlanInputs, 'raceDate' | 'startDate'>;
  readonly weeks: number;
  readonly reference: Reference;
  readonly compare: (stats: PlanStats) => readonly string[];
};

const EXAMPLES: readonly Example[] = [
  {
    heading: '5K: a beginner',
    intro: 'Beside Hal Higdon’s Novice 5K and Couch-to-5K.',
    fields: { raceName: '5K', distance: '5k', goal: '31:30', fiveK: '32:00', mileage: '12', days: 'tue,thu,sat', longDay: 'sat' },
    weeks: 8,
    reference: {
      name: 'Higdon Novice 5K / Couch-to-5K',
      shape: 'Higdon’s Novice 5K and Couch-to-5K run 3–4 days a week, with no intervals at first, and about 8–12 miles a week at most.',
    },
    compare: (s) => [
      `Peak week ${mi(s.peak.miles)} (${weeksText(s.peak.weeks)}) against the published 8–12 mi at most; week 1 holds ${mi(s.firstWeekMiles)}, the athlete’s own volume, and the long run peaks at ${mi(s.peakLong.miles)} (week ${s.peakLong.week}).`,
      s.firstQualityWeek === undefined
        ? 'No quality session at all: the plan runs easy, as the published plans do at first.'
        : `No intervals at first: the first quality session is in week ${s.firstQualityWeek}, ${s.qualitySessions} in the plan (C1: at most ${s.qualityCap} a week in the build and peak).`,
      `${pct(s.easyShare)} of the training miles are easy; the taper weeks hold ${taperText(s)} of the peak week.`,
    ],
  },
  {
    heading: '10K',
    intro: 'COACHING-REFERENCES.md names no published 10K plan; this one stands beside Daniels’ limits instead.',
    fields: { raceName: '10K', distance: '10k', goal: '52:00', fiveK: '25:00', mileage: '20', days: 'tue,thu,sat,sun', longDay: 'sun' },
    weeks: 10,
    reference: {
      name: 'Daniels’ limits',
      shape:
        'Daniels’ limits: easy running is the bulk of the week; T at most 10% of the week, I at most 8%, R at most 5%; the long run at most 25–30% of the week and about 150 minutes; tapers work best over about 2 weeks.',
    },
    compare: (s) => [
      `Peak week ${mi(s.peak.miles)} (${weeksText(s.peak.weeks)}) from ${mi(s.firstWeekMiles)} in week 1; the long run goes from ${mi(s.firstLong)} to ${mi(s.peakLong.miles)} (week ${s.peakLong.week}, ${s.peakLong.daysBefore} days before the race), ${pct(s.peakLong.miles / s.peak.miles)} of the peak week.`,
      `${s.qualitySessions} quality sessions (at most ${s.qualityCap} a week in the build and peak); ${pct(s.easyShare)} of the training miles are easy.`,
      `Taper over ${countText(s.taper.length, 'week')}: ${taperText(s)} of the peak week.`,
    ],
  },
  {
    heading: 'Half marathon',
    intro: 'Beside Hal Higdon’s novice and intermediate half-marathon plans.',
    fields: {
      raceName: 'Half marathon',
      distance: 'half',
      goal: '1:54:00',
      fiveK: '25:00',
      mileage: '25',
      days: 'tue,wed,thu,sat,sun',
      longDay: 'sun',
    },
    weeks: 12,
    reference: {
      name: 'Higdon novice and intermediate half',
      shape:
        'Higdon’s novice and intermediate half-marathon plans run 12 weeks, with long runs of 10–12 miles and, in the intermediate plans, some over-distance.',
    },
    compare: (s) => [
      `The long run peaks at ${mi(s.peakLong.miles)} in week ${s.peakLong.week}, ${s.peakLong.daysBefore} days before the race (Higdon: 10–12); ${countText(s.longs.filter((l) => l >= 10 - 1e-9).length, 'long run')} of 10 mi or more.`,
      `Peak week ${mi(s.peak.miles)} (${weeksText(s.peak.weeks)}) from ${mi(s.firstWeekMiles)} in week 1; the taper weeks hold ${taperText(s)} of the peak week.`,
      `${s.qualitySessions} quality sessions (at most ${s.qualityCap} a week in the build and peak); ${pct(s.easyShare)} of the training miles are easy.`,
    ],
  },
  {
    heading: 'Marathon: a first-timer',
    intro: 'Beside Hal Higdon’s Novice 1.',
    fields: {
      raceName: 'Marathon',
      distance: 'marathon',
      goal: '4:45:00',
      fiveK: '29:00',
      mileage: '15',
      days: 'tue,wed,thu,sat',
      longDay: 'sat',
      recentLong: '6',
    },
    weeks: 18,
    reference: {
      name: 'Higdon Novice 1',
      shape:
        'Higdon’s Novice 1 is for runners already at 15–25 miles a week; its volume goes from about 15 to about 40 miles, its long runs grow about a mile a week with a step back every third week, and it has no speedwork.',
      weeks: { 1: 'long 6; ~15 mi', 15: 'long 20', 16: 'long 12', 17: 'long 8', 18: 'race' },
    },
    compare: (s) => [
      `Peak week ${mi(s.peak.miles)} (${weeksText(s.peak.weeks)}) against Higdon’s about 40; the long run goes from ${mi(s.firstLong)} to ${mi(s.peakLong.miles)} in week ${s.peakLong.week}, ${s.peakLong.daysBefore} days before the race (Higdon: from 6 to 20 in week 15).`,
      `${capital(countText(s.twenties.length, 'run'))} of 20 mi or more (Higdon: one); the taper’s long runs are ${s.taper.map((t) => t.long).join(', ')} mi (Higdon: 12, 8, then the race) and its weeks hold ${taperText(s)} of the peak week.`,
      `${s.qualitySessions} quality sessions where Higdon has none (C1: hills or fartlek in the base, at most ${s.qualityCap} a week in the build and peak); ${pct(s.easyShare)} of the training miles are easy.`,
    ],
  },
  {
    heading: 'Marathon: experienced',
    intro: 'Beside Pete Pfitzinger’s 18/55.',
    fields: {
      raceName: 'Marathon',
      distance: 'marathon',
      goal: '3:10:00',
      fiveK: '20:00',
      mileage: '45',
      days: 'tue,wed,thu,fri,sat,sun',
      longDay: 'sun',
      recentLong: '14',
    },
    weeks: 18,
    reference: {
      name: 'Pfitzinger 18/55',
      shape:
        'Pfitzinger’s 18/55 peaks at 55 miles a week, takes the long run to 20 miles (18–22 across his plans), puts medium-long runs of 11–15 miles midweek and lactate-threshold runs of 4–7 miles at 15K to half-marathon pace, and tapers over 3 weeks, cutting volume and keeping some intensity.',
      weeks: { 16: 'taper', 17: 'taper', 18: 'taper; race' },
    },
    compare: (s) => [
      `Peak week ${mi(s.peak.miles)} (${weeksText(s.peak.weeks)}) against Pfitzinger’s 55; the long run peaks at ${mi(s.peakLong.miles)} in week ${s.peakLong.week}, ${s.peakLong.daysBefore} days before the race, with ${countText(s.twenties.length, 'run')} of 20 mi or more.`,
      `${capital(countText(s.mediumLong.count, 'medium-long run'))}${spreadText(s.mediumLong.miles, ' of ', ' mi')}; the longest run besides a long run is ${mi(s.midweek.miles)} (${s.midweek.label}, week ${s.midweek.week}) against Pfitzinger’s 11–15 mi midweek; ${s.thresholdSession === undefined ? 'no tempo or cruise intervals' : `tempo and cruise-interval sessions hold ${spreadText(s.thresholdSession, '', ' mi')} at T`} (his threshold runs: 4–7 mi).`,
      `Taper over ${countText(s.taper.length, 'week')} at ${taperText(s)} of the peak week, ${someOf(s.taperQuality, s.taper.length - 1)} weeks before race week keeping a quality session (Pfitzinger: 3 weeks, some intensity kept); ${pct(s.easyShare)} of the training miles are easy.`,
    ],
  },
];

/** "both", "all three", "1 of 2". */
function someOf(count: number, total: number): string {
  if (count === total) return total === 2 ? 'both' : `all ${numberWord(total)}`;
  return `${count} of ${total}`;
}

function capital(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

function mi(miles: number): string {
  return `${Number(miles.toFixed(1))} mi`;
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function spreadOf(values: readonly number[]): Spread | undefined {
  return values.length === 0 ? undefined : { min: Math.min(...values), max: Math.max(...values) };
}

/** "4.5–7 mi" with its lead-in, or nothing when there is nothing to measure. */
function spreadText(spread: Spread | undefined, before: string, after: string): string {
  if (spread === undefined) return '';
  const { min, max } = spread;
  const range = min === max ? `${Number(min.toFixed(1))}` : `${Number(min.toFixed(1))}–${Number(max.toFixed(1))}`;
  return `${before}${range}${after}`;
}

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six'] as const;

function numberWord(count: number): string {
  return NUMBER_WORDS[count] ?? String(count);
}

function countText(count: number, noun: string): string {
  return `${numberWord(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function weeksText(weeks: readonly number[]): string {
  return weeks.length === 1 ? `week ${weeks[0]}` : `weeks ${weeks.join(', ')}`;
}

function taperText(s: PlanStats): string {
  return s.taper.map((t) => pct(t.share)).join(', ');
}

/** The example's race date: the Sunday that makes a plan of `weeks` calendar weeks from START. */
function raceDateOf(weeks: number): string {
  return addDaysIso(START, 7 * weeks - 1);
}

/** Every week of the plan, each logged as planned before the next is made (as test/support/engine-fixtures.ts). */
function wholePlan(inputs: PlanInputs): { phases: Phase[]; weeks: PlannedWeek[] } {
  const outline = buildOutline(inputs);
  const weeks: PlannedWeek[] = [outline.week];
  for (let n = 2; n <= outline.totalWeeks; n += 1) {
    const previous = weeks[n - 2];
    if (previous !== undefined) {
      weeks[n - 2] = {
        ...previous,
        execution: { completedDays: previous.days.filter((d) => d.type !== 'rest').length, totalMiles: previous.miles },
      };
    }
    weeks.push(buildWeek(inputs, outline.phases, weeks, n));
  }
  return { phases: outline.phases, weeks };
}

const isQuality = (day: Day): boolean => day.type === 'tempo' || day.type === 'intervals';
const isRun = (day: Day): boolean => day.type !== 'rest' && day.type !== 'race';

/** The week's long run: its longest training run, whatever the day's type (as C3 reads it). */
function longestRun(week: PlannedWeek): Day | undefined {
  let best: Day | undefined;
  for (const day of week.days) if (isRun(day) && (best === undefined || dayMiles(day) > dayMiles(best))) best = day;
  return best;
}

/** Workout miles of a day in one pace zone. */
function zoneMiles(day: Day, paces: TrainingPaces, zone: Zone): number {
  const session = day.session ?? 'easy';
  return lapsMiles(day.workout.filter((lap) => zoneOfLap(parsePace(lap.paceGoal), session, paces) === zone));
}

/** Easy miles of a day as C2 counts them: warm-up, cool-down and laps in the E zone. */
function easyMiles(day: Day, paces: TrainingPaces): number {
  return lapsMiles(day.warmup) + lapsMiles(day.cooldown) + zoneMiles(day, paces, 'E');
}

function measure(inputs: PlanInputs, phases: readonly Phase[], weeks: readonly PlannedWeek[]): PlanStats {
  const paces = computePaces(inputs);
  const taperCount = phases.find((p) => p.name === 'taper')?.weekCount ?? 0;
  const training = weeks.map((w) => trainingMiles(w));
  const peakMiles = Math.max(...training);
  const longs = weeks.map((w) => {
    const day = longestRun(w);
    return day === undefined ? 0 : dayMiles(day);
  });
  const peakLongMiles = Math.max(...longs);
  const peakLongIndex = longs.indexOf(peakLongMiles);
  const peakLongDay = longestRun(weeks[peakLongIndex] as PlannedWeek);
  const raceDay = weeks.flatMap((w) => w.days).find((d) => d.type === 'race');
  let easy = 0;
  let total = 0;
  let qualitySessions = 0;
  let firstQualityWeek: number | undefined;
  const mediumLong: number[] = [];
  let midweek = { miles: 0, week: 0, label: '' };
  const threshold: number[] = [];
  for (const w of weeks) {
    const long = longestRun(w);
    for (const day of w.days) {
      if (!isRun(day)) continue;
      if (day !== long && dayMiles(day) > midweek.miles)
        midweek = { miles: dayMiles(day), week: w.weekNumber, label: dayLabel(day).toLowerCase() };
      const t = zoneMiles(day, paces, 'T');
      if (t > 0 && (day.session === 'tempo' || day.session === 'cruise-intervals')) threshold.push(t);
      easy += easyMiles(day, paces);
      total += dayMiles(day);
      if (isQuality(day)) {
        qualitySessions += 1;
        firstQualityWeek ??= w.weekNumber;
      }
      if (day.session === 'medium-long') mediumLong.push(dayMiles(day));
    }
  }
  return {
    peak: { miles: peakMiles, weeks: weeks.filter((_, i) => training[i] === peakMiles).map((w) => w.weekNumber) },
    firstWeekMiles: training[0] ?? 0,
    peakLong: {
      miles: peakLongMiles,
      week: peakLongIndex + 1,
      daysBefore: peakLongDay !== undefined && raceDay !== undefined ? daysBetween(peakLongDay.date, raceDay.date) : 0,
    },
    firstLong: longs[0] ?? 0,
    twenties: weeks.filter((_, i) => (longs[i] ?? 0) >= 20 - 1e-9).map((w) => w.weekNumber),
    taper: weeks.slice(weeks.length - taperCount).map((w, i) => ({
      week: w.weekNumber,
      share: (training[weeks.length - taperCount + i] ?? 0) / peakMiles,
      long: Number((longs[weeks.length - taperCount + i] ?? 0).toFixed(1)),
    })),
    easyShare: total === 0 ? 1 : easy / total,
    qualitySessions,
    firstQualityWeek,
    mediumLong: { count: mediumLong.length, miles: spreadOf(mediumLong) },
    longs,
    midweek,
    thresholdSession: spreadOf(threshold),
    taperQuality: weeks.slice(weeks.length - taperCount, -1).filter((w) => w.days.some(isQuality)).length,
    qualityCap: maxQualitySessions('build', inputs.weeklyMileage, inputs.preferredDays.length),
  };
}

/**
 * A session in a table cell: "Tue Tempo: 3 mi @ 9:20", or "Thu 7 mi progression run: …" when the
 * line names the session itself; warm-ups, cool-downs and "/mi" are left out to keep rows short
 * (the doc says paces are per mile).
 */
function sessionText(day: Day): string {
  const parts = describeDay(day, 'mi').split(' + ');
  const work = parts.filter((part) => !/ (warm-up|cool-down)$/.test(part));
  const line = work
    .join(' + ')
    .replace(/\/mi/g, '')
    .replace(/ \((tempo|race pace)\)/g, '');
  const label = dayLabel(day);
  if (line.includes(label.toLowerCase())) return `${shortDay(day)} ${line}`;
  // With warm-up and cool-down gone, the day's total says how long the outing is.
  const total = work.length < parts.length && day.type !== 'race' ? `, ${mi(dayMiles(day))}` : '';
  return `${shortDay(day)} ${label}${total}: ${line}`;
}

function shortDay(day: Day): string {
  return day.dayOfWeek.slice(0, 3);
}

/** The long-run cell: its miles, and what is not easy in it ("16, last 4 @ 8:01"). */
function longText(week: PlannedWeek): string {
  const day = longestRun(week);
  if (day === undefined) return '–';
  const finish = /, (last .*)$/.exec(describeDay(day, 'mi'))?.[1];
  const miles = String(Number(dayMiles(day).toFixed(1)));
  return finish === undefined ? miles : `${miles}, ${finish.replace(/\/mi/g, '').replace(/ mi @/, ' @')}`;
}

function sessionsText(week: PlannedWeek): string {
  const parts = week.days.filter((d) => isQuality(d) || d.session === 'medium-long' || d.type === 'race').map(sessionText);
  const strides = week.days.filter((d) => d.session === 'strides').map(shortDay);
  if (strides.length > 0) parts.push(`strides ${strides.join(', ')}`);
  return parts.length === 0 ? 'easy only' : parts.join('; ');
}

const RACE_WORDS: Readonly<Record<string, string>> = { '5k': 'A 5K', '10k': 'A 10K', half: 'A half marathon', marathon: 'A marathon' };

/** "A marathon in 18 weeks (…) for a runner at 15 mi a week (…) with a 29:00 5K and a 4:45:00 goal, running …". */
function inputsSentence(example: Example, inputs: PlanInputs, warnings: readonly string[]): string {
  const f = example.fields;
  const names = inputs.preferredDays.map((d) => DAY_SHORT_NAMES[d - 1] ?? String(d));
  const days = `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
  const recent = f.recentLong === undefined ? '' : ` (longest recent run ${f.recentLong} mi)`;
  const longDay = inputs.longRunDay === undefined ? '' : `, long run on ${DAY_SHORT_NAMES[inputs.longRunDay - 1] ?? ''}`;
  // A warning would mean the example's goal is unrealistic for its 5K: say so rather than hide it.
  const warned = warnings.length > 0 ? ` Warning shown: ${warnings.join(' ')}` : '';
  return (
    `${RACE_WORDS[inputs.distance] ?? `A ${inputs.distance} race`} in ${example.weeks} weeks (Monday ${inputs.startDate} to Sunday ${inputs.raceDate}) ` +
    `for a runner at ${inputs.weeklyMileage} mi a week${recent} with a ${f.fiveK ?? ''} 5K and a ${formatDuration(inputs.goalTimeSeconds)} goal, ` +
    `running ${days}${longDay}.${warned}`
  );
}

function pacesLine(inputs: PlanInputs): string {
  const p = formatPaces(computePaces(inputs));
  return (
    `Paces (per mile): VDOT ${p.vdot} · easy ${p.easyRange} · M ${p.marathon} · T ${p.threshold} · ` +
    `I ${p.interval} · R ${p.repetition} · target ${p.target} (predicted ${p.predictedTime}, goal ${formatDuration(inputs.goalTimeSeconds)}).`
  );
}

function renderExample(example: Example): string {
  const raw: RawPlanInputs = { ...example.fields, startDate: START, raceDate: raceDateOf(example.weeks) };
  const parsed = parsePlanInputs(raw, EXAMPLE_TODAY);
  const { inputs } = parsed;
  const { phases, weeks } = wholePlan(inputs);
  if (weeks.length !== example.weeks) throw new Error(`${example.heading}: expected ${example.weeks} weeks, got ${weeks.length}`);
  const stats = measure(inputs, phases, weeks);
  const published = example.reference.weeks;
  const header = [
    'week',
    'phase',
    'training',
    'long run',
    'sessions',
    ...(published === undefined ? [] : [`published (${example.reference.name})`]),
  ];
  const rows = weeks.map((w) => [
    String(w.weekNumber),
    w.phase,
    formatWeekVolume(w, 'mi'),
    longText(w),
    sessionsText(w),
    ...(published === undefined ? [] : [published[w.weekNumber] ?? '']),
  ]);
  const table = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  return [
    `## ${example.heading}`,
    '',
    example.intro,
    '',
    inputsSentence(example, inputs, parsed.warnings),
    '',
    pacesLine(inputs),
    '',
    table,
    '',
    `Published, as COACHING-REFERENCES.md gives it: ${example.reference.shape}`,
    '',
    ...example.compare(stats).map((line) => `- ${line}`),
  ].join('\n');
}

/** The whole doc, as the committed file must read. */
export function renderExamplePlans(): string {
  const head = [
    '# Example plans',
    '',
    '<!-- Generated by `npx tsx scripts/example-plans.ts`; do not edit by hand. test/docs/example-plans.test.ts fails when this file differs from what the engine makes. -->',
    '',
    'One plan per race distance, made by the rules engine (`buildOutline` + `buildWeek`) with every week',
    `logged as planned, from Monday ${START} ("today" ${EXAMPLE_TODAY}), beside the published plan in`,
    '`COACHING-REFERENCES.md` it is compared with. "Training" counts the race day apart (R5); "long run" is',
    'the week’s longest training run; "sessions" lists the quality sessions, medium-long runs, strides and',
    'the race, paces per mile with warm-ups and cool-downs left out. A "published" column holds only',
    'figures the reference states for that week.',
    '',
  ];
  return `${[...head, EXAMPLES.map(renderExample).join('\n\n')].join('\n')}\n`;
}

function main(args: readonly string[]): number {
  const text = renderExamplePlans();
  if (args.includes('--check')) {
    let onDisk = '';
    try {
      onDisk = readFileSync(EXAMPLE_PLANS_PATH, 'utf8');
    } catch {
      onDisk = '';
    }
    if (onDisk === text) return 0;
    process.stderr.write(`${EXAMPLE_PLANS_DOC} is out of date: run npx tsx scripts/example-plans.ts\n`);
    return 1;
  }
  writeFileSync(EXAMPLE_PLANS_PATH, text);
  process.stdout.write(`wrote ${EXAMPLE_PLANS_DOC}\n`);
  return 0;
}

// Run only as a command, not when the test imports the renderer.
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
