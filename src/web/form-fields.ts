import { z } from 'zod';

/**
 * Number fields of the app's forms. `z.coerce.number()` reads an empty field as 0 (`Number('')`), so
 * a cleared "new cards per day" saved 0 and a grade without `reps` counted as a first review; these
 * accept only what a person types as a number.
 */

/** A whole number typed into a form (digits, spaces around them allowed), within [min, max]. */
export function wholeNumber(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^\d{1,12}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** A decimal number typed into a form (`0.9`, `.9`, `1`), within [min, max]. */
export function decimalNumber(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^(\d{1,12}(\.\d{0,12})?|\.\d{1,12})$/, 'must be a number')
    .transform(Number)
    .pipe(z.number().min(min).max(max));
}
