/**
 * Encrypts secrets at rest with the operating system's keychain. Electron's `safeStorage` is one
 * (main.ts passes it in); the engine never imports electron, so it only sees this interface. The
 * CLI and `frameline ui` have none and keep secrets in a file only the user can read.
 */
export interface SecretCipher {
  /** True when encryption works here (a keychain is unlocked). */
  isAvailable(): boolean;
  encrypt(plain: string): Uint8Array;
  decrypt(sealed: Uint8Array): string;
}
