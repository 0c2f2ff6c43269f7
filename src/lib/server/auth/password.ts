import { hash, verify } from '@node-rs/argon2';

// OWASP: Argon2id, ≥ 19 MiB, 2 iterations. Algorithm 2 = Argon2id.
const PARAMS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export function hashPassword(password: string): Promise<string> {
	return hash(password, PARAMS);
}

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
	if (!passwordHash) return false;
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

// Spends the same time as a real check when the account does not exist, so timing does not
// reveal which emails are registered.
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
	dummy ??= hashPassword('relais-timing-equaliser');
	await verifyPassword(await dummy, password);
}
