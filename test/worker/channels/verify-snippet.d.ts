/** Types of the README's verification snippet (verify-snippet.js), which is plain JavaScript. */
export function verifyAccordSignature(
  secret: string,
  header: string | null,
  body: string,
  toleranceSeconds?: number,
): Promise<boolean>;
