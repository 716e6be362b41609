import { isControlOpcode, opcodeName } from '../../../shared/protocol/opcode.js';
import { formatBytes } from '../../lib/format.js';
import type { Translate } from '../../lib/text.js';
import { legWords } from '../relay/leg-words.js';
import type { ColumnId } from './timeline-columns.js';

/**
 * The face a cell's text is drawn in, as app.css sets it: the grid's monospaced font (#, times,
 * FIN, RSV, mask key, Protocol, Preview), its text font (Dir, opcode, Length), that font bold
 * (a control frame's opcode) or italic (a fragment's opcode).
 */
export type CellFace = 'mono' | 'text' | 'textBold' | 'textItalic';

/** A text a cell may draw, and the face it is drawn in. */
export interface CellText {
  readonly text: string;
  readonly face: CellFace;
}

const DIRECTION_CELLS = ['timeline:direction.outCell', 'timeline:direction.inCell', 'timeline:direction.clientToServerCell', 'timeline:direction.serverToClientCell'] as const;

/** Every opcode a frame can carry (§5.2: four bits), reserved ones included, in the face its row draws it in. */
function opcodeTexts(): CellText[] {
  const texts: CellText[] = [];
  for (let opcode = 0; opcode < 16; opcode += 1) {
    const text = opcodeName(opcode);
    // Control frames are bold; a data frame may be a fragment, drawn italic.
    if (isControlOpcode(opcode)) texts.push({ text, face: 'textBold' });
    else texts.push({ text, face: 'text' }, { text, face: 'textItalic' });
  }
  return texts;
}

/** The longest payload length of each unit `formatBytes` writes (`1023 B`, `1023.9 KiB` … `1023.9 TiB`); digits are measured at their widest. */
function lengthTexts(): CellText[] {
  const texts: CellText[] = [{ text: formatBytes(1023), face: 'text' }];
  for (let power = 1; power <= 4; power += 1) texts.push({ text: formatBytes(Math.floor(1023.9 * 1024 ** power)), face: 'text' });
  return texts;
}

/**
 * The texts a column's cells draw at their widest, in the reader's language: the column's minimum
 * reads each of them whole. Row numbers depend on the session (`seq` has none here) and Preview
 * and Protocol are summaries that ellipsize: Protocol keeps a readable start, Preview its own
 * count of characters (`timeline-columns.ts`). Times and lengths are written as the formatters
 * write them, the direction as every kind of session names it (sent/received, client/server,
 * relay legs).
 */
export function widestCellTexts(id: ColumnId, t: Translate): readonly CellText[] {
  switch (id) {
    case 'seq':
    case 'preview':
      return [];
    // Wall clock, and time since start past an hour (`+1:02:03.456`).
    case 'time': return [{ text: '00:00:00.000', face: 'mono' }, { text: '+0:00:00.000', face: 'mono' }];
    case 'delta': return [{ text: '+999.9 ms', face: 'mono' }, { text: '+999 µs', face: 'mono' }];
    case 'direction': return [
      ...DIRECTION_CELLS.map((key) => ({ text: t(key), face: 'text' as const })),
      ...(['client', 'server'] as const).flatMap((leg) => (['out', 'in'] as const).map((direction) => ({ text: legWords(leg, direction).cell, face: 'text' as const }))),
    ];
    case 'opcode': return opcodeTexts();
    case 'protocol': return [{ text: 'socket.io EVENT', face: 'mono' }];
    case 'fin': return [{ text: '0', face: 'mono' }];
    case 'rsv': return [{ text: '000', face: 'mono' }];
    case 'mask': return [{ text: '0a1b2c3d', face: 'mono' }, { text: '—', face: 'mono' }];
    case 'length': return lengthTexts();
  }
}
