import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { requireApiActor } from '@/lib/auth/session';
import { MAX_STATEMENT_BYTES } from '@/lib/bank/read-statement';
import { refuseStatement } from '@/lib/bank/statement-entry';
import { AppError } from '@/lib/errors/app-error';
import { handle } from '@/lib/http/handle';
import { requestIp } from '@/lib/net/client-ip';
import { importStatement } from '@/lib/reconciliation/import-statement';
import { authorize } from '@/lib/tenancy/permissions';

/**
 * A bank statement of the creditors'-funds account as the raw request body (camt.053, MT940, or a zip of one):
 * POST /api/bank-statements?fileName=… → 200 with { entries, credits, matched, doubtful, unmatched, duplicates };
 * a refused statement → 400 naming the entry and the reason, nothing written. Scripts watching the bank's
 * delivery folder post here; the reconciliation page uploads through it.
 */
export async function POST(request: Request) {
  return handle(async () => {
    const actor = await requireApiActor();
    authorize(actor, 'bank.import');
    if (!request.body) throw AppError.invalid({ file: 'errors.request.emptyFile' }, { key: 'errors.request.noFile' });
    const fileName = (new URL(request.url).searchParams.get('fileName') ?? 'statement').slice(0, 255);
    // Read twice (checked whole, then imported), so kept on disk while it is worked on, and bounded as it arrives.
    const dir = join(tmpdir(), 'recouvra-statements');
    await mkdir(dir, { recursive: true });
    const path = join(dir, randomUUID());
    let size = 0;
    const bounded = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(
          size > MAX_STATEMENT_BYTES ? refuseStatement('tooLarge', { size: `${MAX_STATEMENT_BYTES >> 20} MB` }) : null,
          chunk,
        );
      },
    });
    try {
      await pipeline(Readable.fromWeb(request.body as WebReadableStream<Uint8Array>), bounded, createWriteStream(path));
      const { statementId: _, ...counts } = await importStatement({
        actor,
        ip: requestIp(request),
        path,
        fileName,
        source: 'API',
      });
      return counts;
    } finally {
      await rm(path, { force: true });
    }
  });
}
