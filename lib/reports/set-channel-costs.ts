import { recordAudit } from '../audit/record-audit';
import { inTenant, type Tx } from '../db/tenant';
import { parseInput } from '../errors/zod';
import { scopeOf, type Actor } from '../tenancy/actor';
import { authorize } from '../tenancy/permissions';
import { COSTED_CHANNELS, channelCosts, type ChannelCosts } from './rules';
import { channelCostsSchema } from './schemas';

export interface SetChannelCostsOptions {
  actor: Actor;
  ip?: string;
  /** One euro amount per costed channel (SIMPLE_LETTER: '1,50', …): parsed by channelCostsSchema. */
  input: Record<string, unknown>;
}

export interface ChannelCostsView {
  costs: ChannelCosts;
  /** Channels the agency priced itself (the others cost the default). */
  custom: string[];
  updatedAt: string | null;
}

async function read(tx: Tx, tenantId: string): Promise<ChannelCostsView> {
  const rows = await tx.channelCost.findMany({ where: { tenantId } });
  const updated = rows.reduce<Date | null>((a, r) => (a && a > r.updatedAt ? a : r.updatedAt), null);
  return {
    costs: channelCosts(Object.fromEntries(rows.map((r) => [r.channel, r.costCents]))),
    custom: rows.map((r) => r.channel),
    updatedAt: updated?.toISOString() ?? null,
  };
}

/** The agency's unit costs per channel, for the settings form (managers and admins). */
export async function getChannelCosts({ actor }: { actor: Actor }): Promise<ChannelCostsView> {
  authorize(actor, 'channelCosts.manage');
  return inTenant(scopeOf(actor), (tx) => read(tx, actor.tenantId));
}

/**
 * Sets every costed channel's unit cost at once (the form shows them all). Scenario effectiveness prices the
 * steps when it is read (lib/reports/dashboard-data.ts), so the new prices apply to every figure at once, past
 * steps included. All or nothing: one bad amount refuses the whole form, naming the field.
 */
export async function setChannelCosts({ actor, ip, input }: SetChannelCostsOptions): Promise<ChannelCostsView> {
  authorize(actor, 'channelCosts.manage');
  const costs = parseInput(channelCostsSchema, input);
  return inTenant(scopeOf(actor), async (tx) => {
    const before = await read(tx, actor.tenantId);
    const now = new Date();
    for (const channel of COSTED_CHANNELS) {
      const data = { costCents: costs[channel], updatedBy: actor.membershipId, updatedAt: now };
      await tx.channelCost.upsert({
        where: { tenantId_channel: { tenantId: actor.tenantId, channel } },
        create: { tenantId: actor.tenantId, channel, ...data },
        update: data,
      });
    }
    const changed = COSTED_CHANNELS.filter((c) => before.costs[c] !== costs[c]);
    await recordAudit(tx, actor, {
      action: 'channel_costs.set',
      entity: 'channel_cost',
      entityId: actor.tenantId,
      ip,
      details: {
        changed: changed.join(',') || null,
        ...Object.fromEntries(changed.map((c) => [c, `${before.costs[c]} → ${costs[c]}`])),
      },
    });
    return read(tx, actor.tenantId);
  });
}
