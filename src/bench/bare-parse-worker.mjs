// Worker of measureBareParseParallel: bare remark (parse + gfm + frontmatter) on each note it is sent.
// Plain JavaScript, so it loads without the TypeScript loader, as the build's bundled workers do.

import { parentPort } from 'node:worker_threads';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);
// Answers with the number of top-level nodes, so the caller can tell every note was parsed.
parentPort?.on('message', (text) => {
  parentPort?.postMessage(parser.parse(text).children.length);
});
