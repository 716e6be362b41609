import { useMemo } from 'react';
import type { UnopenedSecret } from '../../../shared/contract/session-options.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { liveUnopenedSecrets, unopenedSecretName } from '../../../shared/settings/unopened-secrets.js';
import { useT } from '../../lib/use-t.js';
import { useApp } from '../../store/app-store.js';
import { currentForm } from '../../store/settings-slice.js';

/** The shown form's secrets this process could not open that are still empty in their place (docs/settings-files.md). */
export function useUnopenedSecrets(): readonly UnopenedSecret[] {
  const form = useApp(currentForm);
  return useMemo(() => liveUnopenedSecrets({ ...form.options, url: form.url }), [form]);
}

/** Which fields must be typed again before a connection is made from these settings; nothing when none. */
export function UnopenedSecretsNote() {
  const t = useT();
  const unopened = useUnopenedSecrets();
  if (unopened.length === 0) return null;
  return (
    <div className="note warn unopened-secrets" role="status">
      {t('connection:unopened.note', { fields: unopened.map((secret) => renderMessage(t, unopenedSecretName(secret))) })}
    </div>
  );
}

/** True when the header at `index` of `headers` is the one an unopened secret marks (same name in any case, same occurrence). */
export function isHeaderUnopened(unopened: readonly UnopenedSecret[], headers: readonly (readonly [string, string])[], index: number): boolean {
  const name = headers[index]?.[0].toLowerCase() ?? '';
  const occurrence = headers.slice(0, index).filter(([other]) => other.toLowerCase() === name).length;
  return unopened.some((secret) => secret.kind === 'header' && secret.name.toLowerCase() === name && secret.occurrence === occurrence);
}
