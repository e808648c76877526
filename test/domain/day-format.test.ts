/** How a day reads to a runner: one line per day, repeats as "n ×", in the athlete's units. */
import { describe, expect, it } from 'vitest';
import {
  SESSION_LABELS,
  dayDistance,
  dayLabel,
  describeDay,
  formatRepDistance,
  formatUnitPace,
  strideSeconds,
} from '../../src/domain/day-format.js';
import { SESSION_KINDS } from '../../src/domain/schemas.js';
import { day, intervalWeek, raceWeek, repeats, restDay } from '../contract/sample-days.js';

describe('describeDay: easy days read as one line', () => {
  it('folds warm-up and cool-down into the total of an easy, recovery, long or medium-long day', () => {
    expect(describeDay(day({ type: 'easy', session: 'easy', warmup: 0.5, cooldown: 0.5, workout: [[4, null]] }), 'mi')).toBe('5 mi easy');
    expect(describeDay(day({ type: 'long', session: 'long', workout: [[14, '9:13']] }), 'mi')).toBe('16 mi long run');
    expect(describeDay(day({ type: 'recovery', session: 'recovery', warmup: 0.5, cooldown: 0.5, workout: [[3, '9:43']] }), 'mi')).toBe(
      '4 mi recovery',
    );
    expect(describeDay(day({ type: 'moderate', session: 'medium-long', workout: [[10, null]] }), 'mi')).toBe('12 mi medium-long run');
    expect(describeDay(day({ type: 'shakeout', session: 'shakeout', warmup: 0.5, cooldown: 0.5, workout: [[2, null]] }), 'mi')).toBe(
      '3 mi shakeout',
    );
  });

  it('reads days stored before sessions existed by their type, the same way', () => {
    expect(describeDay(day({ type: 'easy', warmup: 0.5, cooldown: 0.5, workout: [[3.5, '9:13']] }), 'mi')).toBe('4.5 mi easy');
    // v1's long run with a goal-pace finish: the slower pace is the easy one.
    expect(
      describeDay(
        day({
          type: 'long',
          workout: [
            [10, '9:13'],
            [4, '7:03'],
          ],
        }),
        'mi',
      ),
    ).toBe('16 mi long run, last 4 mi @ 7:03/mi');
    // v1's moderate day ran at its own pace, which is what it is.
    expect(describeDay(day({ type: 'moderate', workout: [[5, '8:16']] }), 'mi')).toBe('7 mi steady @ 8:16/mi');
  });

  it('merges an easy run split into identical laps', () => {
    expect(
      describeDay(
        day({
          type: 'easy',
          session: 'easy',
          workout: [
            [1, null],
            [1, null],
            [1, null],
          ],
        }),
        'mi',
      ),
    ).toBe('5 mi easy');
  });

  it('adds strides as seconds, and a race-pace finish as its last miles', () => {
    const strides = day({
      type: 'easy',
      session: 'strides',
      warmup: 0.5,
      cooldown: 0.5,
      workout: [[3.5, null], ...repeats(6, [0.05, '6:40'], [0.1, null])],
    });
    expect(describeDay(strides, 'mi')).toBe('5 mi easy + 6 × 20 s strides');
    const finish = day({
      type: 'long',
      session: 'long-race-pace-finish',
      workout: [
        [10, null],
        [4, '8:01'],
      ],
    });
    expect(describeDay(finish, 'mi')).toBe('16 mi long run, last 4 mi @ 8:01/mi');
    const pacedBody = day({
      type: 'long',
      session: 'long-race-pace-finish',
      workout: [
        [10, '9:13'],
        [4, '8:01'],
      ],
    });
    expect(describeDay(pacedBody, 'mi')).toBe('16 mi long run, last 4 mi @ 8:01/mi');
  });
});

