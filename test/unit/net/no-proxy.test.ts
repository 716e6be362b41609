import { describe, expect, it } from 'vitest';
import { matchNoProxy } from '../../../electron/engine/net/no-proxy.js';

describe('matchNoProxy', () => {
  it('matches a host name and its subdomains, not look-alikes', () => {
    expect(matchNoProxy('example.com', 'example.com', 443)).toBe('example.com');
    expect(matchNoProxy('example.com', 'api.example.com', 443)).toBe('example.com');
    expect(matchNoProxy('example.com', 'badexample.com', 443)).toBeNull();
  });

  it('accepts leading dot and *. spellings of a domain', () => {
    expect(matchNoProxy('.example.com', 'api.example.com', 80)).toBe('.example.com');
    expect(matchNoProxy('*.example.com', 'a.b.example.com', 80)).toBe('*.example.com');
    expect(matchNoProxy('.example.com', 'example.com', 80)).toBe('.example.com');
  });

  it('is case-insensitive and ignores a trailing dot', () => {
    expect(matchNoProxy('Example.COM', 'api.example.com.', 80)).toBe('Example.COM');
  });

  it('honours a port when the entry names one', () => {
    expect(matchNoProxy('internal:8080', 'internal', 8080)).toBe('internal:8080');
    expect(matchNoProxy('internal:8080', 'internal', 443)).toBeNull();
  });

  it('splits on commas and spaces and skips empty entries', () => {
    expect(matchNoProxy(' a.test, ,b.test  c.test', 'c.test', 1)).toBe('c.test');
  });

  it('treats * as everything', () => {
    expect(matchNoProxy('*', 'anything.example', 1)).toBe('*');
  });

  it('matches IPv4 and IPv6 addresses exactly, with or without brackets and ports', () => {
    expect(matchNoProxy('127.0.0.1', '127.0.0.1', 80)).toBe('127.0.0.1');
    expect(matchNoProxy('127.0.0.1', '127.0.0.2', 80)).toBeNull();
    expect(matchNoProxy('::1', '[::1]', 80)).toBe('::1');
    expect(matchNoProxy('[::1]:8080', '::1', 8080)).toBe('[::1]:8080');
    expect(matchNoProxy('[::1]:8080', '::1', 8081)).toBeNull();
    expect(matchNoProxy('0:0:0:0:0:0:0:1', '::1', 80)).toBe('0:0:0:0:0:0:0:1');
  });

  it('matches CIDR blocks for IP targets only', () => {
    expect(matchNoProxy('10.0.0.0/8', '10.1.2.3', 80)).toBe('10.0.0.0/8');
    expect(matchNoProxy('10.0.0.0/8', '11.1.2.3', 80)).toBeNull();
    expect(matchNoProxy('fd00::/8', 'fd12::1', 80)).toBe('fd00::/8');
    expect(matchNoProxy('10.0.0.0/8', 'ten.example', 80)).toBeNull();
  });

  it('does not resolve names: localhost does not cover 127.0.0.1', () => {
    expect(matchNoProxy('localhost', '127.0.0.1', 80)).toBeNull();
  });
});
