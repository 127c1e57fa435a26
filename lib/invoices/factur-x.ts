import { FormatFactoryService, InvoiceService, type Invoice } from '@e-invoice-eu/core';
import { invoiceNumberText, vatBreakdown } from './rules';
import { renderInvoicePdf, type InvoiceDocumentData } from './invoice-pdf';
import type { InvoiceBuyer, InvoiceSeller } from './schemas';

// The invoice as an EN 16931 e-invoice: Factur-X, a PDF/A-3 carrying the UN/CEFACT CII XML that French businesses
// must be able to receive from September 2026. @e-invoice-eu/core (decision 0017) turns its UBL-shaped data into
// the CII XML, embeds it in our PDF as factur-x.xml and makes the PDF a PDF/A-3 (XMP metadata, sRGB output intent);
// the PDF embeds its fonts itself (lib/invoices/invoice-pdf.ts).

const amount = (cents: number) => (cents / 100).toFixed(2);
const percent = (bps: number) => (bps / 100).toFixed(2);
/** The VAT category: standard rate, or exempt (commission on a creditor outside the scope of French VAT). */
const category = (bps: number) => (bps > 0 ? 'S' : 'E');

function party(p: {
  name: string;
  lines: string[];
  postcode: string;
  city: string;
  siren: string | null;
  vatNumber: string | null;
  legalForm?: string | null;
}) {
  return {
    'cac:PartyName': { 'cbc:Name': p.name },
    'cac:PostalAddress': {
      ...(p.lines[0] ? { 'cbc:StreetName': p.lines[0] } : {}),
      ...(p.lines[1] ? { 'cbc:AdditionalStreetName': p.lines[1] } : {}),
      ...(p.city ? { 'cbc:CityName': p.city } : {}),
      ...(p.postcode ? { 'cbc:PostalZone': p.postcode } : {}),
      'cac:Country': { 'cbc:IdentificationCode': 'FR' },
    },
    ...(p.vatNumber
      ? { 'cac:PartyTaxScheme': { 'cbc:CompanyID': p.vatNumber, 'cac:TaxScheme': { 'cbc:ID': 'VAT' } } }
      : {}),
    'cac:PartyLegalEntity': {
      'cbc:RegistrationName': p.name,
      // 0002: the SIRENE registry (ISO 6523), the French identifier a Factur-X names a company by.
      ...(p.siren ? { 'cbc:CompanyID': p.siren, 'cbc:CompanyID@schemeID': '0002' } : {}),
      ...(p.legalForm ? { 'cbc:CompanyLegalForm': p.legalForm } : {}),
    },
  };
}

// The seller may name several tax schemes (a list), the buyer one (the library's schema says so).
const sellerParty = (s: InvoiceSeller) => {
  const { 'cac:PartyTaxScheme': scheme, ...rest } = party({
    name: s.legalName,
    lines: s.address.lines,
    postcode: s.address.postcode,
    city: s.address.city,
    siren: s.siren,
    vatNumber: s.vatNumber,
    legalForm: [s.legalForm, s.rcs].filter(Boolean).join(', ') || null,
  });
  return scheme ? { ...rest, 'cac:PartyTaxScheme': [scheme] } : rest;
};

const buyerParty = (b: InvoiceBuyer) =>
  party({ name: b.name, lines: b.address, postcode: b.postcode, city: b.city, siren: b.siren, vatNumber: b.vatNumber });

