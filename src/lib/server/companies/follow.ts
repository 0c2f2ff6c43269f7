import { context } from '../context.ts';
import { notFound } from '../errors.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { companySlugOf, requireMember, type Actor } from './access.ts';

/**
 * Following a company (PROETHEEC help point 7): one way, no acceptance — a member receives the
 * company's publications; a company never follows anyone. Both calls are idempotent.
 */

async function companyIdOf(slug: unknown): Promise<string> {
	const company = await context().db.company.findUnique({ where: { slug: companySlugOf(slug) }, select: { id: true } });
	if (!company) throw notFound('companies.error.not_found');
	return company.id;
}

export async function companyFollowerCount(companyId: string): Promise<number> {
	return context().db.follow.count({ where: { followedCompanyId: companyId } });
}

export async function followCompany(actor: Actor, slug: unknown): Promise<{ following: true; followers: number }> {
	const followerId = requireMember(actor);
	const followedCompanyId = await companyIdOf(slug);
	try {
		await context().db.follow.upsert({
			where: { followerId_followedCompanyId: { followerId, followedCompanyId } },
			create: { followerId, followedCompanyId },
			update: {}
		});
	} catch (error) {
		// two clicks at once: the other one created it, which is what we wanted
		if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
	}
	return { following: true, followers: await companyFollowerCount(followedCompanyId) };
}

export async function unfollowCompany(actor: Actor, slug: unknown): Promise<{ following: false; followers: number }> {
	const followerId = requireMember(actor);
	const followedCompanyId = await companyIdOf(slug);
	await context().db.follow.deleteMany({ where: { followerId, followedCompanyId } });
	return { following: false, followers: await companyFollowerCount(followedCompanyId) };
}

export async function isFollowingCompany(actor: Actor, companyId: string): Promise<boolean> {
	if (!actor) return false;
	return (await context().db.follow.count({ where: { followerId: actor.memberId, followedCompanyId: companyId } })) > 0;
}
