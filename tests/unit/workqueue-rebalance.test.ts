import { describe, expect, it } from 'vitest';
import { planRebalance, type BalanceFile } from '../../lib/workqueue/rebalance-plan';

const file = (id: string, agentId: string, amountCents: number): BalanceFile => ({ id, agentId, amountCents });

describe('planRebalance', () => {
  it('moves the one file that evens out two agents', () => {
    const plan = planRebalance(['A', 'B'], [file('a1', 'A', 500), file('a2', 'A', 300), file('a3', 'A', 200)]);
    expect(plan.moves).toEqual([{ fileId: 'a1', from: 'A', to: 'B', amountCents: 500 }]);
    expect(plan.before).toEqual([
      { agentId: 'A', files: 3, amountCents: 1000 },
      { agentId: 'B', files: 0, amountCents: 0 },
    ]);
    expect(plan.after).toEqual([
      { agentId: 'A', files: 2, amountCents: 500 },
      { agentId: 'B', files: 1, amountCents: 500 },
    ]);
  });

  it('leaves a balanced team alone', () => {
    const files = [file('a1', 'A', 400), file('b1', 'B', 300), file('b2', 'B', 100)];
    expect(planRebalance(['A', 'B'], files).moves).toEqual([]);
  });

  it('spreads over three agents, most loaded giving first, each file moving once', () => {
    const files = [file('a1', 'A', 400), file('a2', 'A', 300), file('a3', 'A', 300), file('b1', 'B', 200)];
    const plan = planRebalance(['C', 'B', 'A'], files);
    // A→C the 400 (C's deficit), then A→B a 300 (B's deficit 200, closest file below the 400 gap).
    expect(plan.moves).toEqual([
      { fileId: 'a1', from: 'A', to: 'C', amountCents: 400 },
      { fileId: 'a2', from: 'A', to: 'B', amountCents: 300 },
    ]);
    expect(plan.after).toEqual([
      { agentId: 'A', files: 1, amountCents: 300 },
      { agentId: 'B', files: 2, amountCents: 500 },
      { agentId: 'C', files: 1, amountCents: 400 },
    ]);
  });

  it('does not move a file that would only swap who is overloaded', () => {
    const files = [file('a1', 'A', 1000), ...[1, 2, 3, 4].map((n) => file(`b${n}`, 'B', 100))];
    expect(planRebalance(['A', 'B'], files).moves).toEqual([]);
  });

  it('ignores the files of agents not selected, and a single agent', () => {
    const files = [file('a1', 'A', 900), file('x1', 'X', 5000)];
    const plan = planRebalance(['A', 'B'], files);
    expect(plan.moves).toEqual([]);
    expect(plan.before.map((l) => l.amountCents)).toEqual([900, 0]);
    expect(planRebalance(['A'], files).moves).toEqual([]);
  });

  it('on many random teams: totals kept, each move narrows the spread, no file moves twice', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const agents = ['A', 'B', 'C', 'D', 'E'].slice(0, 2 + (round % 4));
      const files: BalanceFile[] = [];
      for (let i = 0; i < 40; i++) {
        // Skewed: the first agent gets most files.
        const agent = random() < 0.5 ? agents[0]! : agents[Math.floor(random() * agents.length)]!;
        files.push(file(`f${round}-${i}`, agent, 100 + Math.floor(random() * 5000) * 100));
      }
      const plan = planRebalance(agents, files);
      const sum = (xs: { amountCents: number }[]) => xs.reduce((s, x) => s + x.amountCents, 0);
      expect(sum(plan.after)).toBe(sum(plan.before));
      expect(new Set(plan.moves.map((m) => m.fileId)).size).toBe(plan.moves.length);
      const spread = (loads: { amountCents: number }[]) => {
        const avg = sum(loads) / loads.length;
        return loads.reduce((s, l) => s + (l.amountCents - avg) ** 2, 0);
      };
      expect(spread(plan.after)).toBeLessThanOrEqual(spread(plan.before));
      if (plan.moves.length > 0) expect(spread(plan.after)).toBeLessThan(spread(plan.before));
      // The same data always gives the same plan (the preview and the applied moves agree).
      expect(planRebalance([...agents].reverse(), [...files].reverse())).toEqual(plan);
    }
  });
});
