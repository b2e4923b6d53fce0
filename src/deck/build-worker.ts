import { parentPort } from 'node:worker_threads';
import { buildNote, type NoteFile } from './build.ts';

// Worker side of extract-parallel.ts: one note in, its build out, until the port closes.
parentPort?.on('message', (note: NoteFile & { index: number; seed: string }) => {
  parentPort?.postMessage({ index: note.index, result: buildNote(note.path, note.text, note.seed) });
});
