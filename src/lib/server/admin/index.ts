// Administration (floor 4): invitations, imports, the CRM list, bulk actions, reminders, moderation.
export { addMember, reinviteMembers, invitationPage, acceptInvitation, joinThroughInvitation, optOut, optOutState, inviteContacts, myInvitations, remindInvitation } from './invitations.ts';
export { INVITATION_MAIL_JOB, sendInvitationBatch } from './invitation-mail.ts';
export { REMINDER_SCHEDULE, sendDueReminders } from './reminders.ts';
export { IMPORT_JOB, uploadImport, setImportMapping, importView, importProgress, startImport, runImport, importReport, recentImports } from './imports.ts';
export { REGISTRATION_MAIL_JOB, registrationSettings, setRegistrationApproval, registrationQueue, approveRegistration, refuseRegistration, sendRegistrationMail } from './moderation.ts';
export { registerAdminSubscribers } from './subscribers.ts';
export { checkAdminEnv, adminSettings, configureAdmin } from './settings.ts';
