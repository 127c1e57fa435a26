export type Delimiter = ',' | ';' | '\t';

const CANDIDATES: readonly Delimiter[] = [';', '\t', ','];
const SAMPLE_RECORDS = 50;

export interface SniffedDelimiter {
  delimiter: Delimiter;
  /** Excel's "sep=;" first line: it names the delimiter and is not a row of the table. */
  sepLine: boolean;
}

/**
 * The delimiter that splits the first records into the same number of fields most consistently, counting
 * only outside quotes. French exports use ";" because "," is their decimal mark, so an unquoted `1 234,56`
 * makes comma counts vary from line to line while semicolons stay steady.
 */
export function detectDelimiter(text: string, complete: boolean): SniffedDelimiter {
  const sep = /^sep=([,;\t])\r?\n/i.exec(text);
  if (sep) return { delimiter: sep[1] as Delimiter, sepLine: true };
  const records = sampleRecords(text, complete);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const d of CANDIDATES) {
    const counts = records.map((r) => r[d]);
    const score = consistency(counts);
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  return { delimiter: best, sepLine: false };
}

type Counts = Record<Delimiter, number>;

function sampleRecords(text: string, complete: boolean): Counts[] {
  const records: Counts[] = [];
  let current: Counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  let blank = true;
  for (let i = 0; i < text.length && records.length < SAMPLE_RECORDS; i++) {
    const c = text[i]!;
    if (c === '"')
      inQuotes = !inQuotes; // a doubled "" toggles twice: still right
    else if (inQuotes) continue;
    else if (c === '\n' || c === '\r') {
      if (!blank) records.push(current);
      current = { ',': 0, ';': 0, '\t': 0 };
      blank = true;
      continue;
    } else if (c === ',' || c === ';' || c === '\t') current[c]++;
    if (c !== ' ') blank = false;
  }
  // The last record of a cut-off head is probably cut too; keep it when it is all there is.
  if (!blank && (complete || records.length === 0)) records.push(current);
  return records;
}

// The usual field count weighted by how many records share it; a delimiter absent from the header scores 0.
function consistency(counts: number[]): number {
  if (counts.length === 0 || counts[0] === 0) return 0;
  const frequency = new Map<number, number>();
  for (const n of counts) frequency.set(n, (frequency.get(n) ?? 0) + 1);
  let mode = 0;
  let modeCount = 0;
  for (const [n, f] of frequency) if (f > modeCount || (f === modeCount && n > mode)) [mode, modeCount] = [n, f];
  return mode * (modeCount / counts.length);
}
