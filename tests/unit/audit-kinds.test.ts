import { describe, expect, it } from 'vitest';
import { auditKind } from '../../lib/audit/kinds';

describe('auditKind', () => {
  it.each([
    ['file.viewed', 'read'],
    ['files.listed', 'read'],
    ['debtor.viewed', 'read'],
    ['debtor.document.read', 'read'],
    ['dispute.attachment_read', 'read'],
    ['debtor.link.opened', 'read'],
    ['handover.downloaded', 'export'],
    ['creditor_files.exported', 'export'],
    ['import.rejections_downloaded', 'export'],
    ['payment.receipt_printed', 'export'],
    ['auth.sign_out', 'access'],
    ['auth.password_changed', 'access'],
    ['payment.recorded', 'change'],
    ['file.reopened', 'change'],
    ['staff.invited', 'change'],
    ['debtor.data_request', 'change'],
  ])('%s is a %s', (action, kind) => {
    expect(auditKind(action)).toBe(kind);
  });
});
