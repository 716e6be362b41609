import { getAppStore, useApp } from '../../store/app-store.js';

/** The target URL; one field shared by Connect and Diagnose, so a failing session can be diagnosed as is. */
export function UrlInput() {
  const url = useApp((state) => state.settings.url);
  return (
    <input
      className="url-input mono"
      aria-label="URL"
      spellCheck={false}
      autoComplete="off"
      value={url}
      placeholder="wss://example.com/socket"
      onChange={(event) => getAppStore().getState().settings.setUrl(event.target.value)}
    />
  );
}
