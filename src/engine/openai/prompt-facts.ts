/**
 * The lines of a prompt that carry numbers: the race and the calendar, the athlete's zone paces
 * (C-paces) and goal realism, the long-run requirements of the plan (C3), and for the week being
 * made its days with their fixed roles and the limits the validator will check (week-facts.ts).
 * Limits are written rounded towards the safe side (caps down, minimums up) so that a model that
 * aims at a written edge still passes.
 */
import { DAY_SHORT_NAMES, dayNumberOf } from '../../domain/calendar.js';
import { dayMilesRange, LONG_RUN, MEDIUM_LONG } from '../../domain/coaching-limits.js';
import { goalRealism, GOAL_CHOOSE_SHARE, GOAL_WARN_SHARE } from '../../domain/paces.js';
import { PRE_RACE_LONG } from '../../domain/rules/long-run-rules.js';
import { VARIETY } from '../../domain/rules/variety-rules.js';
import { VOLUME } from '../../domain/rules/volume-rules.js';
import type { Phase } from '../../domain/schemas.js';
import { formatDuration, formatPace } from '../../domain/time.js';
import type { DayRole, PlanFacts, WeekBrief } from './week-facts.js';

export { planFacts, type PlanFacts } from './week-facts.js';

/** Miles as the prompt writes them: one decimal at most. */
export function mi(miles: number): string {
  return String(Number(miles.toFixed(1)));
}

/** A cap written so that reaching it stays under it. */
function capMi(miles: number): string {
  return mi(Math.floor(miles * 10 + 1e-6) / 10);
}

