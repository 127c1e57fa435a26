/**
 * How the route crawler reaches each route's objects. Every page, route handler and server action found in
 * the tree must be classified here (an object kind for each id it takes, or a reason it takes none); an
 * unclassified one fails the crawl, so a new route is walled before it ships.
 */

export type Kind =
  | 'file'
  | 'claim'
  | 'creditor'
  | 'mandate'
  | 'import'
  | 'scenario'
  | 'scenarioVersion'
  | 'payment'
  | 'bankEntry'
  | 'plan'
  | 'printRun'
  | 'contactPoint'
  | 'task'
  | 'promise'
  | 'dispute'
  | 'disputeAttachment'
  | 'payoutRun'
  | 'payoutTransfer'
  | 'commissionInvoice'
  | 'escalation'
  | 'procedure'
  | 'closing'
  | 'closingBatch'
  | 'partner'
  | 'handover'
  | 'agent'
  | 'apiKey'
  | 'debtor';

export interface Target {
  label: string;
  ids: Record<Kind, string>;
  version: number;
  /** Text that only this target's data holds: none of it may reach the crawling user. */
  markers: string[];
}

/** Routes (pages and handlers) with an id in their path: the kind of object it names. */
export const PATH_ID: Record<string, Kind> = {
  '/creditors/mandates/[id]': 'mandate',
  '/files/[id]': 'file',
  '/imports/[id]': 'import',
  '/scenarios/[id]': 'scenario',
  '/portal/files/[id]': 'file',
  '/debtors/[id]': 'debtor',
  '/portal/imports/[id]': 'import',
  '/api/files/[id]': 'file',
  '/api/debtors/[id]/export': 'debtor',
  '/api/files/[id]/claim-declaration': 'file',
  '/api/files/[id]/closing': 'file',
  '/api/files/[id]/closing-report': 'file',
  '/api/files/[id]/closing-certificate': 'file',
  '/api/files/[id]/closing-evidence': 'file',
  '/api/closings/batches/[id]': 'closingBatch',
  '/api/handovers/[id]/pack': 'handover',
  '/api/dispute-attachments/[id]': 'disputeAttachment',
  '/partners/[id]': 'partner',
  '/api/imports/[id]': 'import',
  '/api/imports/[id]/confirm': 'import',
  '/api/imports/[id]/preview': 'import',
  '/api/imports/[id]/rejections': 'import',
  '/api/mandates/[id]/document': 'mandate',
  '/api/payments/[id]/receipt': 'payment',
  '/api/plans/[id]/letter': 'plan',
  '/api/print-runs/[id]/manifest': 'printRun',
  '/api/print-runs/[id]/pdf': 'printRun',
  '/api/procedures/[id]/request': 'procedure',
  '/api/reports/creditors/[id]/files': 'creditor',
  '/api/payouts/[id]/transfer-file': 'payoutRun',
  '/api/remittance-statements/[id]': 'payoutTransfer',
  '/api/commission-invoices/[id]': 'commissionInvoice',
};

/**
 * Routes without an id in their path. They are crawled with another agency's / creditor's ids in every query
 * parameter that names an object (`QUERY_IDS`), and must answer without that data (a 404, or their own data).
 */
