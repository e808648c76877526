/**
 * A plan's history of replaced versions, capped so a plan document cannot grow without limit
 * (every Regenerate adds ~2.7 KB; 1,500 of them made a regenerate four times slower). The last
 * `HISTORY_LIMIT` versions are kept, and every version the athlete was given — a week that was
 * posted or logged — however old, since that is what they trained on.
 */
import type { HistoryEntry } from './plan-record.js';
import type { PlanChange } from './plan-store.js';

export const HISTORY_LIMIT = 20;

/**
 * A replaced week the athlete received or logged, or an outline a re-plan replaced (the race and
 * phases they trained towards until then): kept whatever the cap.
 */
function isConfirmed(entry: HistoryEntry): boolean {
  if (entry.kind === 'outline') return true;
  return entry.kind === 'week' && entry.week !== null && (entry.week.postedAt !== null || entry.week.execution !== null);
}

/**
 * The change that records `replaced` in a history that holds `current`: a plain push while the
 * cap allows, else the whole trimmed history. Callers guard the write by the revision `current`
 * was read at, so the trim is applied in the same guarded update and never loses a concurrent
 * entry.
 */
export function historyChange(
  current: readonly HistoryEntry[],
  replaced: readonly HistoryEntry[],
): Pick<PlanChange, 'pushHistory' | 'history'> {
  const all = [...current, ...replaced];
  const unconfirmed = all.filter((entry) => !isConfirmed(entry)).length;
  if (unconfirmed <= HISTORY_LIMIT) return { pushHistory: replaced };
  let toDrop = unconfirmed - HISTORY_LIMIT;
  // Oldest first: the first unconfirmed entries go, the order of the rest is kept.
  const history = all.filter((entry) => {
    if (toDrop === 0 || isConfirmed(entry)) return true;
    toDrop -= 1;
    return false;
  });
  return { history };
}
