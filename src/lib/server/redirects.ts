/** Only same-site paths: an attacker's ?redirectTo=https://evil.example must land on the home page. */
export function safeRedirectTarget(value: string | null | undefined): string {
	if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.length > 500) return '/';
	return value;
}
