import { useRef, useState } from 'react';
import type { HandshakeRecordJson, HeaderPair, UnreadableResponseJson } from '../../../shared/contract/records.js';
import { base64ToBytes, utf8DecodeLenient } from '../../lib/bytes.js';
import { checkDetail } from '../../../shared/i18n/event-text.js';
import { useMessage } from '../../lib/use-message.js';
import { useT } from '../../lib/use-t.js';
import { VisibleText } from '../../lib/visible-text.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { Menu, type MenuItem } from '../../widgets/menu.js';
import type { PopupAnchor } from '../../widgets/popup-position.js';
import { ConnectFailureBanner } from './connect-failure-banner.js';
import { curlCommand, framelineCommand, websocatCommand } from './handshake-commands.js';
import { isHopByHop } from './hop-by-hop.js';

function HeaderTable({ headers, label }: { headers: readonly HeaderPair[]; label: string }) {
  const t = useT();
  if (headers.length === 0) return <div className="empty-note">{t('handshake:noHeaders')}</div>;
  return (
    <table className="header-table" aria-label={label} translate="no">
      <tbody>
        {headers.map(([name, value], index) => (
          <tr key={index} className={isHopByHop(name) ? 'hop-by-hop' : undefined}>
            <th scope="row">
              <VisibleText text={name} />
              {isHopByHop(name) && <span className="badge" title={t('handshake:hopByHopTitle')}>{t('handshake:hopByHop')}</span>}
            </th>
            <td><VisibleText text={value} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Headers as a table or the exact bytes as text. */
function Side({ title, viewLabel, tableLabel, headers, raw, startLine }: { title: string; viewLabel: string; tableLabel: string; headers: readonly HeaderPair[]; raw: string; startLine: string }) {
  const t = useT();
  const [isRaw, setRaw] = useState(false);
  return (
    <div className="handshake-side">
      <div className="side-title">
        <span>{title}</span>
        <code className="start-line"><VisibleText text={startLine} /></code>
        <span className="toolbar-spacer" />
        <div className="segmented" role="group" aria-label={viewLabel}>
          <button type="button" aria-pressed={!isRaw} onClick={() => setRaw(false)}>{t('handshake:headers')}</button>
          <button type="button" aria-pressed={isRaw} onClick={() => setRaw(true)}>{t('handshake:raw')}</button>
        </div>
      </div>
      {isRaw ? <pre className="raw-http"><VisibleText text={utf8DecodeLenient(base64ToBytes(raw))} isMultiline /></pre> : <HeaderTable headers={headers} label={tableLabel} />}
    </div>
  );
}

function Checks({ checks }: { checks: HandshakeRecordJson['checks'] }) {
  const t = useT();
  const show = useMessage();
  if (checks.length === 0) return null;
  return (
    <ul className="checks" aria-label={t('handshake:checks')}>
      {checks.map((check) => (
        <li key={check.id} className={check.ok ? 'pass' : 'fail'}>
          <span className="check-mark">{check.ok ? t('handshake:checkPass') : t('handshake:checkFail')}</span>
          <span className="check-id" translate="no">{check.id}</span>
          <span className="muted"><VisibleText text={show(checkDetail(check))} /></span>
        </li>
      ))}
    </ul>
  );
}

/** A handshake that did not switch protocols: why, and (for the shown tab's own) the Doctor button. */
function FailureBanner({ handshake, sessionId }: { handshake: HandshakeRecordJson; sessionId: string | null }) {
  const t = useT();
  const response = handshake.response;
  if (response?.statusCode === 101) return null;
  const unreadable = handshake.unreadableResponse;
  return (
    <div className="failure-banner" role="alert">
      {unreadable ? (
        <>
          <div className="failure-status">{t('handshake:failure.unreadable')}</div>
          <div>
            {/* The parser's reason is engine data in English, written as a sentence. */}
            <VisibleText text={`${unreadable.reason.charAt(0).toUpperCase()}${unreadable.reason.slice(1)}.`} /> {t('handshake:failure.unreadableExplained')}
          </div>
        </>
      ) : response ? (
        <>
          <div className="failure-status" translate="no"><VisibleText text={`${response.statusCode} ${response.reason}`} /></div>
          <div>{t('handshake:failure.notSwitched')}</div>
        </>
      ) : (
        <div className="failure-status">{t('handshake:failure.noResponse')}</div>
      )}
      {sessionId !== null && (
        <div className="button-row">
          <button type="button" onClick={() => void getAppStore().getState().doctor.runFor(sessionId)}>{t('handshake:failure.runDoctor')}</button>
        </div>
      )}
    </div>
  );
}

/** An answer that is not a readable HTTP head: the bytes as they came, up to the head limit. */
function UnreadableSide({ unreadable }: { unreadable: UnreadableResponseJson }) {
  const t = useT();
  return (
    <div className="handshake-side">
      <div className="side-title">
        <span>{t('handshake:response')}</span>
        <code className="start-line">{t('handshake:unreadable.startLine', { error: unreadable.error })}</code>
      </div>
      <pre className="raw-http" aria-label={t('handshake:unreadable.bytes')}><VisibleText text={utf8DecodeLenient(base64ToBytes(unreadable.raw))} isMultiline /></pre>
      {unreadable.rawTruncated && <div className="note">{t('handshake:unreadable.truncated')}</div>}
    </div>
  );
}

/** "Copy as": the same handshake as a curl, websocat or frameline connect command. */
function CopyAsButton({ sessionId, handshake }: { sessionId: string; handshake: HandshakeRecordJson | null }) {
  const t = useT();
  const [anchor, setAnchor] = useState<PopupAnchor | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const copy = async (command: () => string, tool: string): Promise<void> => {
    const { platform, sessions } = getAppStore().getState();
    try {
      await platform.copyText(command());
      sessions.showNotice({ kind: 'info', message: (tr) => tr('handshake:copy.copied', { tool }) });
    } catch (error) {
      sessions.reportError(error);
    }
  };
  const items = (): MenuItem[] => {
    const { sessions } = getAppStore().getState();
    const url = sessions.byId[sessionId]?.url ?? '';
    return [
      { id: 'curl', label: t('handshake:copy.curl'), isDisabled: handshake === null, onSelect: () => void copy(() => curlCommand(url, handshake!), 'curl') },
      { id: 'websocat', label: t('handshake:copy.websocat'), isDisabled: handshake === null, onSelect: () => void copy(() => websocatCommand(url, handshake!), 'websocat') },
      {
        id: 'frameline',
        label: t('handshake:copy.frameline'),
        onSelect: () =>
          void getAppStore()
            .getState()
            .api.getSessionOptions(sessionId)
            .then((options) => copy(() => framelineCommand(url, handshake, options), 'frameline connect')),
      },
    ];
  };
  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="small"
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        onClick={(event) => setAnchor(anchor ? null : { kind: 'below', rect: event.currentTarget.getBoundingClientRect(), align: 'end' })}
      >
        {t('handshake:copy.button')}
      </button>
      {anchor && <Menu label={t('handshake:copy.menu')} items={items()} anchor={anchor} onClose={() => setAnchor(null)} returnFocus={buttonRef.current} />}
    </>
  );
}

/** A handshake's status line: the response's status (or that it was unreadable) and how many checks passed. */
export function HandshakeStatus({ handshake }: { handshake: HandshakeRecordJson }) {
  const t = useT();
  const response = handshake.response;
  return (
    <>
      {response && <span className={`status-pill ${response.statusCode === 101 ? 'ok' : 'bad'}`} translate="no"><VisibleText text={`${response.statusCode} ${response.reason}`} /></span>}
      {handshake.unreadableResponse && <span className="status-pill bad">{t('handshake:unreadable.pill')}</span>}
      {handshake.checks.length > 0 && <span className="muted checks-summary">{t('handshake:checksPassed', { passed: handshake.checks.filter((check) => check.ok).length, total: handshake.checks.length })}</span>}
    </>
  );
}

/**
 * One handshake record: any non-101 answer, its checks, the request and the response (headers or
 * raw bytes) and a non-101 body. The Handshake pane shows the shown tab's; Frame detail shows a
 * selected handshake row's (the Relay view's two legs have one each). `sessionId` offers the
 * Doctor on a failed one; null leaves that to the pane.
 */
export function HandshakeRecordView({ handshake, sessionId }: { handshake: HandshakeRecordJson; sessionId: string | null }) {
  const t = useT();
  const response = handshake.response;
  return (
    <>
      <FailureBanner handshake={handshake} sessionId={sessionId} />
      <Checks checks={handshake.checks} />
      <Side
        title={t('handshake:request')}
        viewLabel={t('handshake:requestView')}
        tableLabel={t('handshake:requestHeaders')}
        headers={handshake.request.headers}
        raw={handshake.request.raw}
        startLine={`${handshake.request.method} ${handshake.request.target} HTTP/${handshake.request.httpVersion}`}
      />
      {handshake.unreadableResponse && <UnreadableSide unreadable={handshake.unreadableResponse} />}
      {response && <Side title={t('handshake:response')} viewLabel={t('handshake:responseView')} tableLabel={t('handshake:responseHeaders')} headers={response.headers} raw={response.raw} startLine={`HTTP/${response.httpVersion} ${response.statusCode} ${response.reason}`} />}
      {response?.body !== undefined && response.statusCode !== 101 && (
        <div className="handshake-side">
          <div className="side-title"><span>{t('handshake:responseBody')}</span></div>
          <pre className="raw-http"><VisibleText text={utf8DecodeLenient(base64ToBytes(response.body))} isMultiline /></pre>
        </div>
      )}
    </>
  );
}

/** The "Handshake" region: the upgrade request and response, their checks, any non-101 answer, and a failure before any answer. */
export function HandshakePanel() {
  const t = useT();
  const sessionId = useApp((state) => state.sessions.activeId);
  const handshake = useApp((state) => (state.sessions.activeId ? state.sessions.handshakes[state.sessions.activeId] : undefined));
  const failure = useApp((state) => (state.sessions.activeId ? state.sessions.failures[state.sessions.activeId] : undefined));
  const response = handshake?.response;
  const isFailure = (handshake != null && response?.statusCode !== 101) || (handshake === null && failure != null);
  return (
    <section className={`panel handshake${isFailure ? ' is-failure' : ''}`} aria-label={t('handshake:label')} data-region="handshake" tabIndex={-1}>
      <header className="panel-title">
        {t('handshake:title')}
        {handshake && <HandshakeStatus handshake={handshake} />}
        <span className="toolbar-spacer" />
        {sessionId !== null && handshake !== undefined && <CopyAsButton sessionId={sessionId} handshake={handshake} />}
      </header>
      <div className="panel-body">
        {handshake === undefined && <div className="empty-note">{t('handshake:noSession')}</div>}
        {handshake === null && sessionId !== null && failure ? <ConnectFailureBanner sessionId={sessionId} failure={failure} /> : null}
        {handshake === null && !failure && <div className="empty-note">{t('handshake:notYet')}</div>}
        {handshake && sessionId !== null && <HandshakeRecordView handshake={handshake} sessionId={sessionId} />}
      </div>
    </section>
  );
}
