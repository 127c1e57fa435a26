'use client';

import dynamic from 'next/dynamic';
import type { PanelFile } from './types';

// The panel reads the agent's drafts from localStorage as it first renders, which the server cannot do:
// it is drawn in the browser only, behind a placeholder of the same height.
const ActionPanel = dynamic(() => import('./action-panel').then((m) => m.ActionPanel), {
  ssr: false,
  loading: () => <div className="h-40 animate-pulse rounded-lg border border-slate-200 bg-white shadow-sm" />,
});

export function WorkspacePanel({ file }: { file: PanelFile }) {
  return <ActionPanel file={file} />;
}
