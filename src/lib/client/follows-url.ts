import type { Action } from 'svelte/action';

/**
 * For text fields that mirror the URL (the search forms). The server renders the value as the
 * field's default (`defaultValue`), so hydration keeps whatever was typed before the scripts
 * arrived — a controlled `value` would wipe it. After that, a navigation that changes the URL's
 * value (back button, a link, a new search) puts it in the field.
 */
export const followsUrl: Action<HTMLInputElement, string> = (node, initial) => {
	let current = initial;
	return {
		update(next) {
			if (next === current) return;
			current = next;
			node.value = next;
		}
	};
};
