import type { AppProtocolId } from '../../../shared/app-protocol/app-protocol-id.js';
import { openingInput, type OpeningSettings } from '../../../shared/app-protocol/opening-input.js';
import type { ProtocolMessage } from '../../../shared/app-protocol/protocol-message.js';
import { liveProtocolLayer } from '../protocol/live-protocol-layer.js';
import type { ProtocolLayer } from '../protocol/protocol-layer.js';
import type { Session, SessionHooks } from '../session/session.js';

/**
 * One liveness session's application protocol (issue 13's layer): decodes its messages, keeps its
 * duties when the session's options allow them (the answering connection) and not otherwise (the
 * dead client), notes when the server sent a protocol heartbeat, and sends the opening message
 * that starts the protocol's own heartbeat (Socket.IO CONNECT, STOMP CONNECT with heart-beat, MQTT
 * CONNECT with Keep Alive).
 */
export class LivenessProtocol {
  /** When the server sent a heartbeat of its own (session µs): Engine.IO pings, STOMP heart-beats, GraphQL and SignalR pings. */
  readonly heartbeatsAtMicros: number[] = [];
  /** The frames that carried them, for evidence. */
  readonly heartbeatSeqs: number[] = [];
  /** For the session's constructor: completed messages reach the layer. */
  readonly sessionHooks: SessionHooks = { onMessage: (completed) => this.layer?.receive(completed) };
  private layer: ProtocolLayer | null = null;

  constructor(private readonly settings: OpeningSettings) {}

  /** The protocol chosen or detected, or null (none asked for, or none recognised). */
  get protocolId(): AppProtocolId | null {
    return this.layer?.protocolId ?? null;
  }

  /** Gives the session its layer before it dials: the server's first message can come with the handshake. */
  attach(session: Session): void {
    if (session.options.protocol === 'none') return;
    const layer = liveProtocolLayer(session);
    this.layer = layer;
    layer.onDidDecode((messages) => {
      for (const decoded of messages)
        if (isServerHeartbeat(decoded)) {
          this.heartbeatsAtMicros.push(decoded.atMicros);
          this.heartbeatSeqs.push(...decoded.seqs);
        }
    });
    session.onDidChangeState((state) => {
      if (state === 'open') layer.prepare();
      if (state === 'closed') layer.dispose();
    });
  }

  /** Sends the protocol's opening message, if it has one; a refused send (the server already closed) is left to the probe's verdict. */
  sendOpening(): void {
    const layer = this.layer;
    if (layer === null || layer.protocolId === null) return;
    const input = openingInput(layer.protocolId, layer.summary().facts, this.settings);
    if (input === null) return;
    try {
      layer.send(input);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
    }
  }
}

/** A heartbeat the server started, not an answer to ours (PINGRESP, an Engine.IO 3 pong) nor filler (noop). */
export function isServerHeartbeat(decoded: ProtocolMessage): boolean {
  if (decoded.direction !== 'in' || !decoded.isControl) return false;
  if (decoded.kind === 'PINGRESP' || decoded.kind === 'pong' || decoded.kind === 'noop') return false;
  return !decoded.links.some((link) => link.relation === 'answers');
}
