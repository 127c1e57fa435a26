import { describe, expect, it } from 'vitest';
import { isCatalogueKey } from '../../lib/errors/describe';
import { inflateRawSync } from 'node:zlib';
import { AGING, PLACEMENT, RECOVERY, chooseGrain, grainExpression, groupingSets } from '../../lib/reports/cube';
import { sheetToCsv } from '../../lib/reports/export';
import {
  channelCostsSchema,
  dashboardFilterSchema,
  REPORT_MESSAGES as M,
  setTargetSchema,
  splitFilters,
} from '../../lib/reports/schemas';
import { neutraliseFormula } from '../../lib/csv/cells';
import { writeXlsx } from '../../lib/reports/xlsx';

const schema = dashboardFilterSchema('2026-11-25');
const errors = (input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('dashboard filters', () => {
  it('default to the twelve months up to the agency’s today', () => {
    expect(schema.parse({})).toMatchObject({ from: '2025-12-01', to: '2026-11-25', by: 'creditor', grain: 'month' });
  });

  it('read months as their first and last days', () => {
    expect(schema.parse({ from: '2025-02', to: '2025-02' })).toMatchObject({ from: '2025-02-01', to: '2025-02-28' });
  });

  it('refuse inverted dates on the `to` field', () => {
    expect(errors({ from: '2026-03-01', to: '2026-01-31' })).toEqual({ to: M.toBeforeFrom });
  });

  it('refuse a range over ten years (a 50-year range too)', () => {
    expect(errors({ from: '1976-01-01', to: '2026-01-01' })).toEqual({
      to: M.rangeTooLong,
    });
    expect(errors({ from: '2016-01-01', to: '2026-01-01' })).toEqual({});
  });

  it('name each bad field', () => {
    expect(errors({ from: '2026-02-30', creditorId: 'ACME', ageBand: '12', phase: 'OPEN' })).toEqual({
      from: M.day,
      creditorId: M.creditorId,
      ageBand: M.ageBand,
      phase: M.phase,
    });
    expect(errors({ phase: 'AMICABLE', status: 'PAID' })).toEqual({ status: M.statusOutsidePhase });
  });

  it('refuse unknown parameters, and leave other query parameters to their owners', () => {
    expect(Object.keys(errors({ creditor: 'x' }))).toEqual(['']);
    expect(splitFilters({ from: '2026-01-01', format: 'csv', section: 'aging' })).toEqual({
      filters: { from: '2026-01-01' },
      rest: { format: 'csv', section: 'aging' },
    });
  });

  it('every message is a catalogue key', () => {
    for (const key of Object.values(M)) expect(isCatalogueKey(key), key).toBe(true);
  });

  it('targets: euros for money, counts otherwise', () => {
    const base = { agentId: '7f6c2f0e-5d4c-4b1a-9a8e-0c1d2e3f4a5b', period: 'MONTH', validFrom: '2026-11-01' };
    expect(setTargetSchema.parse({ ...base, metric: 'COLLECTED', target: '15000' }).targetValue).toBe(1_500_000);
    expect(setTargetSchema.parse({ ...base, metric: 'CALLS', target: '40' }).targetValue).toBe(40);
    expect(setTargetSchema.safeParse({ ...base, metric: 'CALLS', target: '-1' }).success).toBe(false);
  });
});

describe('grains', () => {
  it('pick the smallest materialised grain that keeps what is filtered and grouped', () => {
    expect(chooseGrain(PLACEMENT, [])).toBe(0);
    expect(chooseGrain(PLACEMENT, ['creditor'])).toBe(1);
    expect(chooseGrain(PLACEMENT, ['agent', 'status'])).toBe(6);
    // Three dimensions at once: no grain keeps them all, the per-file rows answer.
    expect(chooseGrain(PLACEMENT, ['creditor', 'agent', 'status'])).toBeNull();
    expect(chooseGrain(RECOVERY, ['band'])).toBe(8);
    expect(chooseGrain(RECOVERY, ['creditor', 'band'])).toBeNull();
    expect(chooseGrain(AGING, ['creditor', 'agent', 'status'])).toBe(7);
  });

  it('GROUPING() gives back the grain mask', () => {
    expect(grainExpression(PLACEMENT)).toBe('(15 - GROUPING(age_band, status, agent_id, creditor_id))');
    expect(groupingSets(RECOVERY)).toBe(
      'GROUPING SETS ((placed_month, paid_month), (creditor_id, mandate_id, placed_month, paid_month), ' +
        '(agent_id, placed_month, paid_month), (status, placed_month, paid_month), (age_band, placed_month, paid_month))',
    );
  });
});

describe('exports', () => {
  const sheet = {
    name: 'Test',
    columns: [
      { header: 'Nom', format: 'text' as const },
      { header: 'Montant', format: 'money' as const },
      { header: 'Taux', format: 'percent' as const },
    ],
    rows: [
      ['=HYPERLINK("http://evil")', 123456, 0.8],
      ['@SUM(A1)', -250, null],
    ],
  };

  it('CSV: BOM, semicolons, euros and percent in French, formulas neutralised', () => {
    expect(sheetToCsv(sheet, 'fr')).toBe(
      '\uFEFF"Nom";"Montant";"Taux"\r\n' +
        '"\'=HYPERLINK(""http://evil"")";"1234,56";"80,0"\r\n' +
        '"\'@SUM(A1)";"\'-2,50";""\r\n',
    );
    expect(sheetToCsv(sheet, 'en').split('\r\n')[1]).toBe('"\'=HYPERLINK(""http://evil"")";"1234.56";"80.0"');
  });

  it('XLSX: text cells are inline strings, prefixed like CSV; money in euros', async () => {
    expect(neutraliseFormula('+33 1 23')).toBe("'+33 1 23");
    expect(neutraliseFormula('Dupont')).toBe('Dupont');
    const zip = await writeXlsx([sheet]);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    const sheetXml = entry(zip, 'xl/worksheets/sheet1.xml');
    expect(sheetXml).toContain(
      '<c r="A2" t="inlineStr"><is><t xml:space="preserve">\'=HYPERLINK(&quot;http://evil&quot;)</t></is></c>',
    );
    expect(sheetXml).toContain('<c r="B2" s="1"><v>1234.56</v></c>');
    expect(sheetXml).toContain('<c r="C2" s="2"><v>0.8</v></c>');
    expect(sheetXml).not.toContain('<f>');
  });
});

describe('channel unit costs form', () => {
  const valid = {
    SIMPLE_LETTER: '1,50',
    REGISTERED_LETTER: '7.5',
    FORMAL_NOTICE: '7,50 €',
    PRE_JUDICIAL_WARNING: '1 200,00',
    EMAIL: '0,01',
    SMS: '0',
    CALL_TASK: '3',
    VISIT_TASK: '10000',
  };
  const problems = (input: unknown) => {
    const r = channelCostsSchema.safeParse(input);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('reads euros as people type them into exact cents', () => {
    expect(channelCostsSchema.parse(valid)).toEqual({
      SIMPLE_LETTER: 150,
      REGISTERED_LETTER: 750,
      FORMAL_NOTICE: 750,
      PRE_JUDICIAL_WARNING: 120_000,
      EMAIL: 1,
      SMS: 0,
      CALL_TASK: 300,
      VISIT_TASK: 1_000_000,
    });
    // 0.29 × 100 is 28.999… in floating point: the digits are read, not multiplied.
    expect(channelCostsSchema.parse({ ...valid, SMS: '0,29' }).SMS).toBe(29);
  });

  it('names each amount it cannot read', () => {
    const message = M.unitCost;
    for (const bad of ['1,505', '-1', '10000,01', '', 'trois', '1,2,3', '1e3']) {
      expect(problems({ ...valid, SMS: bad }), bad).toEqual({ SMS: message });
    }
    expect(problems({ ...valid, SMS: undefined })).toEqual({ SMS: message });
    expect(Object.keys(problems({ ...valid, FAX: '1' }))).toEqual(['']);
  });
});

/** Reads one entry of a zip written by yazl (local headers, deflate). */
function entry(zip: Buffer, name: string): string {
  let offset = 0;
  while (zip.readUInt32LE(offset) === 0x04034b50) {
    const method = zip.readUInt16LE(offset + 8);
    const nameLength = zip.readUInt16LE(offset + 26);
    const extraLength = zip.readUInt16LE(offset + 28);
    const flags = zip.readUInt16LE(offset + 6);
    const entryName = zip.subarray(offset + 30, offset + 30 + nameLength).toString();
    const start = offset + 30 + nameLength + extraLength;
    // yazl writes sizes in a data descriptor after the data (flag bit 3): find it from the central directory.
    const central = zip.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02])]), 0);
    let size = zip.readUInt32LE(offset + 18);
    if (flags & 8) {
      let c = central;
      while (zip.readUInt32LE(c) === 0x02014b50) {
        const n = zip.readUInt16LE(c + 28);
        const cname = zip.subarray(c + 46, c + 46 + n).toString();
        if (cname === entryName) size = zip.readUInt32LE(c + 20);
        c += 46 + n + zip.readUInt16LE(c + 30) + zip.readUInt16LE(c + 32);
      }
    }
    const data = zip.subarray(start, start + size);
    if (entryName === name) return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    offset = start + size + (flags & 8 ? 16 : 0);
  }
  throw new Error(`no ${name}`);
}
