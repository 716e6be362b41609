import { app, BrowserWindow, protocol, safeStorage, session } from 'electron';
import { join } from 'node:path';
import { packageRoot, rendererDirectory } from './app-paths.js';
import { FramelineEngine } from './engine/api/engine.js';
import { safeStorageCipher } from './engine/secrets/safe-storage-cipher.js';
import { registerIpcHandlers } from './ipc/register-handlers.js';
import { saveDialogChooser } from './ipc/save-dialog.js';
import { answerAppRequest, appIndexUrl, appScheme } from './page/app-scheme.js';
import { isPermissionGranted } from './page/permissions.js';
import { installProcessGuard } from './process-guard.js';

// The desktop shell: one window on the built renderer, locked down per Electron's security
// checklist (docs/architecture.md "Security" lists each item and where it is met). Everything
// else is the engine, shared with the CLI and the web host.

const isTrustedPage = (url: string): boolean => url.split(/[?#]/)[0] === appIndexUrl;

// Every live session is in this process: a failure nobody caught is logged, never fatal.
installProcessGuard((line) => console.error(line));

// Before ready: the page is served from frameline://app, a standard, secure origin (module
// workers, storage and 'self' work as on https), not from file://. No bypassCSP, no CORS.
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
// Every renderer sandboxed, whatever a window's own options say.
app.enableSandbox();

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
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  // No navigation and no new windows: captured content never becomes a page or an external link.
  created.webContents.on('will-navigate', (event) => event.preventDefault());
  created.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void created.loadURL(appIndexUrl);
  return created;
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
});

app.whenReady().then(() => {
  const renderer = rendererDirectory();
  protocol.handle(appScheme, (request) => answerAppRequest(request, renderer));
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionGranted(permission, details.requestingUrl)));
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(permission, requestingOrigin));
  const engine = new FramelineEngine({
    dataDirectory: app.getPath('userData'),
    chooseExportPath: saveDialogChooser(() => window),
    // Secrets at rest (workspace secrets; proxy passwords and credential headers in profiles and relay settings) go through the OS keychain, by safeStorage's asynchronous API; the engine only sees this interface.
    secretCipher: safeStorageCipher(safeStorage),
  });
  registerIpcHandlers(engine, isTrustedPage, () => window?.webContents ?? null);
  window = createWindow();
  window.on('closed', () => (window = null));
  app.on('before-quit', () => void engine.dispose());
});

app.on('window-all-closed', () => app.quit());
