import { performance } from 'node:perf_hooks';
import { renderReminder } from '../../lib/letters/reminder-letter';
import { businessLetter } from '../fixtures/letters/sample-data';

/**
 * Issue 5's baseline: the same one-page reminder rendered `n` times with pdfkit alone — no database, no queue —
 * one after the other on one core. The scenario bench compares the engine's letters per second with this figure.
 */
export async function renderBaseline(n: number): Promise<{ seconds: number; perSecond: number }> {
  if (!Number.isInteger(n) || n < 1) throw new Error('renderBaseline needs a positive whole number of letters');
  const data = businessLetter();
  // One untimed render loads the font metrics and warms the JIT, as a long-running worker would be.
  await renderReminder(data);
  let bytes = 0;
  const start = performance.now();
  for (let i = 0; i < n; i += 1) bytes += (await renderReminder(data)).length;
  const seconds = (performance.now() - start) / 1000;
  // Keeps the output observable so the work cannot be optimised away.
  if (bytes === 0) throw new Error('empty PDFs');
  return { seconds, perSecond: n / seconds };
}
