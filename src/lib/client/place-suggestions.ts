import type { Action } from 'svelte/action';

/**
 * "Où ?" suggestions as one types: asks /api/v1/places (offline gazetteer) and fills the input's
 * <datalist> — the browser shows it as the field's accessible list of suggestions. Typing fast
 * sends one request per pause; an older answer never replaces a newer one.
 */
export const placeSuggestions: Action<HTMLInputElement> = (input) => {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let controller: AbortController | undefined;
	const fill = (labels: string[]) =>
		input.list?.replaceChildren(
			...labels.map((label) => {
				const option = document.createElement('option');
				option.value = label;
				return option;
			})
		);
	const ask = async () => {
		const q = input.value.trim();
		controller?.abort();
		// a suggestion just picked, or too little typed: nothing to ask
		if (q.length < 2 || [...(input.list?.options ?? [])].some((o) => o.value === q)) return;
		controller = new AbortController();
		try {
			const response = await fetch(`/api/v1/places?${new URLSearchParams({ q })}`, { signal: controller.signal, headers: { accept: 'application/json' } });
			if (!response.ok) return;
			const { places } = (await response.json()) as { places: { label: string }[] };
			fill(places.map((p) => p.label));
		} catch {
			// aborted or offline: the field still works without suggestions
		}
	};
	const onInput = () => {
		clearTimeout(timer);
		timer = setTimeout(ask, 150);
	};
	input.addEventListener('input', onInput);
	return {
		destroy() {
			input.removeEventListener('input', onInput);
			clearTimeout(timer);
			controller?.abort();
		}
	};
};
