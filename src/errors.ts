/** Typed errors, mapped to exit codes and HTTP statuses only at the edges (scripts/, web/errors.ts). */
export class DeckhandError extends Error {
  override name = 'DeckhandError';
}

/** A deck file that is missing, not JSON, of another version or not of the deck shape. */
export class DeckFormatError extends DeckhandError {
  override name = 'DeckFormatError';
}

/** Input the build cannot use at all: no notes, an unreadable folder, an unwritable output. */
export class UnusableInputError extends DeckhandError {
  override name = 'UnusableInputError';
}

export class NotFoundError extends DeckhandError {
  override name = 'NotFoundError';
}

/** A grade for a card state that is no longer current (another tab, a double submit). */
export class StaleReviewError extends DeckhandError {
  override name = 'StaleReviewError';
}

/** A database file that cannot be read; the server refuses to start rather than overwrite it. */
export class StoreCorruptError extends DeckhandError {
  override name = 'StoreCorruptError';
}

/** A request value that is not acceptable (unknown rating, bad form field). */
export class BadInputError extends DeckhandError {
  override name = 'BadInputError';
}

/**
 * A write the disk refused (full, read-only, failing): nothing was recorded, and memory still matches
 * what is on disk, so the same action can be tried again once the disk is fixed.
 */
export class StoreWriteError extends DeckhandError {
  override name = 'StoreWriteError';
}

/** A write to a store that has been closed (a request arriving during shutdown). */
export class StoreClosedError extends DeckhandError {
  override name = 'StoreClosedError';
}
