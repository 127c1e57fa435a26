/** One row of the uploaded table: its number as the creditor's spreadsheet shows it, and its cells as text. */
export interface RawRow {
  rowNumber: number;
  cells: string[];
}

/** A reader's rows; `close` releases the file even when the rows were never iterated. */
export interface RowSource {
  rows: AsyncGenerator<RawRow>;
  close: () => Promise<void>;
}
