import type { Redaction } from '../../../../shared/contract/capture.js';
import { isCredentialQueryName } from './credential-query-name.js';

/** What an export removes. On by default (DESIGN.md "Files users keep"); `isEnabled: false` is the visible opt-out. */
export interface RedactionOptions {
  readonly isEnabled: boolean;
  /** Header names redacted besides the built-in ones, any case. */
  readonly extraHeaderNames: readonly string[];
  /** Payload matches are replaced by filler of the same byte length. */
  readonly payloadPatterns: readonly RegExp[];
}

/** The default: redact, with only the built-in header names and query parameter rule. */
export const defaultRedaction: RedactionOptions = { isEnabled: true, extraHeaderNames: [], payloadPatterns: [] };

/** No redaction at all. */
export const noRedaction: RedactionOptions = { isEnabled: false, extraHeaderNames: [], payloadPatterns: [] };

const secretHeaderNames = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'];

/** Removed values shorter than this are not looked for in bodies; an Engine.IO `sid` has 20 characters, HTTP Basic credentials at least 8. */
export const minRemovedValueLength = 6;

const maxJudgedNames = 4096;

/** The byte written over every redacted byte: `*`, printable and valid UTF-8 on its own. */
export const fillerByte = 0x2a;

/** The rules in effect for one export, with the names it removed collected as it goes. */
export class RedactionRules {
  private readonly headerNames: Set<string>;
  private readonly patterns: RegExp[];
  private readonly found = new Map<string, Redaction>();
  private readonly values = new Set<string>();
  // `removedValues()` sorted, until the next value is noted.
  private sortedValues: string[] | null = null;
  // Names already judged by `isSecretQueryName`: a frame's JSON members repeat the same few names.
  private readonly judgedNames = new Map<string, boolean>();

  constructor(readonly options: RedactionOptions) {
    this.headerNames = new Set([...secretHeaderNames, ...options.extraHeaderNames.map((name) => name.toLowerCase())]);
    // A global copy of each pattern, so every match is replaced, whatever flags the caller gave.
    this.patterns = options.payloadPatterns.map((pattern) => new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`));
  }

  get isEnabled(): boolean {
    return this.options.isEnabled;
  }

  get hasPayloadPatterns(): boolean {
    return this.options.isEnabled && this.patterns.length > 0;
  }

  /** True when a header of this name is redacted. */
  isSecretHeader(name: string): boolean {
    return this.options.isEnabled && this.headerNames.has(name.toLowerCase());
  }

  /** True when a query parameter of this (decoded) name is redacted (issue 5, "Redaction"; `credential-query-name.ts`). */
  isSecretQueryName(name: string): boolean {
    if (!this.options.isEnabled) return false;
    let isSecret = this.judgedNames.get(name);
    if (isSecret === undefined) {
      // Bounded: a peer inventing a member name per message cannot grow it.
      if (this.judgedNames.size >= maxJudgedNames) this.judgedNames.clear();
      isSecret = isCredentialQueryName(name);
      this.judgedNames.set(name, isSecret);
    }
    return isSecret;
  }

  /** The payload patterns in effect, global. */
  get payloadPatterns(): readonly RegExp[] {
    return this.options.isEnabled ? this.patterns : [];
  }

  /** Notes that something was removed; the same location and name are listed once. */
  note(redaction: Redaction): void {
    this.found.set(`${redaction.location}\u0000${redaction.name}`, redaction);
  }

  /**
   * Remembers a value taken out of a URL or head, so the kept body starts of the same export can
   * lose it too (an Engine.IO `sid` is in the open packet's body before it is in a URL). Values
   * shorter than `minRemovedValueLength` and filler (a value redacted before) are not kept: `1` or
   * `****` would blank unrelated bytes.
   */
  noteValue(value: string): void {
    if (value.length < minRemovedValueLength || /^\**$/.test(value) || this.values.has(value)) return;
    this.values.add(value);
    this.sortedValues = null;
  }

  /** The values removed so far (`noteValue`), longest first so a value inside another does not cut it. */
  removedValues(): readonly string[] {
    this.sortedValues ??= [...this.values].sort((a, b) => b.length - a.length);
    return this.sortedValues;
  }

  /** Everything removed so far, merged after `existing` (a re-export of a redacted file keeps its list). */
  redactions(existing: readonly Redaction[] = []): Redaction[] {
    const merged = new Map<string, Redaction>();
    for (const each of [...existing, ...this.found.values()]) merged.set(`${each.location}\u0000${each.name}`, each);
    return [...merged.values()];
  }
}
