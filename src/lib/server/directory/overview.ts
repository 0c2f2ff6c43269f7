import { context } from '../context.ts';

/** Home page figures: how many active members, and the most common skills (coop seed's "top keywords"). */
export async function directoryOverview() {
	const { db } = context();
	const [members, topSkills] = await Promise.all([
		db.member.count({ where: { status: 'active' } }),
		db.skill.findMany({ orderBy: { members: { _count: 'desc' } }, take: 12, select: { label: true } })
	]);
	return { members, topSkills: topSkills.map((s) => s.label) };
}
