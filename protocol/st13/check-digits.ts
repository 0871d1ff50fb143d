/**
 * Check (control) digits of application numbers, for the offices whose algorithm is published
 * (issue 10, item 11; docs/access-codes.md "Check digits"). A check digit printed after the
 * full stop is kept beside the number; where the office's algorithm is known here, a digit
 * that does not match is a typo and is refused, before a deposit is certified or a retrieval is
 * sent. Where it is not known, the digit is kept and not checked: an algorithm is never guessed.
 *
 * - EP (the EPO, 8-digit numbers yy######): the digits are weighted 1, 2, 1, 2, … from the left,
 *   the digits of the products are summed (Luhn), and the check digit is (10 − sum mod 10) mod 10.
 *   Source: EPO OPS support, "EP application number check digit algorithm", forums.epo.org
 *   topic 11914 (17 January 2022), worked example 99403122 → 7; remainder 0 gives 0 per
 *   kryptografie.de "Europäische Patent-Nummer Prüfziffer" (example 16839078 → 9).
 * - CN (CNIPA, 8-digit numbers before October 2003 and 12-digit numbers since): the digits are
 *   weighted 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5 from the left, the products summed, and the check
 *   digit is sum mod 11, with 10 written X. Source: CNIPA standard ZC 0006-2003 (专利申请号标准)
 *   as quoted with worked examples (97101765 → 4, 95115608 → X, 201710601862 → 3). This is not
 *   ISO 7064 MOD 11-2 (the algorithm of Chinese identity numbers), which gives other digits.
 */

/** The check digit of `number` (letters and digits, normalised) at `office`, or undefined when not known. */
export function expectedCheckDigit(office: string, number: string): string | undefined {
  if (office === 'EP' && /^\d{8}$/.test(number)) return epCheckDigit(number);
  if (office === 'CN' && /^(\d{8}|\d{12})$/.test(number)) return cnCheckDigit(number);
  return undefined;
}

function epCheckDigit(digits: string): string {
  let sum = 0;
  [...digits].forEach((d, i) => {
    const product = Number(d) * (i % 2 === 0 ? 1 : 2);
    sum += product > 9 ? product - 9 : product; // the digit sum of a product 10–18
  });
  return String((10 - (sum % 10)) % 10);
}

function cnCheckDigit(digits: string): string {
  let sum = 0;
  [...digits].forEach((d, i) => {
    sum += Number(d) * (2 + (i % 8));
  });
  const rest = sum % 11;
  return rest === 10 ? 'X' : String(rest);
}
