'use client';

import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { removeSecondFactorAction, replaceRecoveryCodesAction } from '@/app/actions/account';
import { ErrorBanner } from '@/components/workspace/form-kit';
import { useAccountForm } from './account-form';
import { RecoveryCodes } from './recovery-codes';

/** New recovery codes (shown once), or the second factor turned off where the role allows it. */
export function ManageSecondFactor({ canRemove }: { canRemove: boolean }) {
  const t = useTranslations('accounts.secondFactor');
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const { error, pending, submit } = useAccountForm();
  if (codes)
    return (
      <RecoveryCodes
        codes={codes}
        doneLabel={t('done')}
        onDone={() => {
          setCodes(null);
          router.refresh();
        }}
      />
    );
  const button = 'rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60';
  return (
    <div className="mt-4 space-y-3">
      <ErrorBanner error={error} />
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          disabled={pending}
          className={button}
          onClick={() =>
            submit(
              () => replaceRecoveryCodesAction(),
              (d) => setCodes(d.recoveryCodes),
            )
          }
        >
          {t('newCodes')}
        </button>
        {canRemove ? (
          <button
            type="button"
            disabled={pending}
            className={button}
            onClick={() =>
              submit(
                () => removeSecondFactorAction(),
                () => router.push('/signin?notice=secondFactorRemoved'),
              )
            }
          >
            {t('remove')}
          </button>
        ) : (
          <p className="self-center text-xs text-slate-600">{t('cannotRemove')}</p>
        )}
      </div>
    </div>
  );
}
