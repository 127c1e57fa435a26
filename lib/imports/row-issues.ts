import type { z } from 'zod';
import type { MessageRef, RowIssue } from '../i18n/message-ref';

/**
 * A refused row's zod issues as catalogue references: the intake schema's own checks carry theirs in params;
 * zod's built-in ones (a JSON item whose cell is not text, an unknown field) are named here.
 */
export function rowIssues(issues: readonly z.core.$ZodIssue[], label: (field: string) => string): RowIssue[] {
  return issues.map((issue) => {
    const field = issue.path.length ? String(issue.path[0]) : undefined;
    const ref = ownRef(issue) ?? builtInRef(issue, field);
    return field ? { field, label: label(field), ...ref } : ref;
  });
}

function ownRef(issue: z.core.$ZodIssue): MessageRef | null {
  if (issue.code !== 'custom') return null;
  const ref = (issue.params as { ref?: MessageRef } | undefined)?.ref;
  return ref && typeof ref.key === 'string' ? ref : null;
}

function builtInRef(issue: z.core.$ZodIssue, field: string | undefined): MessageRef {
  switch (issue.code) {
    case 'invalid_type':
    case 'invalid_union':
      return { key: field === 'amount' ? 'row.notAmountType' : 'row.notText' };
    case 'too_big':
      return { key: 'row.tooLong', values: { max: String(issue.maximum) } };
    case 'unrecognized_keys':
      return { key: 'row.unknownFields', values: { fields: issue.keys.join(', ') } };
    default:
      return { key: 'row.other', values: { message: issue.message } };
  }
}
