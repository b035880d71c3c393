// Asks a real Chromium the questions that decide how Session Lab's simulated
// browser must behave, and prints the evidence: what each request carried when
// it reached the server, what the browser chain looked like from the inside
// (CDP), and what the browser stored.
//
// Run as root (HTTPS-Upgrades and HSTS only go to the default ports 80/443):
//   npm ci && node probe.mjs            (CHROMIUM=/path/to/chromium to override)
//
// Every host name is mapped onto loopback with --host-resolver-rules, so
// shoplab.com, blog.shoplab.com, shop.example and evil-site.com all reach the
// servers below. "443 closed" is simulated by mapping hosts to 127.0.0.2: the
// HTTP server listens on every address, the HTTPS server on 127.0.0.1 only.

import { chromium } from 'playwright-core';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ONLY = process.env.ONLY ? process.env.ONLY.split(',') : null; // e.g. ONLY=q1,q4
const LAX_UNSAFE_WAIT_MS = Number(process.env.LAX_UNSAFE_WAIT_MS || 125_000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const wants = (q) => !ONLY || ONLY.includes(q);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-probe-'));

// ---------------------------------------------------------------- certificate
// One self-signed certificate for every host. Its SPKI hash is given to
// --ignore-certificate-errors-spki-list, which makes the certificate verifier
// treat it as valid (no cert-status error), so HSTS headers are honoured; the
// plain --ignore-certificate-errors alone would leave the error bits set.
const HOSTS = ['shoplab.com', '*.shoplab.com', 'evil-site.com', '*.evil-site.com', 'shop.example', '*.shop.example'];
execFileSync('openssl', [
  'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
  '-keyout', path.join(scratch, 'key.pem'), '-out', path.join(scratch, 'cert.pem'),
  '-subj', '/CN=shoplab.com', '-addext', 'subjectAltName=' + HOSTS.map((h) => 'DNS:' + h).join(','),
], { stdio: 'ignore' });
const key = fs.readFileSync(path.join(scratch, 'key.pem'));
const cert = fs.readFileSync(path.join(scratch, 'cert.pem'));
const spki = crypto.createHash('sha256')
  .update(new crypto.X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' }))
  .digest('base64');

// --------------------------------------------------------------------- server
const serverLog = [];
const pick = (h) => ({
  cookie: h.cookie ?? '(none)',
  origin: h.origin ?? '(none)',
  referer: h.referer ?? '(none)',
  'sec-fetch-site': h['sec-fetch-site'] ?? '(none)',
  'sec-fetch-mode': h['sec-fetch-mode'] ?? '(none)',
  'sec-fetch-dest': h['sec-fetch-dest'] ?? '(none)',
  'sec-fetch-user': h['sec-fetch-user'] ?? '(none)',
});
const html = (res, body, headers = {}) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(`<!doctype html><html><head><title>${body.title ?? ''}</title></head><body>${body.html ?? ''}</body></html>`);
};

function route(scheme, req, res, u) {
  const p = u.pathname;
  const here = `${scheme}://${u.host}`;
  // Q1/Q2: a plain page that says where it was served from.
  if (p === '/' || p.startsWith('/q1/') || p === '/q2/after')
    return html(res, { title: `served ${here}${p}`, html: `<p>served ${here}${p}</p>` });
  if (p === '/q2/hsts')
    return html(res, { title: 'hsts set' }, { 'strict-transport-security': 'max-age=31536000; includeSubDomains' });
  // Q3: cookies on the target, forms and links on the attacker.
  if (p === '/q3/set-old')
    return html(res, { title: 'old set' }, { 'set-cookie': ['old_nss=1; Path=/'] });
  if (p === '/q3/set-fresh')
    return html(res, { title: 'fresh set' }, {
      'set-cookie': ['fresh_nss=1; Path=/', 'lax=1; Path=/; SameSite=Lax', 'strict=1; Path=/; SameSite=Strict',
        'none=1; Path=/; SameSite=None; Secure'],
    });
  if (p === '/q3/attack') {
    const target = u.searchParams.get('target');
    const auto = u.searchParams.get('auto') !== '0';
    return html(res, {
      title: 'attacker',
      html: `<form id=f method=POST action="${target}"><input name=amount value=100><button id=b>win a prize</button></form>` +
        (auto ? '<script>document.getElementById("f").submit()</script>' : ''),
    });
  }
  if (p === '/q3/link')
    return html(res, { title: 'attacker link', html: `<a id=go href="${u.searchParams.get('target')}">go</a>` });
  if (p === '/transfer' || p === '/q3/landing' || p.startsWith('/q7/nav') || p === '/q7/form-post')
    return html(res, { title: `landed ${p}` });
  // Q4: a third-party cookie and an attacker page embedding the shop.
  if (p === '/q4/set-none')
    return html(res, { title: 'none set' }, { 'set-cookie': ['tp_none=1; Path=/; SameSite=None; Secure', 'tp_default=1; Path=/'] });
  if (p === '/q4/embed')
    return html(res, {
      title: 'embedding',
      html: `<img src="https://shoplab.com/pixel"><script>
        fetch('https://shoplab.com/api', { credentials: 'include' })
          .then((r) => r.text()).then((t) => { document.title = 'done:' + t })
          .catch((e) => { document.title = 'err:' + e });
      </script>`,
    });
  if (p === '/pixel') {
    res.writeHead(200, { 'content-type': 'image/gif' });
    return res.end(Buffer.from('R0lGODlhAQABAAAAACwAAAAAAQABAAA=', 'base64'));
  }
  if (p === '/api') {
    res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-allow-credentials': 'true' });
    return res.end('api-ok');
  }
  // Q5: cookie values with a tab, a space, and tabs at both ends.
  if (p === '/q5/set')
    return html(res, { title: 'q5 set' }, { 'set-cookie': ['tab=x\ty; Path=/', 'space=x y; Path=/', 'edges=\txy\t; Path=/'] });
  // Q6/Q7: the shop's own pages.
  if (p === '/q6/set')
    return html(res, { title: 'q6 set' }, { 'set-cookie': ['strict6=s; Path=/; SameSite=Strict', 'strict6_httponly=h; Path=/; SameSite=Strict; HttpOnly'] });
  if (p === '/q7/page')
    return html(res, {
      title: 'q7 page',
      html: '<a id=nav href="/q7/nav-get">same-origin link</a><form id=f method=POST action="/q7/form-post"><button id=b>post</button></form>',
    });
  return html(res, { title: `generic ${here}${p}` });
}

function handler(scheme) {
  return (req, res) => {
    const u = new URL(req.url, `${scheme}://${req.headers.host}`);
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      serverLog.push({ at: Date.now(), url: `${scheme}://${req.headers.host}${req.url}`, method: req.method, ...pick(req.headers), ...(body ? { body } : {}) });
      route(scheme, req, res, u);
    });
  };
}

