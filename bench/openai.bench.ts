/**
 * The OpenAI engine's own cost, against the local fake with zero latency (issue 9): per call, the
 * prompt build, the SDK round trip over loopback, the parse, the repairs and the validator — and
 * the same work in process without HTTP. Target: ≤ 5 ms median for the preview and for a week.
 *
 * Tokens and money for an 18-week marathon plan at gpt-4o-mini prices ($0.15 per 1M input tokens,
 * $0.60 per 1M output tokens), on the happy path (one call for the preview, one for each of weeks
 * 2–18):
 * - this engine: prompt and completion tokens as the fake reports them, estimated the way it
 *   documents — (characters of every message + characters of the response_format schema) / 4 in,
 *   characters of the answer / 4 out;
 * - the seed: its system message and full prompt (the preview prompt of the seed's
 *   training-plan-generator.md, with these inputs) sent for the preview and again for each of the
 *   17 weeks, answering in its own JSON shape (phases with week counts and week 1, or one week);
 *   the same characters/4 estimate.
 * Characters/4 is OpenAI's rule of thumb for English; JSON and digits tokenise differently, so both
 * sides are estimated the same way and the ratio is what the comparison rests on.
 */
import { DAY_NAMES, dayNumberOf } from '../src/domain/calendar.js';
import { computePaces } from '../src/domain/paces.js';
import { parsePlanInputs } from '../src/domain/plan-inputs.js';
import type { Phase, PlanInputs, PlannedWeek, Week } from '../src/domain/schemas.js';
import { formatDuration, formatPace } from '../src/domain/time.js';
import {
  createOpenAiEngine,
  judgeOutline,
  judgeWeek,
  modelDaysOf,
  modelOutlineSchema,
  modelWeekSchema,
  outlineMessages,
  weekMessages,
} from '../src/engine/openai/index.js';
import { outlineResponseFormat, weekResponseFormat } from '../src/engine/openai/output-schema.js';
import type { NextWeekRequest, PlanEngine } from '../src/engine/plan-engine.js';
import { buildOutline, buildWeek, createRulesEngine } from '../src/engine/rules/rules-engine.js';
import { FakeOpenAi, estimateTokens, type FakeReply } from '../test/fakes/openai/fake-openai.js';
import { outlineAnswer, weekAnswer } from '../test/fakes/openai/plan-replies.js';
import { measure, type BenchRow } from './harness.js';

const PRICE_IN_PER_TOKEN = 0.15 / 1_000_000;
const PRICE_OUT_PER_TOKEN = 0.6 / 1_000_000;
const WEEK_UNDER_TEST = 10;

// A marathon on Sunday 2027-04-04 from Monday 2026-11-30: 18 calendar weeks.
const { inputs } = parsePlanInputs(
  {
    raceName: 'Bench Marathon',
    distance: 'marathon',
    raceDate: '2027-04-04',
    startDate: '2026-11-30',
    goal: '3:30:00',
    fiveK: '22:30',
    mileage: '30',
    days: '2,3,4,6,7',
  },
  '2026-11-25',
);

/** The seed's system message, verbatim. */
const SEED_SYSTEM = 'You are a professional running coach. Generate complete training plans. Always return valid JSON only.';

type SeedInputs = {
  raceName: string;
  raceDistance: string;
  goalTime: string;
  fiveKPace: string;
  predictedRacePace: string;
  goalRacePace: string;
  currentWeeklyMileage: number;
  preferredDays: number[];
  totalWeeks: number;
};

