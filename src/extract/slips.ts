import type { NoteLanguage } from '../deck/types.ts';
import type { CardDraft } from './types.ts';
import { correctDockerCommands } from './vocabulary/docker-cli.ts';

const WROTE: Record<NoteLanguage, (slips: string[]) => string> = {
  zh: (slips) => `笔记原文写作 ${slips.join('、')}。`,
  en: (slips) => `The notes spell it ${slips.join(', ')}.`,
};

/**
 * A draft with misspelt commands (`docker attch`) read as the ones meant, on every side and in its
 * key, so the card teaches the real name and its id follows it. `extra` says how the notes spelt it,
 * so the student can still find the passage.
 */
export function correctSlips(draft: CardDraft, lang: NoteLanguage): CardDraft {
  const slips: string[] = [];
  // Keys and typed answers are commands; in English card text only code names commands (see
  // correctDockerCommands).
  const fix = (text: string, codeOnly = lang === 'en') => {
    const fixed = correctDockerCommands(text, { codeOnly });
    for (const slip of fixed.slips) if (!slips.includes(slip)) slips.push(slip);
    return fixed.text;
  };
  const key = fix(draft.key, false);
  const front = fix(draft.front);
  const back = fix(draft.back);
  const extra = draft.extra === undefined ? undefined : fix(draft.extra);
  const answer = draft.answer === undefined ? undefined : fix(draft.answer, false);
  const alternatives = draft.alternatives?.map((a) => fix(a, false));
  if (!slips.length) return draft;
  const wrote = WROTE[lang](slips.map((s) => `\`${s}\``));
  return {
    ...draft,
    key,
    front,
    back,
    extra: extra ? `${extra}\n\n${wrote}` : wrote,
    ...(answer !== undefined ? { answer } : {}),
    ...(alternatives ? { alternatives } : {}),
  };
}
