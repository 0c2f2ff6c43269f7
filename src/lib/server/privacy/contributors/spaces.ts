import type { PrivacyContributor, Tx } from '../contributor.ts';
import { memberEmail } from '../contributor.ts';

/**
 * The spaces built on the member model — job board, mentoring and blog, administration,
 * association events and dues, cooperative referencing. Rows that point at the member with
 * `onDelete: Cascade` go with the account; rows that only name the member as the one who decided,
 * granted or recorded something (a moderator, an administrator) stay, detached (SetNull): they are
 * the association's records, not the member's data.
 */

export const careers: PrivacyContributor = {
	name: 'careers',
	models: ['JobOffer', 'JobApplication', 'JobAlertSubscription'],
	async export(memberId, tx) {
		return {
			applications: await tx.jobApplication.findMany({ where: { applicantId: memberId }, select: { publicationId: true, message: true, cvTitle: true, createdAt: true } }),
			weeklyAlert: await tx.jobAlertSubscription.findMany({ where: { memberId } }),
			// offers the member reviewed as a moderator (the offers they posted are publications)
			reviewedOffers: await tx.jobOffer.findMany({ where: { reviewedById: memberId }, select: { publicationId: true } })
		};
	},
	async erase() {},
	async files(memberId, tx) {
		return (await tx.jobApplication.findMany({ where: { applicantId: memberId }, select: { cvFile: true } })).map((a) => a.cvFile);
	}
};

export const community: PrivacyContributor = {
	name: 'community',
	models: ['MentorProfile', 'Mentorship', 'BlogArticle'],
	async export(memberId, tx) {
		return {
			mentorProfile: await tx.mentorProfile.findUnique({ where: { memberId } }),
			mentorships: await tx.mentorship.findMany({ where: { OR: [{ mentorId: memberId }, { menteeId: memberId }] } }),
			articles: await tx.blogArticle.findMany({ where: { createdById: memberId }, select: { slug: true, title: true, language: true, publishedAt: true } })
		};
	},
	async erase(memberId, tx) {
		// an article stays on the association's blog, without its writer's name
		await tx.blogArticle.updateMany({ where: { createdById: memberId }, data: { authorName: '' } });
	}
};

export const administration: PrivacyContributor = {
	name: 'administration',
	models: ['Invitation', 'MemberImport', 'RegistrationRequest', 'AdminPreference'],
	async export(memberId, tx) {
		const email = await memberEmail(tx, memberId);
		return {
			invitationsReceived: await tx.invitation.findMany({ where: { OR: [{ memberId }, { email }] }, select: { kind: true, createdAt: true, acceptedAt: true } }),
			invitationsSent: await tx.invitation.findMany({ where: { inviterId: memberId }, select: { email: true, firstName: true, lastName: true, createdAt: true, acceptedAt: true } }),
			preferences: await tx.adminPreference.findMany({ where: { memberId }, select: { key: true, value: true } })
		};
	},
	async erase(memberId, tx) {
		const email = await memberEmail(tx, memberId);
		// invitations name the invitee (address, names); those the member sent name other people, who were never asked
		await tx.invitation.deleteMany({ where: { OR: [{ memberId }, { email }, { inviterId: memberId }] } });
		await tx.registrationRequest.deleteMany({ where: { email } });
	}
};

export const gatherings: PrivacyContributor = {
	name: 'events',
	models: ['GatheringOrganiser', 'Gathering', 'GatheringRegistration', 'GatheringInvitation', 'Payment', 'MembershipDues', 'EnrolmentCertificate'],
	async export(memberId, tx) {
		return {
			organiser: await tx.gatheringOrganiser.findMany({ where: { memberId } }),
			eventsCreated: await tx.gathering.findMany({ where: { createdById: memberId }, select: { id: true, title: true, startAt: true } }),
			registrations: await tx.gatheringRegistration.findMany({ where: { memberId } }),
			invitations: await tx.gatheringInvitation.findMany({ where: { memberId } }),
			payments: await tx.payment.findMany({ where: { memberId } }),
			dues: await tx.membershipDues.findMany({ where: { memberId } }),
			certificates: await tx.enrolmentCertificate.findMany({ where: { memberId }, select: { status: true, createdAt: true } })
		};
	},
	async erase() {},
	async files(memberId, tx) {
		return (await tx.enrolmentCertificate.findMany({ where: { memberId }, select: { storedName: true } })).map((c) => c.storedName);
	}
};

export const referencing: PrivacyContributor = {
	name: 'referencing',
	models: ['CooperativeRecord', 'BuyerProfile', 'CooperativeSavedSearch', 'CooperativeFavorite', 'Consultation'],
	async export(memberId, tx) {
		return {
			buyer: await tx.buyerProfile.findUnique({ where: { memberId } }),
			records: await tx.cooperativeRecord.findMany({ where: { ownerId: memberId } }),
			savedSearches: await tx.cooperativeSavedSearch.findMany({ where: { memberId } }),
			favourites: await tx.cooperativeFavorite.findMany({ where: { memberId } }),
			consultationsSent: await tx.consultation.findMany({ where: { senderId: memberId } })
		};
	},
	async erase(memberId, tx: Tx) {
		// the cooperative's record is the company's, not the person's: it stays, without its manager's name
		await tx.cooperativeRecord.updateMany({ where: { ownerId: memberId }, data: { managerName: null } });
	},
	async files(memberId, tx) {
		const sent = await tx.consultation.findMany({ where: { senderId: memberId, attachmentPath: { not: null } }, select: { attachmentPath: true } });
		return sent.flatMap((c) => (c.attachmentPath ? [c.attachmentPath] : []));
	}
};
