import { resolveLanguage, type Language } from '../../shared/i18n/languages.js';

/** The language a command speaks, and its arguments without `--lang`. */
export interface CliLanguage {
  readonly language: Language;
  readonly argv: string[];
}

/**
 * `--lang TAG` (or `--lang=TAG`) anywhere on the command line wins; otherwise the POSIX locale
 * variables in their order of precedence for messages: the first non-empty of LC_ALL,
 * LC_MESSAGES and LANG (`zh_CN.UTF-8` → zh-CN). Anything else is English.
 */
export function cliLanguage(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliLanguage {
  const rest: string[] = [];
  let chosen: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--lang' && argv[index + 1] !== undefined) {
      chosen = argv[++index];
    } else if (arg.startsWith('--lang=')) {
      chosen = arg.slice('--lang='.length);
    } else rest.push(arg);
  }
  const locale = chosen ?? [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((value) => value !== undefined && value !== '');
  return { language: resolveLanguage(locale), argv: rest };
}
