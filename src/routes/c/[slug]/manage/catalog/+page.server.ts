import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { addCatalogItem, catalogAdminView, deleteCatalogItem, deleteCatalogPhoto, moveCatalogItem, updateCatalogItem } from '#lib/server/companies/index.ts';
import { bytesOf } from '#lib/server/uploads/index.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { translate, type MessageKey } from '#lib/i18n/index.ts';
import { loadFailure } from '../../../load-errors.ts';

// Admins and advertisers: the domain checks the actor's role in THIS company on every call.
export const load: PageServerLoad = async (event) => {
	try {
		return await catalogAdminView(actorOf(event), event.params.slug);
	} catch (failure) {
		loadFailure(failure, event.locals.locale, event.url);
	}
};

const ITEM_FIELDS = ['reference', 'name', 'description', 'price', 'unit'];

async function photosOf(form: FormData): Promise<Uint8Array[]> {
	const files = await Promise.all(form.getAll('photos').slice(0, 10).map(bytesOf));
	return files.filter((f): f is Uint8Array => f !== null);
}

/** Failures name the form they belong to: "add" or "item:<id>", so only that form shows them. */
async function act(event: RequestEvent, done: MessageKey, run: (form: FormData) => Promise<unknown>) {
	const form = await event.request.formData();
	const itemId = form.get('itemId');
	const section = typeof itemId === 'string' ? `item:${itemId.slice(0, 40)}` : 'add';
	try {
		await run(form);
		return { section: 'catalog', success: translate(event.locals.locale, done) };
	} catch (error) {
		return failWith(error, event.locals.locale, { section, ...echo(form, ...ITEM_FIELDS) });
	}
}

export const actions: Actions = {
	add: (event) => act(event, 'companies.catalog.added', async (form) => addCatalogItem(actorOf(event), event.params.slug, formObject(form), await photosOf(form))),
	update: (event) => act(event, 'companies.catalog.updated', async (form) => updateCatalogItem(actorOf(event), event.params.slug, formObject(form), await photosOf(form))),
	delete: (event) => act(event, 'companies.catalog.deleted', (form) => deleteCatalogItem(actorOf(event), event.params.slug, formObject(form))),
	deletePhoto: (event) => act(event, 'companies.catalog.photo_deleted', (form) => deleteCatalogPhoto(actorOf(event), event.params.slug, formObject(form))),
	move: (event) => act(event, 'companies.catalog.moved', (form) => moveCatalogItem(actorOf(event), event.params.slug, formObject(form)))
};
