import { describe, expect, it } from 'vitest';
import { isCatalogueKey } from '../../lib/errors/describe';
import { QUEUE_MESSAGES as M } from '../../lib/workqueue/messages';
import { assignFilesSchema, queueQuerySchema, rebalanceLoadSchema } from '../../lib/workqueue/schemas';

const AGENT = '3f1c2f4e-8a1b-4c55-9d1e-0b7a6c5d4e3f';
const FILE = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('queueQuerySchema', () => {
  it('defaults to the first page of 25 and the actor’s own queue', () => {
    expect(queueQuerySchema.parse({})).toEqual({ page: 1, pageSize: 25, agentId: undefined });
    expect(queueQuerySchema.parse({ page: '3', pageSize: '50', agentId: AGENT })).toEqual({
      page: 3,
      pageSize: 50,
      agentId: AGENT,
    });
  });

  it('refuses a page size over 100, page 0 and a malformed agent id', () => {
    expect(issues(queueQuerySchema.safeParse({ page: '0', pageSize: '101', agentId: 'me' }))).toEqual({
      page: M.page,
      pageSize: M.pageSize,
      agentId: M.agentId,
    });
  });
});

describe('assignFilesSchema', () => {
  it('reads pasted ids and references, spaces, commas or lines, without duplicates', () => {
    const parsed = assignFilesSchema.parse({
      mode: 'files',
      agentId: AGENT,
      fileIds: `${FILE.toUpperCase()}, d0000012\nD0000012 ${FILE}`,
    });
    expect(parsed).toEqual({ mode: 'files', agentId: AGENT, fileIds: { ids: [FILE], references: ['D0000012'] } });
  });

  it('names the entry that is neither an id nor a reference', () => {
    const result = assignFilesSchema.safeParse({ mode: 'files', agentId: AGENT, fileIds: [FILE, 'DROP TABLE'] });
    expect(issues(result)).toEqual({ 'fileIds.1': M.fileRef });
    expect(issues(assignFilesSchema.safeParse({ mode: 'files', agentId: AGENT, fileIds: '' }))).toEqual({
      fileIds: M.fileList,
    });
  });

  it('turns a rule’s euro amounts into cents and defaults to unassigned files only', () => {
    expect(assignFilesSchema.parse({ mode: 'rule', agentId: AGENT, minAmount: '1 200,50', maxAmount: 5000 })).toEqual({
      mode: 'rule',
      agentId: AGENT,
      minAmount: 120_050,
      maxAmount: 500_000,
      only: 'unassigned',
    });
  });

  it('refuses an empty rule, a reversed range, a negative amount and a closed phase', () => {
    expect(issues(assignFilesSchema.safeParse({ mode: 'rule', agentId: AGENT }))).toEqual({ mode: M.ruleEmpty });
    expect(
      issues(assignFilesSchema.safeParse({ mode: 'rule', agentId: AGENT, minAmount: '500', maxAmount: '100' })),
    ).toEqual({ maxAmount: M.amountRange });
    expect(
      issues(assignFilesSchema.safeParse({ mode: 'rule', agentId: AGENT, minAmount: '-5', phase: 'CLOSED' })),
    ).toEqual({ minAmount: M.amount, phase: M.phase });
  });

  it('refuses an unknown mode and a missing agent', () => {
    expect(issues(assignFilesSchema.safeParse({ mode: 'everything', agentId: AGENT }))).toEqual({ mode: M.mode });
    expect(issues(assignFilesSchema.safeParse({ mode: 'creditor', creditorId: FILE }))).toEqual({
      agentId: M.required,
    });
  });

  it('every message has a catalogue key', () => {
    for (const key of Object.values(M)) expect(isCatalogueKey(key), key).toBe(true);
  });
});

describe('rebalanceLoadSchema', () => {
  it('dedupes the agents, needs two of them, and previews unless told otherwise', () => {
    const other = FILE;
    expect(rebalanceLoadSchema.parse({ agentIds: [AGENT, other, AGENT.toUpperCase()] })).toEqual({
      agentIds: [AGENT, other],
      dryRun: true,
    });
    expect(rebalanceLoadSchema.parse({ agentIds: [AGENT, other], dryRun: 'false' }).dryRun).toBe(false);
    expect(issues(rebalanceLoadSchema.safeParse({ agentIds: [AGENT, AGENT] }))).toEqual({ agentIds: M.agents });
    expect(issues(rebalanceLoadSchema.safeParse({ agentIds: AGENT }))).toEqual({ agentIds: M.agents });
  });
});
