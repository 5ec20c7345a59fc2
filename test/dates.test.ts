import { describe, expect, it } from 'vitest';
import { isTimeZone, toRfc3339 } from '../src/dates.js';

describe('toRfc3339', () => {
  it.each<[string, string, boolean, string]>([
    // the sale date Google dropped the item for: a space, no seconds, no offset
    ['2026-11-20 08:00', 'UTC', false, '2026-11-20T08:00:00Z'],
    ['2026-11-20 08:00', 'America/New_York', false, '2026-11-20T08:00:00-05:00'],
    ['2026-07-01 12:00', 'Europe/London', false, '2026-07-01T12:00:00+01:00'],
    ['2026-11-20', 'Europe/Berlin', false, '2026-11-20T00:00:00+01:00'],
    // a bare end date lasts the whole day
    ['2026-11-30', 'UTC', true, '2026-11-30T23:59:59Z'],
    ['2026-11-30', 'America/New_York', true, '2026-11-30T23:59:59-05:00'],
    // an offset in the catalog wins over its time zone
    ['2026-11-20T08:00+05:30', 'America/New_York', false, '2026-11-20T08:00:00+05:30'],
    ['2026-11-20 08:00:00-0800', 'UTC', false, '2026-11-20T08:00:00-08:00'],
    ['2026-11-20T08:00Z', 'Europe/Berlin', false, '2026-11-20T08:00:00Z'],
    ['not a date', 'UTC', false, 'not a date'],
  ])('%s in %s (end %s) is %s', (text, zone, end, expected) => {
    expect(toRfc3339(text, zone, end)).toBe(expected);
  });

  it('knows IANA time zones', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
