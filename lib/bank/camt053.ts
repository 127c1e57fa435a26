import { xmlChunks } from '../imports/read/xml';
import { compactIban } from './iban';
import { refuseStatement, statementCents, statementDay, type StatementEntry } from './statement-entry';

/*
 * ISO 20022 camt.053 (BankToCustomerStatement), versions 001.02 to 001.08 as French banks send them. Streamed:
 * entries are handed out after each chunk, so a 200 MB statement is read in bounded memory. The element paths
 * read here are common to all seven versions except three, handled below: the entry status became a code
 * (Sts/Cd) in 06, a transaction's own amount moved from AmtDtls/TxAmt/Amt to Amt in 03, and a party's name
 * moved under Pty in 08.
 */

const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.0([2-8])$/;

interface Transaction {
  amount?: string;
  currency?: string;
  bankRef?: string;
  endToEndId?: string;
  /** Both sides as the bank wrote them; the entry's direction says which one is the counterparty. */
  debtorName?: string;
  debtorIban?: string;
  creditorName?: string;
  creditorIban?: string;
  creditorRefs: string[];
  remittance: string[];
  returnReason?: string;
}

interface Entry {
  amount?: string;
  currency?: string;
  direction?: string;
  reversal: boolean;
  status?: string;
  bookingDate?: string;
  valueDate?: string;
  bankRef?: string;
  entryRef?: string;
  transactions: Transaction[];
}

export interface Camt053Reader {
  /** 2 to 8: the version the document declared. */
  version(): number | null;
  entries(): AsyncGenerator<StatementEntry[]>;
}

export function readCamt053(chunks: AsyncIterable<string>): Camt053Reader {
  let version: number | null = null;
  return {
    version: () => version,
    async *entries() {
      const path: string[] = [];
      let text = '';
      let account = '';
      let statementId = '';
      let inStatement = false;
      let positionInStatement = 0;
      let index = 0;
      let entry: Entry | null = null;
      let tx: Transaction | null = null;
      let ready: StatementEntry[] = [];

      const open = (name: string, attributes: Record<string, string>) => {
        if (path.length === 0) {
          const ns = Object.entries(attributes).find(([k]) => k === 'xmlns' || k.startsWith('xmlns:'))?.[1] ?? '';
          const match = NAMESPACE.exec(ns);
          if (name !== 'Document' || !match) throw refuseStatement('namespace', { namespace: ns || name });
          version = Number(match[1]);
        }
        path.push(name);
        text = '';
        if (name === 'Stmt' && path.length === 3) {
          inStatement = true;
          account = '';
          statementId = '';
          positionInStatement = 0;
        } else if (name === 'Ntry' && inStatement && path.length === 4) {
          index++;
          positionInStatement++;
          entry = { reversal: false, transactions: [] };
        } else if (name === 'TxDtls' && entry) {
          tx = { creditorRefs: [], remittance: [] };
          entry.transactions.push(tx);
        } else if (name === 'Amt' && attributes.Ccy) {
          const inTx = tx ? path.slice(path.lastIndexOf('TxDtls') + 1).join('/') : '';
          if (tx && (inTx === 'Amt' || inTx === 'AmtDtls/TxAmt/Amt')) tx.currency = attributes.Ccy;
          else if (!tx && entry && path.length === 5) entry.currency = attributes.Ccy;
        }
      };

      const close = (name: string) => {
        const value = text.trim();
        text = '';
        const depth = path.length;
        if (inStatement && !entry) {
          if (depth === 4 && name === 'Id' && path[2] === 'Stmt') statementId = value;
          // The account as an IBAN, or (some banks) as a proprietary id holding it.
          if (path[3] === 'Acct' && path[4] === 'Id' && (name === 'IBAN' || (name === 'Id' && path[5] === 'Othr'))) {
            account ||= compactIban(value);
          }
        } else if (entry && tx) {
          readTransaction(tx, path.slice(path.lastIndexOf('TxDtls') + 1).join('/'), value);
          if (name === 'TxDtls') tx = null;
        } else if (entry) {
          readEntry(entry, path.slice(4).join('/'), value);
        }
        if (name === 'Ntry' && entry && depth === 4) {
          if (!account) throw refuseStatement('noAccount', { entry: index });
          ready.push(...finish(entry, { index, account, statementId, positionInStatement }));
          entry = null;
        }
        if (name === 'Stmt' && depth === 3) inStatement = false;
        path.pop();
      };

      for await (const _ of xmlChunks(chunks, 'camt.053', { open, close, text: (t) => (text += t) }, refuse)) {
        if (ready.length > 0) {
          yield ready;
          ready = [];
        }
      }
      if (version === null) throw refuseStatement('namespace', { namespace: '' });
      if (ready.length > 0) yield ready;
    },
  };
}

const refuse = (key: string, values: Record<string, string>) => refuseStatement(key, values);

