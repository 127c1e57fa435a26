import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCatalogueKey } from '../../lib/errors/describe';

// Errors are catalogue keys (docs/architecture.md): a use-case throws a key and its values, and the one mapper
// (lib/errors/describe) writes them in the reader's language. Two ways back to the old habits fail here:
// reading English message text back to find a key (a reverse lookup), and throwing text instead of a key.

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sources(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

/** Code that finds a key from message text: `xMessageKey(message)`, a map built from message tables, a regex on `.message`. */
const LOOKUPS: [RegExp, string][] = [
  [/\w+MessageKey\s*\(/, 'a function that maps message text to a key'],
  [/new Map<[^>]*>\(\s*Object\.entries\(\w*MESSAGES\)/, 'a map from message text to key'],
  [/\.(test|exec|match)\(\s*[\w.]*\.message\b/, 'a regex run on an error message'],
  [
    /\b\w*(error|err|answer|failure)\w*(\.error)?\.message\s*(===|!==|\.startsWith|\.includes|\.match)/i,
    'a comparison of message text',
  ],
];

/** A string, quoted or a template, as it stands in the source. */
const LITERAL = '(\'(?:[^\'\\\\\\n]|\\\\.)*\'|"(?:[^"\\\\\\n]|\\\\.)*"|`[^`]*`)';

/**
 * Whether a literal found where a message goes is text a person would read rather than a catalogue key: a key
 * from the root (`payments.errors.amount`) or under `reasons` (`row.notText`, as stored refusals name them), a
 * template that builds one (`tracking.${key}`), a path or nothing at all are not.
 */
export function isText(literal: string): boolean {
  const body = literal.slice(1, -1);
  if (literal.startsWith('`')) return !/^[a-zA-Z]+(\.[a-zA-Z0-9_]+)*\.\$\{/.test(body) && /[a-zA-Z]/.test(body);
  if (body === '' || body.startsWith('/') || !/[a-zA-Z]/.test(body)) return false;
  return !isCatalogueKey(body) && !isCatalogueKey(`reasons.${body}`);
}

/** Where a literal is a message someone reads: the error of a thrower or refusal, a zod message, a field's message. */
const MESSAGE_PLACES: [RegExp, string][] = [
  [new RegExp(String.raw`new AppError\(\s*'[A-Z_]+',\s*${LITERAL}`, 'g'), 'an AppError'],
  [new RegExp(String.raw`AppError\.refused\(\s*'[A-Z_]+',\s*${LITERAL}`, 'g'), 'a refusal'],
  [new RegExp(String.raw`\brefuse\(\s*'[\w.]+',\s*${LITERAL}\)`, 'g'), 'a refusal'],
  [new RegExp(String.raw`AppError\.invalid\(\s*\{\s*['\w.]+:\s*${LITERAL}`, 'g'), 'a field refusal'],
  [new RegExp(String.raw`\b(?:ref|keyWith)\(\s*${LITERAL}`, 'g'), 'a reference'],
  // zod: a check's message after its bound or pattern, a format's only argument, an `error`/`message` option.
  [
    new RegExp(
      String.raw`\.(?:min|max|length|gt|gte|lt|lte|multipleOf|regex|refine|nonempty)\([^\n]*?,\s*${LITERAL}\s*\)`,
      'g',
    ),
    'a zod message',
  ],
  [
    new RegExp(
      String.raw`\.(?:int|uuid|email|url|positive|negative|nonnegative|nonpositive|finite|cuid|ipv4|ipv6)\(\s*${LITERAL}\s*\)`,
      'g',
    ),
    'a zod message',
  ],
  [new RegExp(String.raw`\b(?:error|message):\s*${LITERAL}`, 'g'), 'a message'],
];

/**
 * Files whose plain `Error`s are internal — a broken invariant, a bad configuration, a tool's usage — never
 * shown: the mapper answers them with the generic INTERNAL message (lib/errors/describe). Anywhere else a
 * `throw new Error('…')` is text a user may be shown: throw an AppError with a catalogue key instead.
 */
const INTERNAL_ERRORS = [
  /^lib\/(config|db|cli|demo|queue|mail)\//, // start-up, migrations, command line, seed, transports
  /^lib\/tenancy\/sign-in-throttle\.ts$/, // a Redis transaction that did not run
  /^lib\/debtor-page\/throttle\.ts$/, // the same, for the debtor's second factor
  /^lib\/debtor-links\/token\.ts$/, // a deployment without its secret: start-up configuration, not a user's input
  /^lib\/auth\/options\.ts$/, // next-auth's error code, turned into "too many attempts" by the sign-in page
  /^lib\/history\/(fields|kinds)\.ts$/, // a timeline line written with the wrong details: a programming error
  /^lib\/letters\/(format|epc-qr|amount-in-words)\.ts$/, // the renderers' preconditions, checked before
  /^lib\/bank\/creditor-reference\.ts$/, // drawn from the agency's own file references (letters and digits)
  /^lib\/interest\/rules\.ts$/, // empty rate tables: the seed and migrations fill them
  /^lib\/compliance\/contact-window\.ts$/, // a window with no slot: the schema refuses one before
  /^lib\/scenarios\/(start-scenarios|guards|step\/effects)\.ts$/, // the engine's invariants (worker log)
  /^lib\/creditors\/require-active-mandate\.ts$/, // a caller passing a malformed day
  /^lib\/imports\/pipeline\/(merge|integrity)\.ts$/, // the mandate checked by the caller in the same transaction
  /^lib\/payments\/issue-receipt\.ts$/, // a payment written in the same transaction
  /^lib\/payments\/issue-plan-letter\.ts$/, // a plan written in the same transaction
  /^lib\/i18n\/client-messages\.ts$/, // a namespace the code names that the catalogue lacks (a unit test checks)
  /^lib\/reports\/summaries\.ts$/, // the refresh of an agency that exists
  /^lib\/dates\/agency-clock\.ts$/, // the transaction's own agency
  /^lib\/accounting\/ledger-entries\.ts$/, // a posting function given an impossible event: a programming error
  /^lib\/tasks\/notes\.ts$/, // a task note written with the wrong key or values, as history kinds
  // The transfer file from values checked at input (IBAN, BIC, amounts), and the schema check after it: a failure is a
  // bug to log, never a file nor a sentence handed to a user (the approval's transaction rolls back as INTERNAL).
  /^lib\/remittances\/(pain001|validate-pain001)\.ts$/,
  /^lib\/judicial\/rules\.ts$/, // a catalogue deadline counted from one its step does not open: a programming error
  /^lib\/backup\//, // the operator's backup and restore-drill commands: their errors are for the terminal
  /^lib\/storage\/(active|s3-driver)\.ts$/, // the storage settings at start-up, the bucket's transport
  /^lib\/system\/health\.ts$/, // a probe that timed out: the readiness answer names the service, not this text
  // A Redis transaction that did not run; a deployment without its secret, or a sealed value or TOTP secret the app
  // did not write itself: configuration and invariants, never a person's input (issue 18).
  /^lib\/accounts\/(reset-throttle|secret-box|totp)\.ts$/,
  /^lib\/invoices\/factur-x\.ts$/, // the e-invoice library answering another type than it documents: a bug to log
];

const PLAIN_ERROR = new RegExp(String.raw`new Error\(\s*${LITERAL}`, 'g');

/** A sentence kept in a constant (`const NO_PROCEEDINGS = 'no … recorded'`) and then given where a message goes. */
const TEXT_CONSTANT = new RegExp(String.raw`\bconst ([A-Z][A-Z0-9_]*)\s*=\s*${LITERAL}`, 'g');
const usedAsMessage = (name: string) =>
  new RegExp(
    String.raw`(?:new (?:App)?Error\(\s*(?:'[A-Z_]+',\s*)?|AppError\.refused\(\s*'[A-Z_]+',\s*|\brefuse\(\s*'[\w.]+',\s*|\b(?:error|message):\s*|\.(?:int|uuid|email|min|max|length|regex|refine)\((?:[^\n]*?,\s*)?)${name}\b`,
  );

/** A table of messages (`FOO_MESSAGES = { kind: 'must be one of …' }`) whose entries are sentences, not keys. */
const MESSAGE_TABLE = /\b[A-Z_]*MESSAGES\s*=\s*\{([\s\S]*?)\n\}/g;
const TABLE_ENTRY = new RegExp(String.raw`\b\w+:\s*${LITERAL}`, 'g');

export function findings(source: string, file = 'lib/x/use-case.ts'): string[] {
  const found: string[] = [];
  for (const [pattern, what] of LOOKUPS) if (pattern.test(source)) found.push(what);
  for (const [pattern, what] of MESSAGE_PLACES) {
    for (const match of source.matchAll(pattern)) {
      if (isText(match[1]!)) found.push(`text instead of a key in ${what}: ${match[1]}`);
    }
  }
  for (const [, name, literal] of source.matchAll(TEXT_CONSTANT)) {
    if (isText(literal!) && usedAsMessage(name!).test(source))
      found.push(`text instead of a key in ${name}: ${literal}`);
  }
  for (const [, table] of source.matchAll(MESSAGE_TABLE)) {
    for (const [, literal] of table!.matchAll(TABLE_ENTRY)) {
      if (isText(literal!)) found.push(`text instead of a key in a table of messages: ${literal}`);
    }
  }
  if (!INTERNAL_ERRORS.some((internal) => internal.test(file))) {
    for (const match of source.matchAll(PLAIN_ERROR)) {
      if (isText(match[1]!)) found.push(`an Error with text a user may read: ${match[1]}`);
    }
  }
  return found;
}

describe('errors are catalogue keys', () => {
  it('the scanner finds each habit it is meant to refuse', () => {
    expect(findings('const key = paymentMessageKey(error.message);')).toHaveLength(1);
    expect(
      findings('const KEY_OF = new Map<string, K>(Object.entries(PAYMENT_MESSAGES).map(([k, m]) => [m, k]));'),
    ).toHaveLength(1);
    expect(findings('if (/^File \\S+ was changed/.test(error.message)) banner();')).toHaveLength(1);
    expect(findings('const stale = /^File/.exec(error.message);')).toHaveLength(1);
    expect(findings("if (error.message === 'Internal error') x();")).toHaveLength(1);
    expect(findings("throw new AppError('CONFLICT', 'this file already has a plan');")).toHaveLength(1);
    expect(findings("throw new AppError('CONFLICT', `File ${ref} changed`);")).toHaveLength(1);
    expect(findings("throw refuse('taskId', 'is not a task of this file');")).toHaveLength(1);
    expect(findings("throw new AppError('CONFLICT', 'payments.errors.planActive');")).toEqual([]);
    expect(findings("throw refuse('taskId', 'workspace.errors.notOfFile');")).toEqual([]);
  });

  it('the scanner finds English text where a message goes, and lets keys through', () => {
    // zod: a check's message, a format's, an option's (quoted or a template).
    expect(findings(".max(100, 'at most 100 characters')")).toHaveLength(1);
    expect(findings(`.regex(SEARCH_TEXT, "use letters, digits, spaces and . , ' - / & # _ only")`)).toHaveLength(1);
    expect(findings(".refine((s) => s.start < s.end, 'must be later than the start time')")).toHaveLength(1);
    expect(findings("creditor: z.string().uuid('must be a creditor id'),")).toHaveLength(1);
    expect(findings('z.number().int(`must be a whole number from 1 to ${MAX}`)')).toHaveLength(1);
    expect(findings("z.enum(KINDS, { error: `must be one of ${KINDS.join(', ')}` })")).toHaveLength(1);
    expect(
      findings("ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'only a suspension has an end' });"),
    ).toHaveLength(1);
    // A refusal or a field built from a sentence, a reference to a key that does not exist.
    expect(findings("throw AppError.invalid({ mapping: 'no column for the amount' });")).toHaveLength(1);
    expect(findings('problems.push({ field, message: `no column for ${LABELS[field]}` });')).toHaveLength(1);
    expect(
      findings("return NextResponse.json({ error: { code: 'NOT_FOUND', message: 'Section not found' } });"),
    ).toHaveLength(1);
    expect(findings("const m = keyWith('errors.field.noSuchKey', { max: 5 });")).toHaveLength(1);
    // …also when the sentence sits in a constant or a table of messages first.
    expect(
      findings("const NO_PROCEEDINGS = 'nothing to declare';\nthrow new AppError('CONFLICT', NO_PROCEEDINGS);"),
    ).toHaveLength(1);
    expect(findings('const CAP = `must be 1 to ${MAX}`;\nconst cap = z.number().int(CAP).min(1, CAP);')).toHaveLength(
      1,
    );
    expect(findings("export const WINDOW_MESSAGES = {\n  time: 'must be a time written HH:MM',\n};")).toHaveLength(1);
    expect(
      findings("const NO_FUNDS = 'errors.letters.noFundsAccount';\nthrow new AppError('CONFLICT', NO_FUNDS);"),
    ).toEqual([]);
    expect(findings("const HEADER = 'Invoice';\nrow.push(HEADER);")).toEqual([]);
    // A plain Error in a use-case is text a user may read; in the files that only break on a bug, it is not.
    expect(findings("if (!iban) throw new Error('the funds account is not set');")).toHaveLength(1);
    expect(findings('throw new Error(`no agency ${id}`);', 'lib/reports/summaries.ts')).toEqual([]);
    // Keys pass: from the root, under `reasons`, with values, built by a template; paths and empty text too.
    expect(findings(".max(100, keyWith('errors.field.maxLength', { max: 100 }))")).toEqual([]);
    expect(findings(".regex(SEARCH_TEXT, 'errors.field.search')")).toEqual([]);
    expect(findings("z.string({ error: 'row.notText' })")).toEqual([]);
    expect(findings("ctx.addIssue({ code: 'custom', message: `tracking.${key}` });")).toEqual([]);
    expect(findings("pages: { signIn: '/signin', error: '/signin' },")).toEqual([]);
    expect(findings("form.setError({ code: 'INVALID', message: '', fields: local });")).toEqual([]);
    expect(findings("if (phone.startsWith('+')) x();")).toEqual([]);
  });

  it('no code in lib/, app/ or components/ reads message text back or gives text where a key goes', () => {
    const offenders: Record<string, string[]> = {};
    for (const dir of ['lib', 'app', 'components']) {
      for (const file of sources(path.join(ROOT, dir))) {
        const found = findings(readFileSync(file, 'utf8'), path.relative(ROOT, file));
        if (found.length > 0) offenders[path.relative(ROOT, file)] = found;
      }
    }
    expect(offenders).toEqual({});
  });
});
