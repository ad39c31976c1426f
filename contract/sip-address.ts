// A SIP address (user@domain[:port]), without zod: the phone parses it while
// starting up, before the schemas in account.ts are needed (re-exported there).

export const SIP_ADDRESS = /^(?:sips?:)?([^@\s:;]+)@([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;

export interface ParsedSipAddress {
  user: string;
  domain: string;
}

export function parseSipAddress(address: string): ParsedSipAddress | null {
  const match = SIP_ADDRESS.exec(address.trim());
  if (!match) return null;
  const port = match[3] ? `:${match[3]}` : '';
  return { user: match[1]!, domain: `${match[2]!}${port}` };
}
