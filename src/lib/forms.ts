/** What a failed form action sends back (see #lib/server/http.ts failWith). */
export interface FormFailure {
	message: string;
	fields: Record<string, string>;
	values: Record<string, string>;
}

/** Narrows a page's `form` prop to a failure, whatever the action's success shape. */
export function failureOf(form: unknown, section?: string): FormFailure | null {
	if (!form || typeof form !== 'object' || !('message' in form) || !('fields' in form)) return null;
	const failure = form as Partial<FormFailure>;
	const fields = failure.fields ?? {};
	// a message already shown under its field is not repeated in the banner above the form
	const message = Object.values(fields).includes(String(failure.message)) ? '' : String(failure.message);
	const result = { message, fields, values: failure.values ?? {} };
	if (section !== undefined && result.values.section !== section) return null;
	return result;
}

/** The success message of a sectioned form (settings page). */
export function successOf(form: unknown, section: string): string | null {
	if (!form || typeof form !== 'object' || !('success' in form) || !('section' in form)) return null;
	const value = form as { success: unknown; section: unknown };
	return value.section === section ? String(value.success) : null;
}
