import { describe, expect, it } from 'vitest';
import { connectionDeflate } from '../../../electron/engine/deflate/connection-deflate.js';
import type { CaseCommand } from '../../../shared/conformance/case-command.js';
import { CaseMachine } from '../../../shared/conformance/case-machine.js';
import { findCase } from '../../../shared/conformance/case-table.js';
import { observeResponse, type ObservedHandshake } from '../../../shared/conformance/observed-handshake.js';
import { createTranslate } from '../../../shared/i18n/create-i18n.js';
import { englishText } from '../../../shared/i18n/english-text.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { computeAccept } from '../../../shared/protocol/handshake-checks.js';
import { hex } from '../protocol/protocol-fixtures.js';

const key = 'dGhlIHNhbXBsZSBub25jZQ==';
const accepted: ObservedHandshake = observeResponse([['Sec-WebSocket-Key', key]], {
  statusCode: 101,
  reason: 'Switching Protocols',
  httpVersion: '1.1',
  headers: [['Upgrade', 'websocket'], ['Connection', 'Upgrade'], ['Sec-WebSocket-Accept', computeAccept(key)]],
});
const limits = { payloadRetentionBytes: 1 << 20, maxPayloadBytes: 1 << 24, maxFragments: 100_000, maxInflatedBytes: 1 << 24, closeTimeoutMs: 2_000 };

function machineFor(id: string): CaseMachine {
  return new CaseMachine({ testCase: findCase(id)!, timeoutMs: 5_000, limits, nextMaskingKey: () => Uint8Array.of(0x37, 0xfa, 0x21, 0x3d), makeDeflate: (agreement) => connectionDeflate(agreement, 'client') });
}

function writes(commands: readonly CaseCommand[]): string[] {
  return commands.flatMap((command) => (command.type === 'write' ? [`${[...command.bytes.subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ')}${command.chopBytes ? ` chop=${command.chopBytes}` : ''}`] : []));
}

function verdictOf(commands: readonly CaseCommand[]): string | null {
  const finished = commands.find((command) => command.type === 'finished');
  return finished?.type === 'finished' ? `${finished.judgement.verdict} ${finished.judgement.reason.key}` : null;
}

/** Playbooks at the byte level: the server's bytes in, the case's writes and verdict out. */
describe('a case machine', () => {
  it('2.1: writes a masked empty ping; the pong settles it; our close is answered; the FIN ends it OK', () => {
    const machine = machineFor('2.1');
    expect(writes(machine.opened(accepted, 0))).toEqual(['89 80 37 fa 21 3d']);
    expect(writes(machine.receive(hex('8a 00'), 1_000))).toEqual(['88 82 37 fa 21 3d 34 12']);
    expect(verdictOf(machine.receive(hex('88 02 03 e8'), 2_000))).toBeNull();
    expect(verdictOf(machine.socketEnded('fin', 3_000))).toBe('OK conformance:reason.okEcho');
  });

  it('2.1: a pong with the wrong payload does not count; the case times out FAILED, with a note in the capture', () => {
    const machine = machineFor('2.1');
    machine.opened(accepted, 0);
    expect(writes(machine.receive(hex('8a 01 78'), 1_000))).toEqual([]);
    const commands = machine.timerFired('case', 5_000_000);
    const note = commands.find((command) => command.type === 'note');
    expect(note?.type === 'note' && englishText(note.text)).toBe('conformance: no response within 5 s; the case gives up');
    expect(note?.type === 'note' && renderMessage(createTranslate('zh-CN'), note.text)).toBe('一致性测试：5 秒内没有响应，放弃这个用例');
    expect(verdictOf(commands)).toBe('FAILED conformance:reason.timeoutEcho');
  });

  it('3.1: the server fails the connection with 1002: OK; with 1000: NON-STRICT', () => {
    const strict = machineFor('3.1');
    expect(writes(strict.opened(accepted, 0))).toEqual(['c1 91 37 fa 21 3d 45 9f']);
    strict.receive(hex('88 02 03 ea'), 1_000);
    expect(verdictOf(strict.socketEnded('fin', 2_000))).toBe('OK conformance:reason.failOk');
    const lenient = machineFor('3.1');
    lenient.opened(accepted, 0);
    lenient.receive(hex('88 02 03 e8'), 1_000);
    expect(verdictOf(lenient.socketEnded('fin', 2_000))).toBe('NON-STRICT conformance:reason.failOtherCode');
  });

  it('3.1: a server that echoes the frame with RSV1 kept processing: FAILED', () => {
    const machine = machineFor('3.1');
    machine.opened(accepted, 0);
    expect(verdictOf(machine.receive(hex('81 11 72 65 73 65 72 76 65 64 20 62 69 74 73 20 73 65 74'), 1_000))).toBeNull();
    machine.receive(hex('88 02 03 e8'), 2_000);
    expect(verdictOf(machine.socketEnded('fin', 3_000))).toBe('FAILED conformance:reason.echoedAfterViolation');
  });

  it('1.1.8: the message goes out as one write chopped into 997-byte pieces', () => {
    expect(writes(machineFor('1.1.8').opened(accepted, 0))).toEqual(['81 ff 00 00 00 00 00 01 chop=997']);
  });

  it('6.4.3: the frame goes out in three pieces on the step timer; a close after the second piece is fail-fast OK', () => {
    const machine = machineFor('6.4.3');
    const first = machine.opened(accepted, 0);
    expect(writes(first)).toEqual(['81 95 37 fa 21 3d f9 40']);
    expect(first.find((command) => command.type === 'arm-timer' && command.timer === 'step')).toMatchObject({ delayMs: 500 });
    expect(writes(machine.timerFired('step', 500_000)).map((line) => line.length)).toEqual([11]);
    machine.receive(hex('88 02 03 ef'), 600_000);
    expect(writes(machine.timerFired('step', 1_000_000))).toEqual([]);
    expect(verdictOf(machine.socketEnded('fin', 1_100_000))).toBe('OK conformance:reason.failOk');
  });

  it('15.4: a 101 to a request without a key is FAILED; a 400 is OK', () => {
    const refused = observeResponse([], { statusCode: 400, reason: 'Bad Request', httpVersion: '1.1', headers: [] });
    expect(verdictOf(machineFor('15.4').handshakeFailed(refused, 0))).toBe('OK conformance:reason.refusedOk');
    const machine = machineFor('15.4');
    machine.opened(accepted, 0);
    machine.receive(hex('88 02 03 e8'), 1_000);
    expect(verdictOf(machine.socketEnded('fin', 2_000))).toBe('FAILED conformance:reason.acceptedBadRequest');
  });

  it('12.1.1 without permessage-deflate agreed: UNIMPLEMENTED, and the script is not run', () => {
    const machine = machineFor('12.1.1');
    expect(writes(machine.opened(accepted, 0))).toEqual(['88 82 37 fa 21 3d 34 12']);
    machine.receive(hex('88 02 03 e8'), 1_000);
    expect(verdictOf(machine.socketEnded('fin', 2_000))).toBe('UNIMPLEMENTED conformance:reason.deflateNotAccepted');
  });
});