/** The seed's user prompt (training-plan-generator.md, "User Message (Full Prompt)"), verbatim. */
function seedPrompt(inputs: SeedInputs, startDateStr: string, startDayName: string, startDayNumber: number): string {
  return `You are a professional running coach creating a training plan using the GoFast Training Model.

CRITICAL: You MUST return ONLY phases (with weekCount) and Week 1. DO NOT generate weeks 2, 3, 4, etc.

GoFast Training Model:
- Base Phase (~25% of total weeks): Foundation building, easy runs, base mileage (20-40% of plan total), low intensity, emphasize consistency
- Build Phase (~35% of total weeks): Introduce workouts, increase weekly volume gradually, tempo runs, intervals, strength building
- Peak Phase (~20% of total weeks): Hardest weeks, highest mileage, race-specific workouts, pace work, tune-up races
- Taper Phase (remaining weeks): Reduce mileage 20-40% per week, maintain intensity, race pace work

Workout Types:
- easy: Easy pace runs for base building
- tempo: Sustained effort at threshold pace
- intervals: High-intensity intervals with recovery
- long_run: Long distance runs for endurance
- rest: Recovery days

Inputs:
- Race: ${inputs.raceName} (${inputs.raceDistance})
- Goal Time: ${inputs.goalTime}
- Athlete current 5K pace: ${inputs.fiveKPace} per mile (baseline fitness)
- Predicted race pace (based on fitness): ${inputs.predictedRacePace} per mile (realistic pace today)
- Goal race pace (target for race day): ${inputs.goalRacePace} per mile (training target)
- Current Weekly Mileage: ${inputs.currentWeeklyMileage} miles/week (BASELINE - start here and build up gradually)
- Preferred Training Days: ${inputs.preferredDays} (1=Monday, 7=Sunday)
- Total Weeks: ${inputs.totalWeeks}
- Plan Start Date: ${startDateStr} (${startDayName}, dayNumber ${startDayNumber})

Pace Usage Guidelines:
- Use predictedRacePace for: Sustainable weekly mileage planning, default "easy" run pacing, base phase workouts
- Use goalRacePace for: Late-phase tempo workouts, race-specific pace work, long run pacing in peak phase
- Use 5K pace for: Interval workouts (VO2 max), speed work, high-intensity training

CRITICAL RULES:

A. PHASE ORDER (MANDATORY):
- Phases MUST be generated in this EXACT order: "base", "build", "peak", "taper"
- All four phases must be present
- Order cannot be changed or rearranged

B. START DATE RULE:
- Week 1 MUST align to the actual plan start date
- If the start date lands mid-week, fill the remaining days lightly (rest or short easy runs)
- Week numbering MUST stay global (weekNumber = 1..N)

C. GRADUAL PROGRESSION RULE (CRITICAL):
- Start at current baseline: ${inputs.currentWeeklyMileage} miles/week
- Build up gradually week by week (increase by 5-10% per week)
- Peak mileage should be appropriate for the race distance
- DO NOT jump from baseline to peak immediately

D. DAY BEFORE RACE RULE (CRITICAL):
- The day before the race MUST ALWAYS be rest (all arrays empty) OR 1-2 mile shakeout run
- NEVER assign intensity, intervals, tempo, or long runs the day before the race

E. MILEAGE RULES (CRITICAL):
- Easy days must total 3-5 miles (sum of warmup + workout + cooldown)
- Moderate days must total 4-7 miles
- Long run days must be 6-12 miles in Week 1, scaling gradually each week
- Recovery days must total 2-4 miles
- Rest days must have EMPTY warmup, workout, and cooldown arrays (all three arrays empty)
- A day with ANY workout MUST have mileage (cannot be zero miles)
- Do NOT generate zero-mile run days except pure rest days

F. PREFERRED TRAINING DAY ENFORCEMENT (CRITICAL):
- If the athlete prefers a day: It MUST be a run, unless it's a scheduled rest day by design
- If the athlete does NOT prefer a day: It should default to rest or very light recovery
- Typical pattern: Tuesday (easy/moderate), Wednesday (moderate/tempo), Thursday (intervals/tempo), Saturday (long run), Sunday (recovery), Monday + Friday (rest unless Peak phase)

G. WARMUP / WORKOUT / COOLDOWN GUARANTEES (CRITICAL):
For ANY run day (non-rest):
- warmup MUST have at least 1 lap of 0.5-1.0 miles (paceGoal null)
- workout MUST have at least 1 lap: distanceMiles >= 2.0 for easy/moderate days, interval days may have multiple short laps
- cooldown MUST have at least 1 lap of 0.5-1.0 miles (paceGoal null)
- paceGoal must be "mm:ss" format (e.g., "7:20") or null for easy/recovery
- This prevents empty arrays on run days

H. START-DATE ALIGNMENT RULES:
- Week 1 MUST align to the actual plan start date
- If the start date lands mid-week, fill the remaining days lightly
- Week numbering MUST stay global (weekNumber = 1..N)

I. RACE-WEEK & SHAKEOUT RULES:
- The day BEFORE the race MUST be a rest day (all arrays empty)
- Two days before the race MUST be a 2-4 mile shakeout run
- No hard workouts during race week

J. DAILY MILEAGE CALCULATION RULES:
- totalMiles = sum(warmup.laps.distanceMiles) + sum(workout.laps.distanceMiles) + sum(cooldown.laps.distanceMiles)
- totalMiles must match the intended type of day (easy: 3-5, moderate: 4-7, long: 6-12, recovery: 2-4)
- No negative or zero-mile run days (except pure rest days)

K. STRUCTURED LAP FORMAT:
- Each day MUST have "warmup", "workout", "cooldown" arrays
- Rest days: ALL arrays must be empty []
- Run days: warmup and cooldown must have at least 1 lap each, workout must have at least 1 lap
- Each lap MUST have: lapIndex (number, starts at 1), distanceMiles (number, must be > 0), paceGoal (string | null, format "mm:ss")

L. CRITICAL OUTPUT RULES:
- DO NOT generate calendar dates. We will compute dates ourselves.
- DO NOT generate weeks 2, 3, 4, 5, etc. ONLY generate week 1.
- DO NOT include "weeks" array inside phases. Phases should ONLY have "name" and "weekCount".
- Structure MUST be exactly: { "totalWeeks": number, "phases": [...], "week": {...} }
- Each phase MUST have ONLY "name" and "weekCount" - NO "weeks" property
- Week 1 MUST have "weekNumber": 1 and exactly 7 days

VALIDATION REQUIREMENTS:
- Week 1 MAY have fewer than 7 days if plan starts mid-week (partial first week)
- Weeks 2+ MUST have exactly 7 days
- Each day MUST include warmup/workout/cooldown arrays
- A run day cannot have empty arrays (must have at least 1 lap in warmup, workout, and cooldown)
- Rest days must have ALL arrays empty
- lapIndex MUST be sequential (1, 2, 3...) within each array - NOT all the same number!
- distanceMiles must be > 0 for any lap
- paceGoal must be "mm:ss" format (e.g., "7:20") or null
- Daily mileage must match day type (easy: 3-5, moderate: 4-7, long: 6-12, recovery: 2-4)

Expected JSON structure:
{
  "totalWeeks": ${inputs.totalWeeks},
  "phases": [
    { "name": "base", "weekCount": 5 },
    { "name": "build", "weekCount": 7 },
    { "name": "peak", "weekCount": 4 },
    { "name": "taper", "weekCount": 3 }
  ],
  "week": {
    "weekNumber": 1,
    "days": [
      { "dayNumber": 1, "warmup": [...], "workout": [...], "cooldown": [...] },
      ... (7 days total, each with proper mileage)
    ]
  }
}

Return ONLY the JSON object, nothing else.`;
}

