import { describe, expect, it } from 'vitest';
import { earlyFetchLinks } from './early-fetch';

const BUILT = `<!doctype html><html><head>
<script type="module" async crossorigin src="./assets/account-at-load-BZyghca3.js"></script>
<script type="module" crossorigin src="./assets/index-DK72CfsU.js"></script>
<link rel="modulepreload" crossorigin href="./assets/account-at-load-BZyghca3.js">
<link rel="modulepreload" crossorigin href="./assets/client-DAUOUt3O.js">
<link rel="stylesheet" crossorigin href="./assets/style-BnLI9D8A.css">
<meta name="deskphone-later-modules" content="./assets/first-screen-CKgNucco.js">
</head><body><div id="app"></div></body></html>`;

describe('earlyFetchLinks', () => {
  it("lists the page's module scripts and module preloads once each, in page order", () => {
    expect(earlyFetchLinks(BUILT)).toBe(
      '<./assets/account-at-load-BZyghca3.js>; rel=modulepreload, ' +
        '<./assets/index-DK72CfsU.js>; rel=modulepreload, ' +
        '<./assets/client-DAUOUt3O.js>; rel=modulepreload',
    );
  });

  it('leaves out what the first screen loads later, styles, and anything not our own asset', () => {
    const hostile = `<script type="module" src="https://evil.example/x.js"></script>
      <script type="module" src="./assets/a.js>; rel=prefetch, <https://evil.example/y.js"></script>
      <link rel="modulepreload" href="/etc/passwd">
      <script src="./assets/classic-123.js"></script>`;
    expect(earlyFetchLinks(hostile)).toBeNull();
    expect(earlyFetchLinks(BUILT)).not.toMatch(/first-screen|style/);
  });
});
