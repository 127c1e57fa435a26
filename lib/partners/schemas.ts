import { z } from 'zod';
import { catalogueKeys } from '../errors/keys';
import { given, money, optional } from '../forms/fields';
import { FILE_FORM_MESSAGES, NOTE_MAX, day, optionalText, uuid } from '../cases/file-form-fields';

export const PARTNER_KINDS = ['COMMISSAIRE_DE_JUSTICE', 'LAWYER'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const RECORD_KINDS = ['REPORT', 'INVOICE'] as const;

/** Every refusal of the partners module, as catalogue keys (`partners.errors.<name>`). */
export const PARTNER_MESSAGES = {
  ...FILE_FORM_MESSAGES,
  ...catalogueKeys('partners.errors', [
    'kind',
    'name',
    'courtArea',
    'departments',
    'email',
    'emailTaken',
    'partnerId',
    'inactive',
    'recordKind',
    'amount',
    'amountOnInvoice',
    'updatedAt',
  ]),
};
const M = PARTNER_MESSAGES;

/** Départements as people list them: "69, 01; 2A" → ['69', '01', '2A']. */
const departments = optional(z.string().max(500, M.departments)).transform((v, ctx) => {
  const list = [
    ...new Set(
      (v ?? '')
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((d) => d.toUpperCase()),
    ),
  ];
  if (list.some((d) => !/^(\d{2}|2A|2B|97\d)$/.test(d))) {
    ctx.addIssue({ code: 'custom', message: M.departments });
    return z.NEVER;
  }
  return list;
});

export const partnerFieldsSchema = z.object({
  kind: z.enum(PARTNER_KINDS, { error: M.kind }),
  name: given(z.string({ error: M.name }).trim().min(1, M.name).max(200, M.name)),
  courtArea: given(z.string({ error: M.courtArea }).trim().min(1, M.courtArea).max(300, M.courtArea)),
  departments,
  email: given(
    z
      .string({ error: M.email })
      .trim()
      .toLowerCase()
      .pipe(z.email({ error: M.email })),
  ),
  phone: optionalText(40),
  address: optionalText(500),
  feeTerms: optionalText(2000).transform((v) => v ?? ''),
});
export type PartnerFields = z.infer<typeof partnerFieldsSchema>;

export const updatePartnerSchema = partnerFieldsSchema.extend({
  partnerId: uuid(M.partnerId),
  active: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
});

/** Handing a file to a partner: which partner, and a word for them. */
export const handOverSchema = z.object({
  fileId: uuid(M.fileId),
  partnerId: uuid(M.partnerId),
  note: optionalText(NOTE_MAX),
});

/** A partner's report or invoice received on a file; an invoice's amount is a cost advanced on the file. */
export const partnerRecordSchema = z
  .object({
    fileId: uuid(M.fileId),
    partnerId: uuid(M.partnerId),
    kind: z.enum(RECORD_KINDS, { error: M.recordKind }),
    receivedOn: given(day()),
    reference: optionalText(100),
    note: optionalText(NOTE_MAX),
    amount: optional(money(M.amount, 1)),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'INVOICE' && v.amount === undefined)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: M.amountOnInvoice });
  });

export const partnerRefSchema = z.object({ partnerId: uuid(M.partnerId) });
export const handoverRefSchema = z.object({ handoverId: uuid(M.id) });
