'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { confirmSecondFactorAction } from '@/app/actions/account';
import { Field } from '@/components/workspace/form-kit';
import { AccountForm, useAccountForm } from './account-form';
import { RecoveryCodes } from './recovery-codes';

/** Scan the QR code (or type the key), give the code the app shows; then the recovery codes, once. */
export function SecondFactorSetup({ qrDataUrl, secret, next }: { qrDataUrl: string; secret: string; next: string }) {
  const t = useTranslations('accounts.secondFactor');
  const router = useRouter();
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const { error, pending, submit } = useAccountForm();
  if (codes)
    return (
      <RecoveryCodes
        codes={codes}
        doneLabel={t('continue')}
        onDone={() => {
          router.push(next);
          router.refresh();
        }}
      />
    );
  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
        <li>{t('step1')}</li>
        <li>{t('step2')}</li>
        <li>{t('step3')}</li>
      </ol>
      <div className="flex flex-wrap items-start gap-6">
        {/* A data: URL the server drew (qrcode): no script, allowed by the CSP's img-src. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={qrDataUrl} alt={t('qrAlt')} width={220} height={220} className="rounded border border-slate-200" />
        <div className="text-sm">
          <p className="text-slate-600">{t('manual')}</p>
          <code className="mt-1 block font-mono tracking-wider break-all" data-testid="totp-secret">
            {secret.replace(/(.{4})/g, '$1 ').trim()}
          </code>
        </div>
      </div>
      <AccountForm
        testId="second-factor-setup"
        error={error}
        pending={pending}
        submitLabel={t('confirm')}
        pendingLabel={t('confirming')}
        onSubmit={() =>
          submit(
            () => confirmSecondFactorAction({ code }),
            (d) => setCodes(d.recoveryCodes),
          )
        }
      >
        <Field label={t('code')} name="code" error={error}>
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
      </AccountForm>
    </div>
  );
}
