// Inputs for every start rule SIP.js 0.21 parses with, taken from real
// traffic through Kamailio and Asterisk and from the RFCs' examples, plus a
// deterministic way to damage them (sipjs-grammar-compiled.test.ts).

export const GRAMMAR_SAMPLES: [rule: string, input: string][] = [
  ['Via', 'SIP/2.0/WSS am3kn5c53av5.invalid;branch=z9hG4bK7414263;rport=39718;received=127.0.0.1'],
  ['Via', 'SIP/2.0/UDP [2001:db8::9:1]:5060;branch=z9hG4bKas3-111;ttl=16;maddr=224.2.0.1'],
  ['Contact', '<sip:938embdm@am3kn5c53av5.invalid;transport=wss;alias=127.0.0.1~39718~6>;expires=600'],
  [
    'Contact',
    '"Mr. Watson" <sip:watson@worcester.bell-telephone.com>;q=0.7; expires=3600, <sip:w@b.com>;q=0.1',
  ],
  [
    'Contact',
    '<sip:x@h.invalid;transport=ws>;+sip.ice;reg-id=1;+sip.instance="<urn:uuid:2a7b6c1e-0b8e-4d40-9e1c-3f1b2d9f8a11>"',
  ],
  ['From', '"Alice Example" <sip:alice@deskphone.test>;tag=h8rmvd1l6k'],
  ['From', 'sip:+12125551212@phone2net.com;tag=887s'],
  ['To', '<sip:bob@deskphone.test>;tag=fn2ps0l0tc'],
  ['To', '"Bob \\"the\\" Builder" <sips:bob@[::1]:5061;transport=tls>'],
  ['Name_Addr_Header', '"Ünïcode Näme" <sip:1001@pbx.example.com;user=phone>;x-extra=1'],
  ['Name_Addr_Header', 'Anonymous <sip:anonymous@anonymous.invalid>'],
  ['CSeq', '2 INVITE'],
  ['CSeq', '4294967295 REGISTER'],
  ['Call_ID', 'gfpq2b0k8v3u7sv1ebl9'],
  ['Call_ID', 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com'],
  ['Record_Route', '<sip:127.0.0.1:7443;transport=ws;r2=on;lr>,<sip:10.0.0.1;r2=on;lr=on;ftag=abc>'],
  ['Content_Type', 'application/sdp'],
  ['Content_Type', 'multipart/mixed; boundary="unique-boundary-1"; charset=UTF-8'],
  ['Content_Length', '349'],
  ['Content_Disposition', 'session;handling=required'],
  ['Session_Expires', '1800;refresher=uac'],
  ['Min_SE', '90'],
  ['Max_Forwards', '70'],
  ['Proxy_Authenticate', 'Digest realm="deskphone.test", nonce="Y3cZ2WN3GG0m", qop="auth", algorithm=MD5'],
  [
    'WWW_Authenticate',
    'Digest realm="asterisk",nonce="1733568000/0b7a6a6f1b2e",opaque="3c1b4f6a2e8d",algorithm=md5,qop="auth"',
  ],
  ['WWW_Authenticate', 'Digest realm="x", nonce="n", stale=TRUE, domain="sip:a.example sip:b.example"'],
  ['challenge', 'Digest realm="biloxi.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093"'],
  ['Refer_To', '<sip:carol@deskphone.test?Replaces=abc%3Bto-tag%3D1%3Bfrom-tag%3D2>'],
  ['Referred_By', 'Referred-By: <sip:alice@deskphone.test>;cid="20398823.2UWQFN309shb3@referrer.example"'],
  ['Replaces', '98732@sip.example.com;from-tag=r33th4x0r;to-tag=ff87ff;early-only'],
  ['Event', 'dialog;id=1'],
  ['Event', 'message-summary'],
  ['Subscription_State', 'active;expires=3599'],
  ['Subscription_State', 'terminated;reason=timeout;retry-after=30'],
  ['Supported', 'outbound, path, gruu, 100rel, timer, replaces'],
  ['Require', 'outbound'],
  ['SIP_URI', 'sip:bob@[2001:db8::1]:5061;transport=tls'],
  ['SIP_URI', 'sips:1001@pbx.example.com:443;transport=ws;lr?subject=project%20x&priority=urgent'],
  ['SIP_URI', 'sip:%61lice@atlanta.com;maddr=239.255.255.1;ttl=15'],
  ['absoluteURI', 'http://www.example.com/path?query=1'],
  ['host', 'pbx.example.com'],
  ['host', '192.0.2.254'],
  ['displayName', '"Quoted \\\\ Name"'],
  ['quoted_string', '"a quoted string with \\" inside"'],
  ['uuid', 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6'],
  ['stun_URI', 'stun:stun.example.com:3478'],
  ['turn_URI', 'turns:turn.example.com:5349?transport=tcp'],
  ['turn_URI', 'turn:[::1]?transport=udp'],
  ['Request_Response', 'SIP/2.0 200 OK'],
  ['Request_Response', 'SIP/2.0 401 Unauthorized'],
  ['Request_Response', 'INVITE sip:bob@deskphone.test;transport=ws SIP/2.0'],
  ['Request_Response', 'OPTIONS sip:pbx.example.com SIP/2.0'],
  ['sipfrag', 'SIP/2.0 100 Trying'],
  ['sipfrag', 'SIP/2.0 603 Declined'],
];

/** `count` damaged copies of `input`: characters dropped, doubled, replaced or cut off (same each run). */
export function mutations(input: string, count: number): string[] {
  let seed = [...input].reduce((hash, character) => (hash * 31 + character.charCodeAt(0)) >>> 0, 7);
  const next = (below: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % below;
  };
  const specials = ['<', '>', ';', '"', ' ', '@', ':', '\r\n', '\0', 'é', ',', '=', '[', '%'];
  const damaged: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const at = next(input.length + 1);
    switch (next(4)) {
      case 0:
        damaged.push(input.slice(0, at) + input.slice(at + 1));
        break;
      case 1:
        damaged.push(input.slice(0, at) + input.charAt(at) + input.slice(at));
        break;
      case 2:
        damaged.push(input.slice(0, at) + specials[next(specials.length)] + input.slice(at + 1));
        break;
      default:
        damaged.push(input.slice(0, at));
    }
  }
  return damaged;
}
