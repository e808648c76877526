/**
 * Stored clubs and the coach's digest to response bodies: the same data in JSON's terms (dates as
 * ISO strings, the store's bookkeeping left out). No decisions are made here.
 */
import type { z } from '@hono/zod-openapi';
import type { MemberDigest } from '../../plans/club-digest.js';
import type { ClubRecord } from '../../plans/club-record.js';
import type { clubListSchema, clubSchema, clubStatusSchema } from './club-schemas.js';

type ClubSummaryJson = z.infer<typeof clubListSchema>['clubs'][number];

function clubSummaryJson(club: ClubRecord): ClubSummaryJson {
  return {
    clubId: club.id,
    name: club.name,
    status: club.status,
    platform: club.platform,
    channelId: club.channelId,
    race: club.race,
    season: club.season,
    memberCount: club.members.length,
    createdAt: club.createdAt.toISOString(),
  };
}

export function clubListJson(clubs: readonly ClubRecord[]): z.infer<typeof clubListSchema> {
  return { clubs: clubs.map(clubSummaryJson) };
}

export function clubJson(club: ClubRecord): z.infer<typeof clubSchema> {
  return {
    ...clubSummaryJson(club),
    groupDays: club.groupDays,
    weeklyPost: club.delivery,
    createdBy: club.createdBy,
    admins: club.admins,
    members: club.members.map((m) => ({
      identity: m.identity,
      planId: m.planId,
      joinedAt: m.joinedAt.toISOString(),
      weekDelivery: m.weekDelivery,
    })),
    updatedAt: club.updatedAt.toISOString(),
    closedAt: club.closedAt?.toISOString() ?? null,
  };
}

export function clubStatusJson(club: ClubRecord, today: string, digests: readonly MemberDigest[]): z.infer<typeof clubStatusSchema> {
  return {
    clubId: club.id,
    name: club.name,
    status: club.status,
    today,
    memberCount: club.members.length,
    members: digests.map((d) => ({
      identity: d.identity,
      lastLoggedWeek: d.lastLoggedWeek,
      weekNumber: d.weekNumber,
      thisWeek: d.thisWeek,
      fourWeeks: d.fourWeeks,
      paused: d.paused,
      flags: [...d.flags],
    })),
  };
}
