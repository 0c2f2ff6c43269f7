import { Readable } from 'node:stream';
import yazl from 'yazl';
import { context } from '../context.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { openUpload } from '../uploads/index.ts';
import { CONTRIBUTORS } from './registry.ts';

export const EXPORT_FORMAT = 'relais.personal-data/1';
export const EXPORT_JSON = 'relais-donnees.json';

export interface PersonalData {
	format: typeof EXPORT_FORMAT;
	exportedAt: string;
	memberId: string;
	/** one entry per contributor (registry.ts), under its name */
	parts: Record<string, unknown>;
	/** uploaded files, stored in the ZIP under files/ */
	files: string[];
}

/**
 * Everything Relais holds about one member (GDPR art. 15 and 20), read by every contributor in one
 * snapshot (repeatable read). The member themself, or an administrator answering a request.
 */
export async function collectPersonalData(actor: ActorRef, memberId: string, now = new Date()): Promise<PersonalData> {
	await requirePermission(actor, 'member.data.export', memberId);
	return context().db.$transaction(
		async (tx) => {
			const parts: Record<string, unknown> = {};
			const files = new Set<string>();
			for (const contributor of CONTRIBUTORS) {
				parts[contributor.name] = await contributor.export(memberId, tx);
				for (const name of (await contributor.files?.(memberId, tx)) ?? []) files.add(name);
			}
			return { format: EXPORT_FORMAT, exportedAt: now.toISOString(), memberId, parts, files: [...files].sort() } satisfies PersonalData;
		},
		{ isolationLevel: 'RepeatableRead', timeout: 60_000, maxWait: 10_000 }
	);
}

/** The download: a ZIP stream holding relais-donnees.json and files/<name> for each upload still on disk. */
export async function personalDataZip(actor: ActorRef, memberId: string, now = new Date()): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
	const data = await collectPersonalData(actor, memberId, now);
	const zip = new yazl.ZipFile();
	zip.addBuffer(Buffer.from(JSON.stringify(data, jsonValue, 2), 'utf8'), EXPORT_JSON, { mtime: now });
	for (const name of data.files) {
		const file = await openUpload(name);
		// a file missing on disk is listed in the JSON, not in the ZIP
		if (file) zip.addReadStream(file.stream, `files/${name}`, { mtime: now, size: file.size });
	}
	zip.end();
	const day = now.toISOString().slice(0, 10);
	return { filename: `relais-donnees-${day}.zip`, stream: Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array> };
}

// BigInt (none today, but a contributor may add one) as a string rather than a crash
function jsonValue(_key: string, value: unknown) {
	return typeof value === 'bigint' ? value.toString() : value;
}
