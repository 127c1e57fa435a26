import { parseArgs } from 'node:util';
import { AppError } from '../errors/app-error';
import { toErrorBody } from '../errors/describe';
import { importFromCommand } from '../imports/import-from-command';

// npm run import -- --agency SLUG --creditor CODE --file PATH
// Progress goes to stderr; the last line on stdout is the JSON summary scripts read.
const { values } = parseArgs({
  options: { agency: { type: 'string' }, creditor: { type: 'string' }, file: { type: 'string' } },
});
const missing = (['agency', 'creditor', 'file'] as const).filter((k) => !values[k]);
if (missing.length) {
  console.error(
    `missing ${missing.map((k) => `--${k}`).join(', ')}\nusage: npm run import -- --agency SLUG --creditor CODE --file PATH`,
  );
  process.exit(2);
}

try {
  const started = performance.now();
  const result = await importFromCommand({
    agency: values.agency!,
    creditor: values.creditor!,
    path: values.file!,
    onProgress: ({ rows, writing }) =>
      process.stderr.write(
        `\r${rows.toLocaleString('fr-FR')} rows read` +
          (writing ? `; writing ${writing.step} (${writing.index}/${writing.of})   ` : ''),
      ),
  });
  process.stderr.write('\n');
  if (result.status === 'REFUSED') {
    console.error(`refused: ${'error' in result ? result.error : 'every row was refused'}`);
  } else {
    console.error(`done in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  }
  const c = (result.counts ?? {}) as Record<string, number>;
  const summary = {
    rows: c.rows ?? 0,
    files: c.files ?? 0,
    claims: c.claims ?? 0,
    duplicates: c.duplicates ?? 0,
    rejected: c.rejected ?? 0,
  };
  console.log(JSON.stringify(summary));
  process.exit(result.status === 'REFUSED' ? 1 : 0);
} catch (error) {
  // The command line speaks English, through the one mapper: the refusal and each field's reason.
  if (error instanceof AppError) {
    const { message, fields } = toErrorBody(error).body.error;
    console.error([message, ...Object.entries(fields ?? {}).map(([field, text]) => `${field}: ${text}`)].join('\n'));
  } else console.error(error);
  console.log(JSON.stringify({ rows: 0, files: 0, claims: 0, duplicates: 0, rejected: 0 }));
  process.exit(1);
}
