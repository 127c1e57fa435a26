// npm run bench -- <name> [options]: benchmarks print measured figures beside a baseline measured in the same run.
const BENCHES: Record<string, () => Promise<{ run: (args: string[]) => Promise<void> }>> = {
  import: () => import('./import-bench'),
  dashboards: () => import('./dashboards-bench'),
  workspace: () => import('./workspace-bench'),
  scenarios: () => import('./scenarios-bench'),
  remittance: () => import('./remittance-bench'),
  pages: () => import('./pages-bench'),
  'debtor-page': () => import('./debtor-page-bench'),
  statement: () => import('./statement-bench'),
  agents: () => import('./agents-bench'),
};

const [benchName, ...args] = process.argv.slice(2);
if (!benchName || !(benchName in BENCHES)) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> [options]`);
  process.exit(2);
}
await (await BENCHES[benchName]!()).run(args);
process.exit(0);

export {};
