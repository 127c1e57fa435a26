import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlainCsv, plainRecords } from '@/lib/imports/read/csv-plain';

// readCsv's csv-parse options: plainRecords must give the same records for every text without quotes.
const OPTIONS = {
  bom: true,
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: false,
  max_record_size: 1024 * 1024,
};

async function plain(text: string, delimiter: string, skipLines: number, cuts: number[]): Promise<string[][]> {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    chunks.push(bytes.subarray(from, cut));
    from = cut;
  }
  chunks.push(bytes.subarray(from));
  const records: string[][] = [];
  for await (const record of plainRecords(Readable.from(chunks.filter((c) => c.length > 0)), delimiter, skipLines)) {
    records.push(record);
  }
  return records;
}

describe('plainRecords', () => {
  it.each([
    ['a;b\n\nc;d\n'],
    ['a;b\r\n\r\nc\r\n'],
    ['a;b\rc;d\r'],
    ['a;b\nc\r\nd\n'],
    ['a;b\r\nc\nd\r\n'],
    ['a;b'],
    ['a;b\r'],
    ['\ufeffa;b\n'],
    ['\n\na\n'],
    ['a\r\r\nb'],
    [' a ; b \n;;\n'],
    ['é;ü\n€;日本\n'],
  ])('splits %j as csv-parse does', async (text) => {
    expect(await plain(text, ';', 0, [])).toStrictEqual(parse(text, { ...OPTIONS, delimiter: ';' }));
  });

  it('agrees with csv-parse on random texts cut anywhere, with any line ending', async () => {
    const pieces = ['a', 'bc', 'é', '€', '😀', ' ', ';', ',', '\t', '\n', '\r', '\r\n', '\r\n', '\n', '12,50', 'x'];
    let seed = 3;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let i = 0; i < 1500; i++) {
      let text = random(10) === 0 ? '\ufeff' : '';
      for (let n = random(60); n > 0; n--) text += pieces[random(pieces.length)];
      const delimiter = [';', ',', '\t'][random(3)]!;
      const skipLines = random(4) === 0 ? 1 : 0;
      const size = Buffer.byteLength(text);
      const cuts = Array.from({ length: random(6) }, () => random(size + 1));
      const expected = parse(text, { ...OPTIONS, delimiter, from_line: skipLines + 1 });
      expect(await plain(text, delimiter, skipLines, cuts), JSON.stringify({ text, cuts })).toStrictEqual(expected);
    }
  });
});

describe('isPlainCsv', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'plain-csv-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const file = async (name: string, content: string | Buffer) => {
    const at = path.join(dir, name);
    await writeFile(at, content);
    return at;
  };

  it('is true only without quotes and without overlong lines', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `F-${i};Nom ${i};12,50`).join('\n');
    expect(await isPlainCsv(await file('plain.csv', rows), 100)).toBe(true);
    expect(await isPlainCsv(await file('quoted.csv', `${rows}\nF-x;"Nom";1`), 100)).toBe(false);
    expect(await isPlainCsv(await file('long.csv', `${rows}\n${'x'.repeat(101)}`), 100)).toBe(false);
    expect(await isPlainCsv(await file('long-first.csv', `${'x'.repeat(101)}\n${rows}`), 100)).toBe(false);
    expect(await isPlainCsv(await file('exact.csv', `${'x'.repeat(100)}\n${'y'.repeat(100)}`), 100)).toBe(true);
    expect(await isPlainCsv(await file('cr-only.csv', rows.replaceAll('\n', '\r')), 100)).toBe(false);
    expect(await isPlainCsv(await file('utf16.csv', Buffer.from(`\ufeff${rows}`, 'utf16le')), 100)).toBe(true);
  });
});
