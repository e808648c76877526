/**
 * The data section of a prompt: everything the athlete typed (race name, log notes) goes here and
 * nowhere else, cleaned, length-limited and quoted as JSON between <data> tags. `<`, `>`, `&` and
 * backticks are written as \u escapes, so no typed text can close the section or open a code fence;
 * the system prompt tells the model that the section is information, never instructions.
 */
import { cleanText } from '../../domain/plan-inputs.js';

export const DATA_OPEN = '<data>';
export const DATA_CLOSE = '</data>';
export const MAX_RACE_NAME_CHARS = 100;
export const MAX_NOTE_CHARS = 200;

// Invisible or direction-changing characters (C1 controls, zero-width, bidi overrides, line and
// paragraph separators, BOM): cleanText removes C0 controls; these go too.
const INVISIBLE = /[\u0080-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Free text as it may appear inside the data section. */
export function cleanFreeText(text: string, maxChars: number): string {
  return cleanText(text.replace(INVISIBLE, ' '), maxChars);
}

/** The data section for `data` (already cleaned). */
export function dataSection(data: Readonly<Record<string, unknown>>): string {
  const json = JSON.stringify(data).replace(/[<>&`]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${DATA_OPEN}\n${json}\n${DATA_CLOSE}`;
}
