import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors/app-error';
import { openRows } from '../imports/read';
import { formatSize } from '../imports/read/refuse';
import type { Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { importRegisteredMail, type TrackingImportResult, type TrackingLine } from './record-registered-mail';
import { MAX_TRACKING_BYTES, MAX_TRACKING_ROWS, TRACKING_FIELDS, trackingColumns, type TrackingField } from './schemas';

function refuse(key: string, values?: Record<string, string>): AppError {
  const ref = { key: `reasons.tracking.${key}`, ...(values ? { values } : {}) };
  return new AppError('INVALID', ref, { file: ref });
}

/** Copies the upload to a private temporary file, stopping as soon as it is larger than the limit. */
async function spool(content: Readable, target: string, maxBytes: number): Promise<void> {
  let size = 0;
  content.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) content.destroy(refuse('tooLarge', { size: formatSize(maxBytes) }));
  });
  await pipeline(content, createWriteStream(/*turbopackIgnore: true*/ target, { mode: 0o600 }));
}

/**
 * The mailing house's CSV or XLSX file, read with the intake's reader (lib/imports/read: real format by its
 * bytes, encoding, delimiter, BOM, zip bombs), its columns found by their headers (the print-run manifest's own
 * names, or French ones), then recorded by `importRegisteredMail`, all or nothing. The file is not kept.
 */
export async function importRegisteredMailFile({
  actor,
  content,
  fileName,
  ip,
  now,
}: {
  actor: Actor;
  content: Readable;
  fileName: string;
  ip?: string;
  now?: Date;
}): Promise<TrackingImportResult> {
  authorize(actor, 'scenarios.manage');
  const dir = await mkdtemp(path.join(tmpdir(), 'recouvra-tracking-'));
  const file = path.join(dir, 'upload');
  try {
    await spool(content, file, MAX_TRACKING_BYTES);
    const opened = await openRows({ path: file, fileName }, { maxBytes: MAX_TRACKING_BYTES });
    const lines: TrackingLine[] = [];
    const labels: Partial<Record<TrackingField, string>> = {};
    try {
      const columns = trackingColumns(opened.headers);
      if (columns.letterReference === undefined && columns.trackingNumber === undefined)
        throw refuse('noKeyColumn', { headers: opened.headers.slice(0, 12).join(', ') });
      if (
        columns.trackingNumber === undefined &&
        columns.sentOn === undefined &&
        columns.acknowledgedOn === undefined &&
        columns.outcome === undefined
      )
        throw refuse('noDataColumn');
      for (const field of TRACKING_FIELDS)
        if (columns[field] !== undefined) labels[field] = opened.headers[columns[field]!]!;
      for await (const row of opened.rows) {
        if (lines.length >= MAX_TRACKING_ROWS) throw refuse('tooManyRows', { max: String(MAX_TRACKING_ROWS) });
        const cells: TrackingLine['cells'] = {};
        for (const field of TRACKING_FIELDS)
          if (columns[field] !== undefined) cells[field] = row.cells[columns[field]!] ?? '';
        lines.push({ row: row.rowNumber, cells });
      }
    } finally {
      await opened.close();
    }
    return await importRegisteredMail({ actor, lines, labels, fileName, ip, now });
  } finally {
    await rm(/*turbopackIgnore: true*/ dir, { recursive: true, force: true });
  }
}
