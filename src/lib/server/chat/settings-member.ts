import { z } from 'zod';
import { context } from '../context.ts';
import { checkbox, parseInput } from '../validation.ts';
import { requireMember, type Actor } from './access.ts';

/** The member's messaging preferences (/messages/settings). */
export async function messagingSettings(actor: Actor) {
	const me = requireMember(actor);
	return context().db.member.findUniqueOrThrow({ where: { id: me }, select: { acceptsMessages: true, messageDigest: true } });
}

const input = z.object({ acceptsMessages: checkbox, messageDigest: checkbox });

export async function updateMessagingSettings(actor: Actor, raw: unknown) {
	const me = requireMember(actor);
	const values = parseInput(input, raw);
	await context().db.member.update({ where: { id: me }, data: values });
	return values;
}
