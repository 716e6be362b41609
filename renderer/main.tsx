import './zod-jitless.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { chooseApi } from './api/choose-api.js';
import { App } from './app.js';
import { connectEvents, createAppStore, installAppStore } from './store/app-store.js';
import { patchSlice } from './store/types.js';
import './styles/app.css';

/** Picks the transport, builds the store, wires main's events, and renders the window. */
function start(): void {
  const chosen = chooseApi();
  const store = createAppStore(chosen.api);
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
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

start();
