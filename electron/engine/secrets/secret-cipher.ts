/**
 * Encrypts secrets at rest with the operating system's keychain. Electron's `safeStorage` is one
 * (main.ts passes it in through `safeStorageCipher`); the engine never imports electron, so it
 * only sees this interface. The CLI and `frameline ui` have none: they keep secrets in files only
 * the user can read, and report a secret another process encrypted instead of opening it.
 */
export interface SecretCipher {
  /** True when encryption works here (a keychain is unlocked). */
  isAvailable(): boolean;
  /** Encrypts a string; throws when the keychain refuses. */
  encrypt(plain: string): Uint8Array;
  /** Decrypts what `encrypt` returned; throws when these bytes were not encrypted with this keychain's key. */
  decrypt(sealed: Uint8Array): string;
}
