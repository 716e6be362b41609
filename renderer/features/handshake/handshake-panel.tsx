import { useState } from 'react';
import type { HandshakeRecordJson, HeaderPair, UnreadableResponseJson } from '../../../shared/contract/records.js';
import { base64ToBytes, utf8DecodeLenient } from '../../lib/bytes.js';
import { useApp } from '../../store/app-store.js';
import { VisibleText } from '../../lib/visible-text.js';
import { isHopByHop } from './hop-by-hop.js';

function HeaderTable({ headers, label }: { headers: readonly HeaderPair[]; label: string }) {
  if (headers.length === 0) return <div className="empty-note">No headers.</div>;
  return (
    <table className="header-table" aria-label={label}>
      <tbody>
        {headers.map(([name, value], index) => (
          <tr key={index} className={isHopByHop(name) ? 'hop-by-hop' : undefined}>
            <th scope="row">
              <VisibleText text={name} />
              {isHopByHop(name) && <span className="badge" title="Hop-by-hop: a proxy drops it unless configured to pass it">hop-by-hop</span>}
            </th>
            <td><VisibleText text={value} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Headers as a table or the exact bytes as text. */
function Side({ title, headers, raw, startLine }: { title: string; headers: readonly HeaderPair[]; raw: string; startLine: string }) {
  const [isRaw, setRaw] = useState(false);
  return (
    <div className="handshake-side">
      <div className="side-title">
        <span>{title}</span>
        <code className="start-line"><VisibleText text={startLine} /></code>
        <span className="toolbar-spacer" />
        <div className="segmented" role="group" aria-label={`${title} view`}>
          <button type="button" aria-pressed={!isRaw} onClick={() => setRaw(false)}>Headers</button>
          <button type="button" aria-pressed={isRaw} onClick={() => setRaw(true)}>Raw</button>
        </div>
      </div>
      {isRaw ? <pre className="raw-http"><VisibleText text={utf8DecodeLenient(base64ToBytes(raw))} isMultiline /></pre> : <HeaderTable headers={headers} label={`${title} headers`} />}
    </div>
  );
}

function Checks({ checks }: { checks: HandshakeRecordJson['checks'] }) {
  if (checks.length === 0) return null;
  return (
    <ul className="checks" aria-label="Handshake checks">
      {checks.map((check) => (
        <li key={check.id} className={check.ok ? 'pass' : 'fail'}>
          <span className="check-mark">{check.ok ? 'PASS' : 'FAIL'}</span>
          <span className="check-id">{check.id}</span>
          <span className="muted"><VisibleText text={check.detail} /></span>
        </li>
      ))}
    </ul>
  );
}

function FailureBanner({ handshake }: { handshake: HandshakeRecordJson }) {
  const response = handshake.response;
  if (response?.statusCode === 101) return null;
  const unreadable = handshake.unreadableResponse;
  return (
    <div className="failure-banner" role="alert">
      {unreadable ? (
        <>
          <div className="failure-status">Unreadable response</div>
          <div><VisibleText text={`${unreadable.reason[0]?.toUpperCase() ?? ''}${unreadable.reason.slice(1)}.`} /> The server answered, but not with a readable HTTP head; the bytes it sent are below.</div>
        </>
      ) : response ? (
        <>
          <div className="failure-status"><VisibleText text={`${response.statusCode} ${response.reason}`} /></div>
          <div>The server did not switch protocols; this is not a WebSocket connection. Its answer is below.</div>
        </>
      ) : (
        <div className="failure-status">No response to the upgrade request</div>
      )}
    </div>
  );
}

/** An answer that is not a readable HTTP head: the bytes as they came, up to the head limit. */
function UnreadableSide({ unreadable }: { unreadable: UnreadableResponseJson }) {
  return (
    <div className="handshake-side">
      <div className="side-title">
        <span>Response</span>
        <code className="start-line">unreadable: {unreadable.error}</code>
      </div>
      <pre className="raw-http" aria-label="Unreadable response bytes"><VisibleText text={utf8DecodeLenient(base64ToBytes(unreadable.raw))} isMultiline /></pre>
      {unreadable.rawTruncated && <div className="note">More bytes arrived than the head limit keeps; these are the first.</div>}
    </div>
  );
}

/** The "Handshake" region: the upgrade request and response, their checks, and any non-101 answer. */
export function HandshakePanel() {
  const handshake = useApp((state) => (state.sessions.activeId ? state.sessions.handshakes[state.sessions.activeId] : undefined));
  const response = handshake?.response;
  const isFailure = handshake != null && response?.statusCode !== 101;
  return (
    <section className={`panel handshake${isFailure ? ' is-failure' : ''}`} aria-label="Handshake">
      <header className="panel-title">
        Handshake
        {response && <span className={`status-pill ${response.statusCode === 101 ? 'ok' : 'bad'}`}><VisibleText text={`${response.statusCode} ${response.reason}`} /></span>}
        {handshake?.unreadableResponse && <span className="status-pill bad">unreadable</span>}
        {handshake && handshake.checks.length > 0 && <span className="muted">{`${handshake.checks.filter((check) => check.ok).length}/${handshake.checks.length} checks passed`}</span>}
      </header>
      <div className="panel-body">
        {handshake === undefined && <div className="empty-note">No session selected.</div>}
        {handshake === null && <div className="empty-note">No handshake recorded yet.</div>}
        {handshake && (
          <>
            <FailureBanner handshake={handshake} />
            <Checks checks={handshake.checks} />
            <Side
              title="Request"
              headers={handshake.request.headers}
              raw={handshake.request.raw}
              startLine={`${handshake.request.method} ${handshake.request.target} HTTP/${handshake.request.httpVersion}`}
            />
            {handshake.unreadableResponse && <UnreadableSide unreadable={handshake.unreadableResponse} />}
            {response && (
              <Side title="Response" headers={response.headers} raw={response.raw} startLine={`HTTP/${response.httpVersion} ${response.statusCode} ${response.reason}`} />
            )}
            {response?.body !== undefined && response.statusCode !== 101 && (
              <div className="handshake-side">
                <div className="side-title"><span>Response body</span></div>
                <pre className="raw-http"><VisibleText text={utf8DecodeLenient(base64ToBytes(response.body))} isMultiline /></pre>
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}
