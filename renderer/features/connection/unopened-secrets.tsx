import { useMemo } from 'react';
import type { UnopenedSecret } from '../../../shared/contract/session-options.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { isUrlSecret, liveUnopenedSecrets, unopenedSecretName } from '../../../shared/settings/unopened-secrets.js';
import { useT } from '../../lib/use-t.js';
import { useApp } from '../../store/app-store.js';
import { currentForm } from '../../store/settings-slice.js';

/** The shown form's secrets this process could not open that are still empty in their place (docs/settings-files.md); in the Relay view the URL is the relay bar's. */
export function useUnopenedSecrets(): readonly UnopenedSecret[] {
  const form = useApp(currentForm);
  return useMemo(() => liveUnopenedSecrets({ ...form.options, url: form.url }), [form]);
}

/** Where the marked settings are saved, which the note tells the user. */
type NotePlace = 'profile' | 'relay' | 'workspace';

const NOTE_KEYS = {
  profile: 'connection:unopened.note',
  relay: 'connection:unopened.noteRelay',
  workspace: 'connection:unopened.noteWorkspace',
} as const satisfies Record<NotePlace, string>;

/** The warning note every place with values this process cannot open shows (the drawer, the relay, the workspace editor's connections and environments). */
export function UnopenedNote({ text }: { text: string }) {
  return (
    <div className="note warn unopened-secrets" role="status">
      {text}
    </div>
  );
}

/** Which fields must be typed again before a connection is made from these settings, and where they are saved; nothing when none. */
export function UnopenedSecretsNote({ unopened, place }: { unopened: readonly UnopenedSecret[]; place: NotePlace }) {
  const t = useT();
  if (unopened.length === 0) return null;
  return <UnopenedNote text={t(NOTE_KEYS[place], { fields: unopened.map((secret) => renderMessage(t, unopenedSecretName(secret))) })} />;
}

/** The marks of a URL field (the connection bar's, the relay bar's, a workspace connection's) while a secret in it must be typed again: flagged, and its title names which. */
export function useUnopenedUrlMarks(unopened: readonly UnopenedSecret[]): { readonly 'aria-invalid'?: true; readonly title?: string } {
  const t = useT();
  const inUrl = unopened.filter(isUrlSecret);
  if (inUrl.length === 0) return {};
  return { 'aria-invalid': true, title: t('connection:unopened.urlTitle', { fields: inUrl.map((secret) => renderMessage(t, unopenedSecretName(secret))) }) };
}

/** True when the header at `index` of `headers` is the one an unopened secret marks (same name in any case, same occurrence). */
export function isHeaderUnopened(unopened: readonly UnopenedSecret[], headers: readonly (readonly [string, string])[], index: number): boolean {
  const name = headers[index]?.[0].toLowerCase() ?? '';
  const occurrence = headers.slice(0, index).filter(([other]) => other.toLowerCase() === name).length;
  return unopened.some((secret) => secret.kind === 'header' && secret.name.toLowerCase() === name && secret.occurrence === occurrence);
}
