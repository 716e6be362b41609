/** A secret decrypted, and whether the keychain asks for it to be encrypted again (its key was rotated or a better one is available). */
export interface DecryptedSecret {
  readonly value: string;
  readonly shouldReEncrypt: boolean;
}

/**
 * Encrypts secrets at rest with the operating system's keychain. Electron's `safeStorage` is one
 * (main.ts passes it in through `safeStorageCipher`); the engine never imports electron, so it
 * only sees this interface. Every call is asynchronous, as safeStorage's current API is (its
 * synchronous calls are deprecated). The CLI and `frameline ui` have none: they keep secrets in
 * files only the user can read, and report a secret another process encrypted instead of opening it.
 */
export interface SecretCipher {
  /** Resolves true when encryption works here (a keychain is unlocked). */
  isAvailable(): Promise<boolean>;
  /** Encrypts a string; rejects when the keychain refuses. */
  encrypt(plain: string): Promise<Uint8Array>;
  /** Decrypts what `encrypt` returned (or what the older synchronous API sealed); rejects when these bytes were not encrypted with this keychain's key. */
  decrypt(sealed: Uint8Array): Promise<DecryptedSecret>;
}