/** The invoice in @e-invoice-eu's own (UBL-shaped) format: what its CII writer reads. */
export function eInvoiceOf(d: InvoiceDocumentData): Invoice {
  const credit = d.kind === 'CREDIT_NOTE';
  const currency = d.currency;
  const due = d.totalCents - d.settledCents;
  // The credit note names the invoice it corrects for its reader too; the machine reads it from BG-3 below.
  const notes = credit
    ? [
        d.runNumber === null
          ? 'Avoir de commission de recouvrement sur paiements directs.'
          : `Avoir de commission de recouvrement, reversement n° ${d.runNumber}.`,
        ...(d.corrects
          ? [`Avoir sur la facture n° ${invoiceNumberText(d.corrects.number)} du ${d.corrects.issuedOn}.`]
          : []),
      ]
    : [
        d.runNumber === null
          ? 'Commission de recouvrement sur les sommes payées directement au créancier.'
          : `Commission de recouvrement sur les sommes encaissées, reversement n° ${d.runNumber}.`,
        'Pas d’escompte pour paiement anticipé.',
        'Pénalités de retard : taux de refinancement de la BCE majoré de 10 points (C. com. L441-10) ; indemnité forfaitaire pour frais de recouvrement : 40 € (C. com. D441-5).',
      ];
  return {
    'ubl:Invoice': {
      'cbc:ID': invoiceNumberText(d.number),
      'cbc:IssueDate': d.issuedOn,
      ...(credit ? {} : { 'cbc:DueDate': d.dueOn }),
      'cbc:InvoiceTypeCode': credit ? '381' : '380',
      // One note (CII writes each note's texts into one IncludedNote, which may hold one Content: rule CII-SR-030).
      'cbc:Note': [notes.join('\n')],
      'cbc:DocumentCurrencyCode': currency,
      'cac:InvoicePeriod': { 'cbc:StartDate': d.periodFrom, 'cbc:EndDate': d.periodTo },
      ...(d.corrects
        ? {
            'cac:BillingReference': [
              {
                'cac:InvoiceDocumentReference': {
                  'cbc:ID': invoiceNumberText(d.corrects.number),
                  'cbc:IssueDate': d.corrects.issuedOn,
                },
              },
            ],
          }
        : {}),
      'cac:AccountingSupplierParty': { 'cac:Party': sellerParty(d.seller) },
      'cac:AccountingCustomerParty': { 'cac:Party': buyerParty(d.buyer) },
      // BT-72: the service was rendered when the last payment it is a share of was received. The CII schema also
      // wants its delivery block, which the library writes only when it has something to put in it.
      'cac:Delivery': { 'cbc:ActualDeliveryDate': d.periodTo },
      ...(credit
        ? {}
        : {
            'cac:PaymentTerms': {
              'cbc:Note':
                due === 0
                  ? 'Acquittée par compensation sur les fonds reversés.'
                  : `Paiement par virement à ${d.seller.paymentDays} jours date de facture.`,
            },
          }),
      'cac:TaxTotal': [
        {
          'cbc:TaxAmount': amount(d.vatCents),
          'cbc:TaxAmount@currencyID': currency,
          'cac:TaxSubtotal': vatBreakdown(d.lines).map((v) => ({
            'cbc:TaxableAmount': amount(v.baseCents),
            'cbc:TaxableAmount@currencyID': currency,
            'cbc:TaxAmount': amount(v.vatCents),
            'cbc:TaxAmount@currencyID': currency,
            'cac:TaxCategory': {
              'cbc:ID': category(v.rateBps),
              'cbc:Percent': percent(v.rateBps),
              ...(v.rateBps > 0 ? {} : { 'cbc:TaxExemptionReason': 'Exonération de TVA' }),
              'cac:TaxScheme': { 'cbc:ID': 'VAT' },
            },
          })),
        },
      ],
      'cac:LegalMonetaryTotal': {
        'cbc:LineExtensionAmount': amount(d.netCents),
        'cbc:LineExtensionAmount@currencyID': currency,
        'cbc:TaxExclusiveAmount': amount(d.netCents),
        'cbc:TaxExclusiveAmount@currencyID': currency,
        'cbc:TaxInclusiveAmount': amount(d.totalCents),
        'cbc:TaxInclusiveAmount@currencyID': currency,
        ...(d.settledCents > 0
          ? { 'cbc:PrepaidAmount': amount(d.settledCents), 'cbc:PrepaidAmount@currencyID': currency }
          : {}),
        'cbc:PayableAmount': amount(due),
        'cbc:PayableAmount@currencyID': currency,
      },
      'cac:InvoiceLine': d.lines.map((l, i) => ({
        'cbc:ID': String(i + 1),
        'cbc:InvoicedQuantity': '1',
        'cbc:InvoicedQuantity@unitCode': 'C62',
        'cbc:LineExtensionAmount': amount(l.commissionCents),
        'cbc:LineExtensionAmount@currencyID': currency,
        'cac:Item': {
          'cbc:Description': `Encaissé le ${l.receivedOn} : ${amount(l.baseCents)} ${currency} à ${percent(l.rateBps)} %`,
          'cbc:Name': `Commission dossier ${l.fileReference} (${l.debtor})`.slice(0, 200),
          'cac:ClassifiedTaxCategory': {
            'cbc:ID': category(l.vatRateBps),
            'cbc:Percent': percent(l.vatRateBps),
            'cac:TaxScheme': { 'cbc:ID': 'VAT' },
          },
        },
        'cac:Price': { 'cbc:PriceAmount': amount(l.commissionCents), 'cbc:PriceAmount@currencyID': currency },
      })),
    },
  } as Invoice;
}

