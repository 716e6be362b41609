import { describe, expect, it } from 'vitest';
import { defaultRedaction, RedactionRules } from '../../../electron/engine/capture/export/redaction-rules.js';
import { noteBodyCredentials, redactRemovedValues } from '../../../electron/engine/capture/export/redact-values.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function noted(body: string): readonly string[] {
  const rules = new RedactionRules(defaultRedaction);
  noteBodyCredentials(bytes(body), rules);
  return rules.removedValues();
}

describe('credentials a body hands out', () => {
  it("notes an Engine.IO open packet's sid (v4, and v3's length-prefixed payload), so the same body is blanked", () => {
    expect(noted('0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000}')).toEqual(['lv_VI97HAXpY6yYWAAAC']);
    expect(noted('96:0{"sid":"Zm9vYmFyYmF6cXV4","upgrades":[],"pingInterval":25000,"pingTimeout":5000}2:40')).toEqual(['Zm9vYmFyYmF6cXV4']);
    const rules = new RedactionRules(defaultRedaction);
    const body = bytes('0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":[]}');
    noteBodyCredentials(body, rules);
    expect(new TextDecoder().decode(redactRemovedValues(body, rules).bytes)).toBe('0{"sid":"********************","upgrades":[]}');
  });

  it("notes a login answer's token as written and unescaped, and leaves names that are not credentials alone", () => {
    expect([...noted('{ "access_token" : "eyJhbGciOi.payload\\/part2", "token_type": "Bearer", "author": "Ada Lovelace" }')].sort()).toEqual(['eyJhbGciOi.payload/part2', 'eyJhbGciOi.payload\\/part2'].sort());
    expect(noted('{"author":"Ada Lovelace","keyboard":"qwertyuiop","name":"a-long-enough-value"}')).toEqual([]);
  });

  it("notes a form body's credential fields whatever they look like, decoded and as written, and blanks them in it", () => {
    expect([...noted('grant_type=password&username=ann&password=hunter%2B2&client_secret=abc123')].sort()).toEqual(['abc123', 'hunter%2B2', 'hunter+2'].sort());
    expect(noted('room=lobby&author=Ada+Lovelace&keyboard=qwertyuiop')).toEqual([]);
    const rules = new RedactionRules(defaultRedaction);
    const body = bytes('username=ann&password=hunter%2B2');
    noteBodyCredentials(body, rules);
    expect(new TextDecoder().decode(redactRemovedValues(body, rules).bytes)).toBe('username=ann&password=**********');
  });

  it('notes nothing that does not look generated (short, or without a digit), nor anything when redaction is off', () => {
    expect(noted('{"sid":"ab12"}')).toEqual([]);
    expect(noted('{"token_type":"BearerOrSomethingLong"}')).toEqual([]);
    const rules = new RedactionRules({ ...defaultRedaction, isEnabled: false });
    noteBodyCredentials(bytes('{"sid":"lv_VI97HAXpY6yYWAAAC"}'), rules);
    expect(rules.removedValues()).toEqual([]);
  });
});
