import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it: the envelope and the raw RFC 5322 text. */
export interface ReceivedMail {
	mailFrom: string | null;
	rcptTo: string[];
	raw: string;
	/** decoded Subject header */
	subject: string;
	/** decoded text/plain body */
	text: string;
	/** decoded text/html body, if any */
	html: string | null;
}

export interface SmtpInbox {
	port: number;
	url: string;
	messages: ReceivedMail[];
	close(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 with a random port: no TLS, no
 * required authentication. Every message is stored, decoded, before the DATA command is answered,
 * so once `sendMail` resolves the message is already in `messages`.
 */
export async function startSmtpInbox(): Promise<SmtpInbox> {
	const messages: ReceivedMail[] = [];
	const server = new SMTPServer({
		secure: false,
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('error', callback);
			stream.on('end', () => {
				try {
					const raw = Buffer.concat(chunks).toString('utf8');
					const parsed = parseMessage(raw);
					messages.push({
						mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
						rcptTo: session.envelope.rcptTo.map((r) => r.address),
						raw,
						...parsed
					});
					callback();
				} catch (error) {
					callback(error as Error);
				}
			});
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const port = (server.server.address() as AddressInfo).port;
	return {
		port,
		url: `smtp://127.0.0.1:${port}`,
		messages,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

// ——— a small MIME reader: enough for what nodemailer writes (multipart/alternative, QP/base64) ———

interface Part {
	headers: Map<string, string>;
	body: string;
}

function splitPart(raw: string): Part {
	const index = raw.search(/\r?\n\r?\n/);
	const head = index === -1 ? raw : raw.slice(0, index);
	const body = index === -1 ? '' : raw.slice(index).replace(/^\r?\n\r?\n/, '');
	const headers = new Map<string, string>();
	// unfold continuation lines, then split "Name: value"
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
	}
	return { headers, body };
}

function decodeBytes(bytes: number[]): string {
	return Buffer.from(bytes).toString('utf8');
}

function decodeQuotedPrintable(text: string): string {
	const unfolded = text.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < unfolded.length; i++) {
		const match = unfolded[i] === '=' ? /^[0-9A-Fa-f]{2}$/.exec(unfolded.slice(i + 1, i + 3)) : null;
		if (match) {
			bytes.push(parseInt(match[0], 16));
			i += 2;
		} else {
			bytes.push(...Buffer.from(unfolded[i]!, 'utf8'));
		}
	}
	return decodeBytes(bytes);
}

function decodeBody(part: Part): string {
	const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
	if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
	if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
	return part.body;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), as nodemailer writes non-ASCII headers. */
export function decodeHeader(value: string): string {
	return value
		.replace(/(\?=)\s+(=\?)/g, '$1$2')
		.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_whole, _charset: string, kind: string, data: string) =>
			kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' '))
		);
}

function leaves(part: Part): Part[] {
	const type = part.headers.get('content-type') ?? 'text/plain';
	const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
	if (!type.toLowerCase().startsWith('multipart/') || !boundary) return [part];
	const sections = part.body.split(`--${boundary}`);
	// first is the preamble, last the epilogue after the closing "--boundary--"
	return sections
		.slice(1, -1)
		.map((section) => splitPart(section.replace(/^\r?\n/, '')))
		.flatMap(leaves);
}

function parseMessage(raw: string) {
	const message = splitPart(raw);
	const parts = leaves(message);
	const ofType = (type: string) => parts.find((p) => (p.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith(type));
	const text = ofType('text/plain');
	const html = ofType('text/html');
	return {
		subject: decodeHeader(message.headers.get('subject') ?? ''),
		text: text ? decodeBody(text) : '',
		html: html ? decodeBody(html) : null
	};
}