function seedPromptFor(plan: PlanInputs, totalWeeks: number): string {
  const p = computePaces(plan);
  return seedPrompt(
    {
      raceName: plan.raceName,
      raceDistance: plan.distance,
      goalTime: formatDuration(plan.goalTimeSeconds),
      fiveKPace: formatPace(p.fiveK),
      predictedRacePace: formatPace(p.predicted),
      goalRacePace: formatPace(p.goal),
      currentWeeklyMileage: plan.weeklyMileage,
      preferredDays: plan.preferredDays,
      totalWeeks,
    },
    plan.startDate,
    DAY_NAMES[dayNumberOf(plan.startDate) - 1] ?? '',
    dayNumberOf(plan.startDate),
  );
}

/** A week in the seed's output shape (no day type; lapIndex, distanceMiles, paceGoal; notes). */
function seedWeek(week: Week): unknown {
  return {
    weekNumber: week.weekNumber,
    days: week.days.map((d) => ({
      dayNumber: d.dayNumber,
      warmup: d.warmup,
      workout: d.workout,
      cooldown: d.cooldown,
      notes: d.notes,
    })),
  };
}

type Tokens = { prompt: number; completion: number };

function dollars(t: Tokens): number {
  return t.prompt * PRICE_IN_PER_TOKEN + t.completion * PRICE_OUT_PER_TOKEN;
}

