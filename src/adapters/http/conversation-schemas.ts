/**
 * The conversation's JSON over HTTP: the core's neutral views (src/conversation/views.ts) as zod
 * schemas, and the bodies of a typed command, a pressed button and a sent form. They validate the
 * requests, check the answers on the way out and generate the OpenAPI document.
 */
import { z } from '@hono/zod-openapi';

import { timeZoneSchema } from '../../plans/plan-record.js';

const buttonSchema = z.object({
  actionId: z.string(),
  label: z.string(),
  style: z.enum(['primary', 'danger', 'default']),
  planId: z.string(),
  value: z.string().nullable(),
});

const weekRowSchema = z.object({
  dayNumber: z.number().int(),
  dayLabel: z.string(),
  typeLabel: z.string(),
  distance: z.string(),
  workout: z.string(),
  notes: z.string(),
  mark: z.enum(['done', 'skipped']).nullable(),
  buttons: z.array(buttonSchema),
});

const blockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('header'), text: z.string() }),
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('fields'), fields: z.array(z.object({ label: z.string(), value: z.string() })) }),
  z.object({ type: z.literal('warning'), text: z.string() }),
  z.object({ type: z.literal('week'), title: z.string(), total: z.string(), rows: z.array(weekRowSchema) }),
  z.object({
    type: z.literal('chart'),
    title: z.string(),
    bars: z.array(
      z.object({
        label: z.string(),
        value: z.number(),
        display: z.string(),
        highlight: z.boolean(),
        /** A week not made yet, at the engine's projection if all goes to plan. */
        projected: z.boolean().optional(),
      }),
    ),
  }),
  /** A picture of the plan as SVG, with its alt text (views.ts `ImageBlock`). */
  z.object({
    type: z.literal('image'),
    image: z.enum(['plan-chart', 'week-card']),
    title: z.string(),
    svg: z.string(),
    alt: z.string(),
  }),
  z.object({ type: z.literal('outcome'), text: z.string() }),
  z.object({ type: z.literal('buttons'), buttons: z.array(buttonSchema) }),
]);

const formFieldSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['text', 'number', 'date', 'select', 'multiselect', 'radio', 'textarea', 'timezone']),
  required: z.boolean(),
  placeholder: z.string().nullable(),
  hint: z.string().nullable(),
  options: z.array(z.object({ value: z.string(), label: z.string() })),
  maxLength: z.number().int().nullable(),
});

/** The core's views (src/conversation/views.ts) as JSON. */
const viewSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('message'),
      blocks: z.array(blockSchema),
      ephemeral: z.boolean(),
      replacesSource: z.boolean(),
      summary: z.string(),
      postTo: z.object({ target: z.enum(['dm', 'channel']), channelId: z.string().nullable() }).optional(),
    }),
    z.object({
      kind: z.literal('form'),
      formId: z.string(),
      title: z.string(),
      submitLabel: z.string(),
      planId: z.string().nullable(),
      fields: z.array(formFieldSchema),
      values: z.record(z.string(), z.string()),
      errors: z.record(z.string(), z.string()),
    }),
    z.object({
      kind: z.literal('file'),
      filename: z.string(),
      mimeType: z.string(),
      content: z.string(),
      encoding: z.literal('base64').optional().openapi({ description: 'Present for a binary file: `content` is its bytes in base64.' }),
      caption: z.string(),
    }),
  ])
  .openapi('View');

export const viewsSchema = z.object({ views: z.array(viewSchema) }).openapi('Views');

export const commandBodySchema = z
  .object({
    text: z.string().min(1).max(1000).openapi({ example: 'week 3', description: 'The command as typed in chat, with or without `/plan`.' }),
    timezone: timeZoneSchema.optional().openapi({ description: 'The caller’s IANA time zone, when "today" matters (default UTC).' }),
  })
  .openapi('CommandBody');

export const buttonBodySchema = z
  .object({
    actionId: z.string().min(1).max(100),
    planId: z.string().min(1).max(100),
    value: z.string().max(200).nullable().optional(),
    timezone: timeZoneSchema.optional(),
  })
  .openapi('ButtonBody');

export const formBodySchema = z
  .object({
    formId: z.string().min(1).max(100),
    planId: z.string().min(1).max(100).nullable().optional(),
    values: z.record(z.string().max(100), z.string().max(2000)),
    timezone: timeZoneSchema.optional(),
  })
  .openapi('FormBody');
