'use client';

import { useState } from 'react';
import type { ImportView } from '@/lib/imports/queries';
import type { IntakeField } from '@/lib/imports/schemas';
import { ImportProgress } from './import-progress';
import { MappingForm } from './mapping-form';

interface Props {
  initial: ImportView;
  basePath: string;
  fields: readonly IntakeField[];
  required: readonly IntakeField[];
  /** The file's header and first rows, present while its columns can still be mapped. */
  sample: { headers: string[]; rows: string[][] } | null;
}

/** One import's page body: the column mapping until a preview starts, then its progress and outcome. */
export function ImportWorkspace({ initial, basePath, fields, required, sample }: Props) {
  const [state, setState] = useState({ view: initial, mapping: initial.status === 'UPLOADED' });
  const { view, mapping } = state;

  if (mapping && sample) {
    return (
      <MappingForm
        importId={view.id}
        fields={fields}
        required={required}
        headers={sample.headers}
        sample={sample.rows}
        mapping={view.mapping}
        onStarted={() =>
          setState({
            view: { ...view, status: 'PREVIEWING', progressRows: 0, progressWriting: null, counts: null },
            mapping: false,
          })
        }
        onCancel={view.status === 'PREVIEWED' ? () => setState({ view, mapping: false }) : undefined}
      />
    );
  }
  return (
    <ImportProgress
      initial={view}
      basePath={basePath}
      onEditMapping={sample ? (latest) => setState({ view: latest, mapping: true }) : undefined}
    />
  );
}
