/**
 * A watch workout (`domain/watch-workout.ts`) as a FIT workout file, with Garmin's own SDK: a
 * file_id (type workout), a workout (running, its name) and its workout_steps. The SDK's encoder
 * writes a message's main fields only (not their named sub-fields), so each value is written raw
 * as the FIT profile defines it:
 *
 * - a distance step: `duration_type` distance, `duration_value` in centimetres (scale 100);
 * - a pace band: `target_type` speed, `target_value` 0 (custom), `custom_target_value_low/high`
 *   in mm/s (m/s, scale 1000), low being the slower end;
 * - a repeat: a step after the steps it repeats, `duration_type` repeat_until_steps_cmplt,
 *   `duration_value` the message index to loop back to, `target_value` how many times in all.
 */
import { createHash } from 'node:crypto';
import { Encoder } from '@garmin/fitsdk';
import type { FileIdMesg, WorkoutMesg, WorkoutStepMesg } from '@garmin/fitsdk';
import { METRES_PER_MILE } from '../domain/paces.js';
import type { PaceBand, WatchStep, WatchStepKind, WatchWorkout } from '../domain/watch-workout.js';

/** The FIT profile's global message numbers (the SDK's `Profile.MesgNum` is typed as a loose record). */
const MESG = { fileId: 0, workout: 26, workoutStep: 27 } as const;

const INTENSITY: Readonly<Record<WatchStepKind, 'warmup' | 'active' | 'recovery' | 'cooldown'>> = {
  warmup: 'warmup',
  work: 'active',
  recovery: 'recovery',
  cooldown: 'cooldown',
};

/** mm/s of a pace in seconds per mile. */
function speedOf(secondsPerMile: number): number {
  return Math.round((METRES_PER_MILE / secondsPerMile) * 1000);
}

function target(
  band: PaceBand | undefined,
): Pick<WorkoutStepMesg, 'targetType' | 'targetValue' | 'customTargetValueLow' | 'customTargetValueHigh'> {
  if (band === undefined) return { targetType: 'open' };
  return { targetType: 'speed', targetValue: 0, customTargetValueLow: speedOf(band.slow), customTargetValueHigh: speedOf(band.fast) };
}

function stepMesg(step: WatchStep, messageIndex: number): WorkoutStepMesg & { mesgNum: number } {
  return {
    mesgNum: MESG.workoutStep,
    messageIndex,
    wktStepName: step.name,
    durationType: 'distance',
    durationValue: Math.round(step.miles * METRES_PER_MILE * 100),
    ...target(step.band),
    intensity: INTENSITY[step.kind],
  };
}

/**
 * A uint32z serial number for the file: a device keeps one workout per (type, manufacturer,
 * product, serial), so each plan day has its own, and the same day exported again replaces itself.
 */
export function fitSerialOf(key: string): number {
  const serial = createHash('sha256').update(key, 'utf8').digest().readUInt32BE(0);
  return serial === 0 ? 1 : serial;
}

export function encodeFitWorkout(workout: WatchWorkout, options: { readonly serial: number; readonly createdAt: Date }): Uint8Array {
  const steps: (WorkoutStepMesg & { mesgNum: number })[] = [];
  for (const block of workout.blocks) {
    if (block.kind !== 'repeat') {
      steps.push(stepMesg(block, steps.length));
      continue;
    }
    const from = steps.length;
    for (const step of block.steps) steps.push(stepMesg(step, steps.length));
    steps.push({
      mesgNum: MESG.workoutStep,
      messageIndex: steps.length,
      durationType: 'repeatUntilStepsCmplt',
      durationValue: from,
      targetValue: block.count,
    });
  }
  const encoder = new Encoder();
  const fileId: FileIdMesg & { mesgNum: number } = {
    mesgNum: MESG.fileId,
    type: 'workout',
    manufacturer: 'development',
    product: 0,
    serialNumber: options.serial,
    timeCreated: options.createdAt,
  };
  const header: WorkoutMesg & { mesgNum: number } = {
    mesgNum: MESG.workout,
    sport: 'running',
    subSport: 'generic',
    wktName: workout.name,
    wktDescription: workout.description,
    numValidSteps: steps.length,
  };
  for (const mesg of [fileId, header, ...steps]) encoder.writeMesg(mesg);
  return encoder.close();
}
