/**
 * The sample athlete used across tests and benchmarks: a marathon on Sunday 2027-04-18 from Monday
 * 2026-11-30 (20 calendar weeks), 30 mi/week on Tue, Wed, Thu, Sat and Sun.
 */
export const MARATHON_FIELDS = {
  raceName: 'Boston Marathon',
  distance: 'marathon',
  raceDate: '2027-04-18',
  startDate: '2026-11-30',
  goal: '3:30:00',
  fiveK: '22:30',
  mileage: '30',
  days: '2,3,4,6,7',
} as const;

export const SAMPLE_TODAY = '2026-11-25';
