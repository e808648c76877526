/**
 * A chart's PNG for the chat adapters, remembered by its SVG: the same picture asked for again (the
 * App Home opened twice, a week's message edited after a Done press, the week card unchanged) costs
 * a hash instead of another ~20 ms render. Bounded, oldest out first.
 */
import { createHash } from 'node:crypto';

import { svgToPng } from './render-png.js';

/** Enough for a busy hour of App Home visits; a PNG is about 30–60 kB. */
const REMEMBERED = 64;

const pngs = new Map<string, Buffer>();

/** A short stable key for an SVG (its SHA-256): the adapters' caches of uploads use it too. */
export function svgKey(svg: string): string {
  return createHash('sha256').update(svg).digest('base64url');
}

export function chartPng(svg: string): Buffer {
  const key = svgKey(svg);
  const known = pngs.get(key);
  if (known) {
    // Most recently used last, so the oldest is the first key.
    pngs.delete(key);
    pngs.set(key, known);
    return known;
  }
  const png = svgToPng(svg);
  pngs.set(key, png);
  for (const oldest of pngs.keys()) {
    if (pngs.size <= REMEMBERED) break;
    pngs.delete(oldest);
  }
  return png;
}
