/**
 * Time zones suggested as someone types one (a command menu's autocomplete): the IANA zones that
 * match what was typed, best first, and — when nothing is typed yet — a guess from the user's
 * language setting. The zone list is the runtime's (`timeZoneNames`), so every suggestion is a
 * zone the settings form accepts.
 */
import { isTimeZone, timeZoneNames } from '../domain/time-zones.js';

/** What a platform tells about the person typing, to guess from. */
export type SuggestionHints = {
  /** The user's language setting (`en-GB`, `de`), when the platform sends one. */
  readonly locale: string | null;
};

/**
 * Likely zones per language setting, most likely first. Only a guess: a locale is a language and
 * maybe a country, not a place — an English-speaking runner in Berlin has `en-GB` or `en-US`, and
 * one language spans many zones (`en-US` is four zones on the mainland alone) — so it orders the
 * first suggestions and is never saved without the user picking it. Keys are Discord's locales;
 * a locale not listed falls back to its language (`pt-PT` → `pt`).
 */
const ZONES_BY_LOCALE: Readonly<Record<string, readonly string[]>> = {
  'en-US': ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'],
  'en-GB': ['Europe/London', 'Europe/Dublin'],
  en: ['Europe/London', 'America/New_York', 'Australia/Sydney'],
  de: ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich'],
  fr: ['Europe/Paris', 'Europe/Brussels', 'Europe/Zurich', 'America/Toronto'],
  'es-ES': ['Europe/Madrid', 'Atlantic/Canary'],
  'es-419': ['America/Mexico_City', 'America/Bogota', 'America/Argentina/Buenos_Aires', 'America/Lima', 'America/Santiago'],
  es: ['Europe/Madrid', 'America/Mexico_City'],
  'pt-BR': ['America/Sao_Paulo', 'America/Manaus', 'America/Recife'],
  pt: ['Europe/Lisbon', 'America/Sao_Paulo'],
  it: ['Europe/Rome'],
  nl: ['Europe/Amsterdam', 'Europe/Brussels'],
  da: ['Europe/Copenhagen'],
  no: ['Europe/Oslo'],
  'sv-SE': ['Europe/Stockholm'],
  fi: ['Europe/Helsinki'],
  pl: ['Europe/Warsaw'],
  cs: ['Europe/Prague'],
  hu: ['Europe/Budapest'],
  ro: ['Europe/Bucharest'],
  bg: ['Europe/Sofia'],
  el: ['Europe/Athens'],
  hr: ['Europe/Zagreb'],
  lt: ['Europe/Vilnius'],
  tr: ['Europe/Istanbul'],
  ru: ['Europe/Moscow', 'Asia/Yekaterinburg', 'Asia/Novosibirsk', 'Asia/Vladivostok'],
  uk: ['Europe/Kyiv', 'Europe/Kiev'],
  hi: ['Asia/Kolkata', 'Asia/Calcutta'],
  th: ['Asia/Bangkok'],
  vi: ['Asia/Ho_Chi_Minh', 'Asia/Saigon'],
  id: ['Asia/Jakarta', 'Asia/Makassar'],
  'zh-CN': ['Asia/Shanghai'],
  'zh-TW': ['Asia/Taipei'],
  ja: ['Asia/Tokyo'],
  ko: ['Asia/Seoul'],
};

function guessed(locale: string | null): string[] {
  if (locale === null) return [];
  const language = locale.split('-')[0] ?? locale;
  // Two spellings of one zone (old and new names) are listed for runtimes that know only one.
  return [...(ZONES_BY_LOCALE[locale] ?? ZONES_BY_LOCALE[language] ?? [])].filter(isTimeZone);
}

function normalized(text: string): string {
  return text.toLowerCase().replace(/[\s_]+/g, '_');
}

/** How well `zone` matches `typed`: 0 its city starts so, 1 the name does, 2 it contains it; undefined for no match. */
function rank(zone: string, typed: string): number | undefined {
  const name = normalized(zone);
  const city = name.slice(name.lastIndexOf('/') + 1);
  if (city.startsWith(typed)) return 0;
  if (name.startsWith(typed)) return 1;
  return name.includes(typed) ? 2 : undefined;
}

/** Up to `limit` zones for what was typed; with nothing typed, the locale's guess first, then UTC. */
export function suggestTimeZones(typed: string, hints: SuggestionHints, limit = 25): string[] {
  const query = normalized(typed.trim());
  const guess = guessed(hints.locale);
  if (query === '') return [...new Set([...guess, 'UTC'])].slice(0, limit);
  const matches = timeZoneNames()
    .map((zone) => ({ zone, rank: rank(zone, query) }))
    .filter((m): m is { zone: string; rank: number } => m.rank !== undefined)
    // Best match first; among equals, the locale's guesses first, then alphabetical (the list's order).
    .sort((a, b) => a.rank - b.rank || Number(guess.includes(b.zone)) - Number(guess.includes(a.zone)));
  return matches.slice(0, limit).map((m) => m.zone);
}
