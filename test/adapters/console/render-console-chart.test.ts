/** The console's text chart of the whole plan: made weeks solid, projected weeks lighter, race apart. */
import { describe, expect, it } from 'vitest';
import { renderConsoleView } from '../../../src/adapters/console/render-console.js';
import { previewView, statusView } from '../../../src/conversation/plan-views.js';
import { planFixture } from '../../contract/sample-views.js';

function chartLines(text: string): string[] {
  return text
    .slice(text.indexOf('Weekly mileage'))
    .split('\n')
    .filter((l) => /^ {2}W\d+ /.test(l));
}

describe('the console chart', () => {
  it('shows every week of the plan in status: made weeks █, projected weeks ▒ with ~, this week ◀', () => {
    const { text } = renderConsoleView(statusView(planFixture({ status: 'active' }), 2));
    expect(text).toContain('Weekly mileage (~ projected if all goes to plan)');
    const lines = chartLines(text);
    expect(lines).toHaveLength(20);
    expect(lines.slice(0, 2).every((l) => l.includes('█') && !l.includes('▒'))).toBe(true);
    expect(lines.slice(2).every((l) => l.includes('▒') && !l.includes('█') && / ~[\d.]+ mi/.test(l))).toBe(true);
    expect(lines[0]).toMatch(/ [\d.]+ mi · ran 24 mi$/);
    expect(lines.filter((l) => l.endsWith('◀')).map((l) => l.trim().split(' ')[0])).toEqual(['W2']);
    const raceWeek = lines.at(-1) ?? '';
    expect(raceWeek).toMatch(/~[\d.]+ mi \+ race$/);
    const filled = (l: string): number => (l.match(/[█▒]/g) ?? []).length;
    expect(filled(raceWeek)).toBeLessThan(Math.max(...lines.map(filled)));
  });

  it('shows the whole plan in the preview, Week 1 made and marked', () => {
    const lines = chartLines(renderConsoleView(previewView(planFixture())).text);
    expect(lines).toHaveLength(20);
    expect(lines[0]).toMatch(/█.* [\d.]+ mi {2}◀$/);
    expect(lines.slice(1).every((l) => l.includes('▒'))).toBe(true);
  });
});
