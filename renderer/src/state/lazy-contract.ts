// The contract's zod schemas check what main sends while the phone runs
// (commands, history changes). Evaluating zod and every schema cost start-up
// a good part of its time, and nothing needs them before the first message,
// so they come in a chunk of their own: fetched on first use, or warmed up
// once the phone is registered and idle (see startup.ts).

type Schemas = typeof import('./contract-schemas');

let loading: Promise<Schemas> | null = null;

export function contractSchemas(): Promise<Schemas> {
  loading ??= import('./contract-schemas');
  return loading;
}