export const NO_PATH_ID: Record<string, string> = {
  '/': 'redirects to the landing page of the role',
  '/signin': 'the sign-in form',
  '/signin/forgot': 'the password reset request form, before sign-in',
  '/signin/reset':
    "a reset link's form: its secret in the query is its only key (tests/integration/password-reset.test.ts)",
  '/account': "the signed-in person's own account",
  '/account/second-factor': "the signed-in person's own second factor",
  '/admin/mail': "the agency's captured mail; no id",
  '/audit': "the agency's own audit trail, searched by ?user= and ?debtor= (managers only)",
  '/admin/system': 'service status and queue counts shared by every agency, no tenant data (admins only)',
  '/admin/staff': "the agency's own people (an admin only)",
  '/admin/api-keys': "the agency's own creditors' API keys (admins and managers)",
  '/portal/api-keys': "the creditor's own API keys",
  '/assignments': 'a list, filtered by query',
  '/creditors': 'a list',
  '/dashboard': 'figures, filtered by query',
  '/escalations': "the agency's own files awaiting a decision on court (managers only)",
  '/judicial': "the agency's own running procedures and their deadlines",
  '/dashboard/costs': "the agency's own channel costs",
  '/dashboard/targets': 'a list',
  '/partners': "the agency's own directory of partners (managers only)",
  '/closings': "the agency's own closings waiting, its threshold, its bulk closings (managers only)",
  '/declarations': "the agency's own claim declarations that lapsed or are about to (managers only)",
  '/finance':
    "the agency's books (managers only: 404 for agents and creditor users); ?fileId= another agency's file is a 404",
  '/settings/rates': 'the rate tables, the same for every agency',
  '/files': 'a list, filtered by query',
  '/imports': 'a list',
  '/print-runs': 'a list',
  '/reconciliation': "the agency's own bank statements and credits",
  '/queue': "the agent's own queue",
  '/queue/next': "the next file of the agent's own queue",
  '/scenarios': 'a list',
  '/portal': "the creditor's own files",
  '/portal/dashboard': "the creditor's own figures, filtered by query",
  '/portal/imports': "the creditor's own imports",
  '/portal/mandates': "the creditor's own mandates",
  '/portal/payments': "the payments on the creditor's own files",
  '/portal/plans': "plans on the creditor's own files awaiting its approval",
  '/portal/agreements': "escalations on the creditor's own files awaiting its agreement",
  '/api/files': 'a list, filtered by query',
  '/api/health': 'service status, no tenant data',
  '/api/health/live': 'the process answers, no data',
  '/api/health/ready': 'service status, no tenant data',
  '/api/imports': 'a list (GET); an upload for the creditor named in the query (POST)',
  '/api/registered-mail': "a tracking file matched against the agency's own letters",
  '/api/bank-statements': "a statement of the agency's own creditors'-funds account, matched against its own files",
  '/api/reports/dashboard': 'figures, filtered by query',
  '/api/reports/monthly': 'a report, filtered by query',
};

export const QUERY_IDS: Record<string, Kind> = {
  creditorId: 'creditor',
  creditor: 'creditor',
  mandateId: 'mandate',
  agentId: 'agent',
  fileId: 'file',
  user: 'agent',
  debtor: 'debtor',
};

/** Left out of the crawl, with the reason and where they are tested instead. */
export const NOT_CRAWLED: Record<string, string> = {
  '/api/auth/[...nextauth]': "next-auth's sign-in, session and CSRF endpoints: they read no object by id",
  '/api/intake/claims':
    'authenticated by a creditor API key, not a session: tests/integration/intake-api.test.ts walls it',
  '/d/[token]':
    "the debtor's page: a private link and a second factor, no staff session; tests/integration/debtor-page.test.ts walls it",
  '/d/r/[ref]':
    "back from the payment provider: an opaque reference the debtor's own cookie resolves, else a page naming nothing; tests/unit/debtor-page-rules.test.ts",
  '/d/[token]/documents/[id]':
    "a debtor's letter, for the debtor's session of that link only: tests/integration/debtor-page.test.ts walls it",
  '/api/webhooks/stripe':
    "the payment provider's notices: public, authenticated by the provider's signature, no session; tests/integration/card-payments.test.ts walls it",
};

/** How to call each server action with another tenant's ids; `none` gives why it takes no object id. */
export type ActionCall =
  | { form?: false; args: (t: Target) => Record<string, unknown> }
  | { form: true; state: boolean; args: (t: Target) => Record<string, string | string[]> }
  | { none: string };

const idle = { status: 'idle', seq: 0 };
export const ACTION_STATE = idle;

