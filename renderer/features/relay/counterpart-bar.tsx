import { useEffect, useState } from 'react';
import type { FrameRecordJson } from '../../../shared/contract/records.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { legWords } from './leg-words.js';

/** For the selected frame of a relay session: which leg it crossed and the frame it links to on the other leg. */
export function CounterpartBar() {
  const t = useT();
  const sessionId = useApp((state) => state.timeline.sessionId);
  const seq = useApp((state) => state.timeline.selectedSeq);
  const [frame, setFrame] = useState<FrameRecordJson | null>(null);
  useEffect(() => {
    let isCurrent = true;
    setFrame(null);
    if (sessionId === null || seq === null) return undefined;
    void getAppStore()
      .getState()
      .api.getRecord(sessionId, seq)
      .then((record) => {
        if (isCurrent && record.kind === 'frame' && record.leg) setFrame(record);
      })
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [sessionId, seq]);
  if (!frame?.leg) return null;
  const words = legWords(frame.leg, frame.direction);
  return (
    <div className="counterpart-bar" aria-label={t('relay:view.counterpart')}>
      <span className="mono">{words.cell}</span>
      <span>{t(words.words)}</span>
      {frame.link !== undefined ? (
        <button type="button" onClick={() => getAppStore().getState().timeline.reveal(frame.link!)}>{t('relay:view.goToCounterpart', { seq: frame.link })}</button>
      ) : (
        <span className="muted">{t('relay:view.noCounterpart')}</span>
      )}
    </div>
  );
}
