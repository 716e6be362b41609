import './zod-jitless.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../shared/i18n/create-i18n.js';
import { isLanguage, resolveLanguage } from '../shared/i18n/languages.js';
import { browserPlatform } from './api/browser-platform.js';
import { chooseApi } from './api/choose-api.js';
import { App } from './app.js';
import { connectEvents, createAppStore, installAppStore } from './store/app-store.js';
import { patchSlice } from './store/types.js';
import './styles/app.css';
import './styles/protocols.css';

/** Picks the transport, builds the store, wires main's events, and renders the window. */
function start(): void {
  const chosen = chooseApi();
  const store = createAppStore(chosen.api, browserPlatform);
  installAppStore(store);
  connectEvents(store);
  chosen.onStatus((link) => {
    // A refused token is said once, by the banner and the link status; calls it failed add nothing.
    patchSlice(store.setState, 'sessions', link === 'unauthorised' ? { link, notice: null } : { link });
    // After a reconnect, main's view is the truth again.
    if (link === 'open') {
      void store.getState().sessions.refresh();
      void store.getState().listen.refresh();
    }
  });
  void store.getState().sessions.refresh();
  void store.getState().settings.loadProfiles();
  void store.getState().listen.refresh();
  // The system's language (Electron passes its locale to navigator.language; a browser its own), until the saved choice loads.
  const i18n = createI18n(resolveLanguage(navigator.language));
  i18n.on('languageChanged', (language) => {
    document.documentElement.setAttribute('lang', language);
    const { preferences } = store.getState();
    if (preferences.isLoaded && isLanguage(language) && preferences.values.language !== language) preferences.update((values) => ({ ...values, language }));
  });
  document.documentElement.setAttribute('lang', i18n.language);
  void store
    .getState()
    .preferences.load()
    .then(() => {
      const saved = store.getState().preferences.values.language;
      if (saved && saved !== i18n.language) void i18n.changeLanguage(saved);
    });
  // A change made just before the window goes away (a splitter dragged, a column hidden) is still saved.
  window.addEventListener('pagehide', () => void store.getState().preferences.flush());
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App />
      </I18nextProvider>
    </StrictMode>,
  );
}

start();
