import { createInstance, type i18n, type TFunction } from 'i18next';
import { sourceLanguage, type Language } from './languages.js';
import { formatList } from './list-format.js';
import { namespaces, resources } from './resources.js';

/**
 * A ready i18next instance for one language, with every catalogue bundled (no loading, so it
 * works the same in the CLI, the engine and the window). Plurals and interpolation are
 * i18next's; values are not HTML-escaped because React and the terminal printers escape.
 */
export function createI18n(language: Language): i18n {
  const instance = createInstance();
  void instance.init({
    lng: language,
    fallbackLng: sourceLanguage,
    resources,
    ns: namespaces,
    defaultNS: 'common',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // `{{parts, clauses}}`: clauses of one sentence, joined the way the language separates clauses ("; " in
  // English, "；" in Chinese). Intl.ListFormat has no such list: its "unit" lists join Chinese with nothing.
  instance.services.formatter?.add('clauses', (value: unknown, lng: string | undefined) =>
    Array.isArray(value) ? value.join(instance.t('common:list.clauseSeparator', { lng })) : String(value),
  );
  // `{{parts, items}}`: items that all hold (an expectation's conditions), joined with the language's
  // comma and no conjunction, so a list of conditions reads the same whatever its length.
  instance.services.formatter?.add('items', (value: unknown, lng: string | undefined) =>
    Array.isArray(value) ? value.join(instance.t('common:list.itemSeparator', { lng })) : String(value),
  );
  // `{{items, list}}`: i18next's own list formatter is Intl.ListFormat as it is, which writes 握手和HTTP/1.0.
  instance.services.formatter?.add('list', (value: unknown, lng: string | undefined) =>
    Array.isArray(value) ? formatList(value.map(String), lng ?? sourceLanguage) : String(value),
  );
  return instance;
}

/** A translate function taking keys from every catalogue, written whole as `namespace:dotted.key`. */
export type Translate = TFunction<(typeof namespaces)[number][]>;

/** The translate function of one language, for the CLI and the engine's edges. */
export function createTranslate(language: Language): Translate {
  return createI18n(language).getFixedT(language, namespaces);
}
