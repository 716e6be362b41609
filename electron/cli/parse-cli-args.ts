import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

type ParseArgsConfig = NonNullable<Parameters<typeof parseArgs>[0]>;

/** node:util's parseArgs, with its errors turned into one-line UsageErrors (exit status 2). */
export function parseCliArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError('cli:error.arguments', { detail: (error as Error).message.split('\n')[0]! });
  }
}
