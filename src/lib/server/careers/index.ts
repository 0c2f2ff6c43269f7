/**
 * The job board (floor 3, "publishing and community"): job offers are Publications of kind `job`
 * with their JobOffer side; posting, moderation, the board and its search, applications, the
 * archive with its follow-ups, the weekly alert.
 */
export { CONTRACT_TYPES, SECTORS, AUDIENCES, sanitizeDescription, plainText, type Sector } from './fields.ts';
export { approvalRequired, careersSettings, saveCareersSettings } from './settings.ts';
export { postOffer, editOffer, withdrawOffer, deleteOffer, offerForEdit, myOffers, companiesToPostFor, postingForm, type OfferState } from './offers.ts';
export { moderationQueue, reviewOffer } from './moderation.ts';
export { searchOffers, offerPage, archivedOffers, archivedOffersCsv, BOARD_PAGE_SIZE, DEFAULT_RADIUS_KM, type OfferCard } from './board.ts';
export { applyToOffer, openApplicationCv, myApplications } from './applications.ts';
export { archiveDueOffers, sendFollowUps, runArchiveSchedule, outcomeAnswer, recordOutcome, outcomeLinks, OUTCOMES } from './archive.ts';
export { alertSettings, saveAlertSettings, alertWeek, sendWeeklyAlerts } from './alerts.ts';
export { runCareersMailJob, composeCareersMail } from './mail.ts';
export { CAREERS_JOBS, CAREERS_SCHEDULES, WEEKLY_ALERT_CRON, WEEKLY_ALERT_TZ } from './job-kinds.ts';
