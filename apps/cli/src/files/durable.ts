// Writing a file so that it is either the old or the new version after a crash or power cut, never half of one:
// a temporary file in the same folder, flushed to disk, renamed over the old one, and the folder flushed too.
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Replaces `path` with `text` atomically and durably; the file is created with `mode` (e.g. 0o600 for secrets). */
export function writeFileDurably(path: string, text: string, mode = 0o644): void {
  const temporary = `${path}.tmp-${process.pid}`;
  const fd = openSync(temporary, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  // The rename lives in the folder's entry: flush it too, or a power cut may bring the old file back.
  const folder = openSync(dirname(path), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}
