import { z } from 'zod';
import { ContactKind } from '../db/generated/enums';
import type { AgencyClock } from '../dates/agency-clock';
import { FILE_FORM_MESSAGES as M, SHORT_MAX, notAfter, optionalText, text, uuid, version } from './file-form-fields';
import { given, optional, orRequired } from '../forms/fields';
import { normaliseFrenchPhone } from './phone-number';

export type NewContactValue =
  | { kind: 'PHONE'; phone: string }
  | { kind: 'EMAIL'; email: string }
  | { kind: 'ADDRESS'; line1: string; line2: string | null; postcode: string; city: string; country: string };

/**
 * A new phone number, e-mail or address for the debtor (locating it), with where it came from
 * ('debtor', 'creditor', 'skip tracing: <source>', …) and the day it was found (today when blank).
 */
export function contactPointSchema(clock: Pick<AgencyClock, 'today'>) {
  return z
    .object({
      fileId: uuid(M.fileId),
      expectedVersion: version,
      kind: given(z.enum(ContactKind, { error: orRequired(M.contactKind) })),
      label: optionalText(100),
      phone: optional(z.string({ error: M.phone })),
      email: optional(z.string({ error: M.email }).trim().toLowerCase()),
      line1: optional(
        z
          .string({ error: M.text(SHORT_MAX) })
          .trim()
          .max(SHORT_MAX, M.text(SHORT_MAX)),
      ),
      line2: optionalText(SHORT_MAX),
      postcode: optional(z.string({ error: M.postcode }).transform((s) => s.replace(/\s+/g, '').toUpperCase())),
      city: optional(
        z
          .string({ error: M.text(100) })
          .trim()
          .max(100, M.text(100)),
      ),
      country: optional(
        z
          .string({ error: M.country })
          .trim()
          .toUpperCase()
          .regex(/^[A-Z]{2}$/, M.country),
      ).transform((v) => v ?? 'FR'),
      source: text(SHORT_MAX),
      foundOn: optional(notAfter(clock.today)).transform((v) => v ?? clock.today),
    })
    .strict()
    .transform((v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      const others = (keep: string[]) => {
        for (const key of ['phone', 'email', 'line1', 'line2', 'postcode', 'city'] as const) {
          if (!keep.includes(key) && v[key]) issue(key, 'workspace.errors.notUsed');
        }
      };
      let value: NewContactValue | null = null;
      if (v.kind === 'PHONE') {
        others(['phone']);
        const phone = v.phone === undefined ? null : normaliseFrenchPhone(v.phone);
        if (v.phone === undefined) issue('phone', M.required);
        else if (!phone) issue('phone', M.phone);
        if (phone) value = { kind: 'PHONE', phone };
      } else if (v.kind === 'EMAIL') {
        others(['email']);
        if (v.email === undefined) issue('email', M.required);
        else if (!z.email().safeParse(v.email).success || v.email.length > SHORT_MAX) issue('email', M.email);
        else value = { kind: 'EMAIL', email: v.email };
      } else {
        others(['line1', 'line2', 'postcode', 'city']);
        if (!v.line1) issue('line1', M.required);
        if (!v.city) issue('city', M.required);
        if (!v.postcode) issue('postcode', M.required);
        else if (v.country === 'FR' && !/^\d{5}$/.test(v.postcode)) issue('postcode', M.postcode);
        else if (!/^[A-Z0-9-]{1,16}$/.test(v.postcode)) issue('postcode', M.foreignPostcode);
        if (v.line1 && v.city && v.postcode) {
          value = {
            kind: 'ADDRESS',
            line1: v.line1,
            line2: v.line2,
            postcode: v.postcode,
            city: v.city,
            country: v.country,
          };
        }
      }
      if (!value || ctx.issues.length > 0) return z.NEVER;
      return {
        fileId: v.fileId,
        expectedVersion: v.expectedVersion,
        label: v.label,
        value,
        source: v.source,
        foundOn: v.foundOn,
      };
    });
}

export type NewContactPoint = z.infer<ReturnType<typeof contactPointSchema>>;
