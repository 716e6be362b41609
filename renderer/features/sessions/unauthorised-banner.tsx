import { useApp } from '../../store/app-store.js';

/** The browser UI's token was refused: say so at the top, since nothing else in the window can work. */
export function UnauthorisedBanner() {
  const link = useApp((state) => state.sessions.link);
  // The slot is always there (an empty grid row) so the window's rows never shift.
  return (
    <div className="banner-slot">
      {link === 'unauthorised' && (
        <div className="unauthorised-banner" role="alert">
          <strong>This page&apos;s link was already used, or its token is wrong or expired.</strong> Open the newest link <code>frameline ui</code> printed (each link works once), or restart it.
        </div>
      )}
    </div>
  );
}
