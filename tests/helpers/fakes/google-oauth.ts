import { listenOnLoopback } from '../listen.ts';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

/** What Google asserts about the person in the ID token. */
export interface GoogleIdentity {
	sub: string;
	email?: string;
	email_verified?: boolean;
	given_name?: string;
	family_name?: string;
}

export interface CodeOptions {
	/** sign the ID token with a key the certs endpoint does not publish (same `kid`) */
	signWithForeignKey?: boolean;
	/** override the `aud` claim (defaults to the client id) */
	audience?: string;
	/** the token endpoint answers 400 invalid_grant, as Google does for a bad or expired code */
	reject?: boolean;
}

/** One call to the token endpoint, as received. */
export interface TokenRequest {
	contentType: string | undefined;
	authorization: string | undefined;
	form: Record<string, string>;
}

export interface FakeGoogle {
	baseUrl: string;
	clientId: string;
	clientSecret: string;
	/** env for loadConfig: GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET, GOOGLE_OAUTH_BASE_URL */
	env: Record<string, string>;
	/** an authorization code that the token endpoint will exchange for an ID token about `identity` */
	issueCode(identity: GoogleIdentity, options?: CodeOptions): string;
	/** the identity the consent page (GET /o/oauth2/v2/auth) hands out a code for next */
	willAuthorize(identity: GoogleIdentity, options?: CodeOptions): void;
	tokenRequests: TokenRequest[];
	certRequests: number;
	/** sign an arbitrary ID token payload with the published key */
	signIdToken(payload: Record<string, unknown>, foreign?: boolean): string;
	close(): Promise<void>;
}

const ISSUER = 'https://accounts.google.com';

function base64url(value: string | Buffer) {
	return Buffer.from(value).toString('base64url');
}

function rsaKeyPair() {
	return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, privateKey: KeyObject) {
	const signed = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
	const signature = sign('sha256', Buffer.from(signed), privateKey);
	return `${signed}.${base64url(signature)}`;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
	res.end(JSON.stringify(body));
}

/**
 * A loopback server speaking Google's OAuth 2 endpoints the way google-auth-library calls them:
 * the consent page (GET /o/oauth2/v2/auth → 302 to redirect_uri with code and state), the token
 * endpoint (POST /token, form-encoded, client_secret_post), and the signing keys
 * (GET /oauth2/v1/certs as kid → PEM, GET /oauth2/v3/certs as a JWK set). ID tokens are RS256
 * JWTs signed with a key pair generated at start.
 */
export async function startFakeGoogle(options: { clientId?: string; clientSecret?: string; redirectUri: string }): Promise<FakeGoogle> {
	const clientId = options.clientId ?? `${randomBytes(6).toString('hex')}.apps.googleusercontent.com`;
	const clientSecret = options.clientSecret ?? `secret-${randomBytes(8).toString('hex')}`;
	const kid = randomBytes(10).toString('hex');
	const published = rsaKeyPair();
	const foreign = rsaKeyPair();
	const codes = new Map<string, { identity: GoogleIdentity; options: CodeOptions }>();
	let pendingConsent: { identity: GoogleIdentity; options: CodeOptions } | null = null;
	const tokenRequests: TokenRequest[] = [];
	let certRequests = 0;

	const signIdToken = (payload: Record<string, unknown>, useForeign = false) =>
		signJwt({ alg: 'RS256', kid, typ: 'JWT' }, payload, (useForeign ? foreign : published).privateKey);

	const issueCode = (identity: GoogleIdentity, codeOptions: CodeOptions = {}) => {
		const code = `4/0A${randomBytes(24).toString('base64url')}`;
		codes.set(code, { identity, options: codeOptions });
		return code;
	};

	async function token(req: IncomingMessage, res: ServerResponse) {
		const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
		tokenRequests.push({ contentType: req.headers['content-type'], authorization: req.headers.authorization, form });
		if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
			return json(res, 400, { error: 'invalid_request', error_description: 'form-encoded body expected' });
		}
		if (form.client_id !== clientId || form.client_secret !== clientSecret) {
			return json(res, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
		}
		if (form.grant_type !== 'authorization_code') return json(res, 400, { error: 'unsupported_grant_type' });
		const entry = form.code ? codes.get(form.code) : undefined;
		// a code works once, as at Google
		if (form.code) codes.delete(form.code);
		if (!entry || entry.options.reject) return json(res, 400, { error: 'invalid_grant', error_description: 'Bad Request' });
		if (form.redirect_uri !== options.redirectUri) return json(res, 400, { error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
		const now = Math.floor(Date.now() / 1000);
		const idToken = signIdToken(
			{
				iss: ISSUER,
				azp: clientId,
				aud: entry.options.audience ?? clientId,
				...entry.identity,
				iat: now,
				exp: now + 3600
			},
			entry.options.signWithForeignKey
		);
		json(
			res,
			200,
			{
				access_token: `ya29.${randomBytes(24).toString('base64url')}`,
				expires_in: 3599,
				token_type: 'Bearer',
				id_token: idToken,
				scope: 'openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile'
			},
			{ 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate' }
		);
	}

	function consent(url: URL, res: ServerResponse) {
		const q = url.searchParams;
		const scopes = (q.get('scope') ?? '').split(' ');
		if (q.get('client_id') !== clientId || q.get('response_type') !== 'code' || q.get('redirect_uri') !== options.redirectUri || !scopes.includes('openid')) {
			res.writeHead(400, { 'content-type': 'text/plain' });
			return res.end('Error 400: invalid_request');
		}
		if (!pendingConsent) {
			res.writeHead(200, { 'content-type': 'text/html' });
			return res.end('<p>Choose an account</p>');
		}
		const code = issueCode(pendingConsent.identity, pendingConsent.options);
		pendingConsent = null;
		const target = new URL(options.redirectUri);
		target.searchParams.set('code', code);
		if (q.has('state')) target.searchParams.set('state', q.get('state')!);
		target.searchParams.set('scope', q.get('scope') ?? '');
		res.writeHead(302, { location: target.toString() });
		res.end();
	}

	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://fake-google');
		const route = `${req.method} ${url.pathname}`;
		const handle = async () => {
			switch (route) {
				case 'POST /token':
					return token(req, res);
				case 'GET /o/oauth2/v2/auth':
					return consent(url, res);
				case 'GET /oauth2/v1/certs':
					certRequests++;
					return json(res, 200, { [kid]: published.publicKey.export({ type: 'spki', format: 'pem' }).toString() }, { 'cache-control': 'public, max-age=60' });
				case 'GET /oauth2/v3/certs':
					certRequests++;
					return json(res, 200, { keys: [{ ...published.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
				default:
					return json(res, 404, { error: 'not_found' });
			}
		};
		handle().catch((error: unknown) => json(res, 500, { error: String(error) }));
	});
	const baseUrl = await listenOnLoopback(server);

	return {
		baseUrl,
		clientId,
		clientSecret,
		env: { GOOGLE_CLIENT_ID: clientId, GOOGLE_CLIENT_SECRET: clientSecret, GOOGLE_OAUTH_BASE_URL: baseUrl },
		issueCode,
		willAuthorize(identity, codeOptions = {}) {
			pendingConsent = { identity, options: codeOptions };
		},
		tokenRequests,
		get certRequests() {
			return certRequests;
		},
		signIdToken,
		close() {
			server.closeAllConnections();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}
