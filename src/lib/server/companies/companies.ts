import { context } from '../context.ts';
import { conflict } from '../errors.ts';
import { optionalText, parseInput } from '../validation.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { acceptImage, deleteUpload, saveUpload } from '../uploads/index.ts';
import { slugify } from '../members/slug.ts';
import { memberSearchStale } from '../members/search-sync.ts';
import { companyInput, companyUpdateInput, type CompanyInput } from './inputs.ts';
import { companySlugOf, lockCompany, requireCompanyAdmin, requireMember, type Actor, type Tx } from './access.ts';

const createInput = companyInput.extend({ creatorJobTitle: optionalText(120) });

function isUniqueViolation(error: unknown): boolean {
	return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

const siretTaken = () => conflict('companies.error.siret_taken', { siret: 'companies.error.siret_taken' });

/** "Coopérative Numérique du Rhône" → "cooperative-numerique-du-rhone", then "-2", "-3"… when taken. */
export async function uniqueCompanySlug(tx: Tx, title: string): Promise<string> {
	const base = slugify(title).slice(0, 60).replace(/-+$/, '') || 'entreprise';
	const taken = new Set(
		(await tx.company.findMany({ where: { OR: [{ slug: base }, { slug: { startsWith: `${base}-` } }] }, select: { slug: true } })).map((c) => c.slug)
	);
	if (!taken.has(base)) return base;
	for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function fields(input: CompanyInput) {
	return {
		legalName: input.legalName,
		title: input.title,
		description: input.description ?? null,
		siret: input.siret ?? null,
		nafCode: input.nafCode ?? null,
		sector: input.sector ?? null,
		address: input.address ?? null,
		postcode: input.postcode ?? null,
		city: input.city ?? null,
		phone: input.phone ?? null,
		fax: input.fax ?? null,
		contactEmail: input.contactEmail ?? null,
		website: input.website ?? null,
		keywords: input.keywords
	};
}

/** The logo as a stored name, or null when none was sent; the image is checked and re-encoded first. */
async function storeLogo(bytes: Uint8Array | null): Promise<string | null> {
	if (!bytes) return null;
	const image = await acceptImage(bytes, 'logo', 'logo');
	return saveUpload(image.bytes, 'webp');
}

/**
 * PROETHEEC help point 3: any member may create a company page; its creator becomes its first
 * (active) admin. A SIRET identifies one company page only.
 */
export async function createCompany(actor: Actor, raw: unknown, logo: Uint8Array | null = null): Promise<{ id: string; slug: string }> {
	const memberId = requireMember(actor);
	const input = parseInput(createInput, raw);
	const { db } = context();
	if (input.siret && (await db.company.findUnique({ where: { siret: input.siret }, select: { id: true } }))) throw siretTaken();
	const logoPath = await storeLogo(logo);
	try {
		for (let attempt = 0; ; attempt++) {
			try {
				const created = await db.$transaction(async (tx) => {
					const slug = await uniqueCompanySlug(tx, input.title);
					// coordinates stay null: the directory resolves places (postcode/city) for its geo search
					const company = await tx.company.create({ data: { ...fields(input), slug, logoPath, createdById: memberId }, select: { id: true, slug: true } });
					await tx.companyMembership.create({
						data: { companyId: company.id, memberId, role: 'admin', status: 'active', jobTitle: input.creatorJobTitle ?? null }
					});
					return company;
				});
				await memberSearchStale([memberId]);
				return created;
			} catch (error) {
				if (!isUniqueViolation(error)) throw error;
				if (input.siret && (await db.company.findUnique({ where: { siret: input.siret }, select: { id: true } }))) throw siretTaken();
				// two pages with the same title created at the same instant: take the next suffix
				if (attempt >= 3) throw error;
			}
		}
	} catch (error) {
		await deleteUpload(logoPath);
		throw error;
	}
}

/** Admins edit every field and the logo; a new logo (or "remove logo") deletes the old file. */
export async function updateCompany(actor: Actor, slug: unknown, raw: unknown, logo: Uint8Array | null = null): Promise<{ slug: string }> {
	const input = parseInput(companyUpdateInput, raw);
	const { db } = context();
	const newLogo = await storeLogo(logo);
	let previous: { logoPath: string | null; title: string; legalName: string; postcode: string | null; city: string | null };
	let companyId: string;
	try {
		({ previous, companyId } = await db.$transaction(async (tx) => {
			const companyId = await lockCompany(tx, slug);
			await requireCompanyAdmin(tx, actor, companyId);
			if (input.siret) {
				const other = await tx.company.findUnique({ where: { siret: input.siret }, select: { id: true } });
				if (other && other.id !== companyId) throw siretTaken();
			}
			const previous = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { logoPath: true, title: true, legalName: true, postcode: true, city: true } });
			const moved = previous.postcode !== (input.postcode ?? null) || previous.city !== (input.city ?? null);
			await tx.company.update({
				where: { id: companyId },
				data: {
					...fields(input),
					...(newLogo ? { logoPath: newLogo } : input.removeLogo ? { logoPath: null } : {}),
					// the old coordinates no longer describe the place; the directory resolves the new one
					...(moved ? { latitude: null, longitude: null } : {})
				}
			});
			return { previous, companyId };
		}));
	} catch (error) {
		await deleteUpload(newLogo);
		if (isUniqueViolation(error)) throw siretTaken();
		throw error;
	}
	if (newLogo || input.removeLogo) await deleteUpload(previous.logoPath);
	// member search documents carry the names of their companies
	if (previous.title !== input.title || previous.legalName !== input.legalName) {
		const members = await db.companyMembership.findMany({ where: { companyId, status: 'active' }, select: { memberId: true } });
		await memberSearchStale(members.map((m) => m.memberId));
	}
	return { slug: companySlugOf(slug) };
}
