import { app, BrowserWindow, session, safeStorage } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageRoot, rendererDirectory } from './app-paths.js';
import { FramelineEngine } from './engine/api/engine.js';
import { registerIpcHandlers } from './ipc/register-handlers.js';

// The desktop shell: one window on the built renderer, locked down per Electron's security
// checklist. Everything else is the engine, shared with the CLI and the web host.

const indexUrl = pathToFileURL(join(rendererDirectory(), 'index.html')).href;
const isTrustedPage = (url: string): boolean => url.split(/[?#]/)[0] === indexUrl;
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; worker-src 'self' blob:; connect-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

let window: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const created = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Frameline',
    webPreferences: {
      preload: join(packageRoot(), 'dist', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  // No navigation and no new windows: captured content never becomes a page or an external link.
  created.webContents.on('will-navigate', (event) => event.preventDefault());
  created.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void created.loadURL(indexUrl);
  return created;
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
});

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
  const engine = new FramelineEngine({
    dataDirectory: app.getPath('userData'),
    exportDirectory: app.getPath('downloads'),
    // Workspace secrets at rest go through the OS keychain; the engine only sees this interface.
    secretCipher: {
      isAvailable: () => safeStorage.isEncryptionAvailable(),
      encrypt: (plain) => safeStorage.encryptString(plain),
      decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed)),
    },
  });
  registerIpcHandlers(engine, isTrustedPage, () => window?.webContents ?? null);
  window = createWindow();
  window.on('closed', () => (window = null));
  app.on('before-quit', () => void engine.dispose());
});

app.on('window-all-closed', () => app.quit());
