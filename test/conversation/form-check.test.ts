/**
 * The one check a surface runs before sending a form (`checkFormValues`): the spec's own, with today
 * in the actor's zone and the form's units; and the draft's fields, relabelled once units are chosen.
 */
import { describe, expect, it } from 'vitest';

import { checkFormIdValues, checkFormValues, formFieldsFor, formUnits } from '../../src/conversation/forms/form-check.js';
import { draftFields, draftForm } from '../../src/conversation/forms/draft-fields.js';
import { draftFormSpec } from '../../src/conversation/forms/draft-form.js';
import { LOG_FORM_ID } from '../../src/conversation/action-ids.js';
import { logForm } from '../../src/conversation/forms/log-form.js';
import { settingsForm } from '../../src/conversation/forms/settings-form.js';
import type { IntentActor } from '../../src/conversation/intents.js';

// 23:30 UTC on 30 Nov is already 1 Dec in Berlin, still 30 Nov in New York.
const clock = { now: () => new Date('2026-11-30T23:30:00Z') };
const berlin: IntentActor = { identity: 'console:local:a', timezone: 'Europe/Berlin', origin: { kind: 'dm' } };
const newYork: IntentActor = { ...berlin, timezone: 'America/New_York' };

describe('checkFormValues', () => {
  it('names a wrong field, and the required fields still missing, by id', () => {
    const form = draftForm({ units: 'mi' });
    const errors = checkFormValues(
      form,
      { units: 'mi', distance: '10 km', raceDate: '21 Feb 2027', goal: 'fast' },
      { actor: berlin, clock },
    );
    expect(errors.goal).toContain('"fast" is not a time');
    expect(errors.distance).toBeUndefined();
    expect(errors.raceDate).toBeUndefined();
    expect(errors.fiveK).toMatch(/^missing/);
  });

  it('checks a start date against today in the actor’s own zone', () => {
    const form = draftForm({ units: 'mi' });
    const values = { distance: '10k', raceDate: '2027-03-21', goal: '48:00', fiveK: '22:30', mileage: '20', startDate: '2026-11-30' };
    expect(checkFormValues(form, values, { actor: berlin, clock }).startDate).toContain('has already passed (today is 2026-12-01');
    expect(checkFormValues(form, values, { actor: newYork, clock }).startDate).toBeUndefined();
  });

  it('reads numbers in the units the form holds: 32 in km mode is kilometres, a log distance in its plan’s units', () => {
    const km = draftForm({ units: 'km' });
    expect(checkFormValues(km, { units: 'km', mileage: '250' }, { actor: berlin, clock }).mileage).toContain('above the maximum of 240');
    expect(checkFormValues(km, { units: 'km', mileage: '32' }, { actor: berlin, clock }).mileage).toBeUndefined();
    const log = logForm('p1', 2, {}, {}, 'km');
    expect(formUnits(log, log.values)).toBe('km');
    expect(checkFormValues(log, { week: '2', completedDays: '3', miles: '400' }, { actor: berlin, clock })).toEqual({});
    const logMi = logForm('p1', 2);
    expect(checkFormValues(logMi, { week: '2', completedDays: '3', miles: '400' }, { actor: berlin, clock }).miles).toContain('0–300');
  });

  it('checks settings field by field: "6pm" is an hour, "Mars/Base" no zone', () => {
    const form = settingsForm('p1', {});
    expect(checkFormValues(form, { postingHour: '6pm' }, { actor: berlin, clock })).toEqual({});
    expect(checkFormValues(form, { timezone: 'Mars/Base' }, { actor: berlin, clock }).timezone).toContain('not a time zone');
  });

  it('checks by form id for a surface that holds only the id, the zone and the units (a modal submission)', () => {
    const values = { distance: '10k', raceDate: '2027-03-21', goal: '48:00', fiveK: '22:30', mileage: '20', startDate: '2026-11-30' };
    // No zone known: UTC, where it is still 30 Nov.
    expect(checkFormIdValues(draftForm().formId, values, { timezone: null, clock, units: 'mi' })).toEqual({});
    expect(checkFormIdValues(draftForm().formId, values, { timezone: 'Europe/Berlin', clock, units: 'mi' }).startDate).toBeDefined();
    expect(checkFormIdValues(LOG_FORM_ID, { week: '1', completedDays: '2', miles: '400' }, { timezone: null, clock, units: 'km' })).toEqual(
      {},
    );
  });

  it('passes a form it does not know', () => {
    expect(checkFormValues({ ...draftForm(), formId: 'gofast.form.gone' }, {}, { actor: berlin, clock })).toEqual({});
  });
});

describe('units first', () => {
  it('puts the units first and speaks every later number in them', () => {
    expect(draftFields('mi')[0]?.id).toBe('units');
    const byId = (units: 'mi' | 'km') => new Map(draftFields(units).map((f) => [f.id, f]));
    const km = byId('km');
    expect(km.get('mileage')).toMatchObject({ label: 'Kilometres per week now', hint: '8–240 km' });
    expect(km.get('recentLong')?.label).toBe('Longest run in the last 4 weeks (km)');
    expect(km.get('recentLong')?.hint).toContain('1.6–48 km');
    expect(km.get('distance')?.hint).toBe('or a number of kilometres, 1.6–49.9');
    expect(km.get('fiveK')?.hint).toContain('per km');
    const mi = byId('mi');
    expect(mi.get('mileage')).toMatchObject({ label: 'Miles per week now', hint: '5–150 miles' });
    for (const field of [...km.values(), ...mi.values()]) expect(field.hint ?? '').not.toContain('with units km');
  });

  it('relabels a shown form for the values so far, and shows the draft in its saved units', () => {
    const form = draftForm({ units: 'mi' });
    expect(formFieldsFor(form, { units: 'km' }).find((f) => f.id === 'mileage')?.label).toBe('Kilometres per week now');
    expect(formFieldsFor(form, { units: 'mi' }).find((f) => f.id === 'mileage')?.label).toBe('Miles per week now');
    expect(draftForm({ units: 'km' }).fields.find((f) => f.id === 'mileage')?.label).toBe('Kilometres per week now');
  });

  it('keeps the units on the first of the draft’s pages, each page holding a required field', () => {
    const pages = draftFormSpec.pages;
    expect(pages[0]?.[0]).toBe('units');
    const required = new Set(
      draftFields('mi')
        .filter((f) => f.required)
        .map((f) => f.id),
    );
    for (const page of pages) {
      expect(page.length).toBeLessThanOrEqual(5);
      expect(page.some((id) => required.has(id))).toBe(true);
    }
    expect(pages.flat().sort()).toEqual(
      draftFields('mi')
        .map((f) => f.id)
        .sort(),
    );
  });
});