function money(value: number): string {
  return `$${value.toFixed(4)}`;
}

/** The plan the rules engine makes (what the fake answers with), weeks 1..18 without logs. */
function rulesPlan(): { phases: Phase[]; weeks: PlannedWeek[] } {
  const outline = buildOutline(inputs);
  const weeks: PlannedWeek[] = [outline.week];
  for (let n = 2; n <= outline.totalWeeks; n += 1) weeks.push(buildWeek(inputs, outline.phases, weeks, n));
  return { phases: outline.phases, weeks };
}

function seedTokens(plan: { phases: Phase[]; weeks: PlannedWeek[] }): Tokens {
  const totalWeeks = plan.weeks.length;
  const prompt = estimateTokens(SEED_SYSTEM + seedPromptFor(inputs, totalWeeks));
  const [first, ...rest] = plan.weeks;
  if (!first) throw new Error('the plan has no weeks');
  const preview = JSON.stringify({
    totalWeeks,
    phases: plan.phases.map((p) => ({ name: p.name, weekCount: p.weekCount })),
    week: seedWeek(first),
  });
  let completion = estimateTokens(preview);
  for (const week of rest) completion += estimateTokens(JSON.stringify(seedWeek(week)));
  return { prompt: prompt * totalWeeks, completion };
}

function fixedReply(reply: FakeReply): () => FakeReply {
  return () => reply;
}

