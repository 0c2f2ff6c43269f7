import { context } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { requireMember, requirePermission, type ActorRef } from '../access/index.ts';
import { signUp } from '../auth/accounts.ts';
import { consentOf } from '../auth/inputs.ts';
import type { MailRequester } from '../auth/rate-limit.ts';
import { uniqueCompanySlug } from '../companies/index.ts';
import { resolvePlace } from '../directory/index.ts';
import { recordEvent } from '../outbox/index.ts';
import { acceptImage, acceptPdf, bytesOf, deleteUpload, saveUpload } from '../uploads/index.ts';
import { fileTypeFromBuffer } from 'file-type';
import type { Prisma } from '../generated/prisma/client.ts';
import type { Locale } from '../../i18n/index.ts';
import { STEPS } from './catalog.ts';
import { identifiersInput, rowsOf, step2Input, step3Input, step4Input, step5Input, step6Input, step7Input, type Contact, type Establishment, type Reference } from './inputs.ts';

type Tx = Prisma.TransactionClient;

/** The département of a French postcode ("34000" → "34", "20000" → "2A"), null when unknown. */
export function departementOf(postcode: string | null | undefined): string | null {
	if (!postcode) return null;
	const place = resolvePlace(postcode);
	if (place?.departement) return place.departement;
	const m = postcode.match(/^(97\d|\d\d)/);
	return m ? m[1]! : null;
}

export interface RecordRow {
	id: string;
	status: 'draft' | 'pending' | 'changes_requested' | 'approved' | 'refused';
	step: number;
	ownerId: string | null;
	companyId: string | null;
}

/** The record the member fills (one per owner). */
export async function ownRecord(actor: ActorRef) {
	const memberId = requireMember(actor);
	return context().db.cooperativeRecord.findFirst({
		where: { ownerId: memberId },
		orderBy: { createdAt: 'asc' },
		include: { company: true, owner: { select: { email: true } } }
	});
}
export type OwnRecord = NonNullable<Awaited<ReturnType<typeof ownRecord>>>;

async function addRole(tx: Tx, memberId: string, role: 'cooperative' | 'buyer') {
	const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { roles: true } });
	if (!member.roles.includes(role)) await tx.member.update({ where: { id: memberId }, data: { roles: { push: role } } });
}

/**
 * Step 1 for a visitor: the identifiers become an account (auth's sign-up: password rules,
 * activation mail, nobody learns whether the address is known) with the cooperative role and an
 * empty draft. The wizard resumes at step 2 once the activation link has logged them in.
 */
export async function startCooperativeRegistration(raw: unknown, locale: Locale, requester: MailRequester = {}): Promise<{ email: string }> {
	const input = parseInput(identifiersInput, raw);
	const { db } = context();
	const existed = await db.member.findUnique({ where: { email: input.email }, select: { id: true } });
	const { memberId, email } = await signUp({ firstName: input.firstName, lastName: input.lastName, email: input.email, password: input.password, category: 'company', acceptTerms: consentOf(raw) }, locale, requester);
	// an address that already had an account: its owner was told by mail; we add nothing to it
	if (existed) return { email };
	await db.$transaction(async (tx) => {
		await addRole(tx, memberId, 'cooperative');
		await tx.cooperativeRecord.create({ data: { ownerId: memberId, step: 2 } });
	});
	return { email };
}

/** Step 1 for a logged-in member: their account's identifiers; the draft is created (or resumed). */
export async function claimRegistration(actor: ActorRef): Promise<OwnRecord> {
	const memberId = requireMember(actor);
	const { db } = context();
	const existing = await ownRecord(actor);
	if (existing) return existing;
	await db.$transaction(async (tx) => {
		await addRole(tx, memberId, 'cooperative');
		await tx.cooperativeRecord.create({ data: { ownerId: memberId, step: 2 } });
	});
	return (await ownRecord(actor))!;
}

async function requireOwnRecord(actor: ActorRef): Promise<OwnRecord> {
	const record = await ownRecord(actor);
	if (!record) throw notFound('referencing.error.no_record');
	await requirePermission(actor, 'cooperative.edit', { ownerId: record.ownerId });
	return record;
}

const CONTACT_FIELDS = ['name', 'role', 'email', 'phone'] as const;
const ESTABLISHMENT_FIELDS = ['name', 'address', 'postcode', 'city', 'phone'] as const;
const REFERENCE_FIELDS = ['client', 'description', 'year'] as const;