const httpServer = http.createServer(handler('http'));
const httpsServer = https.createServer({ key, cert }, handler('https'));
await new Promise((r) => httpServer.listen(80, '0.0.0.0', r));
await new Promise((r) => httpsServer.listen(443, '127.0.0.1', r));

// -------------------------------------------------------------------- browser
const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// mode 'chromium': Playwright's own switches (which disable HttpsUpgrades,
// ThirdPartyStoragePartitioning, field trials, ...) are all dropped, so the
// browser runs with Chromium's defaults. mode 'playwright': Playwright's usual
// launch, for comparison with what the e2e tests see.
async function launch({ mode = 'chromium', closed443 = false, prefs = null, args = [], certMode = 'spki' } = {}) {
  const dir = fs.mkdtempSync(path.join(scratch, 'profile-'));
  if (prefs) {
    fs.mkdirSync(path.join(dir, 'Default'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'Default', 'Preferences'), JSON.stringify(prefs));
  }
  const certArgs = certMode === 'spki'
    ? ['--ignore-certificate-errors', `--ignore-certificate-errors-spki-list=${spki}`]
    : ['--ignore-certificate-errors'];
  const probeArgs = [...BASE_ARGS, `--host-resolver-rules=MAP * ${closed443 ? '127.0.0.2' : '127.0.0.1'}`, ...certArgs, ...args];
  const ctx = mode === 'chromium'
    ? await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM, ignoreDefaultArgs: true,
      args: ['--headless', '--remote-debugging-pipe', `--user-data-dir=${dir}`, ...probeArgs, 'about:blank'],
    })
    : await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: probeArgs });
  const page = ctx.pages()[0] ?? await ctx.newPage();
  return { ctx, page };
}

