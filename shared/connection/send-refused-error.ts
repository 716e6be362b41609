/** Why a send was refused (the connection is closing or closed); the connection itself is unaffected. */
export class SendRefusedError extends Error {
  override readonly name = 'SendRefusedError';
}
