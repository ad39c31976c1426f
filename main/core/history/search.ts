// Matching for the Recent and Contacts searches. People type a name, part of
// a number, or a number written the way it was given to them
// ("+44 (20) 7946-0018"); all of these should find the call.

const SEPARATORS = /[\s\-().\u00a0\u2010-\u2015/]/g;
/** What a number typed with separators looks like: digits, separators and an optional +. */
const NUMBER_LIKE = /^[\s\-().\u00a0\u2010-\u2015/+0-9*#]+$/;

export interface Searchable {
  name: string;
  number: string;
  /** A call's note: any part of it finds the call. */
  note?: string;
}

/** A matcher for one query; an empty query matches everything. */
export function matcher(query: string | undefined): (item: Searchable) => boolean {
  const text = (query ?? '').trim().toLowerCase();
  if (!text) return () => true;
  const digits = NUMBER_LIKE.test(text) ? text.replace(SEPARATORS, '').replace(/^\+/, '') : '';
  return (item) => {
    if (item.name.toLowerCase().includes(text) || item.number.toLowerCase().includes(text)) return true;
    if (item.note?.toLowerCase().includes(text)) return true;
    if (!digits) return false;
    return item.number.replace(SEPARATORS, '').includes(digits);
  };
}
