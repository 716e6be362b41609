const scratchBytes = new Uint8Array(4);
const scratchWord = new Uint32Array(scratchBytes.buffer);

/** Below this many bytes a typed-array view costs more than it saves. */
const wordWiseThreshold = 32;

/**
 * XORs `data` in place with the 4-byte masking key (§5.3). `phase` is the index of data[0] within
 * the whole payload, so a payload unmasked piece by piece gives the same bytes as in one go.
 * The aligned middle is processed 32 bits at a time; the mask word is assembled through the same
 * kind of view, so the host's byte order does not matter.
 */
export function applyMask(data: Uint8Array, maskingKey: Uint8Array, phase = 0): void {
  const length = data.length;
  const k0 = maskingKey[phase & 3] as number;
  const k1 = maskingKey[(phase + 1) & 3] as number;
  const k2 = maskingKey[(phase + 2) & 3] as number;
  const k3 = maskingKey[(phase + 3) & 3] as number;
  let i = 0;
  if (length >= wordWiseThreshold) {
    const head = (4 - (data.byteOffset & 3)) & 3;
    i = maskBytes(data, 0, head, k0, k1, k2, k3);
    const words = (length - i) >>> 2;
    scratchBytes[0] = i === 0 ? k0 : i === 1 ? k1 : i === 2 ? k2 : k3;
    scratchBytes[1] = i === 0 ? k1 : i === 1 ? k2 : i === 2 ? k3 : k0;
    scratchBytes[2] = i === 0 ? k2 : i === 1 ? k3 : i === 2 ? k0 : k1;
    scratchBytes[3] = i === 0 ? k3 : i === 1 ? k0 : i === 2 ? k1 : k2;
    const maskWord = scratchWord[0] as number;
    const view = new Uint32Array(data.buffer, data.byteOffset + i, words);
    for (let w = 0; w < words; w++) view[w] = (view[w] as number) ^ maskWord;
    i += words * 4;
  }
  maskBytes(data, i, length, k0, k1, k2, k3);
}

function maskBytes(data: Uint8Array, from: number, to: number, k0: number, k1: number, k2: number, k3: number): number {
  for (let i = from; i < to; i++) {
    const key = (i & 3) === 0 ? k0 : (i & 3) === 1 ? k1 : (i & 3) === 2 ? k2 : k3;
    data[i] = (data[i] as number) ^ key;
  }
  return to;
}
