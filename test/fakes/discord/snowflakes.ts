/**
 * Discord-shaped ids for the fakes: real snowflakes (milliseconds since the Discord epoch, shifted
 * 22 bits, plus an increment), so discord.js's rate-limit buckets and timestamps read them as it
 * reads Discord's.
 */
const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

export function snowflake(at: number = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | increment).toString();
}

/** An interaction token: opaque to the bot, long like Discord's. */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${snowflake()}${Math.random().toString(36).slice(2)}`;
}
