/**
 * The club read endpoints' JSON (issue 19) as zod schemas: a club, the clubs a key's owner is an
 * admin of, and the coach's view of one (`clubDigest` per member). The pieces of a club are the
 * stored record's own schemas (`clubRecordSchema`), cloned and named for the OpenAPI document, so
 * the answers cannot drift from what is stored.
 */
import { z } from '@hono/zod-openapi';
import { clubRecordSchema } from '../../plans/club-record.js';
import { instantSchema, orNull } from './api-schemas.js';

const record = clubRecordSchema.shape;

/** A club id as the store issues it; like a plan id, its format is the store's business. */
const clubIdSchema = z.string().min(1).max(100).openapi({ example: '6740a1f2c3d4e5f6a7b8c9d1' });

export const clubIdParamsSchema = z.object({
  id: clubIdSchema.openapi({ param: { name: 'id', in: 'path' } }),
});

export const clubListQuerySchema = z.object({
  status: record.status.optional().openapi({
    param: { name: 'status', in: 'query' },
    description: 'Only active or only closed clubs; both when left out.',
  }),
});

// Cloned (`extend({})`) before being named: the record's schemas were made with plain zod.
const clubRaceSchema = record.race.unwrap().extend({}).openapi('ClubRace', { description: 'The race every member’s plan is built for.' });
const clubSeasonSchema = record.season
  .unwrap()
  .extend({})
  .openapi('ClubSeason', { description: 'A season with no race: members’ plans aim at a time trial of `distance` on `endDate`.' });
const groupDaysSchema = record.groupDays
  .extend({})
  .openapi('ClubGroupDays', { description: 'The group sessions’ days, 1 = Monday … 7 = Sunday.' });
const weeklyPostSchema = record.delivery.extend({}).openapi('ClubWeeklyPost', {
  description:
    'When the club’s weekly post goes out: a weekday of the week before each training week (1 = Monday … 7 = Sunday) and an hour, in the club’s time zone.',
});
const memberSchema = record.members.element.extend({ joinedAt: instantSchema }).openapi('ClubMember', {
  description:
    'A member, their own plan, and where their week goes (`weekDelivery`): a reply in the club’s weekly thread, or a direct message.',
});

/** What the list shows of each club. */
const clubSummarySchema = z
  .object({
    clubId: clubIdSchema,
    name: z.string(),
    status: record.status,
    platform: z.string(),
    channelId: z.string(),
    race: orNull(clubRaceSchema),
    season: orNull(clubSeasonSchema),
    memberCount: z.number().int(),
    createdAt: instantSchema,
  })
  .openapi('ClubSummary');

export const clubListSchema = z.object({ clubs: z.array(clubSummarySchema).openapi({ description: 'Newest first.' }) }).openapi('ClubList');

export const clubSchema = clubSummarySchema
  .extend({
    groupDays: groupDaysSchema,
    weeklyPost: weeklyPostSchema,
    createdBy: z.string().openapi({ description: 'Who made the club: an admin always.' }),
    admins: z.array(z.string()).openapi({ description: 'The admins listed in the club’s settings, beside its creator.' }),
    members: z.array(memberSchema).openapi({ description: 'In the order they joined.' }),
    updatedAt: instantSchema,
    closedAt: orNull(instantSchema),
  })
  .openapi('Club');

/** Miles planned and miles logged (a week not logged has nothing done). */
const milesSchema = () =>
  z
    .object({ planned: z.number(), done: z.number() })
    .openapi({ description: 'Miles planned and miles logged (a week not logged has nothing done).' });

const memberStatusSchema = z
  .object({
    identity: z.string(),
    lastLoggedWeek: z.number().int().nullable().openapi({ description: 'The latest week of their plan with a log; null before any.' }),
    weekNumber: z.number().int().openapi({ description: 'The week of their plan today is in.' }),
    thisWeek: milesSchema(),
    fourWeeks: milesSchema().openapi({ description: 'This week and the three before it: miles planned and miles logged.' }),
    paused: z.boolean(),
    flags: z.array(z.enum(['missed-2-weeks', 'big-jump', 'injury-pause'])).openapi({
      description:
        'missed-2-weeks: the two weeks before this one had no log, or a log of no runs; big-jump: the latest logged week is over 1.3 × the one before + 1 mile; injury-pause: paused for an injury.',
    }),
  })
  .openapi('ClubMemberStatus');

export const clubStatusSchema = z
  .object({
    clubId: clubIdSchema,
    name: z.string(),
    status: record.status,
    today: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .openapi({ description: 'Today in the club’s time zone: the day the weeks are counted from.' }),
    memberCount: z.number().int(),
    members: z.array(memberStatusSchema).openapi({
      description: 'Each member with an active plan, in the order they joined; members whose plan ended or was cancelled are left out.',
    }),
  })
  .openapi('ClubStatus');
