/** The chat's wording for the plan's live calendar, beside a share link (issue 20). */
import { describe, expect, it } from 'vitest';
import { calendarFeedUrl, calendarSubscriptionText, webcalUrl } from '../../src/conversation/calendar-link.js';

const PAGE = 'https://coach.example.org/p/AbC-123_x';

describe('the calendar link', () => {
  it('is the share page’s address with .ics, offered as webcal:// and as the plain address for Google Calendar', () => {
    expect(calendarFeedUrl(PAGE)).toBe('https://coach.example.org/p/AbC-123_x.ics');
    expect(webcalUrl('https://coach.example.org/p/t.ics')).toBe('webcal://coach.example.org/p/t.ics');
    expect(webcalUrl('http://127.0.0.1:8080/p/t.ics')).toBe('webcal://127.0.0.1:8080/p/t.ics');
    expect(calendarSubscriptionText(PAGE)).toBe(
      'Add it to your calendar: webcal://coach.example.org/p/AbC-123_x.ics subscribes your calendar app, which then keeps itself up to date ' +
        '(weeks not made yet show as tentative). In Google Calendar: Other calendars → From URL → https://coach.example.org/p/AbC-123_x.ics',
    );
  });
});
