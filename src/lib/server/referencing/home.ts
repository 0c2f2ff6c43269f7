import { can, type ActorRef } from '../access/index.ts';
import { listDepartements } from '../directory/index.ts';
import { latestCooperatives, topKeywords } from './search.ts';
import { ownRecord } from './records.ts';

/** The referencing home: the three doors, the quick search, the top keywords, the latest cooperatives, and the actor's own state. */
export async function referencingHome(actor: ActorRef) {
	return {
		keywords: await topKeywords(),
		latest: await latestCooperatives(),
		departements: listDepartements(),
		canUse: await can(actor, 'referencing.use'),
		canModerate: await can(actor, 'cooperative.moderate'),
		canPreregister: await can(actor, 'cooperative.preregister'),
		record: actor ? await ownRecord(actor).then((r) => (r ? { id: r.id, status: r.status, step: r.step, name: r.company?.title ?? null } : null)) : null
	};
}

/** What the referencing's menu offers the actor. */
export async function referencingNav(actor: ActorRef) {
	return {
		canUse: await can(actor, 'referencing.use'),
		canModerate: await can(actor, 'cooperative.moderate'),
		canPreregister: await can(actor, 'cooperative.preregister'),
		hasRecord: actor ? !!(await ownRecord(actor)) : false
	};
}
