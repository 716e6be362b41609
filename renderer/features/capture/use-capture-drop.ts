import { useState, type DragEvent } from 'react';
import { openCaptureFile } from './open-capture.js';

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer.types.includes('Files');
}

/** Drop a capture file anywhere on the window to open it; `isDragging` lets the window show where. */
export function useCaptureDrop() {
  const [isDragging, setDragging] = useState(false);
  return {
    isDragging,
    handlers: {
      onDragOver(event: DragEvent) {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      },
      onDragLeave(event: DragEvent) {
        // Leaving a child for another child also fires; only leaving the window counts.
        if (event.relatedTarget === null) setDragging(false);
      },
      onDrop(event: DragEvent) {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (file) void openCaptureFile(file);
      },
    },
  };
}
