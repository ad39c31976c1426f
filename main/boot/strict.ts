// The Electron stand-in may only ever be as wide as the real API the app
// uses: every object it hands out is wrapped so that reading a property it
// does not model throws at once, naming it. A new Electron call in the app
// then fails the boot test loudly instead of passing by accident.

/** Property reads that JavaScript itself makes (await, printing, JSON) rather than the app. */
const LANGUAGE_PROBES = new Set(['then', 'toJSON', 'inspect', 'constructor', 'asymmetricMatch', '$$typeof']);

export class MissingStandInError extends Error {}

/** Every read of a property the stand-in lacks, in order, even those the app swallowed. */
export const missingReads: string[] = [];

export function strict<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property === 'symbol' || property in object) return Reflect.get(object, property, receiver);
      if (LANGUAGE_PROBES.has(property)) return undefined;
      const what = `${name}.${property}`;
      missingReads.push(what);
      throw new MissingStandInError(
        `The Electron stand-in has no ${what}: the app uses an Electron API that the boot test does not model.`,
      );
    },
  });
}

/** An Electron-style event whose default the app may prevent. */
export function preventableEvent(): { preventDefault(): void; defaultPrevented: boolean } {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}
