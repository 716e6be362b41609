import { describe, expect, it } from 'vitest';
import type { FrameCrossing, PathComparison } from '../../../shared/contract/doctor-report.js';
import { closeStep, framesStep, idleStep, upgradeStep } from '../../../electron/engine/doctor/path-steps.js';
import { verdictMessage } from '../../../electron/engine/doctor/verdict.js';
import { verbatim } from '../../../shared/i18n/message.js';
import { english } from '../../harness/english.js';

const crossing = (direction: FrameCrossing['direction'], verdict: FrameCrossing['verdict']): FrameCrossing => ({ direction, framesSent: 5, framesReceived: verdict === 're-chunked' ? 7 : 5, bytesSent: 100, bytesReceived: verdict === 'lost' ? 50 : 100, verdict, isMaskKept: null });
const closeFrameEnd = (side: 'client' | 'listener') => ({ side, description: verbatim('close frame from the client with code 1000'), sawCloseFrame: true, idleSeconds: null });

const comparison = (overrides: Partial<PathComparison> = {}): PathComparison => ({
  sentRequestLine: 'GET / HTTP/1.1',
  receivedRequestLine: 'GET / HTTP/1.1',
  httpVersion: { sent: '1.1', received: '1.1' },
  headers: [],
  frames: [crossing('client-to-server', 'same'), crossing('server-to-client', 'same')],
  ends: [closeFrameEnd('client'), closeFrameEnd('listener')],
  peer: '127.0.0.1:1',
  ...overrides,
});
const handshake = { findings: [], evidence: [] };

describe("the path test's steps", () => {
  it('the upgrade: pass when nothing that matters changed, warn for a rewritten Host, fail with a cause for a dropped Upgrade or when nothing reached the listener', () => {
    expect(upgradeStep(comparison(), handshake, true, 5)).toMatchObject({ id: 'path-upgrade', status: 'pass', findings: [] });
    expect(english(upgradeStep(comparison(), handshake, true, 5).summary)).toBe('HTTP/1.1 kept; WebSocket headers unchanged');
    const rewritten = upgradeStep(comparison({ headers: [{ change: 'rewritten', name: 'Host', sent: 'a', received: 'b' }] }), handshake, true, 5);
    expect([rewritten.status, english(rewritten.summary)]).toEqual(['warn', 'HTTP/1.1 kept; Host rewritten']);
    const dropped = upgradeStep(comparison({ headers: [{ change: 'dropped', name: 'Upgrade', sent: 'websocket', received: null }] }), handshake, true, 5);
    expect([dropped.status, dropped.findings.map((finding) => finding.causeId)]).toEqual(['fail', ['upgrade-headers-dropped']]);
    const unreached = upgradeStep(comparison({ receivedRequestLine: null, httpVersion: { sent: '1.1', received: null }, frames: [], ends: [closeFrameEnd('client')], peer: null }), handshake, false, 5);
    expect([unreached.status, english(unreached.summary)]).toEqual(['fail', 'nothing reached the listener: the proxy does not forward to it (check its upstream address and port)']);
  });

  it('the frames: pass frame for frame, warn when re-chunked or lost', () => {
    expect(framesStep(comparison(), 3).status).toBe('pass');
    const rechunked = framesStep(comparison({ frames: [crossing('client-to-server', 're-chunked'), crossing('server-to-client', 'same')] }), 3);
    expect([rechunked.status, english(rechunked.summary)]).toEqual(['warn', 'frames client-to-server re-chunked; frames server-to-client same']);
    expect(framesStep(comparison({ frames: [crossing('client-to-server', 'same'), crossing('server-to-client', 'lost')] }), 3).status).toBe('warn');
  });

  it('the idle wait: a cut before the limit is an idle-timeout cause with a heartbeat; a connection still open at the limit passes', () => {
    const cut = idleStep(comparison({ ends: [{ side: 'client', description: verbatim('TCP closed with a FIN'), sawCloseFrame: false, idleSeconds: 3 }, { side: 'listener', description: verbatim('TCP closed with a FIN'), sawCloseFrame: false, idleSeconds: 3 }] }), 10, 3000);
    expect([cut.id, cut.status, cut.findings.map((finding) => finding.causeId)]).toEqual(['idle', 'fail', ['idle-timeout']]);
    expect(english(cut.summary)).toBe('cut after 3 s of silence (TCP closed with a FIN); a heartbeat every 1 s keeps it open');
    const open = idleStep(comparison(), 10, 10_000);
    expect([open.status, english(open.summary)]).toEqual(['pass', 'stayed open through 10 s of silence (a longer idle timeout may still exist)']);
  });

  it('the close: warn when only one end saw a close frame', () => {
    expect(closeStep(comparison(), 1).status).toBe('pass');
    const swallowed = closeStep(comparison({ ends: [closeFrameEnd('client'), { side: 'listener', description: verbatim('TCP closed with a FIN'), sawCloseFrame: false, idleSeconds: null }] }), 1);
    expect(swallowed.status).toBe('warn');
    expect(english(swallowed.summary)).toContain('never reached the listener');
  });

  it('a clean path test says what went through in its verdict; a warning step makes it "worth knowing"', () => {
    const clean = [upgradeStep(comparison(), handshake, true, 5), framesStep(comparison(), 3), closeStep(comparison(), 1)];
    expect(english(verdictMessage([], clean, []))).toBe('The path test went through and found nothing wrong: HTTP/1.1 kept; WebSocket headers unchanged; frames client-to-server same; frames server-to-client same.');
    const changed = [upgradeStep(comparison({ headers: [{ change: 'rewritten', name: 'Host', sent: 'a', received: 'b' }] }), handshake, true, 5), ...clean.slice(1)];
    expect(english(verdictMessage([], changed, []))).toMatch(/^The path test went through; the proxy changed things worth knowing, none of them fatal: HTTP\/1\.1 kept; Host rewritten;/);
  });
});
