/**
 * How the plan's live calendar is offered in chat, next to its share link. The feed lives beside
 * the page (`/p/<token>` → `/p/<token>.ics`); a `webcal://` link makes Apple Calendar, Outlook
 * and most phones subscribe in one tap, and Google Calendar takes the plain address under "From
 * URL". Subscribed calendars fetch the feed again by themselves, so moves, pauses and new weeks
 * reach them without another export.
 */

/** The live calendar of a share page: the same address with `.ics`. */
export function calendarFeedUrl(pageUrl: string): string {
  return `${pageUrl}.ics`;
}

/** The address as a subscription link: `https://host/p/t.ics` → `webcal://host/p/t.ics`. */
export function webcalUrl(feedUrl: string): string {
  return feedUrl.replace(/^https?:\/\//i, 'webcal://');
}

/** The sentence under a share link that offers the calendar (one line, for every platform). */
export function calendarSubscriptionText(pageUrl: string): string {
  const feed = calendarFeedUrl(pageUrl);
  return (
    `Add it to your calendar: ${webcalUrl(feed)} subscribes your calendar app, which then keeps itself up to date ` +
    `(weeks not made yet show as tentative). In Google Calendar: Other calendars → From URL → ${feed}`
  );
}
