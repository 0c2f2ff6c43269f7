import type { PrivacyContributor } from '../contributor.ts';

/** The profile: presentation, skills, certifications, missions, experiences, education, languages, gallery and documents. */
export const profile: PrivacyContributor = {
	name: 'profile',
	models: ['Profile', 'MemberSkill', 'Certification', 'Mission', 'Experience', 'Education', 'MemberLanguage', 'ProfileDocument', 'MemberSearch'],
	async export(memberId, tx) {
		const where = { memberId };
		return {
			profile: await tx.profile.findUnique({ where, select: { headline: true, bio: true, updatedAt: true } }),
			skills: (await tx.memberSkill.findMany({ where, include: { skill: { select: { label: true } } }, orderBy: { position: 'asc' } })).map((s) => s.skill.label),
			certifications: await tx.certification.findMany({ where, omit: { memberId: true }, orderBy: { position: 'asc' } }),
			missions: await tx.mission.findMany({ where, omit: { memberId: true }, orderBy: { position: 'asc' } }),
			experiences: await tx.experience.findMany({ where, omit: { memberId: true }, orderBy: { startedOn: 'desc' } }),
			educations: await tx.education.findMany({ where, omit: { memberId: true } }),
			languages: await tx.memberLanguage.findMany({ where, select: { code: true, level: true } }),
			documents: await tx.profileDocument.findMany({ where, omit: { memberId: true }, orderBy: [{ kind: 'asc' }, { position: 'asc' }] })
			// MemberSearch is derived from the above (the directory's index): not repeated
		};
	},
	async erase(memberId, tx) {
		// the directory's typo-tolerance vocabulary (SearchWord) learnt the member's names: forget those
		// no other member or company still uses (the rows above go with the account: Cascade)
		await tx.$executeRaw`
			DELETE FROM "SearchWord" w
			 WHERE w.word IN (SELECT regexp_split_to_table(s.names, '[^[:alnum:]]+') FROM "MemberSearch" s WHERE s."memberId" = ${memberId}::uuid)
			   AND NOT EXISTS (SELECT 1 FROM "MemberSearch" o WHERE o."memberId" <> ${memberId}::uuid AND w.word = ANY (regexp_split_to_array(o.names || ' ' || o.companies, '[^[:alnum:]]+')))
			   AND NOT EXISTS (SELECT 1 FROM "CompanySearch" c WHERE w.word = ANY (regexp_split_to_array(c.names, '[^[:alnum:]]+')))`;
		// and the prefix lexicon (SearchLexeme) every lexeme of their document: forget those no other
		// document holds (an exact lexeme is a GIN look-up)
		await tx.$executeRaw`
			DELETE FROM "SearchLexeme" l
			 WHERE l.lexeme IN (SELECT unnest(tsvector_to_array(s.document)) FROM "MemberSearch" s WHERE s."memberId" = ${memberId}::uuid)
			   AND NOT EXISTS (SELECT 1 FROM "MemberSearch" o
			                    WHERE o."memberId" <> ${memberId}::uuid AND o.document @@ ('''' || replace(replace(l.lexeme, '\\', '\\\\'), '''', '''''') || '''')::tsquery)
			   AND NOT EXISTS (SELECT 1 FROM "CompanySearch" c
			                    WHERE c.document @@ ('''' || replace(replace(l.lexeme, '\\', '\\\\'), '''', '''''') || '''')::tsquery)`;
	},
	async files(memberId, tx) {
		return (await tx.profileDocument.findMany({ where: { memberId }, select: { storedName: true } })).map((d) => d.storedName);
	}
};
