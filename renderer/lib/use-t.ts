import { useCallback, useContext, useMemo, useSyncExternalStore } from 'react';
import { I18nContext } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import { namespaces } from '../../shared/i18n/resources.js';
import type { Translate } from '../../shared/i18n/create-i18n.js';

/**
 * The window's translate function, taking keys written whole as `namespace:dotted.key` from any
 * catalogue (shared/i18n/README.md); re-renders the caller when the language changes, and only then.
 *
 * Not react-i18next's `useTranslation`: with every catalogue bundled there is nothing to wait
 * for, yet that hook checks each namespace and builds its function on every render. Following a
 * 100,000 msgs/s flood the window re-renders a dozen components per batch, and the hook and its
 * lookups were about 1.2 s of a 30 s renderer profile (docs/performance.md). Here the function is
 * made once per language, and a key asked without options is looked up once.
 */
export function useT(): Translate {
  const context = useContext(I18nContext);
  const i18n = context?.i18n;
  if (!i18n) throw new Error('useT needs an I18nextProvider');
  const subscribe = useCallback((onChange: () => void) => subscribeToLanguage(i18n, onChange), [i18n]);
  const language = useSyncExternalStore(subscribe, () => i18n.language);
  return useMemo(() => translateOnce(i18n.getFixedT(language, namespaces)), [i18n, language]);
}

function subscribeToLanguage(i18n: I18n, onChange: () => void): () => void {
  i18n.on('languageChanged', onChange);
  return () => i18n.off('languageChanged', onChange);
}

/** `t`, remembering the words of keys asked without options (the catalogues never change while the window runs). */
function translateOnce(t: Translate): Translate {
  // i18next's key types are too deep to spell here; the call is passed through unchanged.
  const call = t as unknown as (...args: unknown[]) => unknown;
  const words = new Map<string, unknown>();
  const cached = (...args: unknown[]): unknown => {
    const key = args[0];
    if (args.length !== 1 || typeof key !== 'string') return call(...args);
    let text = words.get(key);
    if (text === undefined) {
      text = call(key);
      words.set(key, text);
    }
    return text;
  };
  return Object.assign(cached, t) as unknown as Translate;
}
