// Administration (floor 4): invitations, imports, the CRM list, bulk actions, reminders, moderation.
export { addMember, reinviteMembers, invitationPage, acceptInvitation, joinThroughInvitation, optOut, optOutState, inviteContacts, myInvitations, remindInvitation } from './invitations.ts';
export { INVITATION_MAIL_JOB, sendInvitationBatch } from './invitation-mail.ts';
export { REMINDER_SCHEDULE, sendDueReminders } from './reminders.ts';
export { IMPORT_JOB, uploadImport, setImportMapping, importView, importProgress, startImport, runImport, importReport, recentImports } from './imports.ts';
export { REGISTRATION_MAIL_JOB, registrationSettings, setRegistrationApproval, registrationQueue, approveRegistration, refuseRegistration, sendRegistrationMail } from './moderation.ts';
export { registerAdminSubscribers } from './subscribers.ts';
export { checkAdminEnv, adminSettings, configureAdmin } from './settings.ts';
export { memberList, saveListColumns, parseListQuery, registerMemberListFilter, LIST_COLUMNS, LIST_STATES, SORTS, type ListColumn, type ListState } from './members-list.ts';
export { runBulkAction, deleteMembers, changeRoles, correctPromotion, resolveTargets, BULK_ACTIONS, GRANTABLE_ROLES } from './bulk.ts';
export { exportMembers, type ExportScope } from './export.ts';
export { duplicateGroups } from './duplicates.ts';
export { memberAdminView, updateMemberByAdmin } from './manage.ts';
export { toCsv } from './csv-out.ts';
export { IMPORT_FIELDS } from './import-csv.ts';
export { SIGNUP_ROLES } from './inputs.ts';
