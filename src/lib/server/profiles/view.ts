import { context } from '../context.ts';
import { notFound } from '../errors.ts';
import { mediaUrl } from '../uploads/index.ts';
import { requireMember, type Actor } from './access.ts';
import { can } from '../access/index.ts';
import { slugInput } from './inputs.ts';
import type { Category } from '../../categories.ts';

const partsSelect = {
	profile: { select: { headline: true, bio: true } },
	skills: { select: { skill: { select: { id: true, label: true } } }, orderBy: [{ position: 'asc' as const }, { skillId: 'asc' as const }] },
	certifications: { select: { id: true, name: true, issuer: true, obtainedOn: true }, orderBy: [{ position: 'asc' as const }, { id: 'asc' as const }] },
	missions: { select: { id: true, title: true, client: true, description: true, year: true }, orderBy: [{ position: 'asc' as const }, { id: 'asc' as const }] },
	experiences: {
		select: { id: true, title: true, companyName: true, location: true, startedOn: true, endedOn: true, description: true },
		orderBy: [{ startedOn: 'desc' as const }, { id: 'asc' as const }]
	},
	educations: { select: { id: true, school: true, diploma: true, promoYear: true }, orderBy: [{ promoYear: { sort: 'desc' as const, nulls: 'last' as const } }, { id: 'asc' as const }] },
	languages: { select: { code: true, level: true }, orderBy: { code: 'asc' as const } },
	documents: {
		select: { id: true, kind: true, storedName: true, title: true, sizeBytes: true, position: true },
		orderBy: [{ position: 'asc' as const }, { createdAt: 'asc' as const }]
	}
};

const LEVEL_ORDER = ['native', 'C2', 'C1', 'B2', 'B1', 'A2', 'A1'];

type Loaded = NonNullable<Awaited<ReturnType<typeof loadMember>>>;

function loadMember(where: { slug: string } | { id: string }) {
	return context().db.member.findUnique({
		where,
		select: {
			id: true,
			slug: true,
			firstName: true,
			lastName: true,
			category: true,
			status: true,
			visibleInDirectory: true,
			photoPath: true,
			address: true,
			postcode: true,
			city: true,
			phone: true,
			...partsSelect,
			companyMemberships: {
				where: { status: 'active' },
				select: { role: true, jobTitle: true, company: { select: { slug: true, title: true } } },
				orderBy: { createdAt: 'asc' }
			}
		}
	});
}

function shape(m: Loaded) {
	return {
		headline: m.profile?.headline ?? null,
		bio: m.profile?.bio ?? null,
		skills: m.skills.map((s) => ({ id: s.skill.id, label: s.skill.label })),
		certifications: m.certifications,
		missions: m.missions,
		experiences: m.experiences,
		educations: m.educations,
		languages: [...m.languages].sort((a, b) => LEVEL_ORDER.indexOf(a.level ?? '') - LEVEL_ORDER.indexOf(b.level ?? '') || a.code.localeCompare(b.code)),
		gallery: m.documents.filter((d) => d.kind === 'gallery_image').map((d) => ({ id: d.id, title: d.title, url: mediaUrl(d.storedName) ?? '' })),
		documents: m.documents.filter((d) => d.kind === 'pdf_document').map((d) => ({ id: d.id, title: d.title, sizeBytes: d.sizeBytes, url: mediaUrl(d.storedName) ?? '' })),
		companies: m.companyMemberships.map((c) => ({ slug: c.company.slug, title: c.company.title, role: c.role, jobTitle: c.jobTitle }))
	};
}

/**
 * A member's public page (/m/<slug>). Hidden, pending and deactivated members do not exist for
 * anyone but themselves; non-providers only exist for logged-in members. The same `not_found`
 * answers every refusal, so a visitor cannot tell a members-only profile from a missing one.
 * The e-mail address is never read; the street address and phone only reach logged-in members.
 */
export async function publicProfile(actor: Actor, rawSlug: unknown) {
	const slug = slugInput.safeParse(rawSlug);
	const refusal = () => notFound(actor ? 'profiles.error.not_found' : 'profiles.error.not_found_visitor');
	if (!slug.success) throw refusal();
	const m = await loadMember({ slug: slug.data });
	if (!m || !(await can(actor, 'member.view', m))) throw refusal();
	const isOwner = actor?.memberId === m.id;
	return {
		member: {
			id: m.id,
			slug: m.slug,
			firstName: m.firstName,
			lastName: m.lastName,
			category: m.category as Category,
			city: m.city,
			postcode: m.postcode,
			phone: actor ? m.phone : null,
			photoUrl: mediaUrl(m.photoPath),
			hidden: m.status !== 'active' || !m.visibleInDirectory
		},
		isOwner,
		...shape(m)
	};
}

export type PublicProfile = Awaited<ReturnType<typeof publicProfile>>;

/** Everything the owner edits on /profile, ids included. */
export async function profileForEdit(actor: Actor) {
	const memberId = requireMember(actor);
	const m = await loadMember({ id: memberId });
	if (!m) throw notFound();
	return {
		member: {
			id: m.id,
			slug: m.slug,
			firstName: m.firstName,
			lastName: m.lastName,
			category: m.category as Category,
			address: m.address,
			postcode: m.postcode,
			city: m.city,
			phone: m.phone,
			photoUrl: mediaUrl(m.photoPath)
		},
		...shape(m)
	};
}

export type EditableProfile = Awaited<ReturnType<typeof profileForEdit>>;
