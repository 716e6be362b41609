import type { HttpBodySeen, HttpExchange } from '../../../shared/contract/relay-http-exchange.js';
import { renderMessage } from '../../../shared/i18n/message.js';
import { httpExchangeEndMessage, httpExchangeProblemMessage } from '../../../shared/relay/http-exchange-text.js';
import { base64ToBytes, utf8DecodeLenient } from '../../lib/bytes.js';
import { useT } from '../../lib/use-t.js';
import { VisibleText } from '../../lib/visible-text.js';

type Head = readonly (readonly [string, string])[];

function headText(startLine: string, headers: Head): string {
  return [startLine, ...headers.map(([name, value]) => `${name}: ${value}`)].join('\n');
}

/** The start of a body as text, invisible characters shown as the payload views show them. */
function BodyStart({ body, isOver }: { body: HttpBodySeen; isOver: boolean }) {
  const t = useT();
  if (body.byteLength === 0) return <p className="muted http-body-note">{t('relay:http.noBody')}</p>;
  const kept = base64ToBytes(body.start);
  return (
    <>
      <p className="muted http-body-note">
        {t('relay:http.body')} · {body.isTruncated ? t('relay:http.bodyStart', { kept: kept.length, total: body.byteLength }) : t('relay:http.bodyWhole', { total: body.byteLength })}
        {isOver && !body.isComplete && <> · <span className="error-text">{t('relay:http.bodyCut')}</span></>}
      </p>
      <pre className="payload-text http-body"><VisibleText text={utf8DecodeLenient(kept)} isMultiline /></pre>
    </>
  );
}

/** One passed-through exchange: the request and response heads and the start of each body, how and when it ended. */
export function HttpExchangeDetail({ exchange }: { exchange: HttpExchange }) {
  const t = useT();
  const response = exchange.response;
  const isOver = exchange.end.kind !== 'open';
  const problem = httpExchangeProblemMessage(exchange);
  return (
    <div className="http-exchange-detail">
      <section aria-label={t('relay:http.request')}>
        <div className="panel-title">{t('relay:http.request')}</div>
        <pre className="payload-text http-head"><VisibleText text={headText(`${exchange.method} ${exchange.url} HTTP/${exchange.httpVersion}`, exchange.requestHeaders)} isMultiline /></pre>
        <BodyStart body={exchange.requestBody} isOver={isOver} />
      </section>
      <section aria-label={t('relay:http.response')}>
        <div className="panel-title">{t('relay:http.response')}</div>
        {response === null ? (
          <p className="muted http-body-note">{t('relay:http.noResponse')}</p>
        ) : (
          <>
            <pre className="payload-text http-head"><VisibleText text={headText(`HTTP/${response.httpVersion} ${response.statusCode} ${response.reason}`, response.headers)} isMultiline /></pre>
            <BodyStart body={response.body} isOver={isOver} />
          </>
        )}
        {problem && <p className="error-text http-body-note"><VisibleText text={renderMessage(t, problem)} /></p>}
      </section>
      <p className="muted http-body-note">
        {t('relay:http.peer')} <code>{exchange.peer}</code> · {t('relay:http.startedAt')} {new Date(exchange.startedAtMs).toLocaleTimeString()} · {t('relay:http.ended')}{' '}
        <VisibleText text={renderMessage(t, httpExchangeEndMessage(exchange))} />
      </p>
    </div>
  );
}