async function commandLine(page) {
  await page.goto('chrome://version');
  const text = await page.innerText('body');
  return (text.match(/Command Line\s+(.*)/) ?? [])[1];
}

async function pref(page, dotted) {
  await page.goto('chrome://prefs-internals');
  let node = JSON.parse(await page.innerText('body'));
  for (const k of dotted.split('.')) node = node?.[k];
  return node?.value;
}

// The browser's own view of a navigation, including internal redirects
// (HSTS, HTTPS-Upgrades) that never reach a server.
async function chainOf(ctx, page, action) {
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  const chain = [];
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.type !== 'Document') return;
    if (e.redirectResponse) {
      const h = e.redirectResponse.headers;
      chain.push(`  <- ${e.redirectResponse.status} ${e.redirectResponse.url}` +
        ` (Non-Authoritative-Reason: ${h['Non-Authoritative-Reason'] ?? h['non-authoritative-reason'] ?? '-'})`);
    }
    chain.push(`  -> ${e.request.method} ${e.request.url}`);
  });
  cdp.on('Network.loadingFailed', (e) => { if (e.type === 'Document') chain.push(`  xx failed: ${e.errorText}`); });
  const error = await action(cdp).then(() => null, (e) => e.message.split('\n')[0]);
  await cdp.detach().catch(() => {});
  return { chain, error };
}

async function typedNavigation(ctx, page, url) {
  const since = Date.now();
  let navigateError = null;
  let committed = '?';
  const { chain, error } = await chainOf(ctx, page, async (cdp) => {
    const r = await cdp.send('Page.navigate', { url, transitionType: 'typed' });
    if (r.errorText) navigateError = r.errorText;
    await page.waitForLoadState('load', { timeout: 10_000 }).catch(() => {});
    await sleep(1500);
    // HTTPS-First's warning is committed as an error page at the http:// URL;
    // headless does not expose its text, the history entry shows the commit.
    const h = await cdp.send('Page.getNavigationHistory');
    const entry = h.entries[h.currentIndex];
    committed = `${entry.url} (transition ${entry.transitionType})`;
  });
  // An interstitial is an error page; read it without waiting on it forever.
  const body = await withTimeout(page.evaluate(() => document.body?.innerText ?? ''), '(body unreadable)');
  const title = await withTimeout(page.evaluate(() => document.title), '(title unreadable)');
  const server = ours(serverLog.filter((e) => e.at >= since)).map((e) => `${e.method} ${e.url}`);
  return { chain, error: navigateError ?? error, committed, finalUrl: page.url(), title, body: body.replace(/\s+/g, ' ').slice(0, 200), server };
}

const withTimeout = (promise, fallback, ms = 3000) =>
  Promise.race([promise.catch((e) => `${fallback}: ${e.message.split('\n')[0]}`), sleep(ms).then(() => `${fallback}: timeout`)]);
// Only the simulated sites: the browser's own background traffic (update
// checks, account lookups) also lands here through MAP *, and is noise.
const OUR_HOST = /^(?:[a-z0-9-]+\.)*(?:shoplab\.com|evil-site\.com|shop\.example)$/;
const ours = (entries) => entries.filter((e) => OUR_HOST.test(new URL(e.url).hostname) && !e.url.endsWith('/favicon.ico'));
const out = (...lines) => console.log(lines.join('\n'));
const requestsSince = (since, test = () => true) => ours(serverLog).filter((e) => e.at >= since && test(e));
const show = (entries) => entries.map((e) => '  ' + JSON.stringify(e, (k, v) => (k === 'at' ? undefined : v))).join('\n') || '  (no request reached the server)';
const cookieNames = async (ctx, url) => (await ctx.cookies(url)).map((c) => `${c.name}=${JSON.stringify(c.value)} sameSite=${c.sameSite} secure=${c.secure} httpOnly=${c.httpOnly}`);

// ======================================================================= run
out(`Chromium: ${execFileSync(CHROMIUM, ['--version']).toString().trim()}`);

