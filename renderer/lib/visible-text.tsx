import { visiblePieces } from '../../shared/text/visible-text.js';

/**
 * Text a peer, a file or a frame chose, shown so nothing in it hides: controls, bidi overrides
 * and isolates, zero-width and other invisible characters appear as marked escapes (`\u202e`),
 * styled apart from the text so they cannot be mistaken for it (shared/text/visible-text.ts).
 * `isMultiline` keeps line breaks and tabs, for payloads and raw HTTP.
 */
export function VisibleText({ text, isMultiline = false }: { text: string; isMultiline?: boolean }) {
  const pieces = visiblePieces(text, { keepLineBreaks: isMultiline });
  return (
    <>
      {pieces.map((piece, index) =>
        piece.isEscape ? (
          <span key={index} className="hidden-char" title={`${piece.codePoint}: a hidden or control character, shown escaped`}>
            {piece.text}
          </span>
        ) : (
          piece.text
        ),
      )}
    </>
  );
}
