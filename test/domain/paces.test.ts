/** C-paces: the Daniels–Gilbert VDOT and the training paces taken from it. */
import { describe, expect, it } from 'vitest';
import { computePaces, formatPaces, goalRealism, paceAtFraction, predictedSeconds, vdotOf } from '../../src/domain/paces.js';
import { formatDuration } from '../../src/domain/time.js';

describe('VDOT (Daniels–Gilbert)', () => {
  it('matches the published tables: VDOT 50 ↔ 5K 19:57 ↔ marathon 3:10:49', () => {
    expect(vdotOf(5000, 19 * 60 + 57)).toBeCloseTo(50, 0);
    expect(formatDuration(predictedSeconds(vdotOf(5000, 19 * 60 + 57), 26.219))).toBe('3:10:49');
  });

  it('gives Daniels’ threshold, interval and repetition paces for VDOT 50 (6:51, ~6:18, 5:54 per mile)', () => {
    const p = formatPaces(computePaces({ distanceMiles: 26.219, goalTimeSeconds: 3 * 3600 + 15 * 60, fiveKSeconds: 19 * 60 + 57 }));
    expect(p.vdot).toBe(50);
    expect(p.threshold).toBe('6:51');
    expect(p.interval).toBe('6:18');
    expect(p.repetition).toBe('5:54');
    expect(p.predictedTime).toBe('3:10:49');
    expect(p.easyRange).toBe('7:53-9:05');
    // The v1 keys stay for the seed's consumers.
    expect(p.tempo).toBe(p.threshold);
    expect(p.predictedMarathon).toBe(p.marathon);
  });

  it('orders the zones from slow to fast for any athlete', () => {
    for (let fiveK = 12 * 60; fiveK <= 60 * 60; fiveK += 97) {
      const p = computePaces({ distanceMiles: 13.109, goalTimeSeconds: 2 * 3600, fiveKSeconds: fiveK });
      expect(p.easySlow).toBeGreaterThan(p.easy);
      expect(p.easy).toBeGreaterThan(p.easyFast);
      expect(p.easyFast).toBeGreaterThan(p.marathon);
      expect(p.marathon).toBeGreaterThan(p.threshold);
      expect(p.threshold).toBeGreaterThan(p.interval);
      expect(p.interval).toBeGreaterThan(p.repetition);
      expect(paceAtFraction(p.vdot, 0.88)).toBeCloseTo(p.threshold, -1);
    }
  });
});

describe('the target race pace and goal realism (C-goal)', () => {
  const fiveK = 19 * 60 + 57; // predicted marathon 3:10:49, 7:17/mi
  const marathon = (goal: number) => computePaces({ distanceMiles: 26.219, goalTimeSeconds: goal, fiveKSeconds: fiveK });

  it('trains at the goal when it is within 3% of predicted', () => {
    const p = marathon(3 * 3600 + 8 * 60);
    expect(p.target).toBe(p.goal);
    expect(goalRealism(p)).toBe('realistic');
  });

  it('trains at predicted × 0.97 and warns when the goal is 3–8% faster', () => {
    const p = marathon(3 * 3600 + 2 * 60);
    expect(goalRealism(p)).toBe('warn');
    expect(p.target).toBe(Math.round(p.predicted * 0.97));
  });

  it('asks to choose past 8%, and never trains a marathon faster than threshold pace', () => {
    const p = marathon(2 * 3600 + 30 * 60);
    expect(goalRealism(p)).toBe('choose');
    expect(p.target).toBeGreaterThanOrEqual(p.threshold);
  });

  it('keeps a slower goal as it is (the safer plan)', () => {
    const p = marathon(4 * 3600);
    expect(p.target).toBe(p.goal);
    expect(goalRealism(p)).toBe('realistic');
  });
});