// Inputs each action's schema accepts, so the call reaches the object lookup (the answer a wall gives) rather
// than stopping at validation.
const onFile = (t: Target, extra: Record<string, unknown> = {}) => ({
  fileId: t.ids.file,
  expectedVersion: t.version,
  ...extra,
});

export const ACTIONS: Record<string, ActionCall> = {
  'app/actions/file-actions.ts#logContactAction': {
    args: (t) => onFile(t, { channel: 'NOTE', note: 'crawl', outcome: { type: 'NONE' } }),
  },
  'app/actions/file-actions.ts#updateFileInfoAction': { args: (t) => onFile(t, { nonPaymentNote: 'crawl' }) },
  'app/actions/file-actions.ts#recordCompanyEventAction': {
    args: (t) => onFile(t, { kind: 'SEAT_CHANGE', occurredOn: '2026-11-02', note: 'crawl' }),
  },
  'app/actions/file-actions.ts#addContactPointAction': {
    args: (t) => onFile(t, { kind: 'PHONE', phone: '+33612345678', source: 'debtor' }),
  },
  'app/actions/file-actions.ts#setContactStatusAction': {
    args: (t) => onFile(t, { contactPointId: t.ids.contactPoint, status: 'DO_NOT_CONTACT', reason: 'crawl' }),
  },
  'app/actions/file-actions.ts#resolveDisputeAction': {
    args: (t) => onFile(t, { disputeId: t.ids.dispute, decision: 'REJECTED', resolution: 'crawl' }),
  },
  'app/actions/file-actions.ts#completeTaskAction': { args: (t) => onFile(t, { taskId: t.ids.task }) },
  'app/actions/file-actions.ts#fileClaimDeclarationAction': {
    args: (t) => onFile(t, { filedOn: '2026-11-02', powerOn: '2026-11-02' }),
  },
  'app/actions/file-actions.ts#fileLinkedDeclarationAction': {
    args: (t) => onFile(t, { kind: 'SUPPLEMENTARY', filedOn: '2026-11-02', powerOn: '2026-11-02' }),
  },
  'app/actions/file-actions.ts#decideClaimDeclarationAction': {
    args: (t) => onFile(t, { outcome: 'ADMITTED', decidedOn: '2026-11-02' }),
  },
  'app/actions/file-actions.ts#recordDividendAction': {
    args: (t) => onFile(t, { amount: '10', receivedOn: '2026-11-02' }),
  },
  'app/actions/file-actions.ts#cancelPromiseAction': {
    args: (t) => onFile(t, { promiseId: t.ids.promise, reason: 'crawl' }),
  },
  'app/actions/payments.ts#recordPaymentAction': {
    args: (t) => onFile(t, { amount: '10,00', method: 'TRANSFER', receivedOn: '2026-12-01' }),
  },
  'app/actions/payments.ts#reversePaymentAction': { args: (t) => ({ paymentId: t.ids.payment, reason: 'crawl' }) },
  'app/actions/payments.ts#previewPlanAction': {
    args: (t) => ({ fileId: t.ids.file, instalmentCount: 3, frequency: 'MONTHLY', firstDueOn: '2027-01-05' }),
  },
  'app/actions/payments.ts#createPlanAction': {
    args: (t) => onFile(t, { instalmentCount: 3, frequency: 'MONTHLY', firstDueOn: '2027-01-05' }),
  },
  'app/actions/payments.ts#cancelPlanAction': { args: (t) => onFile(t, { reason: 'crawl' }) },
  'app/actions/payments.ts#withdrawPlanAction': {
    args: (t) => onFile(t, { planId: t.ids.plan, reason: 'crawl' }),
  },
  'app/actions/payments.ts#decidePlanAction': { args: (t) => ({ planId: t.ids.plan, decision: 'ACCEPT' }) },
  'app/actions/file-actions.ts#correctClaimAction': {
    args: (t) => onFile(t, { claimId: t.ids.claim, reason: 'crawl', amount: '1,00' }),
  },
  'app/actions/file-actions.ts#setLimitationBasisAction': {
    args: (t) => onFile(t, { claimId: t.ids.claim, basis: 'TRANSPORT', reason: 'crawl' }),
  },
  'app/actions/file-actions.ts#noteLimitationEventAction': {
    args: (t) => onFile(t, { kind: 'WRITTEN_ACKNOWLEDGMENT', on: '2026-11-02', note: 'crawl' }),
  },
  'app/actions/registered-mail.ts#recordRegisteredMailAction': {
    args: (t) => onFile(t, { trackingNumber: '1A00000000001' }),
  },
  'app/(agency)/assignments/actions.ts#assignFilesAction': {
    form: true,
    state: true,
    args: (t) => ({ mode: 'files', agentId: t.ids.agent, fileIds: t.ids.file, creditorId: t.ids.creditor }),
  },
  'app/(agency)/assignments/actions.ts#rebalanceAction': {
    form: true,
    state: true,
    args: (t) => ({ agentIds: [t.ids.agent, t.ids.agent], intent: 'apply' }),
  },
  'app/(agency)/creditors/actions.ts#createMandateAction': {
    form: true,
    state: true,
    args: (t) => ({ creditorId: t.ids.creditor, reference: 'CRAWL-1', scope: 'AMICABLE', startsOn: '2026-12-01' }),
  },
  'app/(agency)/creditors/actions.ts#updateMandateAction': {
    form: true,
    state: true,
    args: (t) => ({ mandateId: t.ids.mandate, updatedAt: new Date().toISOString(), reference: 'CRAWL-2' }),
  },
  'app/(agency)/creditors/actions.ts#updateCommissionRulesAction': {
    form: true,
    state: true,
    args: (t) => ({ mandateId: t.ids.mandate, updatedAt: new Date().toISOString(), vatPercent: '20' }),
  },
  'app/(agency)/dashboard/targets/actions.ts#setTargetAction': {
    form: true,
    state: false,
    args: (t) => ({ agentId: t.ids.agent, metric: 'CALLS', period: 'WEEK', target: '5', validFrom: '2026-12-01' }),
  },
  'app/(agency)/scenarios/actions.ts#archiveScenarioAction': {
    form: true,
    state: true,
    args: (t) => ({ scenarioId: t.ids.scenario }),
  },
  'app/(agency)/scenarios/actions.ts#publishVersionAction': {
    form: true,
    state: true,
    args: (t) => ({ scenarioId: t.ids.scenario, versionId: t.ids.scenarioVersion, revision: '1' }),
  },
  'app/(agency)/scenarios/actions.ts#saveDraftAction': {
    form: true,
    state: true,
    args: (t) => ({
      scenarioId: t.ids.scenario,
      versionId: t.ids.scenarioVersion,
      revision: '1',
      payload: JSON.stringify({ steps: [], rules: [] }),
    }),
  },
  'app/(agency)/scenarios/actions.ts#createScenarioAction': { none: 'creates a scenario in the actor’s own agency' },
  'app/(agency)/print-runs/actions.ts#createPrintRunAction': {
    none: 'batches the actor’s own agency’s pending letters',
  },
  'app/(agency)/print-runs/actions.ts#markPostedAction': {
    form: true,
    state: false,
    args: (t) => ({ printRunId: t.ids.printRun, postedOn: '2026-12-01' }),
  },
  'app/(agency)/reconciliation/actions.ts#assignCreditAction': {
    form: true,
    state: false,
    args: (t) => ({ entryId: t.ids.bankEntry, fileReference: 'D0000001', amount: '1' }),
  },
  'app/(agency)/reconciliation/actions.ts#returnCreditAction': {
    form: true,
    state: false,
    args: (t) => ({ entryId: t.ids.bankEntry }),
  },
  'app/(agency)/creditors/actions.ts#updatePayoutDetailsAction': {
    form: true,
    state: false,
    args: (t) => ({
      mandateId: t.ids.mandate,
      updatedAt: new Date().toISOString(),
      payoutIban: 'FR7630006000011234567890189',
      remittanceMode: 'NET',
    }),
  },
  'app/(agency)/finance/actions.ts#proposeRemittanceAction': {
    none: 'proposes what the actor’s own agency holds for its own creditors',
  },
  'app/(agency)/finance/actions.ts#approvePayoutAction': {
    form: true,
    state: false,
    args: (t) => ({ runId: t.ids.payoutRun }),
  },
  'app/(agency)/finance/actions.ts#cancelPayoutAction': {
    form: true,
    state: false,
    args: (t) => ({ runId: t.ids.payoutRun }),
  },
  'app/(agency)/finance/actions.ts#proposeRefundAction': {
    form: true,
    state: false,
    args: (t) => ({ fileId: t.ids.file, iban: 'FR7630006000011234567890189' }),
  },
  'app/(agency)/finance/actions.ts#writeOffCommissionAction': {
    form: true,
    state: false,
    args: (t) => ({ fileId: t.ids.file, amount: '1', reason: 'crawl' }),
  },
  'app/(agency)/finance/actions.ts#recordInvoicePaymentAction': {
    form: true,
    state: false,
    args: (t) => ({ invoiceId: t.ids.commissionInvoice, amount: '1', receivedOn: '2026-01-02' }),
  },
  'app/(agency)/finance/actions.ts#invoiceDirectCommissionAction': {
    form: true,
    state: false,
    args: (t) => ({ creditorId: t.ids.creditor }),
  },
  'app/(agency)/finance/actions.ts#updatePayoutSettingsAction': {
    none: 'sets the actor’s own agency’s approval threshold (an admin only)',
  },
  'app/(agency)/dashboard/costs/actions.ts#setChannelCostsAction': {
    none: 'sets the actor’s own agency’s channel costs',
  },
  'app/actions/locale.ts#setLocale': { none: 'sets the reader’s language cookie' },
  'app/actions/account.ts#changePasswordAction': { none: 'changes the signed-in person’s own password' },
  'app/actions/account.ts#confirmSecondFactorAction': { none: 'sets up the signed-in person’s own second factor' },
  'app/actions/account.ts#replaceRecoveryCodesAction': { none: 'the signed-in person’s own recovery codes' },
  'app/actions/account.ts#removeSecondFactorAction': { none: 'turns off the signed-in person’s own second factor' },
  'app/actions/password-reset.ts#requestResetAction': { none: 'before sign-in: an e-mail address, no object id' },
  'app/actions/password-reset.ts#resetPasswordAction': { none: 'before sign-in: a reset link’s secret, no object id' },
  'app/d/[token]/actions.ts#answerAction': { none: 'a debtor’s second factor for a link: no id, no staff session' },
  'app/d/[token]/actions.ts#codeAction': {
    none: 'a one-time code for a link, to the contact on file: no id, no staff session; tests/integration/debtor-code.test.ts',
  },
  'app/d/[token]/actions.ts#disputeAction': { none: 'acts on the one file the debtor’s session opened' },
  'app/d/[token]/actions.ts#promiseAction': { none: 'acts on the one file the debtor’s session opened' },
  'app/d/[token]/actions.ts#callbackAction': { none: 'acts on the one file the debtor’s session opened' },
  'app/d/[token]/actions.ts#planAction': { none: 'acts on the one file the debtor’s session opened' },
  'app/d/[token]/actions.ts#contactAction': { none: 'acts on the one file the debtor’s session opened' },
  'app/d/[token]/actions.ts#dataRequestAction': { none: 'acts on the one file the debtor’s session opened' },
  'app/d/[token]/card-actions.ts#cardPaymentAction': { none: 'acts on the one file the debtor’s session opened' },
  'app/(agency)/finance/provider-actions.ts#setProviderAccountAction': {
    none: "the actor's own agency's account at the payment provider (admins only)",
  },
  'app/(agency)/escalations/actions.ts#decideEscalationAction': {
    form: true,
    state: true,
    args: (t) => ({ escalationId: t.ids.escalation, decision: 'REJECTED', reason: 'OTHER' }),
  },
  'app/portal/agreements/actions.ts#answerAgreementAction': {
    form: true,
    state: true,
    args: (t) => ({ escalationId: t.ids.escalation, answer: 'REFUSE' }),
  },
  'app/actions/judicial.ts#recordStepAction': {
    form: true,
    state: true,
    args: (t) => ({ procedureId: t.ids.procedure, kind: 'REQUEST_FILED', on: '2026-12-01' }),
  },
  'app/actions/partners.ts#createPartnerAction': { none: 'adds to the actor’s own agency’s directory' },
  'app/actions/partners.ts#updatePartnerAction': {
    args: (t) => ({
      partnerId: t.ids.partner,
      kind: 'LAWYER',
      name: 'crawl',
      courtArea: 'crawl',
      email: 'crawl@example.com',
    }),
  },
  'app/actions/debtor-link.ts#debtorLinkAction': { args: (t) => ({ fileId: t.ids.file }) },
  'app/actions/partners.ts#handOverFileAction': { args: (t) => ({ fileId: t.ids.file, partnerId: t.ids.partner }) },
  'app/actions/partners.ts#recordPartnerDocumentAction': {
    args: (t) => ({ fileId: t.ids.file, partnerId: t.ids.partner, kind: 'REPORT', receivedOn: '2026-12-01' }),
  },
  'app/actions/closing.ts#decideClosingAction': { args: (t) => ({ closingId: t.ids.closing, decision: 'APPROVED' }) },
  'app/actions/closing.ts#reopenFileAction': {
    args: (t) => onFile(t, { reason: 'DEBTOR_FOUND', note: 'crawl' }),
  },
  'app/actions/closing.ts#setClosingThresholdAction': { none: 'sets the actor’s own agency’s closing threshold' },
  'app/actions/closing.ts#previewBulkClosingAction': {
    args: (t) => ({ creditorId: t.ids.creditor, reason: 'WITHDRAWN', references: '' }),
  },
  'app/actions/closing.ts#startBulkClosingAction': {
    args: (t) => ({ creditorId: t.ids.creditor, reason: 'WITHDRAWN', references: '' }),
  },
  'app/(agency)/admin/staff/actions.ts#endSessionsAction': {
    form: true,
    state: false,
    args: (t) => ({ membershipId: t.ids.agent }),
  },
  'app/(agency)/admin/staff/actions.ts#resetSecondFactorAction': {
    form: true,
    state: false,
    args: (t) => ({ membershipId: t.ids.agent }),
  },
  'app/actions/api-keys.ts#createApiKeyAction': {
    args: (t) => ({ creditorId: t.ids.creditor, label: 'crawl', expiresInDays: '30' }),
  },
  'app/actions/api-keys.ts#revokeApiKeyAction': { args: (t) => ({ keyId: t.ids.apiKey }) },
  'app/(agency)/admin/staff/actions.ts#changeRoleAction': {
    form: true,
    state: false,
    args: (t) => ({ membershipId: t.ids.agent, role: 'MANAGER', creditorId: '' }),
  },
  'app/(agency)/admin/staff/actions.ts#setActiveAction': {
    form: true,
    state: false,
    args: (t) => ({ membershipId: t.ids.agent, active: 'false' }),
  },
  'app/actions/staff.ts#inviteMemberAction': {
    args: (t) => ({ email: 'crawl@example.com', name: 'Crawl', role: 'CREDITOR', creditorId: t.ids.creditor }),
  },
  'app/(agency)/admin/staff/actions.ts#setAgentPolicyAction': {
    none: 'sets the actor’s own agency’s rule for agents (an admin only)',
  },
  'app/(agency)/settings/rates/actions.ts#addLegalRateAction': {
    none: 'appends to the rate tables every agency shares (an admin only)',
  },
  'app/(agency)/settings/rates/actions.ts#addEcbRateAction': {
    none: 'appends to the rate tables every agency shares (an admin only)',
  },
};
