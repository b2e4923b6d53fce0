import { parentPort } from 'node:worker_threads';
import { buildNote, type NoteFile } from './build.ts';
import { toNoteLines } from './note-lines.ts';

// Worker side of extract-parallel.ts: one note in, its deck-file lines out (moved, not copied), until the port closes.
parentPort?.on('message', (note: NoteFile & { index: number; seed: string }) => {
  const lines = toNoteLines(buildNote(note.path, note.text, note.seed));
  parentPort?.postMessage({ index: note.index, lines }, [
    lines.cards.buffer as ArrayBuffer,
    lines.quiz.buffer as ArrayBuffer,
  ]);
});
