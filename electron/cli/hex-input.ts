import { UsageError } from './usage-error.js';

/** Hex typed by a user (spaces and colons allowed) → base64 for a send request. */
export function hexToBase64(hex: string, what: string): string {
  const clean = hex.replace(/[\s:]/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw new UsageError('cli:error.hexBytes', { option: what, value: hex });
  return Buffer.from(clean, 'hex').toString('base64');
}
