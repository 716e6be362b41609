import { useApp } from '../../store/app-store.js';

/** The browser UI's token was refused: say so at the top, since nothing else in the window can work. */
export function UnauthorisedBanner() {
  const link = useApp((state) => state.sessions.link);
  // The slot is always there (an empty grid row) so the window's rows never shift.
  return (
    <div className="banner-slot">
      {link === 'unauthorised' && (
        <div className="unauthorised-banner" role="alert">
          <strong>The link&apos;s token is wrong or expired.</strong> Restart <code>frameline ui</code> and open the URL it prints (it carries a fresh token).
        </div>
      )}
    </div>
  );
}
