import { describe, expect, it } from 'vitest';
import { connectionFileSchema } from '../../../shared/workspace/connection-file.js';
import { environmentFileSchema } from '../../../shared/workspace/environment-file.js';
import { connectionDraftOf, connectionDraftProblems, connectionEdit, toggleReplay } from '../../../renderer/features/workspace-editor/connection-draft.js';
import { draftOf, draftProblems, environmentEdit, isDirty, newVariable, type EnvironmentDraft, type VariableDraft } from '../../../renderer/features/workspace-editor/environment-draft.js';

const staging = environmentFileSchema.parse({
  format: 'frameline-environment', version: 1, id: 'staging', name: 'Staging',
  variables: [{ name: 'host', value: 'staging.example.test' }, { name: 'token', secret: true }, { name: 'password', secret: true, description: 'the bot account' }, { name: 'old', secret: true }],
});

/** The draft with one row changed. */
function edit(draft: EnvironmentDraft, name: string, change: Partial<VariableDraft>): EnvironmentDraft {
  return { ...draft, variables: draft.variables.map((row) => (row.originalName === name ? { ...row, ...change } : row)) };
}

describe('the environment editor’s draft', () => {
  it('saves nothing and touches no secret when nothing changed', () => {
    const draft = draftOf(staging);
    expect(isDirty(draft, staging)).toBe(false);
    expect(environmentEdit(draft, ['token', 'password'], staging)).toEqual({ file: staging, secrets: { renamed: {}, values: {} } });
  });

  it('moves a renamed secret’s stored value, sets a typed one, clears one, and drops the values of removed and unsecreted variables', () => {
    let draft = draftOf(staging);
    draft = edit(draft, 'token', { name: 'apiToken' });
    draft = edit(draft, 'password', { secretInput: 'new-pw' });
    draft = edit(draft, 'host', { isSecret: true, secretInput: 'staging.example.test' });
    draft = { ...draft, variables: draft.variables.filter((row) => row.originalName !== 'old') };
    const { file, secrets } = environmentEdit(draft, ['token', 'password', 'old'], staging);
    expect(file.variables).toEqual([{ name: 'host', secret: true }, { name: 'apiToken', secret: true }, { name: 'password', secret: true, description: 'the bot account' }]);
    expect(secrets).toEqual({ renamed: { token: 'apiToken' }, values: { password: 'new-pw', host: 'staging.example.test', old: null } });
    expect(isDirty(draft, staging)).toBe(true);

    const plain = edit(edit(draftOf(staging), 'token', { isSecret: false, value: 'revealed-value' }), 'password', { isSecretCleared: true });
    expect(environmentEdit(plain, ['token', 'password'], staging).secrets).toEqual({ renamed: {}, values: { token: null, password: null } });
    expect(environmentEdit(plain, ['token', 'password'], staging).file.variables[1]).toEqual({ name: 'token', value: 'revealed-value' });
  });

  it('keeps a value renamed onto the name of a removed secret', () => {
    let draft = draftOf(staging);
    draft = { ...draft, variables: draft.variables.filter((row) => row.originalName !== 'password') };
    draft = edit(draft, 'token', { name: 'password' });
    expect(environmentEdit(draft, ['token', 'password'], staging).secrets).toEqual({ renamed: { token: 'password' }, values: {} });
  });

  it('names empty, invalid and repeated variable names and an empty environment name', () => {
    const draft = { ...draftOf(staging), name: ' ', variables: [...draftOf(staging).variables, { ...newVariable(), name: 'host' }, { ...newVariable(), value: 'no name' }, newVariable(), { ...newVariable(), name: '9lives' }] };
    const problems = draftProblems(draft);
    expect(problems.name).toBe('workspace:editor.problem.environmentName');
    expect([...problems.variables.values()]).toEqual([
      { key: 'workspace:editor.problem.nameTaken', name: 'host' },
      { key: 'workspace:editor.problem.nameEmpty', name: '' },
      { key: 'workspace:editor.problem.nameInvalid', name: '9lives' },
    ]);
    // The row added and left empty is neither a problem nor saved.
    expect(environmentEdit({ ...draftOf(staging), variables: [...draftOf(staging).variables, newVariable()] }, [], staging).file).toEqual(staging);
  });
});

const shop = connectionFileSchema.parse({
  format: 'frameline-connection', version: 1, id: 'shop', name: 'Shop', options: { url: 'ws://127.0.0.1:{{port}}/' },
  reconnect: { isEnabled: true, baseMs: 500, capMs: 8000, maxAttempts: 5, replay: ['subscribe', 'gone'] },
  messages: ['login', 'subscribe', 'ack'].map((id) => ({ id, name: id, kind: 'raw', mode: 'text', text: id })),
});

describe('the connection editor’s draft', () => {
  it('round-trips a connection unchanged', () => {
    expect(connectionEdit(connectionDraftOf(shop), shop)).toEqual(shop);
  });

  it('keeps replayed messages in the connection’s message order and lists ids that are not messages', () => {
    let draft = connectionDraftOf(shop);
    draft = toggleReplay(draft, shop, 'login', true);
    draft = toggleReplay(draft, shop, 'ack', true);
    expect(draft.replay).toEqual(['login', 'subscribe', 'ack', 'gone']);
    expect(connectionDraftProblems(draft, shop).missingReplay).toEqual(['gone']);
    draft = toggleReplay(toggleReplay(draft, shop, 'gone', false), shop, 'subscribe', false);
    expect(connectionEdit(draft, shop).reconnect.replay).toEqual(['login', 'ack']);
  });

  it('drops the mark of a URL value the file could not open once a value is typed there, and keeps the rest', () => {
    const sealed = connectionFileSchema.parse({
      format: 'frameline-connection', version: 1, id: 'feed', name: 'Feed',
      options: { url: 'ws://127.0.0.1:9/feed?access_token=', headers: [['Authorization', '']] },
    });
    const marked = { ...sealed, options: { ...sealed.options, unopenedSecrets: [{ kind: 'query-parameter' as const, name: 'access_token', index: 0 }, { kind: 'header' as const, name: 'Authorization', occurrence: 0 }] } };
    expect(connectionEdit(connectionDraftOf(marked), marked).options.unopenedSecrets).toEqual(marked.options.unopenedSecrets);
    const typed = connectionEdit({ ...connectionDraftOf(marked), url: 'ws://127.0.0.1:9/feed?access_token=typed-again' }, marked);
    expect(typed.options.unopenedSecrets).toEqual([{ kind: 'header', name: 'Authorization', occurrence: 0 }]);
  });

  it('refuses numbers outside the policy’s ranges and warns when the base is above the cap', () => {
    const draft = { ...connectionDraftOf(shop), baseMs: '9000', capMs: '8000', maxAttempts: '0', name: '' };
    const problems = connectionDraftProblems(draft, shop);
    expect(problems.fields).toEqual({ name: { key: 'workspace:editor.problem.connectionName' }, maxAttempts: { key: 'workspace:editor.problem.attempts', min: 1, max: 10_000 } });
    expect(problems.isBaseAboveCap).toBe(true);
    expect(connectionDraftProblems({ ...draft, baseMs: '5.5' }, shop).fields.baseMs).toEqual({ key: 'workspace:editor.problem.wholeMs', min: 10, max: 3_600_000 });
  });
});
