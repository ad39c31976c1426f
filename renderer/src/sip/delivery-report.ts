// Delivery reports that arrive after the fact. A PBX that relays MESSAGEs
// (Asterisk's MessageSend) answers 202 before it tries the colleague's phone,
// so "not delivered" can only come later, as a MESSAGE of its own. We read the
// standard form of that report, an IMDN delivery notification (RFC 5438,
// message/imdn+xml), whose message-id names the MESSAGE it is about: we send
// every out-of-dialog MESSAGE with our message id as its SIP Call-ID, which
// Asterisk's dialplan sees as ${MESSAGE_DATA(Call-ID)} (README: "Messages").
//
// The report comes from the network: nothing in it is shown. Only a
// well-formed notification about an id we sent, from the peer we sent it to,
// changes anything (the messages state and main check both).

export const IMDN_CONTENT_TYPE = 'message/imdn+xml';
const IMDN_NAMESPACE = 'urn:ietf:params:xml:ns:imdn';
/** An IMDN is a few hundred bytes; anything much bigger is not one. */
export const REPORT_BODY_MAX_BYTES = 2048;
/** Our ids are UUIDs; allow any token a Call-ID may be, within the contract's id size. */
const MESSAGE_ID = /^[A-Za-z0-9.!%*_+`'~@:-]{1,64}$/;

/** What a delivery notification says: the message it is about and whether it got there. */
export interface DeliveryReport {
  ref: string;
  delivered: boolean;
}

/** How to turn text into a document: the page's DOMParser, or a test's. */
export type XmlParse = (xml: string) => Pick<Document, 'documentElement' | 'getElementsByTagName'>;

const browserParse: XmlParse = (xml) => new DOMParser().parseFromString(xml, 'application/xml');

/** The report in an IMDN body, or null when the body is anything else. */
export function readDeliveryReport(body: string, parse: XmlParse = browserParse): DeliveryReport | null {
  if (!body || new TextEncoder().encode(body).length > REPORT_BODY_MAX_BYTES) return null;
  // No DTDs: nothing from the network gets to define entities.
  if (/<!DOCTYPE|<!ENTITY/i.test(body)) return null;
  let root: Element | null;
  try {
    root = parse(body).documentElement;
  } catch {
    return null;
  }
  if (!root || root.localName !== 'imdn' || root.namespaceURI !== IMDN_NAMESPACE) return null;
  const ref = childText(root, 'message-id');
  if (!ref || !MESSAGE_ID.test(ref)) return null;
  const notification = firstChild(root, 'delivery-notification');
  const status = notification && firstChild(notification, 'status');
  const outcome = status && firstElement(status);
  if (!outcome || outcome.namespaceURI !== IMDN_NAMESPACE) return null;
  if (outcome.localName === 'delivered') return { ref, delivered: true };
  if (['failed', 'forbidden', 'error'].includes(outcome.localName)) return { ref, delivered: false };
  return null;
}

function children(parent: Element): Element[] {
  const list: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) list.push(node as Element);
  }
  return list;
}

function firstChild(parent: Element, name: string): Element | undefined {
  return children(parent).find((c) => c.localName === name && c.namespaceURI === IMDN_NAMESPACE);
}

function firstElement(parent: Element): Element | undefined {
  return children(parent)[0];
}

function childText(parent: Element, name: string): string {
  return (firstChild(parent, name)?.textContent ?? '').trim();
}