function readEntry(entry: Entry, at: string, value: string): void {
  switch (at) {
    case 'Amt':
      entry.amount = value;
      break;
    case 'CdtDbtInd':
      entry.direction = value;
      break;
    case 'RvslInd':
      entry.reversal = value === 'true' || value === '1';
      break;
    case 'Sts':
    case 'Sts/Cd':
      entry.status = value || entry.status;
      break;
    case 'BookgDt/Dt':
    case 'BookgDt/DtTm':
      entry.bookingDate = value;
      break;
    case 'ValDt/Dt':
    case 'ValDt/DtTm':
      entry.valueDate = value;
      break;
    case 'AcctSvcrRef':
      entry.bankRef = value;
      break;
    case 'NtryRef':
      entry.entryRef = value;
      break;
  }
}

function readTransaction(tx: Transaction, at: string, value: string): void {
  switch (at) {
    case 'Amt':
    case 'AmtDtls/TxAmt/Amt':
      tx.amount ??= value;
      break;
    case 'Refs/AcctSvcrRef':
      tx.bankRef = value;
      break;
    case 'Refs/EndToEndId':
      if (value !== 'NOTPROVIDED') tx.endToEndId = value;
      break;
    case 'RltdPties/Dbtr/Nm':
    case 'RltdPties/Dbtr/Pty/Nm':
      tx.debtorName = value;
      break;
    case 'RltdPties/Cdtr/Nm':
    case 'RltdPties/Cdtr/Pty/Nm':
      tx.creditorName = value;
      break;
    case 'RltdPties/DbtrAcct/Id/IBAN':
      tx.debtorIban = compactIban(value);
      break;
    case 'RltdPties/CdtrAcct/Id/IBAN':
      tx.creditorIban = compactIban(value);
      break;
    case 'RmtInf/Ustrd':
      if (value) tx.remittance.push(value);
      break;
    case 'RmtInf/Strd/CdtrRefInf/Ref':
      if (value) tx.creditorRefs.push(value);
      break;
    case 'RtrInf/Rsn/Cd':
      tx.returnReason = value;
      break;
  }
}

interface Where {
  index: number;
  account: string;
  statementId: string;
  positionInStatement: number;
}

/** An entry and its transactions: a batch booking of several transfers gives one movement per transfer. */
function finish(entry: Entry, where: Where): StatementEntry[] {
  const { index, account } = where;
  if (!entry.amount) throw refuseStatement('missing', { entry: index, element: 'Amt' });
  if (entry.direction !== 'CRDT' && entry.direction !== 'DBIT') {
    throw refuseStatement('missing', { entry: index, element: 'CdtDbtInd' });
  }
  if (!entry.bookingDate) throw refuseStatement('missing', { entry: index, element: 'BookgDt' });
  const currency = entry.currency ?? '';
  // Pending and informational entries are not money on the account yet; they come back booked on a later statement.
  if (entry.status && entry.status !== 'BOOK') return [];
  const total = statementCents(entry.amount, '.', index);
  const bookingDate = statementDay(entry.bookingDate, index);
  const valueDate = entry.valueDate ? statementDay(entry.valueDate, index) : null;
  // Without the bank's reference, the statement's id and the entry's place in it are as stable across imports.
  const entryRef =
    entry.bankRef || entry.entryRef || `${where.statementId || bookingDate}#${where.positionInStatement}`;
  const base = {
    index,
    accountIban: account,
    bookingDate,
    valueDate,
    currency,
    direction: entry.direction === 'CRDT' ? ('CREDIT' as const) : ('DEBIT' as const),
    reversal: entry.reversal,
  };
  const txs = entry.transactions.length > 0 ? entry.transactions : [{ creditorRefs: [], remittance: [] }];
  const split = txs.length > 1;
  const parts = txs.map((tx: Transaction, i) => {
    // One transaction: the entry's amount is the booked one (the transaction's may be in the instructed currency).
    const amountCents = split ? statementCents(tx.amount ?? '', '.', index) : total;
    if (split && tx.currency && tx.currency !== currency) throw refuseStatement('mixedCurrency', { entry: index });
    return {
      ...base,
      bankRef: split ? `${entryRef}/${tx.bankRef || i + 1}` : entryRef,
      amountCents,
      counterpartyName: (base.direction === 'CREDIT' ? tx.debtorName : tx.creditorName) || null,
      counterpartyIban: (base.direction === 'CREDIT' ? tx.debtorIban : tx.creditorIban) || null,
      creditorRefs: tx.creditorRefs,
      remittance: tx.remittance.join(' '),
      endToEndId: tx.endToEndId ?? null,
      returnReason: tx.returnReason ?? null,
    };
  });
  if (split && parts.reduce((sum, p) => sum + p.amountCents, 0n) !== total) {
    throw refuseStatement('batchTotal', { entry: index });
  }
  return parts;
}
