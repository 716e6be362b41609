import type { RelayInterceptionInput } from '../../../shared/contract/relay-interception.js';
import { relayInterceptionSchema } from '../../../shared/contract/relay-interception.js';
import { FrameDecoder } from '../../../shared/protocol/frame-decoder.js';
import type { Direction, FrameRecord } from '../../../shared/protocol/frame-record.js';
import type { DeflateAgreement } from '../../../shared/protocol/permessage-deflate.js';
import { RelayCore, type RelayMode } from '../../../shared/relay/relay-core.js';
import type { RelayCommand } from '../../../shared/relay/relay-command.js';
import type { TextCodec } from '../../../shared/relay/text-codec.js';
import { toHex } from '../connection/connection-fixtures.js';
import { XorInflater } from '../protocol/protocol-fixtures.js';

/** UTF-8 the way the engine injects it. */
export const testCodec: TextCodec = {
  decode: (bytes) => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  },
  encode: (text) => new TextEncoder().encode(text),
};

/** A relay core with test limits; `interception` as a user would write it. */
export function coreFor(mode: RelayMode, interception: RelayInterceptionInput = {}, deflate: DeflateAgreement | null = null): RelayCore {
  return new RelayCore({ mode, interception: relayInterceptionSchema.parse(interception), deflate, codec: testCodec, limits: { maxFragments: 1000, maxPayloadBytes: 4096 } });
}

/**
 * Decodes the frames one side writes (client frames masked, server frames not), numbering them
 * from `firstSeq`, so a playbook can feed them to the core as the legs would.
 */
export class FrameSource {
  private readonly decoder: FrameDecoder;
  private seq: number;

  constructor(readonly direction: Direction, firstSeq: number, options: { compressed?: boolean; retention?: number } = {}) {
    this.seq = firstSeq;
    this.decoder = new FrameDecoder({
      role: direction === 'out' ? 'client' : 'server',
      payloadRetentionBytes: options.retention ?? 4096,
      maxPayloadBytes: 4096,
      ...(options.compressed ? { negotiatedExtensions: ['permessage-deflate'], inflater: new XorInflater() } : {}),
    });
  }

  /** The frames in `bytes`, each with the seq the capture would give it. */
  frames(bytes: Uint8Array): { seq: number; frame: FrameRecord }[] {
    return this.decoder.push(bytes, 1).flatMap((item) => (item.kind === 'frame' ? [{ seq: this.seq++, frame: item }] : []));
  }
}

/** Feeds every frame of `bytes` to the core and returns all commands, as lines. */
export function feed(core: RelayCore, source: FrameSource, bytes: Uint8Array, atMicros = 1): string[] {
  return source.frames(bytes).flatMap(({ seq, frame }) => relayLines(core.frameRead(source.direction, seq, frame, atMicros)));
}

/**
 * Commands as one line each: `server ← text "hi" fin mask=role (from #3)`, `note client #3: relay:note.ruleDropped`,
 * `timer out 250`, `paused-changed`.
 */
export function relayLines(commands: readonly RelayCommand[]): string[] {
  return commands.map((command) => {
    switch (command.type) {
      case 'send': {
        const outgoing = command.outgoing;
        const links = command.links.length > 0 ? ` (from #${command.links.join(',#')})` : '';
        if (outgoing.kind === 'frames') {
          return outgoing.frames
            .map((frame) => {
              const bits = [frame.fin === false ? 'fin=0' : 'fin', frame.rsv1 ? 'rsv1' : '', `mask=${typeof frame.mask === 'string' ? frame.mask : toHex(frame.mask ?? new Uint8Array())}`].filter(Boolean).join(' ');
              return `${command.leg} ← frame op=${frame.opcode} ${bits} "${new TextDecoder().decode(frame.payload)}"${links}`;
            })
            .join('\n');
        }
        const payload = 'payload' in outgoing && outgoing.payload ? ` "${new TextDecoder().decode(outgoing.payload)}"` : '';
        return `${command.leg} ← ${outgoing.kind}${payload}${links}`;
      }
      case 'note':
        return `note ${command.leg} #${command.seqs.join(',#')}: ${command.text.key}`;
      case 'arm-timer':
        return `timer ${command.direction} ${command.delayMs}`;
      case 'paused-changed':
        return 'paused-changed';
      case 'unforwardable':
        return `unforwardable ${command.direction} #${command.seq}`;
    }
  });
}