const FORMAT = 'Factur-X-EN16931';
const logger = { log: () => undefined, warn: console.warn, error: console.error };
let service: InvoiceService | undefined;
let formats: FormatFactoryService | undefined;

/**
 * BG-3 (BT-25) where the library's CII writer reads it. @e-invoice-eu 2.3.4 validates the data against its schema, which puts
 * the preceding invoice's number and day under `cac:BillingReference[]/cac:InvoiceDocumentReference` (UBL's place),
 * but its CII mapping reads them from `cac:BillingReference[]` itself: given valid data, the CII it wrote had no
 * ram:InvoiceReferencedDocument. The copy is made after the library's check, for its writer only.
 */
function withPrecedingInvoiceForCii(invoice: Invoice): Invoice {
  const copy = structuredClone(invoice);
  const references = copy['ubl:Invoice']['cac:BillingReference'];
  if (references) {
    // The number only. The writer puts BT-26 (the preceding invoice's day) in udt:DateTimeString where the CII schema
    // wants qdt:DateTimeString, so the file would fail the schema; BT-26 is needed only when the number is not unique
    // (EN 16931), and ours are unique per agency. The PDF and the note still give the day.
    copy['ubl:Invoice']['cac:BillingReference'] = references.map((r) => ({
      ...r,
      'cbc:ID': r['cac:InvoiceDocumentReference']['cbc:ID'],
    })) as typeof references;
  }
  return copy;
}

/** The Factur-X (EN 16931 profile) of an invoice: our PDF, made a PDF/A-3 with its CII XML inside. */
export async function renderFacturX(d: InvoiceDocumentData): Promise<Uint8Array> {
  const pdf = await renderInvoicePdf(d);
  const invoice = eInvoiceOf(d);
  const lang = d.locale === 'fr' ? 'fr-fr' : 'en-gb';
  // The library's own check of the data against its EN 16931 schema: an invoice it refuses fails here (a bug to see,
  // never a half-made invoice). Its warnings go to the log.
  service ??= new InvoiceService(logger);
  await service.generate(invoice, { format: 'CII', lang });
  formats ??= new FormatFactoryService();
  const writer = formats.createFormatService(FORMAT, logger);
  const data = withPrecedingInvoiceForCii(invoice);
  writer.fillInvoiceDefaults(data);
  const out = await writer.generate(data, {
    format: FORMAT,
    lang,
    pdf: { buffer: new Uint8Array(pdf), filename: 'facture.pdf', mimetype: 'application/pdf' },
  });
  if (typeof out === 'string') throw new Error('Factur-X: the library answered XML where a PDF was asked for');
  return out;
}
