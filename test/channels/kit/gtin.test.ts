import { describe, expect, it } from 'vitest';
import { expandUpcE, readGtin } from '../../../src/channels/kit/gtin.js';

describe('readGtin', () => {
  const cases: [string, string, { restricted?: boolean }, ReturnType<typeof readGtin>][] = [
    ['an EAN-13', '4006381333931', {}, { gtin: '4006381333931' }],
    ['a UPC-A with spaces and dashes', '0 614141-00101 9', {}, { gtin: '061414100101' + '9' }],
    ['an EAN-8', '96385074', {}, { gtin: '96385074' }],
    // GS1 zero suppression: 0425261 + check 4 is UPC-A 04210000526 + 4
    ['a UPC-E, expanded to UPC-A', '04252614', {}, { gtin: '042100005264' }],
    ['a UPC-E ending 5-9, expanded to UPC-A', '01234565', { restricted: true }, { gtin: '012345000065' }],
    ['a UPC-E with a wrong check digit', '04252615', {}, { problem: 'gtin-check-digit' }],
    ['an ISBN-10, as ISBN-13', '160358286X', {}, { gtin: '9781603582865' }],
    ['all zeros', '0000000000000', {}, { problem: 'gtin-placeholder' }],
    ['all zeros, 8 digits', '00000000', {}, { problem: 'gtin-placeholder' }],
    ['one digit repeated, valid check digit', '1111111111116', {}, { problem: 'gtin-placeholder' }],
    ['one digit repeated, wrong check digit', '999999999999', {}, { problem: 'gtin-placeholder' }],
    ['counting up', '1234567890128', {}, { problem: 'gtin-placeholder' }],
    ['counting up, zero-padded', '00123456789012', {}, { problem: 'gtin-placeholder' }],
    ['a real number that starts 123', '1234000000008', {}, { gtin: '1234000000008' }],
    ['11 digits', '40063813339', {}, { problem: 'gtin-invalid-length' }],
    ['a store number, Google rules', '2001234567893', { restricted: true }, { gtin: '2001234567893', problem: 'gtin-restricted' }],
  ];
  it.each(cases)('%s', (_, raw, options, expected) => {
    expect(readGtin(raw, options)).toEqual(expected);
  });

  it('reads each GTIN by its own rules when the same one is read again, with and without restricted', () => {
    const reads = ['2001234567893', '2001234567893', '4006381333931', '2001234567893', '2001234567893'].map((raw, i) =>
      readGtin(raw, { restricted: i % 2 === 0 }),
    );
    expect(reads).toEqual([
      { gtin: '2001234567893', problem: 'gtin-restricted' },
      { gtin: '2001234567893' },
      { gtin: '4006381333931' },
      { gtin: '2001234567893' },
      { gtin: '2001234567893', problem: 'gtin-restricted' },
    ]);
  });

  it('expands each UPC-E pattern (last digit 0-2, 3, 4, 5-9)', () => {
    expect(expandUpcE('01200003')).toBe('012000000003');
    expect(expandUpcE('01234133')).toBe('012300000413');
    expect(expandUpcE('01234145')).toBe('012340000015');
    expect(expandUpcE('01234565')).toBe('012345000065');
    // number system 1 is read as EAN-8, not UPC-E
    expect(expandUpcE('14252614')).toBeUndefined();
  });
});
