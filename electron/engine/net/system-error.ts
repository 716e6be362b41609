/** The parts of a Node system or OpenSSL error that classification reads. */
export interface SystemErrorLike {
  readonly code?: string;
  readonly message: string;
  readonly reason?: string;
}

/** Reads `code`, `message` and `reason` from anything thrown, without trusting its type. */
export function toSystemError(error: unknown): SystemErrorLike {
  if (typeof error === 'object' && error !== null) {
    const record = error as Record<string, unknown>;
    return {
      code: typeof record.code === 'string' ? record.code : undefined,
      message: typeof record.message === 'string' ? record.message : String(error),
      reason: typeof record.reason === 'string' ? record.reason : undefined,
    };
  }
  return { message: String(error) };
}
