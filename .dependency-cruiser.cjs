/**
 * Import rules checked by `npm run lint` (docs/decisions/0006-no-import-cycles.md). Run alone with
 * `npm run lint:deps`.
 */

const MODULE_CYCLE =
  'lib/<module> folders depend one way (docs/architecture.md rule 9): move what both sides need into a module named for it.';

module.exports = {
  forbidden: [
    {
      name: 'no-module-cycle',
      severity: 'error',
      comment: MODULE_CYCLE,
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-file-cycle',
      severity: 'error',
      comment: 'Two files that import each other at run time: one of them holds what both need.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    includeOnly: '^(lib|app|components|workers)/',
    exclude: { path: '^lib/db/generated/' },
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a module that needs another's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Folder-level rules need the folder graph, which dependency-cruiser builds with its metrics.
    metrics: true,
    progress: { type: 'none' },
  },
};
