import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { AppError } from '../../errors/app-error';
import { isPlainCsv, plainRecords } from './csv-plain';
import { detectDelimiter, type Delimiter } from './delimiter';
import { decodeHead, detectEncoding, ToUtf8, type TextEncoding } from './encoding';
import { refuse } from './refuse';
import type { RawRow, RowSource } from './row';

// Far beyond any real row; what it stops is an unclosed quote swallowing the rest of the file into one cell.
const MAX_RECORD_CHARS = 1024 * 1024;

export interface CsvRows extends RowSource {
  encoding: TextEncoding;
  delimiter: Delimiter;
}

/** Streams a CSV file as rows of strings, numbered as a spreadsheet shows them (one record, one row). */
export function readCsv(path: string, head: Buffer, size: number): CsvRows {
  const complete = head.length >= size;
  const detected = detectEncoding(head, complete);
  const { delimiter, sepLine } = detectDelimiter(decodeHead(head, detected), complete);

  async function* rows(): AsyncGenerator<RawRow> {
    // A plain file (no quotes) is split line by line; the parser is for the others.
    if (await isPlainCsv(path, MAX_RECORD_CHARS / 4)) {
      const text: Readable = pipeline(
        createReadStream(path, { highWaterMark: 256 * 1024 }),
        new ToUtf8(detected),
        () => {},
      );
      let rowNumber = 0;
      try {
        for await (const cells of plainRecords(text, delimiter, sepLine ? 1 : 0))
          yield { rowNumber: ++rowNumber, cells };
      } finally {
        text.destroy();
      }
      return;
    }
    const records: Readable = pipeline(
      createReadStream(path, { highWaterMark: 256 * 1024 }),
      new ToUtf8(detected),
      parse({
        delimiter,
        bom: true,
        relax_column_count: true,
        // Stray quotes inside unquoted cells (5" pipe) are common in hand-made files and harmless.
        relax_quotes: true,
        skip_empty_lines: false,
        max_record_size: MAX_RECORD_CHARS,
        from_line: sepLine ? 2 : 1,
      }),
      () => {}, // errors reach the loop below through the last stream
    );
    let rowNumber = 0;
    try {
      for await (const cells of records as AsyncIterable<string[]>) yield { rowNumber: ++rowNumber, cells };
    } catch (error) {
      throw csvError(error);
    } finally {
      records.destroy();
    }
  }

  const generator = rows();
  return {
    encoding: detected.encoding,
    delimiter,
    rows: generator,
    close: async () => {
      await generator.return(undefined);
    },
  };
}

function csvError(error: unknown): unknown {
  if (error instanceof AppError || !(error instanceof CsvError)) return error;
  const line = typeof error.lines === 'number' ? String(error.lines) : 'none';
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return refuse('quoteNotClosed', { line });
    case 'CSV_MAX_RECORD_SIZE':
      return refuse('rowTooLarge', { line });
    default:
      return refuse('csvUnreadable', { line, detail: error.message });
  }
}
