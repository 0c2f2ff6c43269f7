import { DomainError } from '../../src/lib/server/errors.ts';

/** The DomainError a call rejects with (anything else — or success — fails the test). */
export async function rejection(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
	return error;
}
