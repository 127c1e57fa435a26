import { z } from 'zod';
import { ClaimSecurity } from '../db/generated/enums';
import { parseDay } from '../dates/parse-day';
import { given, money, optional, orRequired } from '../forms/fields';
import { FILE_FORM_MESSAGES, uuid, version } from '../cases/file-form-fields';
import { DECLARATION_MESSAGES as M } from './messages';
import { DECISIONS } from './rules';

// What an agent records about a file's claim declaration: its filing, the outcome, the dividends paid on it. Each
// names the file (one declaration per file and proceedings) and the version the form read.

const day = given(
  z.string({ error: orRequired(M.day) }).transform((v, ctx) => {
    const parsed = parseDay(v);
    if (parsed === null) ctx.addIssue({ code: 'custom', message: M.day });
    return parsed ?? '';
  }),
);

const onFile = { fileId: uuid(FILE_FORM_MESSAGES.fileId), expectedVersion: version };

export const fileDeclarationSchema = z
  .object({
    ...onFile,
    filedOn: day,
    /** The day the creditor gave the agency its written special power to declare. */
    powerOn: day,
    security: optional(z.enum(ClaimSecurity, { error: M.security })).transform((v) => v ?? 'NONE'),
    securityDetail: optional(z.string({ error: M.securityDetail }).trim().max(500, M.securityDetail)).transform(
      (v) => v ?? null,
    ),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.filedOn && v.powerOn && v.powerOn > v.filedOn)
      ctx.addIssue({ code: 'custom', path: ['powerOn'], message: M.powerAfterFiling });
    // A security the declaration invokes must say what it rests on (the deed, the asset).
    if (v.security !== 'NONE' && !v.securityDetail)
      ctx.addIssue({ code: 'custom', path: ['securityDetail'], message: M.securityDetail });
  });

export type FileDeclarationInput = z.input<typeof fileDeclarationSchema>;

/**
 * A supplementary or corrective declaration (decision 0021): the same filing facts as the first, and, when it is filed
 * after the deadline, the day of the order relieving the creditor of the foreclosure (L622-26).
 */
export const linkedDeclarationSchema = z
  .object({
    ...onFile,
    kind: given(z.enum(['SUPPLEMENTARY', 'CORRECTIVE'], { error: orRequired(M.linkedKind) })),
    filedOn: day,
    powerOn: day,
    reliefOn: optional(
      z.string({ error: M.day }).transform((v, ctx) => {
        const parsed = parseDay(v);
        if (parsed === null) ctx.addIssue({ code: 'custom', message: M.day });
        return parsed ?? '';
      }),
    ).transform((v) => v ?? null),
    security: optional(z.enum(ClaimSecurity, { error: M.security })).transform((v) => v ?? 'NONE'),
    securityDetail: optional(z.string({ error: M.securityDetail }).trim().max(500, M.securityDetail)).transform(
      (v) => v ?? null,
    ),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.filedOn && v.powerOn && v.powerOn > v.filedOn)
      ctx.addIssue({ code: 'custom', path: ['powerOn'], message: M.powerAfterFiling });
    if (v.filedOn && v.reliefOn && v.reliefOn > v.filedOn)
      ctx.addIssue({ code: 'custom', path: ['reliefOn'], message: M.reliefAfterFiling });
    if (v.security !== 'NONE' && !v.securityDetail)
      ctx.addIssue({ code: 'custom', path: ['securityDetail'], message: M.securityDetail });
  });

export type LinkedDeclarationInput = z.input<typeof linkedDeclarationSchema>;

export const decideDeclarationSchema = z
  .object({
    ...onFile,
    outcome: given(z.enum(DECISIONS, { error: orRequired(M.outcome) })),
    /** The amount admitted, for a partial admission only. */
    admitted: optional(money(M.admitted, 1)),
    decidedOn: day,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.outcome === 'PART_ADMITTED' && v.admitted === undefined)
      ctx.addIssue({ code: 'custom', path: ['admitted'], message: M.admitted });
  });

export type DecideDeclarationInput = z.input<typeof decideDeclarationSchema>;

export const dividendSchema = z
  .object({
    ...onFile,
    amount: given(money(M.amount, 1)),
    receivedOn: day,
    reference: optional(z.string({ error: M.reference }).trim().max(100, M.reference)),
  })
  .strict();

export type DividendInput = z.input<typeof dividendSchema>;
