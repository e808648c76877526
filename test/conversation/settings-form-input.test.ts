import { describe, expect, it } from 'vitest';
import { settingsFormSpec } from '../../src/conversation/forms/settings-form.js';

const check = (values: Record<string, string>): Record<string, string> => settingsFormSpec.check(values);

describe('the settings form reads hours and days as people type them', () => {
  it('accepts 6pm, 18:00, 18h and 18 for the posting hour, and 7am for the reminder', () => {
    for (const postingHour of ['6pm', '6 pm', '18:00', '18h', '18']) expect(check({ postingHour }), postingHour).toEqual({});
    expect(check({ reminderHour: '7am' })).toEqual({});
    expect(check({ postingDay: 'sun' })).toEqual({});
    expect(check({ postingDay: '7' })).toEqual({});
  });

  it('keeps the 0–23 range, saying what is accepted', () => {
    expect(check({ postingHour: '24' })).toEqual({ postingHour: 'use an hour from 0 to 23, such as 18, 18:00 or 6pm' });
    expect(check({ reminderHour: '13pm' })).toEqual({ reminderHour: 'use an hour from 0 to 23, such as 7, 07:00 or 7am' });
    expect(check({ postingDay: 'funday' })).toEqual({ postingDay: 'choose a day, 1 = Monday … 7 = Sunday' });
  });
});
