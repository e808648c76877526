/**
 * The plan web page as one HTML document: no script, one inline style sheet, the chart's SVG
 * inline. Laid out for a phone first (nothing wider than the screen at 375 px: tables wrap, the
 * chart scales), accessible (landmarks, one h1 then h2/h3 in order, table headers, visible focus,
 * AA contrast, today marked in words as well as colour) and clean on paper (`@media print`). Every
 * value goes through `escaped`, which escapes it.
 */
import { createHash } from 'node:crypto';
import type { PlanPage, PlanPageDay, PlanPageWeek } from '../../conversation/plan-page-view.js';
import type { ViewField } from '../../conversation/views.js';
import { escaped, trustedMarkup, type SafeHtml } from './html.js';

/** The chart as the page shows it: SVG markup that escaped its own text, and its words. */
export type PageChart = { readonly svg: string; readonly alt: string };

/** The shared pages' one style sheet (the plan's and the club's), allowed by its hash alone. */
export const PAGE_STYLE = `
:root{color-scheme:light;--ink:#1f2933;--muted:#4a5560;--line:#d3d8de;--today:#fff1b8;--accent:#1d4ed8;--race:#a4161a}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:#fff;overflow-wrap:anywhere}
.wrap{max-width:60rem;margin:0 auto;padding:1rem}
.skip{position:absolute;left:-999rem}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
header p{margin:.25rem 0}
.brand{color:var(--muted);font-size:.9rem}
h1{font-size:1.6rem;line-height:1.2;margin:.25rem 0}
h2{font-size:1.25rem;margin:1.75rem 0 .5rem;border-bottom:2px solid var(--line);padding-bottom:.25rem}
h3{font-size:1.05rem;margin:0}
dl.fields{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.5rem 1rem;margin:0}
dl.fields div{min-width:0}
dt{color:var(--muted);font-size:.85rem}
dd{margin:0;font-weight:600}
figure{margin:0}
.chart svg{display:block;width:100%;height:auto;max-width:100%}
figcaption{color:var(--muted);font-size:.9rem;margin-top:.5rem}
.week{border:1px solid var(--line);border-radius:.5rem;padding:.75rem;margin:0 0 1rem}
.week.current{border:3px solid var(--ink)}
.week-head{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.25rem 1rem;align-items:baseline;margin-bottom:.5rem}
.week-head .dates,.week .note{color:var(--muted);font-size:.9rem;margin:0}
.total{font-weight:600}
.badge{display:inline-block;font-size:.75rem;font-weight:700;padding:0 .4rem;border-radius:.25rem;background:var(--ink);color:#fff;margin-left:.25rem}
table{width:100%;border-collapse:collapse;table-layout:fixed}
th,td{text-align:left;vertical-align:top;padding:.4rem .35rem;border-top:1px solid var(--line)}
thead th{font-size:.8rem;color:var(--muted);border-top:0}
col.day{width:24%}col.session{width:26%}col.distance{width:14%}
.days tr.today{background:var(--today)}
.days tr.race th,.days tr.race td{color:var(--race);font-weight:700}
.notes{display:block;color:var(--muted);font-size:.85rem;margin-top:.15rem;font-weight:400}
.mark{display:block;font-size:.8rem;font-weight:600}
.members{table-layout:auto}
.members td.flags{color:var(--race);font-weight:600}
.sr-only{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
footer{color:var(--muted);font-size:.85rem;border-top:1px solid var(--line);margin-top:2rem;padding-top:.75rem}
/* A phone: each day is a small card (day, session and distance on one line, the workout under
   them at full width); the header row stays for screen readers, and the explicit ARIA table roles
   keep the table a table for them although its CSS display is not one. */
@media (max-width:34rem){
 .wrap{padding:.75rem}
 .week{padding:.5rem}
 .days,.days tbody{display:block;width:100%}
 .days colgroup{display:none}
 .days thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
 .days tr{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr) auto;gap:0 .5rem;border-top:1px solid var(--line);padding:.4rem .25rem}
 .days th,.days td{border:0;padding:0}
 .days td.workout{grid-column:1/-1;margin-top:.15rem}
 .members,.members tbody{display:block;width:100%}
 .members thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
 .members tr{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:0 .5rem;border-top:1px solid var(--line);padding:.4rem .25rem}
 .members th,.members td{border:0;padding:0}
 .members th{grid-column:1/-1}
}
@media print{
 .skip{display:none}
 body{font-size:10.5pt}
 .wrap{max-width:none;padding:0}
 .week{break-inside:avoid;border-color:#999}
 .week.current{border-width:2px}
 .days tr.today{background:none;font-weight:700}
 h2{break-after:avoid}
 a{color:inherit;text-decoration:none}
}
`;

/** The style sheet's hash, for a Content-Security-Policy that allows it and nothing else. */
export const PAGE_STYLE_HASH = `sha256-${createHash('sha256').update(PAGE_STYLE, 'utf8').digest('base64')}`;

function fields(list: readonly ViewField[]): SafeHtml {
  return escaped`<dl class="fields">${list.map((f) => escaped`<div><dt>${f.label}</dt><dd>${f.value}</dd></div>`)}</dl>`;
}