// The main browser: Chromium's own defaults, every host on 127.0.0.1.
const main = await launch();
out(`Main browser command line: ${await commandLine(main.page)}`);
out(`Pref profile.cookie_controls_mode = ${await pref(main.page, 'profile.cookie_controls_mode')} ` +
  `(0 allow all, 1 block third-party, 2 block in incognito only)`);
for (const p of ['https_only_mode_enabled', 'https_first_balanced_mode_enabled', 'https_first_mode_incognito_enabled', 'https_upgrades.policy.upgrades_enabled'])
  out(`Pref ${p} = ${JSON.stringify(await pref(main.page, p))}`);

// Q3 needs a cookie more than two minutes old: set it now, use it after Q1/Q2.
let oldSetAt = null;
if (wants('q3')) {
  await main.page.goto('https://shoplab.com/q3/set-old');
  oldSetAt = Date.now();
}

// ------------------------------------------------------------------------ Q1
if (wants('q1')) {
  out('\n=== Q1 HTTPS-Upgrades / HTTPS-First: typed http:// navigations, fresh profile each ===');
  const cases = [
    { label: 'Chromium defaults', opts: {} },
    { label: 'Playwright defaults', opts: { mode: 'playwright' } },
    { label: 'pref https_only_mode_enabled=true (HTTPS-First Mode, strict)', opts: { prefs: { https_only_mode_enabled: true } } },
    { label: 'pref https_first_balanced_mode_enabled=true (balanced)', opts: { prefs: { https_first_balanced_mode_enabled: true } } },
    { label: '--enable-features=HttpsFirstModeV2ForTypicallySecureUsers', opts: { args: ['--enable-features=HttpsFirstModeV2ForTypicallySecureUsers'] } },
  ];
  for (const { label, opts } of cases) {
    for (const closed443 of [false, true]) {
      for (const url of ['http://shoplab.com/q1/', 'http://shop.example/q1/', 'http://blog.shoplab.com/q1/']) {
        const b = await launch({ ...opts, closed443 });
        const prefName = opts.prefs && Object.keys(opts.prefs)[0];
        const prefNow = prefName ? `${prefName} = ${await pref(b.page, prefName)}` : null;
        const r = await typedNavigation(b.ctx, b.page, url);
        if (process.env.SHOTS) await b.page.screenshot({ path: path.join(process.env.SHOTS, `q1-${label.replace(/\W+/g, '_')}-${closed443}-${new URL(url).hostname}.png`) }).catch(() => {});
        out(`-- [${label}] 443 ${closed443 ? 'CLOSED' : 'open'}: typed ${url}`,
          ...r.chain, `  page error: ${r.error ?? '-'}`, `  history entry: ${r.committed}`, `  final url: ${r.finalUrl}`, `  title: ${r.title}`,
          `  body: ${r.body}`, `  server saw: ${r.server.join(' | ') || '(nothing)'}`);
        if (prefNow) out(`  pref as loaded: ${prefNow}`);
        await b.ctx.close();
      }
    }
  }
}

// ------------------------------------------------------------------------ Q2
if (wants('q2')) {
  out('\n=== Q2 HSTS: header from https://shoplab.com, then http:// navigations ===');
  const cases = [
    { label: 'HttpsUpgrades disabled, so only HSTS can upgrade; valid-looking cert (SPKI allow-list)', opts: { args: ['--disable-features=HttpsUpgrades'] } },
    { label: 'Chromium defaults (HTTPS-Upgrades on too)', opts: {} },
    { label: 'HttpsUpgrades disabled; only --ignore-certificate-errors (cert error bits kept)', opts: { args: ['--disable-features=HttpsUpgrades'], certMode: 'ignore-only' } },
  ];
  for (const { label, opts } of cases) {
    const b = await launch(opts);
    out(`-- [${label}]`);
    const before = await typedNavigation(b.ctx, b.page, 'http://blog.shoplab.com/q2/after');
    out('  before HSTS, typed http://blog.shoplab.com/q2/after:', ...before.chain, `  server saw: ${before.server.join(' | ')}`);
    await b.page.goto('https://shoplab.com/q2/hsts');
    for (const url of ['http://shoplab.com/q2/after', 'http://blog.shoplab.com/q2/after']) {
      const r = await typedNavigation(b.ctx, b.page, url);
      out(`  after HSTS, typed ${url}:`, ...r.chain, `  final url: ${r.finalUrl}`, `  server saw: ${r.server.join(' | ')}`);
    }
    // A link-initiated (non-typed) navigation, for completeness.
    await b.page.setContent('<a id=go href="http://blog.shoplab.com/q2/after">go</a>').catch(() => {});
    const since = Date.now();
    const link = await chainOf(b.ctx, b.page, async () => { await b.page.click('#go'); await b.page.waitForLoadState('load'); });
    out('  after HSTS, link click to http://blog.shoplab.com/q2/after:', ...link.chain,
      `  server saw: ${requestsSince(since).map((e) => `${e.method} ${e.url}`).join(' | ')}`);
    await b.page.goto('chrome://net-internals/#hsts');
    await b.page.fill('#hsts-view-query-input', 'blog.shoplab.com').catch(() => {});
    await b.page.click('#hsts-view-query-submit').catch(() => {});
    await sleep(500);
    const q = await b.page.innerText('#hsts-view-query-output').catch((e) => `(unavailable: ${e.message.split('\n')[0]})`);
    out(`  net-internals HSTS query blog.shoplab.com: ${q.replace(/\s+/g, ' ').slice(0, 300)}`);
    await b.ctx.close();
  }
}

