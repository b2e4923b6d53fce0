/**
 * Synthetic notes for benchmarks and scale tests, made from the sections of a real note so that the
 * extractors meet realistic text: each generated note strings together sections of the sample (with
 * numbered headings, so cards differ between notes) until it reaches the wanted size. Deterministic.
 */

function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The sample cut at its level-3 headings (front matter dropped). */
function sectionsOf(sample: string): string[] {
  const body = sample.replace(/^---\n[\s\S]*?\n---\n/, '');
  return body.split(/\n(?=### )/).filter((s) => s.trim().length > 0);
}

/** One note of about `bytes` UTF-8 bytes. */
export function generateNote(sample: string, index: number, bytes: number): string {
  const sections = sectionsOf(sample);
  const random = lcg(index + 1);
  const parts = [`---\ntitle: 笔记${index}\ntags: [docker, bench]\n---\n\n# 主题${index}\n`];
  let size = Buffer.byteLength(parts[0]!);
  while (size < bytes) {
    const section = sections[Math.floor(random() * sections.length)] ?? '';
    const numbered = section.replace(/^(#{2,6} .*)$/gm, `$1 ${index}-${parts.length}`);
    parts.push(numbered);
    size += Buffer.byteLength(numbered) + 1;
  }
  return parts.join('\n');
}

/** A vault of `count` notes of about `bytesEach` bytes, as path → text. */
export function generateVault(
  sample: string,
  count: number,
  bytesEach: number,
): { path: string; text: string }[] {
  return Array.from({ length: count }, (_, i) => ({
    path: `vault/${String(Math.floor(i / 100)).padStart(2, '0')}/note-${String(i).padStart(4, '0')}.md`,
    text: generateNote(sample, i, bytesEach),
  }));
}
