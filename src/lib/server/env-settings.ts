import type { z } from 'zod';

type Env = Record<string, string | undefined>;

export interface EnvSettings<S> {
	/** validates the environment at start-up: a bad value stops the boot with its name */
	check(env?: Env): void;
	/** the settings, read from process.env once (on globalThis: the SvelteKit bundle and the server share them) */
	get(): S;
	/** tests and benchmarks override some values */
	configure(overrides: Partial<S>): S;
}

/** A domain's settings from environment variables: one zod schema, one mapping to the domain's units. */
export function envSettings<T extends z.ZodObject, S>(name: string, schema: T, toSettings: (values: z.infer<T>) => S): EnvSettings<S> {
	const key = Symbol.for(`relais.${name}.settings`);
	const holder = globalThis as { [key: symbol]: S | undefined };
	const get = (): S => {
		if (!holder[key]) {
			const parsed = schema.safeParse(process.env);
			holder[key] = toSettings(parsed.success ? parsed.data : schema.parse({}));
		}
		return holder[key];
	};
	return {
		check(env: Env = process.env) {
			const parsed = schema.safeParse(env);
			if (!parsed.success) throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
		},
		get,
		configure(overrides) {
			holder[key] = { ...get(), ...overrides };
			return holder[key];
		}
	};
}
