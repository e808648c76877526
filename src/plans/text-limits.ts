/**
 * Length limits on every free-text field a caller can store, checked in the use cases so no
 * surface (a chat form, a slash command, the HTTP API, the CLI) can store more: one signed slash
 * command once stored a 3.1 MB draft. Over a limit, the request is refused with one sentence and
 * nothing is stored.
 */
import { InputError } from '../domain/errors.js';
import type { Delivery, Draft } from './plan-record.js';

/** Each draft field as typed (race name, dates, paces, days): far more than any real answer. */
export const DRAFT_FIELD_MAX_LENGTH = 200;
/** Platform ids kept with a plan: a request key, a channel id. */
const ID_MAX_LENGTH = 200;

function assertLength(field: string, value: string | null | undefined, max: number): void {
  if (typeof value === 'string' && value.length > max) {
    throw new InputError({ [field]: `must be at most ${max} characters (this one has ${value.length.toLocaleString('en-US')})` });
  }
}

export function assertDraftFieldLengths(fields: Draft): void {
  for (const [field, value] of Object.entries(fields))
    assertLength(field, typeof value === 'string' ? value : undefined, DRAFT_FIELD_MAX_LENGTH);
}

export function assertDeliveryLengths(delivery: Partial<Pick<Delivery, 'channelId'>> | undefined): void {
  assertLength('channelId', delivery?.channelId, ID_MAX_LENGTH);
}

export function assertRequestKeyLength(requestKey: string | undefined): void {
  assertLength('requestKey', requestKey, ID_MAX_LENGTH);
}
