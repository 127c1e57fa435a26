import { createTranslator } from 'next-intl';
import enMessages from '../../messages/en.json';
import frMessages from '../../messages/fr.json';
import { checkPlanData } from './checks';
import { formatDateShort } from './format';
import {
  COLOR,
  CONTENT_WIDTH,
  MARGIN,
  MM,
  SIZE,
  drawFirstPage,
  ensureSpace,
  finishLetter,
  heading,
  labels,
  paragraph,
  referenceLines,
  renderToBuffer,
  rule,
  salutation,
  startLetter,
  table,
  text,
  type Column,
  type Row,
} from './layout';
import {
  agencyAndCreditor,
  claimsBreakdown,
  firstLetterRecall,
  interestBases,
  legalNotice,
  longDate,
  money,
  paymentBlock,
  runningHeader,
  subjectWithFile,
} from './letter-parts';
import type { PlanFrequency, PlanLetterData } from './types';

/*
 * Payment plan agreement (échéancier): still an amicable-collection letter, so it carries the R124-4 mentions,
 * plus the schedule, how to pay each instalment, what happens after a missed instalment and the grace period,
 * and a block for the debtor to sign and return.
 */

const FREQUENCY = {
  fr: { WEEKLY: 'hebdomadaires', BIWEEKLY: 'toutes les deux semaines', MONTHLY: 'mensuelles' },
  en: { WEEKLY: 'weekly', BIWEEKLY: 'fortnightly', MONTHLY: 'monthly' },
} as const satisfies Record<'fr' | 'en', Record<PlanFrequency, string>>;

