import { compactIban } from './iban';
import { refuseStatement, statementCents, type StatementEntry } from './statement-entry';

/*
 * SWIFT MT940 customer statement, for banks that still send it. A file holds one or more statements, each a
 * run of tagged fields: :20: its reference, :25: the account, :28C: its number, :60F:/:60M: the opening balance
 * (whose currency the entries share), then pairs of :61: (the movement) and :86: (free text for the account
 * owner), and :62F:. Lines not starting with a tag continue the previous field.
 */

const STATEMENT_LINE =
  /^(\d{2})(\d{2})(\d{2})(\d{4})?(RC|RD|C|D)([A-Z])?(\d{1,12},\d{0,2})([NFS][A-Z0-9]{3})(.*?)(?:\/\/(.*))?$/;

interface Statement {
  reference: string;
  account: string;
  number: string;
  currency: string;
  position: number;
}

interface Movement {
  line: string;
  details: string[];
  info: string[];
}

export async function* readMt940(lines: AsyncIterable<string>): AsyncGenerator<StatementEntry[]> {
  let statement: Statement | null = null;
  let movement: Movement | null = null;
  let field: { tag: string; lines: string[] } | null = null;
  let index = 0;
  let ready: StatementEntry[] = [];
  let sawStatement = false;

  const flushMovement = () => {
    if (movement && statement) ready.push(toEntry(movement, statement, ++index));
    movement = null;
  };
  const endField = () => {
    if (!field) return;
    const { tag, lines: value } = field;
    field = null;
    const first = value[0]!.trim();
    if (tag === '20') {
      flushMovement();
      sawStatement = true;
      statement = { reference: first, account: '', number: '', currency: '', position: 0 };
    } else if (!statement) {
      throw refuseStatement('mt940Field', { line: `:${tag}:` });
    } else if (tag === '25') {
      statement.account = accountOf(first);
    } else if (tag === '28C' || tag === '28') {
      statement.number = first;
    } else if (tag === '60F' || tag === '60M') {
      statement.currency = /^[CD]\d{6}([A-Z]{3})/.exec(first)?.[1] ?? '';
    } else if (tag === '61') {
      flushMovement();
      statement.position++;
      movement = { line: first, details: value.slice(1), info: [] };
    } else if (tag === '86') {
      if (movement) movement.info.push(...value);
    } else if (tag === '62F' || tag === '62M') {
      flushMovement();
    }
  };

  for await (const raw of lines) {
    let line = raw.replace(/\r$/, '');
    // SWIFT envelopes: header blocks {1:}{2:} before the text block {4:, which ends with "-}", then trailers {5:}.
    const text = line.lastIndexOf('{4:');
    if (text >= 0) line = line.slice(text + 3);
    if (/^-\}?\s*$/.test(line) || /^\{[1-5]:/.test(line)) {
      endField();
      continue;
    }
    const tagged = /^:(\d{2}[A-Z]?):(.*)$/.exec(line);
    if (tagged) {
      endField();
      field = { tag: tagged[1]!, lines: [tagged[2]!] };
    } else if (field && line.trim()) {
      field.lines.push(line);
    }
    if (ready.length >= 500) {
      yield ready;
      ready = [];
    }
  }
  endField();
  flushMovement();
  if (!sawStatement) throw refuseStatement('mt940Field', { line: ':20:' });
  if (ready.length > 0) yield ready;
}

/** ":25:" holds an IBAN, "BIC/IBAN" or a national "bank code/account number"; the rest is compared as written. */
function accountOf(value: string): string {
  const parts = value.split('/').map((p) => p.trim());
  const iban = parts.find((p) => /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compactIban(p)));
  return iban ? compactIban(iban) : value.replace(/[\s/]/g, '').toUpperCase();
}

function toEntry(movement: Movement, statement: Statement, index: number): StatementEntry {
  const m = STATEMENT_LINE.exec(movement.line.trim());
  if (!m) throw refuseStatement('mt940Line', { entry: index, value: movement.line.slice(0, 40) });
  const [, yy, mm, dd, bookingMmdd, mark, , amount, , customerRef, bankRef] = m;
  const valueDate = day(`20${yy}`, mm!, dd!, index);
  // The booking day has no year: the value day's, or the next or previous one across a new year.
  let bookingDate = valueDate;
  if (bookingMmdd) {
    const year = Number(`20${yy}`);
    const bm = bookingMmdd.slice(0, 2);
    const shift = bm === '01' && mm === '12' ? 1 : bm === '12' && mm === '01' ? -1 : 0;
    bookingDate = day(String(year + shift), bm, bookingMmdd.slice(2), index);
  }
  if (!statement.currency) throw refuseStatement('missing', { entry: index, element: ':60F:' });
  if (!statement.account) throw refuseStatement('noAccount', { entry: index });
  const info = movement.info.map((l) => l.trim()).join('');
  const customer = customerRef!.trim();
  const bank = (bankRef ?? '').trim();
  return {
    index,
    accountIban: statement.account,
    bankRef:
      bank && bank !== 'NONREF'
        ? bank
        : `${statement.reference}/${statement.number || bookingDate}#${statement.position}`,
    bookingDate,
    valueDate,
    amountCents: statementCents(amount!, ',', index),
    currency: statement.currency,
    direction: mark === 'C' || mark === 'RD' ? 'CREDIT' : 'DEBIT',
    reversal: mark!.startsWith('R'),
    counterpartyName: nameIn(info),
    counterpartyIban: null,
    creditorRefs: [],
    remittance: [remittanceIn(info), customer !== 'NONREF' ? customer : ''].filter(Boolean).join(' '),
    endToEndId: /\/EREF\/([^/]+)/.exec(info)?.[1]?.trim() ?? null,
    returnReason: /\/RTRN\/([A-Z0-9]{4})/.exec(info)?.[1] ?? null,
  };
}

function day(year: string, month: string, date: string, index: number): string {
  const iso = `${year}-${month}-${date}`;
  const check = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso) {
    throw refuseStatement('date', { entry: index, value: iso });
  }
  return iso;
}

/** German banks' ?32/?33 subfields, or the /NAME/ of the ordering party (French and Dutch banks). */
function nameIn(info: string): string | null {
  const german = [...info.matchAll(/\?3[23]([^?]*)/g)].map((x) => x[1]!.trim()).join(' ');
  if (german) return german;
  return /\/NAME\/([^/]+)/.exec(info)?.[1]?.trim() || null;
}

/** What the payer wrote: ?20–?29, or /REMI/ (the unstructured part after USTD//), or the whole text. */
function remittanceIn(info: string): string {
  const german = [...info.matchAll(/\?2\d([^?]*)/g)].map((x) => x[1]!).join('');
  if (german) return german.trim();
  const remi = /\/REMI\/(?:USTD\/\/)?(.*?)(?:\/(?:EREF|ORDP|NAME|BENM|RTRN|IREF|PURP)\/|$)/.exec(info);
  return (remi ? remi[1]! : info).trim();
}
