import { Trans } from 'react-i18next';
import { useT } from '../../lib/use-t.js';
import { useApp } from '../../store/app-store.js';

/** The browser UI's token was refused: say so at the top, since nothing else in the window can work. */
export function UnauthorisedBanner() {
  const t = useT();
  const link = useApp((state) => state.sessions.link);
  // The slot is always there (an empty grid row) so the window's rows never shift.
  return (
    <div className="banner-slot">
      {link === 'unauthorised' && (
        <div className="unauthorised-banner" role="alert">
          <Trans t={t} i18nKey="sessions:unauthorised" components={{ strong: <strong />, code: <code /> }} />
        </div>
      )}
    </div>
  );
}
