import { formatDateLong } from './format';
import { MARGIN, SIZE, heading, newPage, paragraph, renderToBuffer } from './layout';
import type { IsoDate, LetterLocale } from './types';

/*
 * The readable copy of a person's data (GDPR art. 15(3)): the same rows as the JSON export, a section per kind of
 * record, each record as its stored fields. The JSON is the machine-readable copy (art. 20); this one is for the
 * person to read, so each section says in their language what it is.
 */

export interface SubjectAccessData {
  locale: LetterLocale;
  date: IsoDate;
  agency: { name: string; legalName: string; address: string };
  personName: string;
  sections: { key: string; rows: Record<string, unknown>[] }[];
}

const T = {
  fr: {
    title: 'Vos données personnelles',
    intro: (agency: string, date: string) =>
      `${agency} vous communique, le ${date}, l'ensemble des données personnelles qu'elle détient vous concernant (article 15 du RGPD), telles qu'elles sont enregistrées.`,
    none: 'Aucune donnée.',
    record: (n: number) => `Enregistrement ${n}`,
    sections: {
      debtor: 'Identité',
      files: 'Dossiers',
      contact_point: 'Coordonnées',
      company_event: 'Événements de la société',
      claim: 'Créances',
      payment: 'Paiements',
      payment_plan: 'Échéanciers',
      promise: 'Promesses de paiement',
      dispute: 'Contestations',
      activity: 'Historique des dossiers',
      task: 'Tâches',
      document: 'Documents',
      file_info: 'Informations recueillies',
      outbound_message: 'Messages envoyés',
      limitation_event: 'Événements de prescription',
      judicial_procedure: 'Procédures judiciaires',
      file_closing: 'Clôtures',
      reads: 'Consultations de vos données',
    } as Record<string, string>,
  },
  en: {
    title: 'Your personal data',
    intro: (agency: string, date: string) =>
      `On ${date}, ${agency} gives you all the personal data it holds about you (GDPR article 15), as it is stored.`,
    none: 'No data.',
    record: (n: number) => `Record ${n}`,
    sections: {
      debtor: 'Identity',
      files: 'Files',
      contact_point: 'Contact details',
      company_event: 'Company events',
      claim: 'Claims',
      payment: 'Payments',
      payment_plan: 'Payment plans',
      promise: 'Promises to pay',
      dispute: 'Disputes',
      activity: 'File history',
      task: 'Tasks',
      document: 'Documents',
      file_info: 'Information gathered',
      outbound_message: 'Messages sent',
      limitation_event: 'Limitation events',
      judicial_procedure: 'Court procedures',
      file_closing: 'Closings',
      reads: 'Who read your data',
    } as Record<string, string>,
  },
} as const;

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export async function renderSubjectAccess(data: SubjectAccessData): Promise<Buffer> {
  const t = T[data.locale];
  return renderToBuffer(
    { title: `${t.title} — ${data.personName}`, author: data.agency.legalName, locale: data.locale, date: data.date },
    (doc) => {
      newPage(doc);
      heading(doc, `${t.title} — ${data.personName}`, 14);
      paragraph(doc, `${data.agency.legalName}, ${data.agency.address}`, { size: SIZE.small, color: '#555555' });
      paragraph(doc, t.intro(data.agency.name, formatDateLong(data.date, data.locale)));
      for (const section of data.sections) {
        doc.y += 6;
        heading(doc, `${t.sections[section.key] ?? section.key} (${section.rows.length})`);
        if (section.rows.length === 0) paragraph(doc, t.none, { italic: true, size: SIZE.small });
        section.rows.forEach((row, index) => {
          if (section.rows.length > 1) paragraph(doc, t.record(index + 1), { size: SIZE.small, gap: 1 });
          for (const [key, value] of Object.entries(row)) {
            paragraph(doc, [{ text: `${key} : `, bold: true }, { text: valueText(value) }], {
              size: SIZE.small,
              gap: 0.5,
            });
          }
          doc.y += 3;
        });
      }
      doc.x = MARGIN.left;
    },
  );
}
