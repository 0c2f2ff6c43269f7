/**
 * The versions of the terms of use (/conditions) and the privacy policy (/confidentialite) now in
 * force. Sign-up records the member's consent to each with its version (ConsentRecord); change the
 * version when the text changes, so that consents to an older text can be told apart.
 */
export const LEGAL_VERSIONS = { terms: '2026-12-01', privacy: '2026-12-01' } as const;
export type LegalDocument = keyof typeof LEGAL_VERSIONS;
