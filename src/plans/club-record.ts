/**
 * A club as it is stored (issue 19): one per chat channel while active, holding its race (or a
 * season with no race), the group session days every member's plan keeps, when the weekly post
 * goes out, the admins listed in its settings and its members with their personal plans. The zod
 * schema checks every record read back from the database.
 */
import { z } from 'zod';
import { identitySchema, timeZoneSchema } from './plan-record.js';
import { PLATFORM_NAME } from './platforms.js';

const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const daySchema = z.number().int().min(1).max(7);

/** The club's race: every member's plan is built for it. */
const clubRaceSchema = z.object({
  name: z.string().min(1).max(100),
  date: isoDateSchema,
  /** As the draft takes it: `5k`, `10k`, `half`, `marathon` or a custom distance. */
  distance: z.string().min(1).max(20),
});

/**
 * A season with no race: members' plans aim at a time trial of `distance` on `endDate` (the plan
 * engine needs a goal day; a season's end is the natural one).
 */
const clubSeasonSchema = z.object({
  name: z.string().min(1).max(100),
  endDate: isoDateSchema,
  distance: z.string().min(1).max(20),
});

/** The group sessions: the long run, the quality day(s) and the easy days the club runs together. */
const groupDaysSchema = z.object({
  longDay: daySchema,
  qualityDays: z.array(daySchema).max(2),
  easyDays: z.array(daySchema).max(5),
});
export type GroupDays = z.infer<typeof groupDaysSchema>;

const clubDeliverySchema = z.object({
  /** Day of the week before a training week on which the club's post goes out: 1 = Monday … 7 = Sunday. */
  postingDay: daySchema,
  postingHour: z.number().int().min(0).max(23),
  timezone: timeZoneSchema,
});

const WEEK_DELIVERIES = ['thread', 'dm'] as const;
export type WeekDelivery = (typeof WEEK_DELIVERIES)[number];

export function isWeekDelivery(text: string): text is WeekDelivery {
  return (WEEK_DELIVERIES as readonly string[]).includes(text);
}

const clubMemberSchema = z.object({
  identity: identitySchema,
  /** The member's personal plan, tied to the club (`PlanRecord.clubId`). */
  planId: z.string(),
  joinedAt: z.date(),
  /** Where their own week goes: a reply in the club's weekly thread, or a DM (slice 2 delivers it). */
  weekDelivery: z.enum(WEEK_DELIVERIES),
});
export type ClubMember = z.infer<typeof clubMemberSchema>;

const CLUB_STATUSES = ['active', 'closed'] as const;
export type ClubStatus = (typeof CLUB_STATUSES)[number];

export const clubRecordSchema = z
  .object({
    id: z.string(),
    platform: z.string().regex(PLATFORM_NAME),
    channelId: z.string().min(1).max(100),
    name: z.string().min(1).max(100),
    race: clubRaceSchema.nullable(),
    season: clubSeasonSchema.nullable(),
    groupDays: groupDaysSchema,
    delivery: clubDeliverySchema,
    /** Who made it; an admin always. */
    createdBy: identitySchema,
    /** The admins listed in the club's settings (platform admins count too; see ClubRoles). */
    admins: z.array(identitySchema).max(50),
    members: z.array(clubMemberSchema),
    status: z.enum(CLUB_STATUSES),
    closedAt: z.date().nullable(),
    revision: z.number().int(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .refine((c) => (c.race === null) !== (c.season === null), 'a club has a race or a season, not both');
export type ClubRecord = z.infer<typeof clubRecordSchema>;

/** What a new club starts with; the store adds id, revision and timestamps. */
export type NewClubRecord = Omit<ClubRecord, 'id' | 'revision' | 'createdAt' | 'updatedAt'>;

/** The day the club trains towards: its race, or the end of its season. */
export function clubGoalDate(club: Pick<ClubRecord, 'race' | 'season'>): string {
  return club.race?.date ?? club.season?.endDate ?? '';
}
