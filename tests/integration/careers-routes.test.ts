import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { loadActor, type Role } from '../../src/lib/server/access/index.ts';
import { postOffer, saveCareersSettings, withdrawOffer } from '../../src/lib/server/careers/index.ts';
import { load as boardLoad } from '../../src/routes/emplois/+page.server.ts';
import { load as newLoad, actions as newActions } from '../../src/routes/emplois/nouveau/+page.server.ts';
import { load as offerLoad } from '../../src/routes/emplois/[id=uuid]/+page.server.ts';
import { load as queueLoad } from '../../src/routes/admin/emplois/+page.server.ts';
import { GET as exportCsv } from '../../src/routes/emplois/archives/export/+server.ts';

/**
 * The job board's pages go through the access module: a recruiter-only member (no profile, no
 * directory) sees and posts on the board; a visitor is sent to log in to post; the moderators'
 * queue and the CSV export refuse members; errors are statuses with a French message, never a 500.
 */
let ctx: TestContext;
const who: Record<string, { id: string; roles: Role[] }> = {};

beforeAll(async () => {
	ctx = await useTestContext();
	let n = 0;
	for (const [key, roles] of Object.entries({ recruiter: ['member', 'recruiter'], alumna: ['member', 'alumni'], moderator: ['member', 'moderator'] } as Record<string, Role[]>)) {
		const row = await ctx.prisma.member.create({ data: { email: `${key}.${++n}@exemple.fr`, firstName: key, lastName: 'Route', slug: `${key}-route-${n}`, status: 'active', roles } });
		who[key] = { id: row.id, roles };
	}
	const admin = await ctx.prisma.member.create({ data: { email: 'admin.route@exemple.fr', firstName: 'Admin', lastName: 'Route', slug: 'admin-route', status: 'active', roles: ['member', 'admin'] } });
	await saveCareersSettings(await loadActor(admin.id), { approvalRequired: 'false' });
});
afterAll(async () => ctx?.close());

function event<E extends RequestEvent>(path: string, key: string | null, init: { params?: Record<string, string>; form?: FormData } = {}): E {
	const url = new URL(path, 'http://127.0.0.1:3999');
	const m = key ? who[key]! : null;
	const locals = { member: m ? { id: m.id, roles: m.roles, firstName: key, lastName: 'Route', slug: `${key}-route`, locale: 'fr' } : null, locale: 'fr', sessionSecret: null };
	const request = init.form ? new Request(url, { method: 'POST', body: init.form }) : new Request(url);
	return { url, request, locals, params: init.params ?? {}, cookies: { get: () => undefined }, getClientAddress: () => '127.0.0.1' } as unknown as E;
}

async function outcome(run: () => unknown): Promise<{ status: number; location?: string; body?: unknown }> {
	try {
		return { status: 200, body: await run() };
	} catch (e) {
		const thrown = e as { status?: number; location?: string; body?: unknown };
		return { status: thrown.status ?? 500, location: thrown.location, body: thrown.body };
	}
}

describe('job board pages', () => {
	it('a recruiter-only member opens the posting form and posts through it', async () => {
		expect((await outcome(() => newLoad(event('/emplois/nouveau', 'recruiter') as never))).status).toBe(200);
		const form = new FormData();
		for (const [k, v] of Object.entries({ title: 'Responsable paie', employer: 'Paie & Co', contractType: 'cdi', sector: 'hr', place: 'Nantes', description: 'Un beau poste.', applyEmail: 'rh@paie.example.org', audience: 'members' })) form.set(k, v);
		const posted = await outcome(() => newActions.default!(event('/emplois/nouveau', 'recruiter', { form }) as never));
		expect(posted.status).toBe(303);
		expect(posted.location).toMatch(/^\/emplois\/[0-9a-f-]{36}\?posted=published$/);
		const board = (await boardLoad(event('/emplois?contract=cdi', 'recruiter') as never)) as { board: { offers: { title: string }[] } };
		expect(board.board.offers.map((o) => o.title)).toContain('Responsable paie');
	});

	it('bad input comes back as a 400 with French messages by field; a visitor is sent to log in to post', async () => {
		const form = new FormData();
		form.set('title', '');
		form.set('contractType', 'cdi');
		const failed = (await newActions.default!(event('/emplois/nouveau', 'alumna', { form }) as never)) as { status: number; data: { fields: Record<string, string> } };
		expect(failed.status).toBe(400);
		expect(failed.data.fields.title).toBe('Ce champ est obligatoire.');
		expect(failed.data.fields.sector).toBe('Choisissez un secteur d’activité.');
		const visitor = await outcome(() => newLoad(event('/emplois/nouveau', null) as never));
		expect(visitor).toMatchObject({ status: 303, location: '/login?redirectTo=%2Femplois%2Fnouveau' });
		expect((await outcome(() => boardLoad(event('/emplois?contract=mi-temps', 'alumna') as never))).status).toBe(400);
	});

	it('a members-only offer answers 404 to a visitor with a message inviting to log in', async () => {
		const { id } = await postOffer(await loadActor(who.alumna!.id), { title: 'Chef de chantier', employer: 'BTP Ouest', contractType: 'cdi', sector: 'construction', description: 'Chantiers.', applyEmail: 'rh@btp.example.org' });
		const visitor = await outcome(() => offerLoad(event(`/emplois/${id}`, null, { params: { id } }) as never));
		expect(visitor.status).toBe(404);
		expect(visitor.body).toMatchObject({ message: 'Cette offre est introuvable ou réservée aux membres : connectez-vous pour la voir.' });
		expect((await outcome(() => offerLoad(event(`/emplois/${id}`, 'recruiter', { params: { id } }) as never))).status).toBe(200);
		await withdrawOffer(await loadActor(who.alumna!.id), { offerId: id });
	});

	it('the moderators’ queue and the CSV export refuse members; the export is UTF-8 with a BOM and semicolons', async () => {
		expect((await outcome(() => queueLoad(event('/admin/emplois', 'alumna') as never))).status).toBe(403);
		expect((await outcome(() => queueLoad(event('/admin/emplois', 'moderator') as never))).status).toBe(200);
		expect((await outcome(() => exportCsv(event('/emplois/archives/export', 'recruiter') as never))).status).toBe(403);
		const response = await exportCsv(event('/emplois/archives/export', 'moderator') as never);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="offres-archivees-\d{4}-\d{2}-\d{2}\.csv"$/);
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder().decode(bytes.slice(3));
		const [header, row] = text.split('\r\n');
		expect(header).toBe('Intitulé;Entreprise;Contrat;Secteur;Lieu;Auteur;Publiée le;Date limite;Archivée le;Motif;Réponse;Répondu le;Candidatures');
		expect(row).toMatch(/^Chef de chantier;BTP Ouest;CDI;BTP et immobilier;;alumna Route;\d{4}-\d{2}-\d{2};;\d{4}-\d{2}-\d{2};retirée par son auteur;Sans réponse;;0$/);
	});
});
