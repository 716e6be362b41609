import { describe, expect, it } from 'vitest';
import { upgradeDurationMs } from '../../../electron/engine/doctor/capture-scan.js';
import type { EventRecordJson, RecordJson } from '../../../shared/contract/records.js';

const event = (atMicros: number, name: EventRecordJson['name'], fields: Record<string, unknown> = {}): EventRecordJson => ({ kind: 'event', seq: 0, atMicros, name, ...fields });
// A proxy that held CONNECT for 4 s: the dial took 4,002 ms, the upgrade 35 ms of it.
const dial: RecordJson[] = [
  event(1_000, 'dns', { peer: 'proxy', host: 'proxy.example', addresses: ['10.0.0.9'], durationMicros: 700 }),
  event(2_000, 'tcp-connected', { peer: 'proxy', remoteAddress: '10.0.0.9', remotePort: 3128, durationMicros: 300 }),
  event(4_002_000, 'proxy-tunnel-established', { proxyKind: 'http-connect', target: 'api.example:80', statusLine: 'HTTP/1.1 200 Connection established' }),
  event(4_003_000, 'handshake-sent', { bytes: 200, httpVersion: '1.1' }),
];

describe('upgradeDurationMs', () => {
  it("counts from the request sent to the response, not the proxy's hold before it", () => {
    const handshake = { kind: 'handshake', seq: 4, atMicros: 4_038_000 } as unknown as RecordJson;
    expect(upgradeDurationMs([...dial, handshake])).toBe(35);
  });

  it('counts to the last record when no response came (a timeout or a close)', () => {
    expect(upgradeDurationMs([...dial, event(14_003_000, 'error', { stage: 'handshake' }), event(14_004_000, 'closed')])).toBe(10_001);
  });

  it('is null when no request was sent (the dial failed first)', () => {
    expect(upgradeDurationMs(dial.slice(0, 2))).toBeNull();
    expect(upgradeDurationMs([])).toBeNull();
  });
});
