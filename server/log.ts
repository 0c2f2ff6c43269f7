const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type Level = keyof typeof levels;

export function createLogger(min: Level) {
	const write = (level: Level, line: string) => {
		if (levels[level] < levels[min]) return;
		const stamp = new Date().toISOString();
		(level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${stamp} ${level.padEnd(5)} ${line}\n`);
	};
	return {
		debug: (line: string) => write('debug', line),
		info: (line: string) => write('info', line),
		warn: (line: string) => write('warn', line),
		error: (line: string) => write('error', line)
	};
}
export type Logger = ReturnType<typeof createLogger>;
