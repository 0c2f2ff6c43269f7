/**
 * Durable domain events (the outbox), named `<concept>.<fact>`. Unlike the in-process
 * `DomainEvents` (live fan-out that may be lost with the process), these are recorded in the
 * same transaction as the change and reach every subscriber once, after commit.
 */
export interface OutboxEventMap {
	/** tests and health checks */
	'outbox.ping': { n: number };
	/** relations: `requesterId` asked `recipientId` to become contacts */
	'contact.requested': { requestId: string; requesterId: string; recipientId: string };
	/** relations: `accepterId` accepted `requesterId`'s request (or both asked each other) */
	'contact.accepted': { requestId: string; requesterId: string; accepterId: string };
	/** companies: `memberId` asked to join `companyId` */
	'company.join_requested': { companyId: string; memberId: string };
	/** companies: an admin (`answeredBy`) accepted or declined `memberId`'s request */
	'company.join_answered': { companyId: string; memberId: string; answeredBy: string; accepted: boolean };
	/** companies: an admin (`changedBy`) changed `memberId`'s role */
	'company.role_changed': { companyId: string; memberId: string; changedBy: string; role: 'employee' | 'advertiser' | 'admin' };
	/** chat: a visitor without an account left a message to a provider */
	'visitor_message.received': { visitorMessageId: string; providerId: string; visitorName: string };
	/** accounts: `memberId`'s account became active, its mailbox proven (activation link, reset link, Google) or back from deactivation */
	'member.activated': { memberId: string; via: 'activation' | 'password_reset' | 'google' | 'reactivation' };
	/** accounts: an active member proved their address again (login, password reset, Google sign-in) */
	'member.address_proven': { memberId: string; via: 'login' | 'password_reset' | 'google' };
	/** booking: a booking was made; `sequence` is its ICS SEQUENCE then (the booker's mail, with its secret links, is not in here: booking/mail-jobs.ts) */
	'booking.created': { bookingId: string; providerId: string; bookerMemberId: string | null; status: 'pending' | 'confirmed'; sequence: number; start: string };
	/** booking: the provider accepted a request */
	'booking.confirmed': { bookingId: string; providerId: string; bookerMemberId: string | null; sequence: number };
	/** booking: the provider refused a request; `googleEvent` is the calendar event to remove, if any */
	'booking.declined': { bookingId: string; providerId: string; bookerMemberId: string | null; sequence: number; googleEvent: BookingGoogleEvent | null };
	/** booking: a party cancelled */
	'booking.cancelled': { bookingId: string; providerId: string; bookerMemberId: string | null; by: 'provider' | 'booker'; sequence: number; googleEvent: BookingGoogleEvent | null };
	/** booking: the booker moved it (same booking, new times, `sequence` after the move) */
	'booking.moved': {
		bookingId: string;
		providerId: string;
		bookerMemberId: string | null;
		by: 'provider' | 'booker';
		sequence: number;
		start: string;
		previousStart: string;
		previousEnd: string;
		googleEvent: BookingGoogleEvent | null;
	};
	/** rooms: a direct call rang out unanswered */
	'call.missed': { callId: string; callerId: string; providerId: string };
	// ── mentoring (src/lib/server/mentoring) ──
	/** mentoring: `menteeId` asked `mentorId` ("Solliciter comme mentor"); the mentor answers before `expiresAt` */
	'mentorship.requested': { mentorshipId: string; mentorId: string; menteeId: string; requestedAt: string; expiresAt: string };
	/** mentoring: the mentor accepted (`conversationId`: the 1:1 opened with the mentee, when it could be) */
	'mentorship.accepted': { mentorshipId: string; mentorId: string; menteeId: string };
	/** mentoring: the mentor declined (with or without a message) */
	'mentorship.declined': { mentorshipId: string; mentorId: string; menteeId: string };
	/** mentoring: two weeks without an answer */
	'mentorship.expired': { mentorshipId: string; mentorId: string; menteeId: string };
	/** mentoring: either side ended a running mentorship (or the mentee withdrew a request) */
	'mentorship.ended': { mentorshipId: string; mentorId: string; menteeId: string; endedBy: string; wasPending: boolean };
	// ── administration (src/lib/server/admin) ──
	/** invitation mails (first mails, reminders, re-invitations) queued as InvitationSend rows of one batch */
	'invitation.queued': { batch: string; count: number };
	/** a self sign-up waits for moderation (les inscriptions doivent être validées) */
	'registration.requested': { requestId: string };
	/** a moderator approved or refused a sign-up (the mail follows) */
	'registration.decided': { requestId: string; approved: boolean };
	/** an administrator started a CSV import (the job follows) */
	'member_import.started': { importId: string };
	/** careers: a job offer was posted, or resubmitted after changes; `state` pending (waits for a moderator) or published */
	'job_offer.submitted': { offerId: string; authorId: string; state: 'pending' | 'published'; resubmitted: boolean };
	/** careers: a moderator approved, sent back for changes or refused a pending offer (the note is on the offer) */
	'job_offer.reviewed': { offerId: string; authorId: string; decision: 'approved' | 'changes_requested' | 'refused' };
	/** careers: a member applied to an offer (message and CV kept on the application) */
	'job_application.created': { applicationId: string; offerId: string; applicantId: string };
	/** publications: news or an ad was published (in `companyId`'s name when set) to `audience` */
	'publication.published': { publicationId: string; authorId: string; companyId: string | null; audience: 'public' | 'members' | 'contacts' | 'selected' };
	// ── association events, payments, dues (src/lib/server/gatherings, payments, membership) ──
	/** payments: the verified webhook says a checkout was paid (`reference`: the registration or dues row) */
	'payment.succeeded': { paymentId: string; purpose: 'ticket' | 'dues'; reference: string; memberId: string };
	/** payments: a checkout expired unpaid */
	'payment.expired': { paymentId: string; purpose: 'ticket' | 'dues'; reference: string; memberId: string };
	/** gatherings: an event was created; its invitations go out, its reminder is scheduled */
	'gathering.published': { gatheringId: string; start: string };
	/** gatherings: the organiser cancelled it (mails, refunds) */
	'gathering.cancelled': { gatheringId: string };
	/** gatherings: a member's registration changed (`kind` says how): the member's mail */
	'gathering.registration': { registrationId: string; kind: 'registered' | 'waiting' | 'promoted' | 'unregistered' | 'payment_pending' };
	/** membership: dues were paid (online or recorded by an administrator): the receipt */
	'membership.dues_paid': { duesId: string; memberId: string };
	/** membership: a moderator approved or refused a student's enrolment certificate (the student's mail) */
	'membership.certificate_reviewed': { certificateId: string };
	// ── cooperative referencing (src/lib/server/referencing) ──
	/** a cooperative record was submitted to the moderators */
	'cooperative.submitted': { recordId: string };
	/** a moderator decided on a submitted record */
	'cooperative.moderated': { recordId: string; decision: 'approved' | 'changes_requested' | 'refused' };
	/** the owner changed an approved (live) record */
	'cooperative.updated': { recordId: string };
	/** a consultation (request for quote) was sent to its recipients */
	'consultation.sent': { consultationId: string; closingAt: string };
	/** a recipient answered with a quote, or declined */
	'consultation.answered': { consultationId: string; recipientId: string; declined: boolean };
	/** the sender cancelled it */
	'consultation.cancelled': { consultationId: string };
	/** the sender moved the closing date later */
	'consultation.extended': { consultationId: string; closingAt: string };
	/** it closed at its closing date */
	'consultation.closed': { consultationId: string };
	// ── association events: edits and payment deadlines (src/lib/server/gatherings/edit.ts, deadline.ts) ──
	/** gatherings: the organiser moved the date or the place (old → new): one mail to each registered or waiting member; the reminder follows the new start */
	'gathering.changed': {
		gatheringId: string;
		revision: number;
		start: string;
		when?: { fromStart: string; fromEnd: string; fromZone: string; toStart: string; toEnd: string; toZone: string };
		place?: { from: string | null; fromRoom: string | null; to: string | null; toRoom: string | null };
	};
	/** gatherings: the organiser changed who the event is for: the invitations go out again, to those not invited yet */
	'gathering.audience_changed': { gatheringId: string };
	/** gatherings: a place promoted from the waiting list of a paid event was not paid by its deadline and went to the next member */
	'gathering.payment_lapsed': { registrationId: string; gatheringId: string };
}

/** a Google Calendar event written for a booking, to delete when the booking is off or moved */
export interface BookingGoogleEvent {
	connectionId: string;
	calendarId: string;
	eventId: string;
}

export type OutboxEventName = keyof OutboxEventMap;