describe('describeDay: sessions read as their parts', () => {
  it('reads alternating identical reps and jogs as "n × rep @ pace with jog", in track metres', () => {
    const eights = day({ type: 'intervals', session: 'intervals', workout: repeats(6, [0.5, '6:55'], [0.25, null]) });
    expect(describeDay(eights, 'mi')).toBe('1 mi warm-up + 6 × 800 m @ 6:55/mi with 400 m jog + 1 mi cool-down');
    const cruise = day({ type: 'tempo', session: 'cruise-intervals', workout: repeats(4, [1, '7:40'], [0.125, null]) });
    expect(describeDay(cruise, 'mi')).toBe('1 mi warm-up + 4 × 1 mi @ 7:40/mi with 200 m jog + 1 mi cool-down');
    const odd = day({ type: 'intervals', session: 'intervals', workout: repeats(5, [0.7, '6:55'], [0.3, null]) });
    expect(describeDay(odd, 'mi')).toBe('1 mi warm-up + 5 × 0.7 mi @ 6:55/mi with 0.3 mi jog + 1 mi cool-down');
  });

  it('reads unpaced hill reps with their jogs', () => {
    const hills = day({ type: 'intervals', session: 'hills', workout: repeats(8, [0.125, null], [0.125, null]) });
    expect(describeDay(hills, 'mi')).toBe('1 mi warm-up + 8 × 200 m uphill with 200 m jog + 1 mi cool-down');
  });

  it('reads a tempo as one continuous run, even when it was written as mile laps', () => {
    expect(describeDay(day({ type: 'tempo', session: 'tempo', workout: [[3, '7:40']] }), 'mi')).toBe(
      '1 mi warm-up + 3 mi @ 7:40/mi (tempo) + 1 mi cool-down',
    );
    const split = day({
      type: 'tempo',
      workout: [
        [1, '7:40'],
        [1, '7:40'],
        [1, '7:40'],
        [1.5, null],
      ],
    });
    expect(describeDay(split, 'mi')).toBe('1 mi warm-up + 3 mi @ 7:40/mi + 2.5 mi cool-down');
  });

  it('reads race pace, a progression and the race', () => {
    expect(describeDay(day({ type: 'tempo', session: 'race-pace', workout: [[5, '8:01']] }), 'mi')).toBe(
      '1 mi warm-up + 5 mi @ 8:01/mi (race pace) + 1 mi cool-down',
    );
    const progression = day({
      type: 'tempo',
      session: 'progression',
      workout: [
        [4, null],
        [2, '7:50'],
        [1, '7:30'],
      ],
    });
    expect(describeDay(progression, 'mi')).toBe('9 mi progression run: 5 mi easy, then 2 mi @ 7:50/mi, 1 mi @ 7:30/mi');
    const race = raceWeek().days.find((d) => d.type === 'race');
    expect(race && describeDay(race, 'mi')).toBe('1 mi warm-up + 26.2 mi race @ 7:56/mi + 0.5 mi cool-down');
  });

  it('never lists identical laps: no line of a built week repeats a lap', () => {
    for (const d of intervalWeek().days) {
      const line = describeDay(d, 'mi');
      expect(line).not.toMatch(/(\d[\d.]* (mi|m) @ \d+:\d\d\/mi), \1/);
      expect(line.split(' + ').length).toBeLessThanOrEqual(3);
    }
    expect(describeDay(restDay(1), 'mi')).toBe('Rest');
  });
});

describe('describeDay in km', () => {
  it('shows distances in km and paces per km; track reps stay in metres', () => {
    expect(describeDay(day({ type: 'easy', session: 'easy', warmup: 0.5, cooldown: 0.5, workout: [[4, null]] }), 'km')).toBe('8 km easy');
    const eights = day({ type: 'intervals', session: 'intervals', workout: repeats(6, [0.5, '6:55'], [0.25, null]) });
    expect(describeDay(eights, 'km')).toBe('1.6 km warm-up + 6 × 800 m @ 4:18/km with 400 m jog + 1.6 km cool-down');
    expect(describeDay(day({ type: 'tempo', session: 'tempo', workout: [[3, '7:40']] }), 'km')).toBe(
      '1.6 km warm-up + 4.8 km @ 4:46/km (tempo) + 1.6 km cool-down',
    );
    const finish = day({
      type: 'long',
      session: 'long-race-pace-finish',
      workout: [
        [10, null],
        [4, '8:01'],
      ],
    });
    expect(describeDay(finish, 'km')).toBe('25.7 km long run, last 6.4 km @ 4:59/km');
    const kmReps = day({ type: 'intervals', session: 'intervals', workout: repeats(5, [0.621371, '6:55'], [0.25, null]) });
    expect(describeDay(kmReps, 'km')).toContain('5 × 1000 m @ 4:18/km with 400 m jog');
    expect(describeDay(kmReps, 'km')).not.toMatch(/\bmi\b/);
  });
});

describe('labels and helpers', () => {
  it('has one label per session kind, and labels rest and pre-v2 days by type', () => {
    expect(Object.keys(SESSION_LABELS).sort()).toEqual([...SESSION_KINDS].sort());
    expect(dayLabel({ type: 'tempo', session: 'tempo' })).toBe('Tempo');
    expect(dayLabel({ type: 'tempo' })).toBe('Tempo');
    expect(dayLabel({ type: 'tempo', session: 'cruise-intervals' })).toBe('Cruise intervals');
    expect(dayLabel({ type: 'intervals', session: 'hills' })).toBe('Hills');
    expect(dayLabel({ type: 'long', session: 'long-race-pace-finish' })).toBe('Long run, race-pace finish');
    expect(dayLabel({ type: 'rest' })).toBe('Rest');
    expect(dayLabel({ type: 'moderate' })).toBe('Steady run');
  });

  it('formats paces, rep distances, stride seconds and day totals', () => {
    expect(formatUnitPace(460, 'mi')).toBe('7:40/mi');
    expect(formatUnitPace(460, 'km')).toBe('4:46/km');
    expect(formatRepDistance(0.25, 'mi')).toBe('400 m');
    expect(formatRepDistance(0.75, 'mi')).toBe('1200 m');
    expect(formatRepDistance(1, 'mi')).toBe('1 mi');
    expect(formatRepDistance(1, 'km')).toBe('1600 m');
    expect(formatRepDistance(0.4, 'mi')).toBe('0.4 mi');
    expect(formatRepDistance(3, 'km')).toBe('4.8 km');
    expect(strideSeconds(0.05, 400)).toBe(20);
    expect(strideSeconds(0.04, 400)).toBe(15);
    expect(dayDistance(day({ type: 'tempo', session: 'tempo', workout: [[3, '7:40']] }), 'mi')).toBe('5 mi');
  });
});
