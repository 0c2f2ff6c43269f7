import { bytesOf } from '#lib/server/uploads/index.ts';
import { formObject } from '#lib/server/http.ts';

/** The publish / edit form as the domain takes it: fields, repeated choices, and the photo files' bytes. */
export async function publicationForm(form: FormData) {
	const raw = { ...formObject(form), recipientIds: form.getAll('recipientIds'), groupIds: form.getAll('groupIds'), removePhotos: form.getAll('removePhotos') };
	const photos: Uint8Array[] = [];
	for (const file of form.getAll('photos')) {
		const bytes = await bytesOf(file);
		if (bytes) photos.push(bytes);
	}
	const values: Record<string, string> = {};
	for (const name of ['kind', 'companyId', 'audience', 'title', 'body', 'place', 'price', 'expiresOn']) {
		const value = form.get(name);
		if (typeof value === 'string') values[name] = value.slice(0, 20_000);
	}
	return { raw, photos, values };
}