// ------------------------------------------------------------------------ Q3
if (wants('q3')) {
  out('\n=== Q3 cross-site form POST and link GET, https://evil-site.com -> https://shoplab.com ===');
  const { ctx, page } = main;
  // The fresh cookies are set 10 s before the POST, old_nss at least
  // LAX_UNSAFE_WAIT_MS (125 s) before it: Chromium's "Lax-allowing-unsafe"
  // window for cookies without SameSite is 2 minutes.
  const untilOldIsOld = oldSetAt + LAX_UNSAFE_WAIT_MS - 10_000 - Date.now();
  if (untilOldIsOld > 0) {
    out(`(waiting ${Math.round(untilOldIsOld / 1000)} s until old_nss is ${LAX_UNSAFE_WAIT_MS / 1000 - 10} s old)`);
    await sleep(untilOldIsOld);
  }
  await page.goto('https://shoplab.com/q3/set-fresh');
  const freshSetAt = Date.now();
  out('Stored for shoplab.com:', ...(await cookieNames(ctx, 'https://shoplab.com/')).map((c) => '  ' + c));
  await sleep(10_000);
  const age = (t) => `${Math.round((Date.now() - t) / 1000)} s`;
  out(`Ages at the POST: old_nss ${age(oldSetAt)}, fresh_nss/lax/strict/none ${age(freshSetAt)}`);

  let since = Date.now();
  await page.goto('https://evil-site.com/q3/attack?target=https://shoplab.com/transfer');
  await page.waitForURL('https://shoplab.com/transfer');
  out('-- auto-submitted form POST (no user gesture):', show(requestsSince(since, (e) => e.url.includes('/transfer'))));

  since = Date.now();
  await page.goto('https://evil-site.com/q3/attack?auto=0&target=https://shoplab.com/transfer');
  await page.click('#b');
  await page.waitForURL('https://shoplab.com/transfer');
  out('-- clicked form POST (user gesture):', show(requestsSince(since, (e) => e.url.includes('/transfer'))));

  since = Date.now();
  await page.goto('https://evil-site.com/q3/link?target=https://shoplab.com/q3/landing');
  await page.click('#go');
  await page.waitForURL('https://shoplab.com/q3/landing');
  out('-- clicked cross-site link, top-level GET:', show(requestsSince(since, (e) => e.url.includes('/q3/landing'))));

  out('\n-- plain http: http://evil-site.com -> http://shoplab.com (443 closed, fresh profile, Chromium defaults)');
  const b = await launch({ closed443: true });
  since = Date.now();
  await b.page.goto('http://shoplab.com/q3/set-fresh');
  out('Stored for http://shoplab.com:', ...(await cookieNames(b.ctx, 'http://shoplab.com/')).map((c) => '  ' + c));
  await b.page.goto('http://evil-site.com/q3/attack?target=http://shoplab.com/transfer');
  await b.page.waitForURL('http://shoplab.com/transfer');
  await b.page.goto('http://evil-site.com/q3/link?target=http://shoplab.com/q3/landing');
  await b.page.click('#go');
  await b.page.waitForURL('http://shoplab.com/q3/landing');
  out('requests (http):', show(requestsSince(since, (e) => e.url.startsWith('http:'))));
  await b.ctx.close();
}

