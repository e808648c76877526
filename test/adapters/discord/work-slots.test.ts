/** The acknowledgements-first work scheduler: work waits for acks in flight, runs a few at a time. */
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';

import { createWorkSlots } from '../../../src/adapters/discord/work-slots.js';

describe('work slots', () => {
  it('starts work only once the acknowledgements in flight have landed', async () => {
    const slots = createWorkSlots(4);
    const order: string[] = [];
    const ack = slots.acknowledge(delay(50).then(() => order.push('ack')));
    await slots.run(async () => order.push('work'));
    await ack;
    expect(order).toEqual(['ack', 'work']);
  });

  it('does not let a stream of acknowledgements starve the work', async () => {
    const slots = createWorkSlots(1, 30);
    void slots.acknowledge(delay(500));
    const started = performance.now();
    await slots.run(async () => undefined);
    expect(performance.now() - started).toBeLessThan(300);
  });

  it('runs at most `size` pieces at once; the fast lane waits for nothing', async () => {
    const slots = createWorkSlots(2);
    let running = 0;
    let peak = 0;
    const work = () =>
      slots.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await delay(20);
        running -= 1;
      });
    const all = Promise.all([work(), work(), work(), work(), work()]);
    await delay(5);
    const fast = await slots.run(async () => running, 'fast');
    await all;
    expect(peak).toBe(2);
    expect(fast).toBe(2);
  });
});