export function drawPlanLetter(doc: PDFKit.PDFDocument, data: PlanLetterData): number {
  checkPlanData(data);
  const fr = data.locale === 'fr';
  const plan = data.plan;
  const m = (cents: number) => money(data, cents);
  const first = startLetter(doc);
  drawFirstPage(doc, {
    agency: data.agency,
    locale: data.locale,
    addressee: data.debtor,
    date: data.date,
    place: data.place,
    references: referenceLines(data.locale, {
      file: data.file.reference,
      letter: data.reference,
      creditorReference: data.file.creditorReference,
      firstLetter: data.firstLetter,
    }),
    subject: subjectWithFile(fr ? 'Accord de paiement échelonné' : 'Payment plan agreement', data),
    debtorPageUrl: data.debtorPageUrl,
  });
  salutation(doc, data.locale);
  const agreed = plan.agreedOn
    ? fr
      ? `Suite à notre échange du ${longDate(data, plan.agreedOn)}, nous vous confirmons `
      : `Following our conversation of ${longDate(data, plan.agreedOn)}, we confirm `
    : fr
      ? 'Nous vous confirmons '
      : 'We confirm ';
  paragraph(doc, [
    ...agencyAndCreditor(data),
    ...firstLetterRecall(data),
    { text: agreed },
    {
      text: fr
        ? "l'accord de paiement échelonné des sommes détaillées ci-dessous, d'un montant total de "
        : 'the agreement to pay the amounts set out below in instalments, for a total of ',
    },
    { text: `${m(plan.totalCents)}`, bold: true },
    ...(plan.interest?.mode === 'INCLUDED'
      ? [
          {
            text: fr
              ? `, dont ${m(plan.interest.includedCents)} d'intérêts courant jusqu'aux dates des échéances.`
              : `, including ${m(plan.interest.includedCents)} of interest running to the instalments' due dates.`,
          },
        ]
      : [{ text: '.' }]),
  ]);
  claimsBreakdown(doc, data);
  interestTerms(doc, data);

  const count = plan.instalments.length;
  heading(doc, fr ? 'Échéancier' : 'Payment schedule', 9.5);
  paragraph(
    doc,
    fr
      ? `${plan.downPaymentCents > 0 ? `Un acompte de ${m(plan.downPaymentCents)}, puis ` : ''}${count} échéance${count > 1 ? 's' : ''} ${FREQUENCY.fr[plan.frequency]} :`
      : `${plan.downPaymentCents > 0 ? `A down payment of ${m(plan.downPaymentCents)}, then ` : ''}${count} ${FREQUENCY.en[plan.frequency]} instalment${count > 1 ? 's' : ''}:`,
    { gap: 4 },
  );
  const columns: Column[] = [
    { header: fr ? 'N°' : 'No.', width: 60 },
    { header: fr ? 'Date limite de paiement' : 'Due date', width: 160 },
    { header: fr ? 'Montant' : 'Amount', width: 110, align: 'right' },
  ];
  const rows: Row[] = [];
  if (plan.downPaymentCents > 0) {
    rows.push({
      cells: [
        fr ? 'Acompte' : 'Down payment',
        formatDateShort(plan.downPaymentDueOn ?? data.date, data.locale),
        m(plan.downPaymentCents),
      ],
    });
  }
  for (const instalment of plan.instalments) {
    rows.push({
      cells: [String(instalment.seq), formatDateShort(instalment.dueOn, data.locale), m(instalment.amountCents)],
    });
  }
  rows.push({ kind: 'total', cells: ['Total', '', m(plan.totalCents)] });
  // A narrow table: three columns stretched over the whole width would read badly.
  table(doc, columns, rows, { width: 330 });

  const firstAmount = plan.downPaymentCents > 0 ? plan.downPaymentCents : plan.instalments[0]!.amountCents;
  paragraph(
    doc,
    fr
      ? `Chaque versement est à effectuer à sa date, par virement, en indiquant la référence ${data.file.reference}. Le code ci-dessous est prérempli pour le premier versement.`
      : `Each payment is due on its date, by bank transfer quoting reference ${data.file.reference}. The code below is filled in for the first payment.`,
  );
  paymentBlock(doc, data, {
    amountCents: firstAmount,
    amountLabel: fr ? 'Premier versement' : 'First payment',
  });

  heading(doc, fr ? 'En cas de retard' : 'If a payment is late', 9.5);
  paragraph(
    doc,
    fr
      ? `Tant que les échéances sont respectées, aucune autre démarche de recouvrement ne sera engagée. Si une échéance n'est pas réglée dans les ${plan.graceDays} jours suivant sa date, l'accord sera rompu : le solde restant dû redeviendra exigible en totalité${plan.interest?.mode === 'FROZEN' ? ", les intérêts courant de nouveau à compter du lendemain de l'échéance impayée," : ''} et nous reprendrons contact avec vous. Si vous prévoyez une difficulté, prévenez-nous avant l'échéance : nous pourrons adapter l'échéancier.`
      : `As long as the instalments are paid, no other collection step will be taken. If an instalment is not paid within ${plan.graceDays} days of its due date, the agreement will end: the whole remaining balance will become payable${plan.interest?.mode === 'FROZEN' ? ', with interest running again from the day after the unpaid instalment,' : ''} and we will contact you again. If you foresee a difficulty, please tell us before the due date so that we can adjust the schedule.`,
  );
  paragraph(
    doc,
    fr
      ? 'Merci de nous retourner un exemplaire de ce courrier daté et signé, précédé de la mention manuscrite « Bon pour accord ».'
      : 'Please return a copy of this letter to us, dated and signed, with the handwritten words "Agreed" ("Bon pour accord").',
  );
  paragraph(doc, labels(data.locale).regards, { gap: 10 });
  signatureBlock(doc, data);
  legalNotice(doc, data.locale);
  return finishLetter(doc, first, { agency: data.agency, locale: data.locale, runningHeader: runningHeader(data) });
}

/**
 * What the plan costs, said plainly (issue 14): a debtor must know whether paying the schedule settles the
 * debt. FROZEN: the creditor waives interest while the plan is honoured, so the schedule's total settles it.
 * INCLUDED: the instalments carry the interest to their dates at the rate in force, and settle it. A plan made
 * before plans said so gets no such paragraph (and its letter says nothing it did not say then).
 */