// ------------------------------------------------------------------------ Q4
if (wants('q4')) {
  out('\n=== Q4 third-party cookies: https://evil-site.com embeds https://shoplab.com ===');
  const cases = [
    { label: 'Chromium defaults', opts: {} },
    { label: 'Playwright defaults', opts: { mode: 'playwright' } },
    { label: 'Chromium defaults + pref profile.cookie_controls_mode=0', opts: { prefs: { profile: { cookie_controls_mode: 0 } } } },
  ];
  for (const { label, opts } of cases) {
    const b = await launch(opts);
    out(`-- [${label}] cookie_controls_mode = ${await pref(b.page, 'profile.cookie_controls_mode')}`);
    await b.page.goto('https://shoplab.com/q4/set-none');
    out('  stored:', ...(await cookieNames(b.ctx, 'https://shoplab.com/')).map((c) => '    ' + c));
    const since = Date.now();
    await b.page.goto('https://evil-site.com/q4/embed');
    await b.page.waitForFunction(() => document.title.startsWith('done') || document.title.startsWith('err'), null, { timeout: 10_000 }).catch(() => {});
    out(`  page title after fetch: ${await b.page.title()}`,
      show(requestsSince(since, (e) => e.url.includes('/pixel') || e.url.includes('/api'))));
    await b.ctx.close();
  }
}

// ------------------------------------------------------------------------ Q5
if (wants('q5')) {
  out('\n=== Q5 Set-Cookie values with a tab / a space ===');
  const { ctx, page } = main;
  await page.goto('https://shoplab.com/q5/set');
  out('stored (context.cookies):', ...(await cookieNames(ctx, 'https://shoplab.com/')).filter((c) => /^(tab|space|edges)=/.test(c)).map((c) => '  ' + c));
  out(`document.cookie: ${JSON.stringify(await page.evaluate(() => document.cookie))}`);
  // The same values written by a script, for comparison with Set-Cookie.
  await page.evaluate(() => { document.cookie = 'js_tab=x\ty; path=/'; document.cookie = 'js_space=x y; path=/'; });
  out('after document.cookie writes:', ...(await cookieNames(ctx, 'https://shoplab.com/')).filter((c) => /^js_/.test(c)).map((c) => '  ' + c));
  const since = Date.now();
  await page.goto('https://shoplab.com/q5/echo');
  out('next request Cookie header:', show(requestsSince(since)));
}

// ------------------------------------------------------------------------ Q6
if (wants('q6')) {
  out('\n=== Q6 an injected script on https://shoplab.com ===');
  const { page } = main;
  await page.goto('https://shoplab.com/q6/set');
  await page.goto('https://shoplab.com/q6/page');
  out(`document.cookie: ${JSON.stringify(await page.evaluate(() => document.cookie))}`);
  const since = Date.now();
  await page.evaluate(() => fetch('/q6/post', { method: 'POST', body: 'stolen=1' }));
  out('same-origin fetch POST:', show(requestsSince(since)));
}

// ------------------------------------------------------------------------ Q7
if (wants('q7')) {
  out('\n=== Q7 Origin on same-origin requests from https://shoplab.com/q7/page ===');
  const { page } = main;
  await page.goto('https://shoplab.com/q7/page');
  let since = Date.now();
  await page.evaluate(() => fetch('/q7/fetch-post', { method: 'POST', body: 'x=1' }));
  out('fetch POST:', show(requestsSince(since)));
  since = Date.now();
  await page.evaluate(() => fetch('/q7/fetch-get'));
  out('fetch GET:', show(requestsSince(since)));
  since = Date.now();
  await page.click('#nav');
  await page.waitForURL('**/q7/nav-get');
  out('link click, top-level GET navigation:', show(requestsSince(since)));
  await page.goto('https://shoplab.com/q7/page');
  since = Date.now();
  await page.click('#b');
  await page.waitForURL('**/q7/form-post');
  out('form POST navigation:', show(requestsSince(since)));
}

await main.ctx.close();
httpServer.close();
httpsServer.close();
fs.rmSync(scratch, { recursive: true, force: true });
