// Passwords of 12+ characters that appear near the top of public breach lists (lower-cased).
// A short local list: the machines have no network to query a breach service.
const COMMON = new Set([
	'123456789012', '1234567890123', '12345678901234', 'qwertyuiopas', 'qwertyuiop123', 'qwerty123456',
	'azertyuiopqs', 'azertyuiop12', 'azertyuiop123', 'azerty123456', 'motdepasse12', 'motdepasse123',
	'motdepasse1234', 'passwordpassword', 'password1234', 'password12345', 'password123456', 'passw0rd1234',
	'iloveyou1234', 'abcdefghijkl', 'abc123456789', 'aaaaaaaaaaaa', '111111111111', '000000000000',
	'administrator', 'administrateur', 'welcome12345', 'bienvenue123', 'bienvenue1234', 'soleil123456',
	'changeme1234', 'letmein12345', 'trustno11234', 'football1234', 'baseball1234', 'princess1234',
	'sunshine1234', 'qazwsxedcrfv', '1q2w3e4r5t6y', 'zaq12wsxcde3', 'p@ssw0rd1234', 'motdepasse!!',
	'jetaime123456', 'chocolat1234', 'doudou123456', 'marseille1234', 'nicolas12345', 'loulou123456'
]);

export function isCommonPassword(password: string): boolean {
	const lowered = password.toLowerCase();
	if (COMMON.has(lowered)) return true;
	// one character repeated, or a plain run of digits
	return /^(.)\1+$/.test(lowered) || /^\d+$/.test(lowered) && '01234567890123456789'.includes(lowered);
}
