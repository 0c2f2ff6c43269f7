import { context } from '../context.ts';
import { sqlPool } from '../db.ts';

/**
 * Group commit for messages: sends that arrive while a write is in flight are stored together in
 * ONE statement (insert + the conversation's lastMessageAt + the senders' own read marks), so under
 * load the database sees a few large transactions instead of many small ones, and at low load a
 * message is written at once. (senderId, clientId) stays the de-duplication key: a retried send is
 * reported as not inserted.
 */
export interface NewMessage {
	id: string;
	conversationId: string;
	senderId: string;
	clientId: string;
	body: string;
	createdAt: Date;
}

interface Queued {
	row: NewMessage;
	resolve(inserted: boolean): void;
	reject(error: unknown): void;
}

const MAX_BATCH = 500;
const KEY = Symbol.for('relais.chat.writer');
type Holder = { [KEY]?: { queue: Queued[]; running: boolean } };

function state() {
	const holder = globalThis as Holder;
	return (holder[KEY] ??= { queue: [], running: false });
}

export function writeMessage(row: NewMessage): Promise<boolean> {
	return new Promise<boolean>((resolve, reject) => {
		const s = state();
		s.queue.push({ row, resolve, reject });
		if (!s.running) void drain();
	});
}

async function drain() {
	const s = state();
	s.running = true;
	try {
		while (s.queue.length) {
			const batch = s.queue.splice(0, MAX_BATCH);
			try {
				const inserted = await insertBatch(batch.map((q) => q.row));
				for (const q of batch) q.resolve(inserted.has(q.row.id));
			} catch (error) {
				for (const q of batch) q.reject(error);
			}
		}
	} finally {
		s.running = false;
	}
}

function isRetryable(error: unknown) {
	const text = `${String((error as { code?: unknown })?.code ?? '')} ${String((error as { message?: unknown })?.message ?? '')}`;
	return /40P01|40001|deadlock|could not serialize/i.test(text);
}

// one statement per batch: the rows as ONE JSON parameter (a single JSON.stringify here, parsed by
// PostgreSQL; six array parameters cost a text conversion per element in the driver), the
// conversation's lastMessageAt and the senders' own read marks in the same statement
const INSERT_BATCH = `
	WITH input AS (
		SELECT t."id", t."c" AS "conversationId", t."s" AS "senderId", t."k" AS "clientId", t."b" AS "body", t."t" AS "createdAt"
		FROM json_to_recordset($1::json) AS t("id" uuid, "c" uuid, "s" uuid, "k" text, "b" text, "t" timestamptz)
	),
	m AS (
		INSERT INTO "Message" ("id", "conversationId", "senderId", "clientId", "body", "createdAt")
		SELECT "id", "conversationId", "senderId", "clientId", "body", "createdAt" FROM input ORDER BY "id"
		ON CONFLICT ("senderId", "clientId") DO NOTHING
		RETURNING "id", "conversationId", "senderId", "createdAt"
	),
	c AS (
		UPDATE "Conversation" co SET "lastMessageAt" = x.at
		FROM (SELECT "conversationId", max("createdAt") AS at FROM m GROUP BY 1) x
		WHERE co."id" = x."conversationId"
	),
	r AS (
		UPDATE "ConversationMember" cm SET "lastReadMessageId" = x."id", "lastReadAt" = x.at
		FROM (SELECT DISTINCT ON ("conversationId", "senderId") "conversationId", "senderId", "id", "createdAt" AS at FROM m ORDER BY "conversationId", "senderId", "id" DESC) x
		WHERE cm."conversationId" = x."conversationId" AND cm."memberId" = x."senderId"
			AND (cm."lastReadMessageId" IS NULL OR cm."lastReadMessageId" < x."id")
	)
	SELECT "id"::text AS id FROM m`;

async function insertBatch(rows: NewMessage[]): Promise<Set<string>> {
	const { db } = context();
	const input = JSON.stringify(rows.map((r) => ({ id: r.id, c: r.conversationId, s: r.senderId, k: r.clientId, b: r.body, t: r.createdAt })));
	// straight to the driver (a named, prepared statement): Prisma's own work per query costs
	// more than the statement here; a client made elsewhere goes through Prisma
	const pool = sqlPool(db);
	const run = pool
		? async () => (await pool.query<{ id: string }>({ name: 'relais_chat_insert_batch', text: INSERT_BATCH, values: [input] })).rows
		: () => db.$queryRawUnsafe<{ id: string }[]>(INSERT_BATCH, input);
	for (let attempt = 1; ; attempt++) {
		try {
			return new Set((await run()).map((r) => r.id));
		} catch (error) {
			if (attempt >= 3 || !isRetryable(error)) throw error;
		}
	}
}