export async function benchOpenAi(): Promise<BenchRow[]> {
  const plan = rulesPlan();
  if (plan.weeks.length !== 18) throw new Error(`expected an 18-week plan, got ${plan.weeks.length}`);
  const outlineReply: FakeReply = { kind: 'json', value: outlineAnswer(inputs) };
  const weekRequest: NextWeekRequest = {
    inputs,
    phases: plan.phases,
    weeks: plan.weeks.slice(0, WEEK_UNDER_TEST - 1),
    weekNumber: WEEK_UNDER_TEST,
  };
  const weekReply: FakeReply = { kind: 'json', value: weekAnswer(inputs, plan.phases, weekRequest.weeks, WEEK_UNDER_TEST) };

  const fake = await FakeOpenAi.start();
  try {
    const engine: PlanEngine = createOpenAiEngine({
      config: {
        apiKey: fake.apiKey,
        model: 'gpt-4o-mini',
        baseUrl: fake.baseUrl,
        timeoutMs: 5_000,
        maxRetries: 0,
        monthlyTokenBudget: Number.MAX_SAFE_INTEGER,
      },
      fallback: createRulesEngine(),
    });
    const expectModel = (source: string | undefined): void => {
      if (source !== 'openai:gpt-4o-mini') throw new Error(`the fake's answer was not taken (${source})`);
    };

    // Tokens per preview and per week, as the fake reports them.
    fake.otherwise(fixedReply(outlineReply));
    const previewResult = await engine.outline({ inputs });
    expectModel(previewResult.provenance?.source);
    const previewTokens: Tokens = {
      prompt: previewResult.provenance?.promptTokens ?? 0,
      completion: previewResult.provenance?.completionTokens ?? 0,
    };
    fake.otherwise(fixedReply(weekReply));
    const weekResult = await engine.nextWeek(weekRequest);
    expectModel(weekResult.provenance?.source);
    const weekTokens: Tokens = {
      prompt: weekResult.provenance?.promptTokens ?? 0,
      completion: weekResult.provenance?.completionTokens ?? 0,
    };

    // A whole plan: the preview and weeks 2–18, each answered with the rules engine's week (made
    // beforehand, so the fake's own work is only serving it).
    const planReplies: FakeReply[] = plan.weeks.map((week, i) =>
      i === 0 ? outlineReply : { kind: 'json', value: { days: modelDaysOf(week) } },
    );
    let index = 0;
    const cycle = (): FakeReply => {
      const reply = planReplies[index % planReplies.length] ?? outlineReply;
      index += 1;
      return reply;
    };
    fake.otherwise(cycle);
    const ours: Tokens = { prompt: 0, completion: 0 };
    const made = await engine.outline({ inputs, variant: 100 });
    expectModel(made.provenance?.source);
    ours.prompt += made.provenance?.promptTokens ?? 0;
    ours.completion += made.provenance?.completionTokens ?? 0;
    for (let n = 2; n <= plan.weeks.length; n += 1) {
      const week = await engine.nextWeek({ inputs, phases: plan.phases, weeks: plan.weeks.slice(0, n - 1), weekNumber: n });
      expectModel(week.provenance?.source);
      ours.prompt += week.provenance?.promptTokens ?? 0;
      ours.completion += week.provenance?.completionTokens ?? 0;
    }
    const seed = seedTokens(plan);
    // PLAN-RULES v2 made the prompt (the rules, zone paces and week limits) and the answers (strides
    // and repeats as laps) longer than the seed's: say which way the ratio goes.
    const ratio = dollars(seed) / dollars(ours);
    const versus = ratio >= 1 ? `${ratio.toFixed(2)}x cheaper` : `${(1 / ratio).toFixed(2)}x the seed's cost`;
    const planNote =
      `this engine: ${ours.prompt} in + ${ours.completion} out tokens = ${money(dollars(ours))}; ` +
      `seed (full prompt x 18): ${seed.prompt} in + ${seed.completion} out = ${money(dollars(seed))}; ` +
      `${versus}; gpt-4o-mini $0.15/1M in, $0.60/1M out; tokens = chars/4`;

    const rows: BenchRow[] = [];
    fake.otherwise(fixedReply(outlineReply));
    rows.push(
      await measure(
        'openai',
        'preview via the fake (SDK over loopback, zero latency)',
        async () => expectModel((await engine.outline({ inputs })).provenance?.source),
        {
          iterations: 300,
          targetMs: 5,
          note: `${previewTokens.prompt} prompt + ${previewTokens.completion} completion tokens, ${money(dollars(previewTokens))}`,
        },
      ),
    );
    fake.otherwise(fixedReply(weekReply));
    rows.push(
      await measure(
        'openai',
        `week ${WEEK_UNDER_TEST} via the fake`,
        async () => expectModel((await engine.nextWeek(weekRequest)).provenance?.source),
        {
          iterations: 300,
          targetMs: 5,
          note: `${weekTokens.prompt} prompt + ${weekTokens.completion} completion tokens, ${money(dollars(weekTokens))}`,
        },
      ),
    );

    // The engine's own work without HTTP: prompt, request body, parse, shape check, repairs, validator.
    const outlineContent = JSON.stringify(outlineReply.value);
    const weekContent = JSON.stringify(weekReply.value);
    rows.push(
      await measure(
        'openai',
        'preview in process (prompt build, parse, repair, validate)',
        () => {
          JSON.stringify({ messages: outlineMessages(inputs, 0), response_format: outlineResponseFormat });
          const output = modelOutlineSchema.parse(JSON.parse(outlineContent));
          if (judgeOutline(output, inputs).violations.length > 0) throw new Error('the preview should be valid');
        },
        { iterations: 1000, targetMs: 5 },
      ),
    );
    rows.push(
      await measure(
        'openai',
        `week ${WEEK_UNDER_TEST} in process (prompt build, parse, repair, validate)`,
        () => {
          JSON.stringify({ messages: weekMessages(weekRequest), response_format: weekResponseFormat });
          const output = modelWeekSchema.parse(JSON.parse(weekContent));
          if (judgeWeek(output, weekRequest).violations.length > 0) throw new Error('the week should be valid');
        },
        { iterations: 1000, targetMs: 5 },
      ),
    );

    index = 0;
    fake.otherwise(cycle);
    rows.push(
      await measure(
        'openai',
        '18-week plan via the fake (preview + 17 weeks)',
        async () => {
          await engine.outline({ inputs, variant: 200 });
          for (let n = 2; n <= plan.weeks.length; n += 1) {
            await engine.nextWeek({ inputs, phases: plan.phases, weeks: plan.weeks.slice(0, n - 1), weekNumber: n });
          }
        },
        { iterations: 20, warmup: 2, note: planNote },
      ),
    );
    return rows;
  } finally {
    await fake.close();
  }
}
