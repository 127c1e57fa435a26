import { basename } from 'node:path';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { importStatement } from '../reconciliation/import-statement';
import { rawPool } from '../db/raw';
import { AppError } from '../errors/app-error';
import { toErrorBody } from '../errors/describe';
import { automaticActor } from '../tenancy/actor';

// npm run statement -- --agency SLUG --file PATH
// Progress goes to stderr; the last line on stdout is the JSON summary scripts read.
const { values } = parseArgs({ options: { agency: { type: 'string' }, file: { type: 'string' } } });
const missing = (['agency', 'file'] as const).filter((k) => !values[k]);
if (missing.length) {
  console.error(
    `missing ${missing.map((k) => `--${k}`).join(', ')}\nusage: npm run statement -- --agency SLUG --file PATH`,
  );
  process.exit(2);
}

const empty = { entries: 0, credits: 0, matched: 0, doubtful: 0, unmatched: 0, duplicates: 0 };
try {
  const started = performance.now();
  // Agencies are global (no row-level security); everything after this runs in the agency's tenant.
  const { rows } = await rawPool().query<{ id: string }>('SELECT id FROM agency WHERE slug = $1', [values.agency]);
  if (!rows[0]) {
    throw AppError.invalid({ agency: { key: 'errors.cli.unknownAgency', values: { agency: values.agency! } } });
  }
  await stat(values.file!).catch(() => {
    throw AppError.invalid({ file: { key: 'errors.cli.fileNotFound', values: { path: values.file! } } });
  });
  const result = await importStatement({
    actor: automaticActor(rows[0].id, values.agency!),
    path: values.file!,
    fileName: basename(values.file!),
    source: 'CLI',
    onProgress: (c) =>
      process.stderr.write(
        `\r${c.entries.toLocaleString('en')} entries: ${c.matched} matched, ${c.doubtful} doubtful, ${c.unmatched} unmatched, ${c.duplicates} already imported   `,
      ),
  });
  process.stderr.write(`\ndone in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  const { statementId: _, ...counts } = result;
  console.log(JSON.stringify(counts));
  process.exit(0);
} catch (error) {
  // The command line speaks English, through the one mapper: the refusal and each field's reason.
  if (error instanceof AppError) {
    const { message, fields } = toErrorBody(error).body.error;
    console.error([message, ...Object.entries(fields ?? {}).map(([field, text]) => `${field}: ${text}`)].join('\n'));
  } else console.error(error);
  console.log(JSON.stringify(empty));
  process.exit(1);
}
