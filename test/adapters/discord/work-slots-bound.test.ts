/** The work slots' waiting line is bounded: past it, work is refused at once and never runs. */
import { describe, expect, it } from 'vitest';

import { WorkSlotsFullError, createWorkSlots } from '../../../src/adapters/discord/work-slots.js';

describe('work slots: the waiting line', () => {
  it('refuses work past the line at once, leaves the fast lane alone, and takes work again once it drains', async () => {
    const slots = createWorkSlots(1, 1000, 2);
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const started: string[] = [];
    const task = (name: string) => async () => {
      started.push(name);
      await gate;
      return name;
    };
    const held = [slots.run(task('running')), slots.run(task('waiting 1')), slots.run(task('waiting 2'))];
    await expect(slots.run(task('overflow'))).rejects.toBeInstanceOf(WorkSlotsFullError);
    await expect(slots.run(async () => 'fast', 'fast')).resolves.toBe('fast');
    release();
    expect(await Promise.all(held)).toEqual(['running', 'waiting 1', 'waiting 2']);
    expect(started).not.toContain('overflow');
    await expect(slots.run(async () => 'after')).resolves.toBe('after');
  });
});
