/**
 * Fingerprint of the log bytes just before a snapshot's offset, to tell whether the snapshot
 * still describes the log (it may have been rewritten by a repair, replaced by a sync tool, or
 * edited by hand). FNV-1a: it guards against accidents, not adversaries.
 */
export function checksum(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return `${bytes.length.toString(36)}-${(hash >>> 0).toString(16).padStart(8, '0')}`;
}
