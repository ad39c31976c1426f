import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  type Session,
} from 'sip.js';

// The bench's baseline: what a page gets from SIP.js 0.21 with its defaults —
// the default SessionDescriptionHandler factory (5000 ms ICE gathering limit),
// the default media stream factory, the default peer connection settings.
// Only the ICE servers are set, to the same ones the DeskPhone row uses:
// SIP.js's default (a public Google STUN server) cannot be reached from the
// bench's network namespace. Bundled by esbuild at bench time; settings come
// from the query string: user, password, domain, wss, target, ice (comma-separated).

const query = new URLSearchParams(location.search);
const param = (name: string): string => query.get(name) ?? '';
const domain = param('domain');
const iceServers = param('ice')
  .split(',')
  .filter(Boolean)
  .map((urls) => ({ urls }));

const element = (selector: string): HTMLElement => {
  const found = document.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`The page has no ${selector}.`);
  return found;
};
const status = element('[data-testid="registration-status"]');
const incoming = element('[data-testid="incoming-call"]');
const sessionState = element('[data-testid="session-state"]');

let current: Session | null = null;

function follow(session: Session): void {
  current = session;
  session.stateChange.addListener((state) => {
    sessionState.textContent = state;
    if (state !== SessionState.Initial) incoming.hidden = true;
    if (state === SessionState.Terminated && current === session) {
      current = null;
      sessionState.textContent = 'Idle';
    }
  });
}

const userAgent = new UserAgent({
  uri: UserAgent.makeURI(`sip:${param('user')}@${domain}`),
  transportOptions: { server: param('wss') },
  authorizationUsername: param('user'),
  authorizationPassword: param('password'),
  sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers } },
  logLevel: 'warn',
  delegate: {
    onInvite(invitation: Invitation) {
      if (current) {
        void invitation.reject();
        return;
      }
      follow(invitation);
      incoming.hidden = false;
      sessionState.textContent = 'Ringing';
    },
  },
});
const registerer = new Registerer(userAgent);
registerer.stateChange.addListener((state) => {
  status.textContent = state;
  status.classList.toggle('registered', state === RegistererState.Registered);
});

element('#call').addEventListener('click', () => {
  const target = UserAgent.makeURI(`sip:${param('target')}@${domain}`);
  if (!target || current) return;
  const inviter = new Inviter(userAgent, target);
  follow(inviter);
  void inviter.invite();
});

element('#answer').addEventListener('click', () => {
  if (current instanceof Invitation && current.state === SessionState.Initial) void current.accept();
});

function hangUp(): Promise<void> {
  const session = current;
  if (!session) return Promise.resolve();
  if (session.state === SessionState.Established) return session.bye().then(() => undefined);
  if (session instanceof Inviter) return session.cancel();
  if (session instanceof Invitation) return session.reject();
  return Promise.resolve();
}
element('#hangup').addEventListener('click', () => void hangUp());

// For the bench: leave without a stale contact at the registrar.
Object.defineProperty(window, '__barePhone', {
  value: {
    stop: async () => {
      await hangUp().catch(() => undefined);
      await registerer.unregister().catch(() => undefined);
      await userAgent.stop();
    },
  },
});

void userAgent.start().then(() => registerer.register());
