import { memo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { CommandTool } from '../../../shared/contract/api-workspace.js';
import type { ConnectionFile } from '../../../shared/workspace/connection-file.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore, useApp } from '../../store/app-store.js';
import { InlineName } from './inline-name.js';
import { MessageRow } from './message-row.js';

const TOOLS: readonly CommandTool[] = ['websocat', 'wscat', 'frameline'];

/** What drag and drop carries between connections. */
const CONNECTION_DRAG_TYPE = 'application/x-frameline-connection';

/** One saved connection with its messages: connect, settings and auto-reconnect, rename (F2), duplicate, reorder (drag, Alt+↑/↓), copy as a command. */
export const ConnectionItem = memo(function ConnectionItem({ connection, index }: { connection: ConnectionFile; index: number }) {
  const t = useT();
  const [isRenaming, setRenaming] = useState(false);
  const selectedConnectionId = useApp((state) => state.workspaceFiles.selectedConnectionId);
  const selectedMessageId = useApp((state) => state.workspaceFiles.selectedMessageId);
  const actions = getAppStore().getState().workspaceFiles;
  const isSelected = selectedConnectionId === connection.id && selectedMessageId === null;
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter') void actions.connect(connection.id);
    else if (event.key === 'F2') setRenaming(true);
    else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'd') void actions.duplicateConnection(connection.id);
    else if (event.altKey && event.key === 'ArrowUp') void actions.moveConnection(connection.id, index - 1);
    else if (event.altKey && event.key === 'ArrowDown') void actions.moveConnection(connection.id, index + 1);
    else return;
    event.preventDefault();
  };
  return (
    <li className="saved-connection" role="treeitem" aria-expanded="true" aria-selected={isSelected}>
      <div
        className={`connection-row${isSelected ? ' is-selected' : ''}`}
        tabIndex={0}
        draggable={!isRenaming}
        title={connection.description || connection.options.url}
        onClick={() => actions.select(connection.id)}
        onDoubleClick={() => setRenaming(true)}
        onKeyDown={onKeyDown}
        onDragStart={(event) => event.dataTransfer.setData(CONNECTION_DRAG_TYPE, connection.id)}
        onDragOver={(event) => {
          if (event.dataTransfer.types.includes(CONNECTION_DRAG_TYPE)) event.preventDefault();
        }}
        onDrop={(event) => {
          const dragged = event.dataTransfer.getData(CONNECTION_DRAG_TYPE);
          if (!dragged || dragged === connection.id) return;
          event.preventDefault();
          void actions.moveConnection(dragged, index);
        }}
      >
        <InlineName
          name={connection.name}
          isEditing={isRenaming}
          onCommit={(name) => {
            setRenaming(false);
            if (name !== connection.name) void actions.renameConnection(connection.id, name);
          }}
          onCancel={() => setRenaming(false)}
        />
        <button type="button" className="row-action primary" title={t('workspace:sidebar.connectTitle', { name: connection.name })} onClick={(event) => {
          event.stopPropagation();
          void actions.connect(connection.id);
        }}>
          {t('workspace:sidebar.connect')}
        </button>
        <select
          className="row-menu"
          aria-label={t('workspace:sidebar.more', { name: connection.name })}
          title={t('workspace:sidebar.more', { name: connection.name })}
          value=""
          onClick={(event) => event.stopPropagation()}
          onChange={(event) => {
            const value = event.target.value;
            if (value === 'rename') setRenaming(true);
            else if (value === 'settings') getAppStore().getState().workspaceEditor.open({ kind: 'connection', connectionId: connection.id });
            else if (value === 'duplicate') void actions.duplicateConnection(connection.id);
            else if ((TOOLS as readonly string[]).includes(value)) void actions.copyCommand(connection.id, value as CommandTool);
          }}
        >
          <option value="">⋯</option>
          <option value="settings">{t('workspace:sidebar.connectionSettings')}</option>
          <option value="rename">{t('workspace:sidebar.rename')}</option>
          <option value="duplicate">{t('workspace:sidebar.duplicate')}</option>
          {TOOLS.map((tool) => (
            <option key={tool} value={tool}>{t('workspace:sidebar.copyAsTool', { tool })}</option>
          ))}
        </select>
      </div>
      <div className="connection-url">
        <span className="url-text" translate="no">{connection.options.url}</span>
        {connection.reconnect.isEnabled && (
          <button
            type="button"
            className="badge"
            title={`${t('workspace:sidebar.reconnectTitle', { baseMs: connection.reconnect.baseMs, capMs: connection.reconnect.capMs, attempts: connection.reconnect.maxAttempts })}\n${t('workspace:sidebar.reconnectEdit', { name: connection.name })}`}
            onClick={() => getAppStore().getState().workspaceEditor.open({ kind: 'connection', connectionId: connection.id })}
          >
            {t('workspace:sidebar.reconnectBadge')}
          </button>
        )}
      </div>
      <ul className="saved-messages" role="group" aria-label={t('workspace:sidebar.messagesOf', { name: connection.name })}>
        {connection.messages.map((message, messageIndex) => (
          <MessageRow key={message.id} connectionId={connection.id} message={message} index={messageIndex} isSelected={selectedConnectionId === connection.id && selectedMessageId === message.id} />
        ))}
      </ul>
    </li>
  );
});