/** What a step's form sends, in the shape its schema reads (repeated rows gathered). */
function stepData(step: number, raw: Record<string, unknown>) {
	switch (step) {
		case 5:
			return { ...raw, contacts: rowsOf(raw, 'contacts', CONTACT_FIELDS) };
		case 6: {
			const on = raw.hasEstablishments === 'on' || raw.hasEstablishments === 'true' || raw.hasEstablishments === true;
			return { ...raw, establishments: on ? rowsOf(raw, 'establishments', ESTABLISHMENT_FIELDS) : [] };
		}
		case 7: {
			const on = raw.hasReferences === 'on' || raw.hasReferences === 'true' || raw.hasReferences === true;
			return { ...raw, references: on ? rowsOf(raw, 'references', REFERENCE_FIELDS) : [] };
		}
		default:
			return raw;
	}
}

function departementsOf(headOffice: string | null | undefined, establishments: { postcode?: string | null }[]): string[] {
	const codes = [departementOf(headOffice), ...establishments.map((e) => departementOf(e.postcode))].filter((c): c is string => !!c);
	return [...new Set(codes)];
}

/**
 * Saves one step (2..7) of the owner's record as it stands — a draft at every step, so the wizard
 * can be left and resumed. Each step is validated on its own; a change to an approved record goes
 * live at once and the moderators are told (`cooperative.updated`).
 */
export async function saveStep(actor: ActorRef, step: number, raw: Record<string, unknown>): Promise<OwnRecord> {
	if (!Number.isInteger(step) || step < 2 || step > STEPS) throw notFound();
	const record = await requireOwnRecord(actor);
	if (step > 2 && !record.companyId) throw invalid('referencing.error.step2_first');
	const data = stepData(step, raw);
	// validated, and the départements resolved (the gazetteer is read on first use), before the transaction opens
	const s2 = step === 2 ? parseInput(step2Input, data) : null;
	const s3 = step === 3 ? parseInput(step3Input, data) : null;
	const s4 = step === 4 ? parseInput(step4Input, data) : null;
	const s5 = step === 5 ? parseInput(step5Input, data) : null;
	const s6 = step === 6 ? parseInput(step6Input, data) : null;
	const s7 = step === 7 ? parseInput(step7Input, data) : null;
	if (s6?.hasEstablishments && s6.establishments.length === 0) throw invalid('referencing.error.establishment_required', { 'establishments.0.name': 'error.required' });
	if (s7?.hasReferences && s7.references.length === 0) throw invalid('referencing.error.client_required', { 'references.0.client': 'referencing.error.client_required' });
	const departements = s5 ? departementsOf(s5.postcode, establishmentsOf(record)) : s6 ? departementsOf(record.company?.postcode, s6.establishments) : [];
	const { db } = context();
	await db.$transaction(async (tx) => {
		const next = { step: Math.max(record.step, Math.min(step + 1, STEPS)) };
		switch (step) {
			case 2: {
				const input = s2!;
				const company = { title: input.name, legalName: input.legalName ?? input.name, sector: input.sector, phone: input.phone ?? null, website: input.website ?? null, description: input.activity, keywords: input.skills };
				let companyId = record.companyId;
				if (companyId) await tx.company.update({ where: { id: companyId }, data: company });
				else {
					const created = await tx.company.create({ data: { ...company, slug: await uniqueCompanySlug(tx, input.name), createdById: record.ownerId }, select: { id: true } });
					companyId = created.id;
					if (record.ownerId) await tx.companyMembership.create({ data: { companyId, memberId: record.ownerId, role: 'admin', status: 'active' } });
				}
				await tx.cooperativeRecord.update({
					where: { id: record.id },
					data: { ...next, companyId, legalForm: input.legalForm ?? null, consultationEmail: input.consultationEmail ?? null, activity: input.activity, goods: input.goods, skills: input.skills }
				});
				break;
			}
			case 3: {
				const input = s3!;
				await tx.cooperativeRecord.update({ where: { id: record.id }, data: { ...next, certifications: input.certifications ?? null, carbonFootprint: input.carbonFootprint ?? null, guarantees: input.guarantees ?? null } });
				break;
			}
			case 4: {
				const input = s4!;
				await tx.cooperativeRecord.update({ where: { id: record.id }, data: { ...next, turnover: input.turnover ?? null, turnoverYear: input.turnoverYear ?? null, workforce: input.workforce ?? null } });
				break;
			}
			case 5: {
				const input = s5!;
				await tx.company.update({ where: { id: record.companyId! }, data: { address: input.address, postcode: input.postcode, city: input.city, latitude: null, longitude: null } });
				await tx.cooperativeRecord.update({
					where: { id: record.id },
					data: { ...next, managerName: input.managerName, managerTitle: input.managerTitle ?? null, contacts: input.contacts as Contact[], departements }
				});
				break;
			}
			case 6: {
				const input = s6!;
				await tx.cooperativeRecord.update({
					where: { id: record.id },
					data: { ...next, hasEstablishments: input.hasEstablishments, establishments: input.establishments as Establishment[], departements }
				});
				break;
			}
			case 7: {
				const input = s7!;
				await tx.cooperativeRecord.update({ where: { id: record.id }, data: { ...next, hasReferences: input.hasReferences, references: input.references as Reference[] } });
				break;
			}
		}
		if (record.status === 'approved') await recordEvent(tx, 'cooperative.updated', { recordId: record.id });
	}, { timeout: 15_000 });
	return (await ownRecord(actor))!;
}

