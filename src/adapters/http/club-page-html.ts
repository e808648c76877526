/**
 * A club's page for its admins as one HTML document, laid out as the plan page is (its style sheet,
 * no script): the club, its race or season and weeks to go, then a table a row a member — on a
 * phone each row a small card, its cells carrying their own words (`week 4: 12/20 mi`), the header
 * row kept for screen readers. Every value goes through `escaped`.
 */
import type { ClubPage, ClubPageMember } from '../../conversation/club-page-view.js';
import { escaped, trustedMarkup, type SafeHtml } from './html.js';
import { PAGE_STYLE } from './plan-page-html.js';

function memberRow(m: ClubPageMember): SafeHtml {
  return escaped`<tr role="row"><th scope="row" role="rowheader">${m.member}</th><td role="cell">${m.lastLog}</td><td role="cell">${m.thisWeek}</td><td role="cell">${m.fourWeeks}</td><td role="cell">${m.status}</td><td role="cell" class="flags">${m.flags === '' ? '' : escaped`⚑ ${m.flags}`}</td></tr>`;
}

function membersTable(page: ClubPage): SafeHtml {
  if (page.empty !== undefined) return escaped`<p>${page.empty}</p>`;
  return escaped`<table class="members" role="table"><caption class="sr-only">Members' progress; miles are done/planned</caption>
<thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">Member</th><th scope="col" role="columnheader">Last log</th><th scope="col" role="columnheader">This week</th><th scope="col" role="columnheader">Last 4 weeks</th><th scope="col" role="columnheader">Status</th><th scope="col" role="columnheader">Flags</th></tr></thead>
<tbody role="rowgroup">${page.members.map(memberRow)}</tbody></table>`;
}

export function renderClubPage(page: ClubPage): string {
  return escaped`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${page.name} · club · GoFast Coach</title>
<style>${trustedMarkup(PAGE_STYLE)}</style></head>
<body><a class="skip" href="#members">Skip to the members</a>
<div class="wrap">
<header><p class="brand">GoFast Coach · club page for its admins</p><h1>${page.name}</h1>
<p>Today is <strong>${page.today}</strong>.</p></header>
<main>
<section aria-labelledby="overview-h"><h2 id="overview-h">Overview</h2><dl class="fields">
<div><dt>${page.goalLabel}</dt><dd>${page.goal}</dd></div><div><dt>Weeks to go</dt><dd>${page.weeksToGo}</dd></div></dl></section>
<section id="members" aria-labelledby="members-h" tabindex="-1"><h2 id="members-h">Members</h2>
${membersTable(page)}
<p>${page.summary}</p>
<p class="note">Members are shown by their chat user id, not their name: this page is outside chat, and a link can travel. /plan club status in the club's channel names them.</p>
</section>
</main>
<footer><p>A read-only page a club admin made in GoFast Coach. It stops working when an admin turns it off or makes a new link, or the club closes.</p></footer>
</div></body></html>
`.markup;
}
