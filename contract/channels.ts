// Channel names only, with no dependencies, so the sandboxed preload can check
// names without bundling the schema library.
export const INVOKE_CHANNELS = [
  'settings:get',
  'settings:save',
  'credentials:get',
  'credentials:digest',
  'vault:status',
  'vault:consent',
  'connection:probe',
  'cert:pins',
  'cert:pin',
  'cert:unpin',
  'notices:dismiss',
  'phone:report',
  'desk:get',
  'desk:save',
  'history:list',
  'history:mark-seen',
  'history:clear',
  'history:note',
  'contacts:list',
  'contacts:save',
  'contacts:delete',
  'policy:get',
  'doctor:network',
  'support:export',
  'recording:start',
  'recording:append',
  'recording:stop',
  'recording:read',
  'recording:reveal',
  'screenPop:open',
  'directory:get',
  'directory:refresh',
  'messages:list',
  'messages:record',
  'messages:mark-read',
] as const;

/**
 * What start-up needs before anything else can run: the preload asks main for
 * these (each with the empty request) when the page is created, while the
 * page's own scripts are still being fetched and compiled.
 */
export const STARTUP_READS = [
  'settings:get',
  'credentials:get',
  'desk:get',
  'vault:status',
  'policy:get',
] as const satisfies readonly (typeof INVOKE_CHANNELS)[number][];
export type StartupRead = (typeof STARTUP_READS)[number];

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(name);
}

/** Messages main sends to the renderer. */
export const EVENT_CHANNELS = [
  'phone:command',
  'desk:changed',
  'history:changed',
  'power:resumed',
  'directory:changed',
  'messages:changed',
] as const;

export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && (EVENT_CHANNELS as readonly string[]).includes(name);
}

/** Electron prefixes rejected invoke errors with its own text; users should see only ours. */
export function cleanIpcErrorMessage(message: string): string {
  return message.replace(/^Error invoking remote method '[^']+': (?:Error: )?/, '');
}
