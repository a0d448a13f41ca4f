/** Content keys for caches: a key, not the text itself, so a cache does not keep old document versions alive. */

/** Two independent 32-bit FNV-1a hashes and the length: a collision is far less likely than a cosmic ray. */
export function hashKey(text: string): string {
  let a = 0x811c9dc5,
    b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return `${text.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}
