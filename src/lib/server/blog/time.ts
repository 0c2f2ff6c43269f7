/** A datetime-local value ("2026-12-24T09:30") read in an IANA zone → the UTC instant, or null when malformed. */
export function localToUtc(value: string, zone: string): Date | null {
	const m = value.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/);
	if (!m) return null;
	const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
	const wall = Date.UTC(y, mo - 1, d, h, mi);
	if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== d) return null;
	// the zone's offset at that wall time, corrected once for DST edges
	let guess = wall - offsetMs(wall, zone);
	guess = wall - offsetMs(guess, zone);
	return new Date(guess);
}

/** The UTC instant as a datetime-local value in `zone`. */
export function utcToLocalInput(at: Date, zone: string): string {
	const local = new Date(at.getTime() + offsetMs(at.getTime(), zone));
	return local.toISOString().slice(0, 16);
}

function offsetMs(at: number, zone: string): number {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
			.formatToParts(new Date(at))
			.map((p) => [p.type, p.value])
	);
	const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
	return asUtc - Math.floor(at / 1000) * 1000;
}
