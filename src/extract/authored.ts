import type { Extractor } from './types.ts';

// Placeholder until this extractor lands (being written now); returns no cards.
export const extractAuthored: Extractor = () => [];
