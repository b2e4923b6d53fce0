import { parentPort } from 'node:worker_threads';
import { extractNote } from '../extract/index.ts';
import type { NoteFile } from './build.ts';

// Worker side of extract-parallel.ts: one note in, its result out, until the port closes.
parentPort?.on('message', (note: NoteFile & { index: number }) => {
  parentPort?.postMessage({ index: note.index, result: extractNote(note.path, note.text) });
});