/** A minimum written so that reaching it stays over it. */
function minMi(miles: number): string {
  return mi(Math.ceil(miles * 10 - 1e-6) / 10);
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function dayLabel(dayNumber: number): string {
  return DAY_SHORT_NAMES[dayNumber - 1] ?? `day ${dayNumber}`;
}

function realismLine(f: PlanFacts): string {
  const p = f.paces;
  const predicted = `predicted ${formatDuration(p.predictedTime)} (${formatPace(p.predicted)}/mi)`;
  switch (goalRealism(p)) {
    case 'realistic':
      return `Goal realism: realistic (within ${pct(GOAL_WARN_SHARE)} of the ${predicted}).`;
    case 'warn':
      return `Goal realism: ambitious, more than ${pct(GOAL_WARN_SHARE)} faster than the ${predicted}; race-pace work uses the target pace below, not the goal pace.`;
    case 'choose':
      return `Goal realism: very ambitious, more than ${pct(GOAL_CHOOSE_SHARE)} faster than the ${predicted}; race-pace work uses the target pace below, not the goal pace.`;
  }
}

function longRunLine(f: PlanFacts): string {
  const parts = [`time cap ${LONG_RUN.hoursCap[f.distance]} h at easy pace = ${capMi(f.timeCapMiles)} mi`];
  switch (f.distance) {
    case 'marathon':
      parts.push(
        `the plan's longest run at least ${f.totalWeeks >= 16 ? 16 : 14} mi, 18 if the peak week reaches 40 mi, 20 if it reaches 50`,
        `at most ${LONG_RUN.maxTwentyMilers} runs of ${LONG_RUN.twentyMiler}+ mi`,
      );
      break;
    case 'half':
      parts.push("the plan's longest run at least 10 mi if the peak week reaches 25 mi");
      break;
    case '10k':
      parts.push("the plan's longest run at least 7 mi if the peak week reaches 20 mi");
      break;
    case '5k':
      break;
  }
  const near = PRE_RACE_LONG[f.distance];
  if (near) {
    const bands = near.bands.map((b) => `days ${b.from}-${b.to} before it no run over ${pct(b.share)} of it`).join(', ');
    parts.push(`the longest run at least ${near.longestDays} days before the race; ${bands}`);
  }
  const peak =
    f.peakLong > 0 ? `; suggested peak week about ${Math.round(f.suggestedPeak)} mi with a ${mi(f.peakLong)} mi longest run` : '';
  return `Long runs (C3): ${parts.join('; ')}${peak}.`;
}

/** The race, the calendar, the paces and the athlete: the same for every week of a plan. */
export function planLines(f: PlanFacts): string[] {
  const { inputs, paces: p } = f;
  const raceDay = dayNumberOf(inputs.raceDate);
  const taper = f.taper.min === f.taper.max ? `${f.taper.min}` : `${f.taper.min}-${f.taper.max}`;
  const longDay = inputs.longRunDay === undefined ? '' : `; long-run day ${dayLabel(inputs.longRunDay)}`;
  const qualityDays = inputs.qualityDays ?? [];
  const quality =
    qualityDays.length === 0
      ? ''
      : `; quality-session days ${qualityDays.map(dayLabel).join(', ')} (a week's quality sessions go there, the first listed when it has one, unless C1, T1 or the race closes the day)`;
  return [
    `Race: ${inputs.distance} (${inputs.distanceMiles} mi) on ${inputs.raceDate}, ${dayLabel(raceDay)}, week ${f.raceWeek} day ${raceDay}.`,
    `Plan: ${f.totalWeeks} weeks, Monday to Sunday; week 1 starts ${inputs.startDate} (${dayLabel(dayNumberOf(inputs.startDate))}). Taper: ${taper} weeks, race week included.`,
    `Goal ${formatDuration(inputs.goalTimeSeconds)} (${formatPace(p.goal)}/mi). Current 5K ${formatDuration(inputs.fiveKSeconds)}, VDOT ${p.vdot}. ${realismLine(f)}`,
    `Zone paces per mile: easy ${formatPace(p.easyFast)}-${formatPace(p.easySlow)} (or null); M ${formatPace(p.marathon)}; T ${formatPace(p.threshold)}; I ${formatPace(p.interval)}; R ${formatPace(p.repetition)}; target race pace ${formatPace(p.target)}.`,
    `At these paces: I reps ${minMi(f.intervalRep.min)}-${capMi(f.intervalRep.max)} mi (2-5 min); one stride ${f.strideMiles} mi at R (15-20 s).`,
    `Athlete: runs ${inputs.weeklyMileage} mi/week now, recent long run ${mi(f.recentLong)} mi; preferred days ${inputs.preferredDays.map(dayLabel).join(', ')}${longDay}${quality}.`,
    longRunLine(f),
  ];
}

function roleOf(f: PlanFacts, day: DayRole): string {
  switch (day.fixed) {
    case 'race':
      return `RACE: type race, session race, one workout lap of ${f.inputs.distanceMiles} mi at ${formatPace(f.paces.target)}, warmup and cooldown`;
    case 'rest-before-race':
      return 'rest (the day before the race)';
    case 'shakeout':
      return 'shakeout, 2-4 mi (two days before the race)';
    case 'after-race':
      return 'rest (after the race)';
    case undefined: {
      const parts = [day.preferred ? 'run day' : 'not preferred: rest or recovery'];
      if (day.longRunDay) parts.push("the athlete's long-run day");
      if (day.qualityDay) parts.push("the athlete's quality-session day");
      if (day.toRace <= 21) parts.push(`race in ${day.toRace} d`);
      if (day.noQuality) parts.push('no quality');
      if (day.runCap !== undefined) parts.push(`no run over ${capMi(day.runCap)} mi`);
      return parts.join(', ');
    }
  }
}

/** The week's days, each with its date and what the rules leave open for it. */
export function weekDayLines(f: PlanFacts, brief: WeekBrief): string[] {
  return brief.days.map((d) => `- day ${d.dayNumber} ${dayLabel(d.dayNumber)} ${d.date}: ${roleOf(f, d)}`);
}

/** The limits of the week: miles, longest run, day miles, quality, intensity, variety. */
export function weekLimitLines(f: PlanFacts, brief: WeekBrief): string[] {
  const n = brief.weekNumber;
  const raceNote = brief.isRaceWeek ? ', the race day apart' : '';
  const bounds: string[] = [];
  if (Number.isFinite(brief.upper)) bounds.push(`at most ${capMi(brief.upper)}`);
  if (brief.lower > 0) bounds.push(`at least ${minMi(brief.lower)}`);
  const lines = [`Week ${n} training miles${raceNote}: ${bounds.length > 0 ? `${bounds.join(' and ')}; ` : ''}aim about ${mi(brief.aim)}.`];
  const prev = brief.previous;
  if (brief.cutbackRequired && prev !== undefined) {
    lines.push(
      `This week must be a cutback (R8): at most ${pct(VOLUME.cutbackShare)} of week ${n - 1}'s ${mi(prev.training)} mi and no run over ${pct(VOLUME.cutbackLongShare)} of its longest (${mi(prev.longest)} mi).`,
    );
  }
  const r = dayMilesRange('easy', brief.aim);
  const tq = dayMilesRange('tempo', brief.aim);
  lines.push(
    brief.isRaceWeek
      ? 'Race week (R5): no long, tempo or intervals day; the runs stay short (see the days).'
      : `Longest run this week at most ${capMi(brief.longCap)} mi (C3); the long run at most ${pct(brief.longShare)} of the week's miles (R10).`,
    `Day miles (R4): easy ${r.min}-${mi(r.max)}, recovery 2-5, moderate (medium-long) at most ${pct(MEDIUM_LONG.longShare)} of the week's long run and ${MEDIUM_LONG.maxMiles}, tempo and intervals ${tq.min}-${tq.max}.`,
  );
  if (brief.maxQuality === 0) {
    lines.push('Quality (C1): none this week; no tempo or intervals day.');
  } else {
    const after = brief.previousDayKey ? ` Last week ended with a key day: Monday is not a key day.` : '';
    lines.push(
      `Quality (C1): at most ${brief.maxQuality} session${brief.maxQuality === 1 ? '' : 's'}, of ${brief.qualityKinds.join(', ')}; never two key days (quality or long) on consecutive days.${after}`,
    );
  }
  const i = brief.intensity;
  lines.push(
    `Intensity (C2) at about ${mi(brief.aim)} mi: T at most ${capMi(i.threshold)}, I at most ${capMi(i.interval)}, R at most ${capMi(i.repetition)}, target/M at most ${capMi(i.racePace)} mi; easy at least ${minMi(i.easyMin)} mi.`,
  );
  if (brief.stridesRequired) lines.push('Base week (C4): one easy day is a strides session.');
  if (brief.taperQualityMax !== undefined) {
    lines.push(`Taper (C4): keep one quality session with at most ${capMi(brief.taperQualityMax)} mi of fast laps.`);
  }
  const [a, b] = brief.lastTemplates;
  if (brief.maxQuality > 0 && a !== undefined && a === b)
    lines.push(`Variety (C4): the last two quality sessions were both ${a}; the next one differs.`);
  if (f.totalWeeks >= VARIETY.minPlanWeeks && brief.kindsUsed.length > 0) {
    lines.push(`Kinds of work so far: ${brief.kindsUsed.join(', ')} (at least ${VARIETY.minKinds} by race day).`);
  }
  return lines;
}

/** `base 5 (weeks 1-5), build 7 (6-12), …` */
export function phaseSummary(phases: readonly Phase[]): string {
  let start = 1;
  return phases
    .map((p) => {
      const end = start + p.weekCount - 1;
      const text = `${p.name} ${p.weekCount} (week${p.weekCount === 1 ? ` ${start}` : `s ${start}-${end}`})`;
      start = end + 1;
      return text;
    })
    .join(', ');
}
