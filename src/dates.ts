/** ISO 8601 dates as the catalog and the command line write them: `2026-11-23`, `2026-11-23T10:00Z`, `2026-11-23 10:00:00+01:00`. */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The instant of an ISO 8601 date, or undefined when the text is not one or names a day that
 * does not exist: `Date.parse('2026-02-30')` quietly gives 2 March.
 */
export function parseIsoDate(text: string): Date | undefined {
  const match = ISO.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match
    .slice(1, 7)
    .map((part) => (part === undefined ? undefined : Number(part)));
  const days = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (month! < 1 || month! > 12 || day! < 1 || day! > days || hour! > 23 || minute! > 59 || second! > 59) return undefined;
  const offset = match[7];
  if (offset && offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(-2)) > 59)) return undefined;
  const date = new Date(match[4] === undefined ? `${text}T00:00:00Z` : text.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The zone's offset from UTC at an instant, in minutes (`-300` for New York in winter). */
function offsetMinutes(at: number, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')!.value;
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0)) : 0;
}

/** Whether a name is an IANA time zone this Node.js knows (`America/New_York`, `UTC`). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');

/** RFC 3339 of an instant at a fixed offset from UTC, in minutes: `2026-11-20T08:00:00-05:00`; `Z` for 0. */
function atOffset(at: number, offset: number): string {
  const wall = new Date(at + offset * 60_000).toISOString().slice(0, 19);
  return offset === 0 ? `${wall}Z` : `${wall}${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** RFC 3339 of an instant as the wall clock of `timeZone` shows it: `2026-11-20T08:00:00-05:00`, `Z` where the offset is 0. */
export const rfc3339 = (at: Date, timeZone = 'UTC'): string => atOffset(at.getTime(), offsetMinutes(at.getTime(), timeZone));

/**
 * A catalog date as RFC 3339 (what Google's `sale_price_effective_date` and Amazon's schedules
 * take): a date-time with an offset keeps it; one without is the wall time of the catalog's
 * `timeZone`; a bare date is the start of that day there, or with `end` its last second. The
 * text comes back as it is when it is not an ISO 8601 date (the catalog reports those).
 */
export function toRfc3339(text: string, timeZone = 'UTC', end = false): string {
  const match = ISO.exec(text);
  const instant = match ? parseIsoDate(text) : undefined;
  if (!match || !instant) return text;
  const offset = match[7];
  if (offset) {
    const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2)));
    return atOffset(instant.getTime(), minutes);
  }
  const bare = match[4] === undefined;
  // the wall time read as UTC, moved by the zone's offset, then by the offset at that instant (a daylight-saving change between)
  const wall = instant.getTime() + (bare && end ? 86_399_000 : 0);
  const guess = wall - offsetMinutes(wall, timeZone) * 60_000;
  return rfc3339(new Date(wall - offsetMinutes(guess, timeZone) * 60_000), timeZone);
}