function interestTerms(doc: PDFKit.PDFDocument, data: PlanLetterData): void {
  const fr = data.locale === 'fr';
  const interest = data.plan.interest;
  if (!interest) return;
  const m = (cents: number) => money(data, cents);
  // One basis: its rate; a file mixing natures prices its claims at several (each named in the claims' note).
  const bases = interestBases(data);
  const rate = bases.length === 1 ? (bases[0]!.annualRatePercent ?? null) : null;
  const rateText =
    rate === null
      ? ''
      : fr
        ? ` au taux annuel de ${String(rate).replace('.', ',')} %`
        : ` at the annual rate of ${rate}%`;
  heading(doc, fr ? 'Intérêts pendant l’échéancier' : 'Interest during the plan', 9.5);
  if (interest.mode === 'FROZEN') {
    const from = interest.frozenFrom ? longDate(data, interest.frozenFrom) : null;
    paragraph(
      doc,
      fr
        ? `Avec l'accord du créancier, les intérêts de retard cessent de courir${from ? ` à compter du ${from}` : ''} tant que l'échéancier est respecté. Le total de l'échéancier, ${m(data.plan.totalCents)}, solde donc entièrement votre dette : une fois la dernière échéance réglée à sa date, vous ne devrez plus rien.`
        : `With the creditor's consent, late-payment interest stops running${from ? ` from ${from}` : ''} as long as the plan is honoured. The schedule's total, ${m(data.plan.totalCents)}, therefore settles your debt in full: once the last instalment is paid on its date, you will owe nothing more.`,
    );
  } else {
    paragraph(
      doc,
      fr
        ? `Les intérêts continuent de courir sur le principal restant dû${rateText}. Les échéances les incluent jusqu'à leurs dates : ${m(interest.includedCents)} en plus des ${m(data.totals.dueCents)} dus ce jour.`
        : `Interest keeps running on the principal still owed${rateText}. The instalments include it up to their dates: ${m(interest.includedCents)} on top of the ${m(data.totals.dueCents)} due today.`,
    );
    // Future half-years are priced at the last rate known (lib/payments/interest-schedule.ts): the letter says so,
    // and how a rate published later is settled, rather than promise that the schedule settles everything.
    const t = createTranslator({
      locale: data.locale,
      messages: fr ? frMessages : enMessages,
      namespace: 'letters.plan',
    });
    paragraph(doc, t('includedRates', { on: longDate(data, data.plan.agreedOn ?? data.date) }));
  }
}

/** Both parties side by side: the agency's signatory, and the debtor's box with "Bon pour accord" and room to sign. */
function signatureBlock(doc: PDFKit.PDFDocument, data: PlanLetterData): void {
  const fr = data.locale === 'fr';
  const height = 40 * MM;
  ensureSpace(doc, height + 8);
  const top = doc.y;
  const gap = 8 * MM;
  const width = (CONTENT_WIDTH - gap) / 2;
  const boxes = [MARGIN.left, MARGIN.left + width + gap];
  for (const x of boxes) {
    doc.save().rect(x, top, width, height).lineWidth(0.6).strokeColor(COLOR.rule).stroke().restore();
  }
  const [left, right] = boxes as [number, number];
  const inner = width - 16;
  text(doc, fr ? `Pour ${data.agency.name}` : `For ${data.agency.name}`, left + 8, top + 7, {
    font: 'bold',
    size: SIZE.small + 0.5,
    width: inner,
  });
  const signatory = data.signatory;
  text(
    doc,
    signatory
      ? [signatory.name, signatory.title].filter(Boolean).join(', ')
      : fr
        ? 'Le service recouvrement'
        : 'Collections department',
    left + 8,
    doc.y + 1,
    { size: SIZE.small, color: COLOR.muted, width: inner },
  );
  text(doc, fr ? 'Le débiteur' : 'The debtor', right + 8, top + 7, { font: 'bold', size: SIZE.small + 0.5 });
  text(doc, data.debtor.name, right + 8, doc.y + 1, { size: SIZE.small, width: inner });
  text(
    doc,
    fr
      ? `Accepte de régler ${money(data, data.plan.totalCents)} selon l'échéancier ci-dessus (dossier ${data.file.reference}).`
      : `Agrees to pay ${money(data, data.plan.totalCents)} according to the schedule above (file ${data.file.reference}).`,
    right + 8,
    doc.y + 2,
    { size: SIZE.small, color: COLOR.muted, width: inner },
  );
  const dateY = doc.y + 6;
  text(doc, fr ? 'Date :' : 'Date:', right + 8, dateY, { size: SIZE.small, color: COLOR.muted, lineBreak: false });
  rule(doc, dateY + SIZE.small + 1, right + 34, right + width - 8);
  text(
    doc,
    fr ? 'Signature, précédée de « Bon pour accord » :' : 'Signature, preceded by "Agreed":',
    right + 8,
    dateY + 14,
    {
      size: SIZE.small,
      color: COLOR.muted,
      width: inner,
    },
  );
  doc.x = MARGIN.left;
  doc.y = top + height + 8;
}

export async function renderPlanLetter(data: PlanLetterData): Promise<Buffer> {
  return renderToBuffer(
    {
      title: `${data.locale === 'fr' ? 'Accord de paiement échelonné' : 'Payment plan agreement'} ${data.reference}`,
      author: data.agency.legalName,
      locale: data.locale,
      date: data.date,
    },
    (doc) => drawPlanLetter(doc, data),
  );
}