export function establishmentsOf(record: { establishments: unknown }): Establishment[] {
	return Array.isArray(record.establishments) ? (record.establishments as Establishment[]) : [];
}
export function contactsOf(record: { contacts: unknown }): Contact[] {
	return Array.isArray(record.contacts) ? (record.contacts as Contact[]) : [];
}
export function referencesOf(record: { references: unknown }): Reference[] {
	return Array.isArray(record.references) ? (record.references as Reference[]) : [];
}

/**
 * Submits the record to the moderators' queue. The mandatory steps (2 and 5) must have been saved;
 * an approved record has nothing to submit (its changes are already live).
 */
export async function submitRecord(actor: ActorRef, now = new Date()): Promise<OwnRecord> {
	const record = await requireOwnRecord(actor);
	if (record.status === 'approved' || record.status === 'pending') return record;
	if (record.status === 'refused') throw conflict('referencing.error.refused');
	if (!record.companyId || !record.activity) throw invalid('referencing.error.step2_first');
	if (!record.managerName || !record.company?.postcode) throw invalid('referencing.error.step5_first');
	const { db } = context();
	await db.$transaction(async (tx) => {
		const updated = await tx.cooperativeRecord.updateMany({ where: { id: record.id, status: { in: ['draft', 'changes_requested'] } }, data: { status: 'pending', submittedAt: now, moderationReason: null } });
		if (updated.count) await recordEvent(tx, 'cooperative.submitted', { recordId: record.id });
	});
	return (await ownRecord(actor))!;
}

/** "Plaque": the brochure, a PDF kept as sent or a JPEG (re-encoded); replaces the previous one. */
export async function setBrochure(actor: ActorRef, file: unknown): Promise<void> {
	const record = await requireOwnRecord(actor);
	const bytes = await bytesOf(file);
	if (!bytes) throw invalid('error.upload_empty', { brochure: 'error.upload_empty' });
	const type = await fileTypeFromBuffer(bytes);
	let stored: string;
	if (type?.mime === 'image/jpeg') stored = await saveUpload((await acceptImage(bytes, 'gallery', 'brochure')).bytes, 'webp');
	else if (type?.mime === 'application/pdf') stored = await saveUpload((await acceptPdf(bytes, 'brochure')).bytes, 'pdf');
	else throw invalid('referencing.error.brochure_type', { brochure: 'referencing.error.brochure_type' });
	await context().db.cooperativeRecord.update({ where: { id: record.id }, data: { brochurePath: stored, brochureType: stored.endsWith('.pdf') ? 'pdf' : 'image' } });
	await deleteUpload(record.brochurePath);
}

export async function removeBrochure(actor: ActorRef): Promise<void> {
	const record = await requireOwnRecord(actor);
	await context().db.cooperativeRecord.update({ where: { id: record.id }, data: { brochurePath: null, brochureType: null } });
	await deleteUpload(record.brochurePath);
}

/** "Logo": the company's logo (the Company row's, shown on the record and the company page). */
export async function setLogo(actor: ActorRef, file: unknown): Promise<void> {
	const record = await requireOwnRecord(actor);
	if (!record.company) throw invalid('referencing.error.step2_first');
	const image = await acceptImage(await bytesOf(file), 'logo', 'logo');
	const stored = await saveUpload(image.bytes, 'webp');
	await context().db.company.update({ where: { id: record.company.id }, data: { logoPath: stored } });
	await deleteUpload(record.company.logoPath);
}

/** The login address of the acting member (step 1 shows it as their identifier). */
export async function accountEmail(actor: ActorRef): Promise<string | null> {
	if (!actor) return null;
	return (await context().db.member.findUnique({ where: { id: actor.memberId }, select: { email: true } }))?.email ?? null;
}
