/** Cooperative referencing (floor 3): records and their wizard, moderation, search, favourites, consultations. */
export { GOODS, SECTORS, LEGAL_FORMS, MAX_GOODS, MAX_SKILLS, STEPS, splitSkills } from './catalog.ts';
export { accountEmail, ownRecord, startCooperativeRegistration, claimRegistration, saveStep, submitRecord, setBrochure, removeBrochure, setLogo, contactsOf, establishmentsOf, referencesOf, departementOf, type OwnRecord } from './records.ts';
export { moderationQueue, moderateRecord } from './moderation.ts';
export { registerBuyer, becomeBuyer } from './buyers.ts';
export { preregisterCooperative, preregisterFromCsv, redeemInvitation } from './preregister.ts';
export { searchCooperatives, topKeywords, latestCooperatives, cooperativePage, criteriaParams, type Criteria, type CooperativeResult } from './search.ts';
export { saveSearch, savedSearches, renameSearch, deleteSearch, addFavorite, editFavorite, removeFavorite, favorites } from './favorites.ts';
export { consultationRecipients, sendConsultation, myConsultations, consultationView, answerConsultation, declineConsultation, cancelConsultation, extendConsultation, closeConsultation, consultationFile } from './consultations.ts';
export { referencingHome, referencingNav } from './home.ts';
