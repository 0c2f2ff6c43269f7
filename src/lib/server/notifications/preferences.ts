import { z } from 'zod';
import { context } from '../context.ts';
import type { Database } from '../db.ts';
import { parseInput } from '../validation.ts';
import { CHANNELS, NOTIFICATION_TYPES, TYPE_NAMES, type NotificationChannel, type NotificationType } from './types.ts';
import { requireMember, type Actor, type Tx } from './access.ts';

/** The member's channel for `type`: their choice, else the type's default. */
export async function channelFor(tx: Tx | Database, memberId: string, type: NotificationType): Promise<NotificationChannel> {
	const row = await tx.notificationPreference.findUnique({ where: { memberId_type: { memberId, type } }, select: { channel: true } });
	return row?.channel ?? NOTIFICATION_TYPES[type];
}

export interface PreferenceView {
	type: NotificationType;
	channel: NotificationChannel;
	isDefault: boolean;
}

/** Every type with the actor's channel (their own preferences only). */
export async function getPreferences(actor: Actor): Promise<PreferenceView[]> {
	const memberId = requireMember(actor);
	const rows = await context().db.notificationPreference.findMany({ where: { memberId }, select: { type: true, channel: true } });
	const chosen = new Map(rows.map((r) => [r.type, r.channel]));
	return TYPE_NAMES.map((type) => ({ type, channel: chosen.get(type) ?? NOTIFICATION_TYPES[type], isDefault: !chosen.has(type) }));
}

const channel = z.enum(CHANNELS, { error: 'notifications.error.bad_channel' });
const preferencesInput = z.partialRecord(z.enum(TYPE_NAMES as [NotificationType, ...NotificationType[]], { error: 'notifications.error.bad_type' }), channel);

/** Sets the actor's channel for the given types (e.g. the settings form: { 'contact.requested': 'digest' }). */
export async function setPreferences(actor: Actor, raw: unknown): Promise<void> {
	const memberId = requireMember(actor);
	const input = parseInput(preferencesInput, raw);
	await context().db.$transaction(async (tx) => {
		for (const [type, value] of Object.entries(input)) await savePreference(tx, memberId, type as NotificationType, value!);
	});
}

export async function savePreference(tx: Tx, memberId: string, type: NotificationType, value: NotificationChannel): Promise<void> {
	await tx.notificationPreference.upsert({ where: { memberId_type: { memberId, type } }, create: { memberId, type, channel: value }, update: { channel: value } });
}
