import { appOrigin } from './app-scheme.js';

/** What the window may use: writing to the clipboard (copying a payload), from our own page only. */
const grantedToOurPage: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/**
 * Electron security checklist, "handle session permission requests": the window never needs the
 * camera, microphone, location, notifications, HID, serial, USB or any other permission, so both
 * the request and the check handler deny everything but clipboard writes from `frameline://app`.
 * `requestingUrl` may be an origin or a full URL.
 */
export function isPermissionGranted(permission: string, requestingUrl: string): boolean {
  return originOf(requestingUrl) === appOrigin && grantedToOurPage.has(permission);
}

/** scheme://host of a URL; WHATWG's `URL.origin` is "null" for a custom scheme, so it is built here. */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}
