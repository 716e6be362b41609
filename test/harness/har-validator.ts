import { createRequire } from 'node:module';

const validator = createRequire(import.meta.url)('har-validator') as { har(data: unknown): Promise<unknown> };

/** Resolves when har-validator (ajv over the har-schema package: a HAR 1.2 reader nobody here wrote) accepts `har`; rejects with its errors otherwise. */
export function validateHar(har: unknown): Promise<unknown> {
  return validator.har(har);
}
