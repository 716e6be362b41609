import { parseArgs } from 'node:util';
import { message, verbatim, type Message } from '../../shared/i18n/message.js';
import { UsageError } from './usage-error.js';

type ParseArgsConfig = NonNullable<Parameters<typeof parseArgs>[0]>;

/** node:util's parseArgs, with its errors turned into one-line UsageErrors (exit status 2) in the reader's language. */
export function parseCliArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError('cli:error.arguments', { detail: parseProblem(error as Error & { code?: string }) });
  }
}

/**
 * parseArgs's error as a message. Node words it in English only, with the option or argument in
 * single quotes: its code says which problem it is and the quoted part is the user's own word.
 */
function parseProblem(error: Error & { code?: string }): Message {
  const firstLine = error.message.split('\n')[0]!;
  const quoted = /'([^']*)'/.exec(firstLine)?.[1];
  if (quoted === undefined) return verbatim(firstLine);
  const option = quoted.replace(/ <value>$/, '');
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return message('errors:cli.unknownOption', { option });
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return message('cli:error.unexpectedArgument', { argument: quoted });
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return / argument missing$/.test(firstLine) ? message('errors:cli.optionNeedsValue', { option }) : message('errors:cli.optionTakesNoValue', { option });
    default:
      return verbatim(firstLine);
  }
}