function dayRow(day: PlanPageDay): SafeHtml {
  const classes = [day.isToday ? 'today' : '', day.isRace ? 'race' : ''].filter((c) => c !== '').join(' ');
  const mark = day.mark === 'done' ? '✓ Done' : day.mark === 'skipped' ? 'Skipped' : undefined;
  return escaped`<tr role="row"${classes === '' ? '' : escaped` class="${classes}"`}${day.isToday ? escaped` aria-current="date"` : ''}>
<th scope="row" role="rowheader">${day.dayLabel}${day.isToday ? escaped` <span class="badge">Today</span>` : ''}${mark === undefined ? '' : escaped`<span class="mark">${mark}</span>`}</th>
<td role="cell">${day.typeLabel}</td><td role="cell">${day.distance}</td>
<td role="cell" class="workout">${day.workout}${day.notes.trim() === '' ? '' : escaped`<span class="notes">${day.notes}</span>`}</td></tr>`;
}

function weekSection(week: PlanPageWeek): SafeHtml {
  const id = `week-${week.weekNumber}`;
  const days =
    week.days.length === 0
      ? ''
      : escaped`<table class="days" role="table"><caption class="sr-only">Days of week ${week.weekNumber}</caption>
<colgroup><col class="day"><col class="session"><col class="distance"><col></colgroup>
<thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">Day</th><th scope="col" role="columnheader">Session</th><th scope="col" role="columnheader">Distance</th><th scope="col" role="columnheader">Workout</th></tr></thead>
<tbody role="rowgroup">${week.days.map(dayRow)}</tbody></table>`;
  return escaped`<article class="week${week.isCurrent ? ' current' : ''}" id="${id}" aria-labelledby="${id}-h">
<div class="week-head"><h3 id="${id}-h">${week.title}${week.isCurrent ? escaped` <span class="badge">This week</span>` : ''}</h3>
<p class="dates">${week.dates}${week.total === undefined ? '' : escaped` · <span class="total">${week.total}</span>`}</p></div>
${week.note === undefined ? '' : escaped`<p class="note">${week.note}</p>`}${days}${week.log.length === 0 ? '' : fields(week.log)}
</article>`;
}

/**
 * The chart and its words: the caption is printed under it for everyone, so the image itself is
 * hidden from screen readers, which would otherwise read the same description twice.
 */
function chartSection(chart: PageChart | undefined): SafeHtml | '' {
  if (chart === undefined) return '';
  return escaped`<section aria-labelledby="chart-h"><h2 id="chart-h">Weekly volume</h2>
<figure class="chart"><div aria-hidden="true">${trustedMarkup(chart.svg)}</div><figcaption>${chart.alt}</figcaption></figure></section>`;
}

/**
 * The plan's files beside its page, by links relative to it (`/p/<token>` → `/p/<token>.ics`,
 * `/p/<token>/fit`): the page's own token is the only credential they carry.
 */
function filesSection(token: string | undefined) {
  if (token === undefined) return '';
  return escaped`<section aria-labelledby="files-h"><h2 id="files-h">Take it with you</h2><ul>
<li><a href="${token}.ics">Calendar (.ics)</a>: add this address to your calendar app as a subscription and it keeps itself up to date; weeks not made yet show as tentative.</li>
<li><a href="${token}/fit">This week's workouts for your watch (.fit, zipped)</a>: import them in Garmin Connect, or copy them to the watch's GARMIN/NewFiles folder.</li>
</ul></section>`;
}

export function renderPlanPage(page: PlanPage, chart: PageChart | undefined, token?: string): string {
  const doc = escaped`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${page.title} · training plan · GoFast Coach</title>
<style>${trustedMarkup(PAGE_STYLE)}</style></head>
<body><a class="skip" href="#weeks">Skip to the weeks</a>
<div class="wrap">
<header><p class="brand">GoFast Coach · training plan</p><h1>${page.title}</h1><p>${page.race}</p>
<p>Today is <strong>${page.today}</strong>.</p></header>
<main>
<section aria-labelledby="overview-h"><h2 id="overview-h">Overview</h2>${fields(page.summary)}</section>
${page.paces.length === 0 ? '' : escaped`<section aria-labelledby="paces-h"><h2 id="paces-h">Paces</h2>${fields(page.paces)}</section>`}
${chartSection(chart)}
${filesSection(token)}
<section id="weeks" aria-labelledby="weeks-h" tabindex="-1"><h2 id="weeks-h">Weeks</h2>
${page.weeks.map(weekSection)}</section>
</main>
<footer><p>A read-only page the athlete shared from GoFast Coach. It stops working when they turn sharing off.</p></footer>
</div></body></html>
`;
  return doc.markup;
}

/** The one answer for a link that does not work, whatever the reason: nothing tells them apart. */
export const NOT_FOUND_PAGE = escaped`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Link not found · GoFast Coach</title>
<style>${trustedMarkup(PAGE_STYLE)}</style></head>
<body><div class="wrap"><main><h1>This link does not work</h1>
<p>Nothing is shared at this address. Whoever shared it may have turned sharing off or made a new link: ask them for the current one.</p>
</main></div></body></html>
`.markup;
