import PDFDocument from 'pdfkit';
import { db } from '../db/client';
import { AppError } from '../errors/app-error';
import { parseInput } from '../errors/zod';
import { formatMoney, formatPercent, formatShortDay, formatShortMonth } from '../i18n/format';
import { winAnsi as latin } from '../letters/format';
import type { Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import type { Dashboard } from './dashboard-data';
import type { ExportLabels } from './export';
import { dashboard } from './queries';
import { addDays, addMonths } from '../dates/days';
import { DEFINITIONS, type DefinitionKey } from './rules';
import { monthlyReportSchema } from './schemas';

// The monthly report a manager sends to the agency's partners or files away: the month's figures, the last
// twelve months' recovery, aging, agents against their targets, and the definitions. Standard Helvetica
// (WinAnsi: French accents and € print), one column of tables; drawn from the same dashboard data as the screen.

/** Standard Helvetica has no arrow: the definitions' "→" would print as "?". */
const winAnsi = (text: string) => latin(text.replaceAll('→', '->'));

const MARGIN = 48;
const WIDTH = 595.28 - 2 * MARGIN;
const BRAND = '#185a4b';

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

export async function monthlyReportPdf({
  actor,
  query,
  labels,
}: {
  actor: Actor;
  query: Record<string, string>;
  labels: ExportLabels;
}): Promise<{ pdf: Buffer; month: string }> {
  authorize(actor, 'dashboards.read');
  const { month, creditorId } = parseInput(monthlyReportSchema, query);
  const first = `${month}-01`;
  const last = addDays(addMonths(first, 1), -1);
  const d = await dashboard({
    actor,
    query: {
      from: addMonths(first, -11),
      to: last,
      grain: 'month',
      by: 'creditor',
      ...(creditorId ? { creditorId } : {}),
    },
  });
  // Agents are measured on the month alone.
  const month_ = await dashboard({
    actor,
    query: { from: first, to: last, grain: 'month', by: 'creditor', ...(creditorId ? { creditorId } : {}) },
  });
  const agency = await db().agency.findUnique({ where: { id: actor.tenantId }, select: { name: true } });
  if (!agency) throw AppError.notFound();
  return { pdf: await render(d, month_, { month: first, agency: agency.name, labels }), month };
}

async function render(
  d: Dashboard,
  monthOnly: Dashboard,
  ctx: { month: string; agency: string; labels: ExportLabels },
): Promise<Buffer> {
  const { labels: l } = ctx;
  const t = l.text;
  const locale = l.locale;
  const money = (cents: number) => winAnsi(formatMoney(cents, 'EUR', locale));
  const pct = (rate: number | null) => winAnsi(formatPercent(rate, locale));
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: t('pdfTitle'), Author: ctx.agency } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  const monthName = formatShortMonth(ctx.month, locale, true);
  const monthLabel = (m: string) => formatShortMonth(m, locale);
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .fillColor(BRAND)
    .text(winAnsi(`${t('pdfTitle')} — ${monthName}`));
  doc.moveDown(0.2).font('Helvetica').fontSize(10).fillColor('#333333').text(winAnsi(ctx.agency));
  if (d.filters.creditorId && d.breakdown.rows[0])
    doc.text(winAnsi(`${t('by.creditor')} : ${d.breakdown.rows[0].label}`));
  doc.moveDown(0.8);

  const monthRow = d.months.find((m) => m.month === ctx.month);
  const collected = d.collections.find((c) => c.month === ctx.month);
  const kpis: [string, string][] = [
    [t('pdfPlacedInMonth'), money(monthRow?.placedCents ?? 0)],
    [t('pdfRecoveredInMonth'), money(collected?.recoveredCents ?? 0)],
    [t('pdfCollectedInMonth'), money(collected?.collectedCents ?? 0)],
    [t('pdfRate12'), pct(d.totals.rate)],
    [t('outstanding'), `${money(d.aging.outstandingCents)} (${d.aging.claims} ${t('claims').toLowerCase()})`],
  ];
  for (const [label, value] of kpis) {
    const y = doc.y;
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor('#333333')
      .text(winAnsi(label), MARGIN, y, { width: WIDTH * 0.6 });
    doc.font('Helvetica-Bold').text(value, MARGIN + WIDTH * 0.6, y, { width: WIDTH * 0.4, align: 'right' });
  }
  definitionNote(doc, 'recoveryRate', locale);

  section(doc, t('sheetMonths'));
  table(
    doc,
    [
      { header: t('placementMonth'), width: 0.2 },
      { header: t('files'), width: 0.12, align: 'right' },
      { header: t('placed'), width: 0.24, align: 'right' },
      { header: t('recovered'), width: 0.24, align: 'right' },
      { header: t('rate'), width: 0.2, align: 'right' },
    ],
    d.months.map((m) => [
      monthLabel(m.month),
      String(m.files),
      money(m.placedCents),
      money(m.recoveredCents),
      pct(m.rate),
    ]),
  );

  section(doc, t('by.creditor'));
  table(
    doc,
    [
      { header: t('by.creditor'), width: 0.36 },
      { header: t('placed'), width: 0.22, align: 'right' },
      { header: t('recovered'), width: 0.22, align: 'right' },
      { header: t('rate'), width: 0.2, align: 'right' },
    ],
    d.breakdown.rows.map((r) => [r.label, money(r.placedCents), money(r.recoveredCents), pct(r.rate)]),
  );

  section(doc, `${t('sheetAging')} (${t('asOf')} ${d.aging.asOf ? formatShortDay(d.aging.asOf, locale) : '—'})`);
  table(
    doc,
    [
      { header: t('bucket'), width: 0.4 },
      { header: t('claims'), width: 0.25, align: 'right' },
      { header: t('outstanding'), width: 0.35, align: 'right' },
    ],
    d.aging.rows.map((r) => [t(`buckets.${r.bucket}`), String(r.claims), money(r.outstandingCents)]),
  );
  definitionNote(doc, 'aging', locale);

  if (monthOnly.agents) {
    section(doc, `${t('sheetAgents')} — ${monthName}`);
    const vs = (actual: number, target: number | null, fmt: (n: number) => string = String) =>
      target === null ? fmt(actual) : `${fmt(actual)} / ${fmt(target)}`;
    table(
      doc,
      [
        { header: t('agent'), width: 0.28 },
        { header: t('metrics.calls'), width: 0.14, align: 'right' },
        { header: t('metrics.letters'), width: 0.14, align: 'right' },
        { header: t('metrics.promisesKept'), width: 0.16, align: 'right' },
        { header: t('metrics.collected'), width: 0.28, align: 'right' },
      ],
      monthOnly.agents.rows.map((a) => [
        a.name,
        vs(a.totals.calls, a.targets.CALLS),
        vs(a.totals.letters, a.targets.LETTERS),
        vs(a.totals.promisesKept, a.targets.PROMISES_KEPT),
        vs(a.totals.collectedCents, a.targets.COLLECTED, money),
      ]),
    );
    definitionNote(doc, 'targetAttainment', locale);
  }

  if (d.scenarios && d.scenarios.length > 0) {
    section(doc, t('sheetScenarios'));
    table(
      doc,
      [
        { header: t('scenario'), width: 0.34 },
        { header: t('files'), width: 0.09, align: 'right' },
        { header: t('cost'), width: 0.14, align: 'right' },
        { header: t('recovered'), width: 0.16, align: 'right' },
        { header: t('matureRate'), width: 0.13, align: 'right' },
        { header: t('costPer100'), width: 0.14, align: 'right' },
      ],
      d.scenarios.map((v) => [
        `${v.name} v${v.version}`,
        String(v.files),
        money(v.costCents),
        money(v.recoveredCents),
        v.matureFiles === 0 ? '—' : `${pct(v.matureRate)} (${v.matureFiles})`,
        v.costPer100 === null ? '—' : money(v.costPer100),
      ]),
    );
    definitionNote(doc, 'scenario', locale);
  }

  section(doc, t('sheetDefinitions'));
  for (const key of [
    'recoveryRate',
    'cohort',
    'aging',
    'debtAge',
    'promiseKeptRate',
    'collected',
    'scenario',
  ] as DefinitionKey[]) {
    doc
      .font('Helvetica-Bold')
      .fontSize(8.5)
      .fillColor('#111111')
      .text(winAnsi(t(`definitions.${key}`)));
    doc.font('Helvetica').fontSize(8).fillColor('#444444').text(winAnsi(DEFINITIONS[key][locale]));
    doc.moveDown(0.3);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function section(doc: PDFKit.PDFDocument, title: string): void {
  if (doc.y > 700) doc.addPage();
  doc.moveDown(0.9).font('Helvetica-Bold').fontSize(12).fillColor(BRAND).text(winAnsi(title), MARGIN);
  doc.moveDown(0.3);
}

function definitionNote(doc: PDFKit.PDFDocument, key: DefinitionKey, locale: 'fr' | 'en'): void {
  doc
    .moveDown(0.3)
    .font('Helvetica-Oblique')
    .fontSize(7.5)
    .fillColor('#666666')
    .text(winAnsi(DEFINITIONS[key][locale]), MARGIN, doc.y, { width: WIDTH });
}

function table(doc: PDFKit.PDFDocument, columns: Column[], rows: string[][]): void {
  const draw = (cells: string[], bold: boolean) => {
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(8.5)
      .fillColor('#111111');
    // A header may take two lines ("Coût pour 100 € recouvrés" in a narrow column); body cells keep to one.
    const lines = bold
      ? Math.max(...cells.map((c, i) => doc.heightOfString(winAnsi(c), { width: columns[i]!.width * WIDTH - 4 })))
      : 0;
    const rowHeight = Math.max(14, lines + 6);
    if (doc.y + rowHeight > 790) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const w = columns[i]!.width * WIDTH;
      doc.text(winAnsi(cell), x + 2, y + 3, {
        width: w - 4,
        align: columns[i]!.align ?? 'left',
        ...(bold ? {} : { lineBreak: false, ellipsis: true }),
      });
      x += w;
    });
    doc
      .moveTo(MARGIN, y + rowHeight)
      .lineTo(MARGIN + WIDTH, y + rowHeight)
      .lineWidth(0.4)
      .strokeColor(bold ? '#555555' : '#dddddd')
      .stroke();
    doc.x = MARGIN;
    doc.y = y + rowHeight;
  };
  draw(
    columns.map((c) => c.header),
    true,
  );
  for (const r of rows) draw(r, false);
}
