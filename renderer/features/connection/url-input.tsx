import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { currentForm } from '../../store/settings-slice.js';
import { useUnopenedSecrets, useUnopenedUrlMarks } from './unopened-secrets.js';

/** The target URL of the shown form: the shown tab's (Connect and Reconnect use it) or the Doctor's own; marked while a credential in it must be typed again. */
export function UrlInput() {
  const t = useT();
  const url = useApp((state) => currentForm(state).url);
  const marks = useUnopenedUrlMarks(useUnopenedSecrets());
  return (
    <input
      id="url-input"
      className="url-input mono"
      aria-label={t('connection:url.label')}
      spellCheck={false}
      autoComplete="off"
      value={url}
      placeholder={t('connection:url.placeholder')}
      {...marks}
      onChange={(event) => getAppStore().getState().settings.setUrl(event.target.value)}
    />
  );
}
