/**
 * Privacy (floor 4): each member's personal data — export (GDPR art. 15/20) and erasure (art. 17) —
 * through ONE list of contributors (registry.ts), one per domain; and the consent to the terms.
 */
export type { PrivacyContributor, Tx } from './contributor.ts';
export { CONTRIBUTORS } from './registry.ts';
export { collectPersonalData, personalDataZip, EXPORT_FORMAT, EXPORT_JSON, type PersonalData } from './export.ts';
export { eraseMember, deleteMyAccount, keptAfterErasure, privacyPage } from './erase.ts';
