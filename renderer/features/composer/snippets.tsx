import { useState } from 'react';
import { getAppStore, useApp } from '../../store/app-store.js';

/** Saved snippets: load one into the composer, save the current draft under a name, delete. */
export function Snippets() {
  const snippets = useApp((state) => state.composer.snippets);
  const [name, setName] = useState('');
  const actions = getAppStore().getState().composer;
  return (
    <div className="snippets" role="group" aria-label="Snippets">
      <select aria-label="Load snippet" value="" onChange={(event) => event.target.value && actions.loadSnippet(event.target.value)}>
        <option value="">{snippets.length === 0 ? 'No snippets' : `Snippets (${snippets.length})`}</option>
        {snippets.map((snippet) => <option key={snippet.name} value={snippet.name}>{`${snippet.name} · ${snippet.mode}`}</option>)}
      </select>
      <input aria-label="Snippet name" placeholder="Snippet name" value={name} onChange={(event) => setName(event.target.value)} className="short" />
      <button type="button" disabled={name.trim() === ''} onClick={() => actions.saveSnippet(name.trim())}>Save</button>
      <button type="button" disabled={!snippets.some((snippet) => snippet.name === name.trim())} onClick={() => actions.deleteSnippet(name.trim())}>Delete</button>
    </div>
  );
}
