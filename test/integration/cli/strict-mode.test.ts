import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecordJson, FrameRecordJson } from '../../../shared/contract/records.js';
import { startWsServer, type WsServerPeer } from '../../harness/ws-server.js';
import { jsonLines, runCli } from './run-cli.js';

/**
 * A real `ws` echo server that, once a client says "misbehave", writes one frame with reserved
 * opcode 0x3 straight onto its socket (ws itself would never send one); on "unframeable" it
 * writes a header whose 64-bit length has its top bit set (§5.2), then five bytes.
 */
const misbehaving = {
  misbehave: Uint8Array.from([0x83, 0x02, 0x68, 0x69]),
  unframeable: Uint8Array.from([0x82, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0x05, 1, 2, 3, 4, 5]),
};

describe('observe and strict modes from the command line', () => {
  let server: WsServerPeer;
  beforeAll(async () => {
    server = await startWsServer({ rawReplies: misbehaving });
  });
  afterAll(async () => server?.stop());

  it('observe mode records the reserved opcode as a violation and closes normally (exit 0)', async () => {
    const run = await runCli(['connect', server.url, '--send', 'misbehave', '--send', 'after', '--wait', '0.5', '--json']);
    const frames = jsonLines(run.stdout).filter((record): record is FrameRecordJson => record.kind === 'frame');
    const reserved = frames.find((frame) => frame.direction === 'in' && frame.opcode === 3);
    expect(reserved?.violations.map((violation) => violation.rule)).toEqual(['reserved-opcode']);
    expect(frames.some((frame) => frame.direction === 'in' && Buffer.from(frame.payload, 'base64').toString() === 'after')).toBe(true);
    expect(run.status).toBe(0);
  });

  it('strict mode fails the connection with 1002 and exits 1 saying why', async () => {
    const run = await runCli(['connect', server.url, '--strict', '--send', 'misbehave', '--wait', '2', '--json']);
    const records = jsonLines(run.stdout);
    const closeOut = records.find((record): record is FrameRecordJson => record.kind === 'frame' && record.direction === 'out' && record.opcode === 8);
    expect(closeOut?.closeCode).toBe(1002);
    const error = records.find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'error');
    expect(error?.stage).toBe('websocket');
    const closed = records.at(-1) as EventRecordJson;
    // §7.1.7: after failing the connection the client reads nothing more, so the server's reply
    // close is not decoded; the session ends when the TCP connection does.
    expect(closed).toMatchObject({ name: 'closed', by: 'client', closeCode: 1002 });
    expect(String(closed.message)).toContain('strict mode failed the connection');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^strict mode failed the connection: .*opcode 0x3 is reserved/im);
  });

  it('in Chinese (--lang zh-CN): the violation, the strict failure and its hint are worded in Chinese; ids and numbers stay', async () => {
    const observed = await runCli(['connect', server.url, '--send', 'misbehave', '--wait', '0.5', '--lang', 'zh-CN']);
    expect(observed.stdout).toContain('! reserved-opcode（§5.2，1002）：opcode 0x3 是保留值（§5.2）。');
    expect(observed.stdout).not.toContain('is reserved');

    const strict = await runCli(['connect', server.url, '--strict', '--send', 'misbehave', '--wait', '2', '--lang', 'zh-CN']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toBe('严格模式已中止连接：opcode 0x3 是保留值（§5.2）。\n');
    expect(strict.stdout).toContain('error opcode 0x3 是保留值（§5.2）。 (stage=websocket)');
    expect(strict.stdout).toContain('严格模式像符合规范的客户端那样中止连接；观察模式会继续读取');
    expect(strict.stdout).toContain('closed 严格模式已中止连接：opcode 0x3 是保留值（§5.2）。 (by=client how=fin closeCode=1002)');
    expect(strict.stdout).not.toMatch(/strict mode|is reserved/);
  });

  it('in Chinese: bytes that cannot be framed are a warning in Chinese; --json keeps the rule id and the English text', async () => {
    const chinese = await runCli(['connect', server.url, '--send', 'unframeable', '--wait', '0.5', '--lang', 'zh-CN']);
    expect(chinese.stdout).toContain('! length-msb-set（§5.2，1002）：64 位载荷长度的最高位被置 1；它必须为 0。');
    expect(chinese.stdout).toContain('warning 收到的 5 字节无法分帧：64 位载荷长度的最高位被置 1；它必须为 0。');
    expect(chinese.stdout).not.toContain('could not be framed');

    const json = jsonLines((await runCli(['connect', server.url, '--send', 'unframeable', '--wait', '0.5', '--json', '--lang', 'zh-CN'])).stdout);
    const frame = json.find((record): record is FrameRecordJson => record.kind === 'frame' && record.violations.length > 0);
    expect(frame?.violations).toEqual([{ rule: 'length-msb-set', section: '5.2', closeCode: 1002, message: 'The most significant bit of the 64-bit payload length is set; it must be 0.' }]);
    const warning = json.find((record): record is EventRecordJson => record.kind === 'event' && record.name === 'warning');
    expect(warning).toMatchObject({ rule: 'length-msb-set', message: '5 received bytes could not be framed: The most significant bit of the 64-bit payload length is set; it must be 0.' });
  });
});
