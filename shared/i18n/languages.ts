/** The languages Frameline speaks; English is the source and the fallback. */
export const supportedLanguages = ['en', 'zh-CN'] as const;

/** One of the supported languages. */
export type Language = (typeof supportedLanguages)[number];

/** The language everything falls back to, and the one `--json` keys are written in. */
export const sourceLanguage: Language = 'en';

/**
 * The supported language closest to a BCP 47 tag or a POSIX locale (`zh_CN.UTF-8`, `zh-Hans-CN`,
 * `en-GB`); any Chinese tag becomes zh-CN (our only Chinese catalogue), anything else English.
 */
export function resolveLanguage(tag: string | null | undefined): Language {
  if (!tag) return sourceLanguage;
  const normalised = tag.trim().split(/[.@]/)[0]!.replace(/_/g, '-').toLowerCase();
  if (normalised === 'zh' || normalised.startsWith('zh-')) return 'zh-CN';
  return sourceLanguage;
}

/** True for a string naming a supported language exactly (settings, `--lang`). */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value);
}
