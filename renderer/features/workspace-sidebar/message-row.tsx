import { memo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { SavedMessage } from '../../../shared/workspace/saved-message.js';
import { useT } from '../../lib/use-t.js';
import { getAppStore } from '../../store/app-store.js';
import { InlineName } from './inline-name.js';

/** What drag and drop carries between rows of one connection. */
export const MESSAGE_DRAG_TYPE = 'application/x-frameline-saved-message';

/**
 * One saved message: click selects, the Send button or Enter sends it, F2 renames, Ctrl+D
 * duplicates, Delete removes, Alt+↑/↓ or dragging moves it.
 */
export const MessageRow = memo(function MessageRow({ connectionId, message, index, isSelected }: { connectionId: string; message: SavedMessage; index: number; isSelected: boolean }) {
  const t = useT();
  const [isRenaming, setRenaming] = useState(false);
  const [isDropTarget, setDropTarget] = useState(false);
  const actions = getAppStore().getState().workspaceFiles;
  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>): void => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter') void actions.send(connectionId, message.id);
    else if (event.key === 'F2') setRenaming(true);
    else if (event.key === 'Delete') void actions.deleteMessage(connectionId, message.id);
    else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'd') void actions.duplicateMessage(connectionId, message.id);
    else if (event.altKey && event.key === 'ArrowUp') void actions.moveMessage(connectionId, message.id, index - 1);
    else if (event.altKey && event.key === 'ArrowDown') void actions.moveMessage(connectionId, message.id, index + 1);
    else return;
    event.preventDefault();
  };
  return (
    <li
      className={`saved-message${isSelected ? ' is-selected' : ''}${isDropTarget ? ' is-drop-target' : ''}`}
      tabIndex={0}
      role="treeitem"
      aria-selected={isSelected}
      draggable={!isRenaming}
      title={message.description || undefined}
      onClick={() => actions.select(connectionId, message.id)}
      onDoubleClick={() => setRenaming(true)}
      onKeyDown={onKeyDown}
      onDragStart={(event) => {
        event.dataTransfer.setData(MESSAGE_DRAG_TYPE, JSON.stringify({ connectionId, messageId: message.id }));
        event.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes(MESSAGE_DRAG_TYPE)) return;
        event.preventDefault();
        setDropTarget(true);
      }}
      onDragLeave={() => setDropTarget(false)}
      onDrop={(event) => {
        setDropTarget(false);
        const dragged = JSON.parse(event.dataTransfer.getData(MESSAGE_DRAG_TYPE) || 'null') as { connectionId: string; messageId: string } | null;
        if (!dragged || dragged.connectionId !== connectionId || dragged.messageId === message.id) return;
        event.preventDefault();
        void actions.moveMessage(connectionId, dragged.messageId, index);
      }}
    >
      <span className="message-kind" translate="no">{message.kind === 'raw' ? message.mode : message.protocol}</span>
      <InlineName
        name={message.name}
        isEditing={isRenaming}
        onCommit={(name) => {
          setRenaming(false);
          if (name !== message.name) void actions.renameMessage(connectionId, message.id, name);
        }}
        onCancel={() => setRenaming(false)}
      />
      <button type="button" className="row-action" title={t('workspace:sidebar.sendTitle', { name: message.name })} onClick={(event) => {
        event.stopPropagation();
        void actions.send(connectionId, message.id);
      }}>
        {t('workspace:sidebar.send')}
      </button>
    </li>
  );
});
