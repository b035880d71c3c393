//! The instructor's guide's text: a lesson plan (objectives, a 50-minute class of
//! four scenarios, misconceptions with the step that refutes each,
//! discussion questions, a prediction worksheet and an exit ticket with its
//! answers), then more scenarios for another class.
//!
//! Static text we wrote, not user input, so it is kept as one HTML string:
//! far lighter in the page than the same markup built element by element.
//! Its links are hash links that open the scenarios in this page.

pub const GUIDE: &str = r##"<section class="lab guide" aria-labelledby="guide-title">
<h2 id="guide-title">Instructor guide: a lesson plan</h2>
<p class="lab-intro">One 50-minute class on web sessions, their hijacking and fixation, for students who know what HTTP requests are but not yet how a site remembers them. Project the page (projector mode: <kbd>P</kbd>), step with the arrow keys, and let the room predict before each outcome. Every outcome is computed by the simulation, so "what if…?" is answered by trying it.</p>
<h3>Learning objectives</h3>
<p>By the end of the class a student can:</p>
<ol>
<li>Explain how a session ID in a cookie lets the server remember a user between requests, and what the server keeps for it.</li>
<li>Say how session hijacking (the ID stolen by sniffing or by a script) and session fixation (an ID chosen by the attacker) work, and why the ID alone is enough for both.</li>
<li>Choose the defense for each (HTTPS with Secure and HSTS, HttpOnly, a new session ID at login) and say what each one does not stop.</li>
<li>Read a <code>Set-Cookie</code> and a <code>Cookie</code> header and predict whether the browser sends the cookie.</li>
</ol>
<h3>The 50 minutes</h3>
<p>Switch on <b>Predict first</b> (<kbd>Q</kbd>), or share <a href="#v=1&amp;s=hijack-sniffing&amp;predict=1">a link with it on</a>: each attack stops before the step that decides it and asks "Will the attacker get in?" (A or B, a show of hands), with nothing on the screen giving the answer away. Each run ends on a card that names the deciding step and the settings that would have changed it. Also: <b>Beginner</b> (<kbd>B</kbd>) steps by a request and its answer; the question's <b>Class poll</b> fills the screen (<kbd>A</kbd> or <kbd>B</kbd> answers); an attack's Defenses open on the <b>defender's challenge</b>.</p>
<table class="plan">
<thead><tr><th scope="col">Minutes</th><th scope="col">Scenario</th><th scope="col">Ask</th><th scope="col">Then flip (Defenses, <kbd>D</kbd>)</th></tr></thead>
<tbody>
<tr><td>0–8</td><td><a href="#v=1&amp;s=login">Logging in</a></td><td>After the password, how does the shop know Alice on the next page? Open a message (Enter) and find the session ID in <code>Set-Cookie</code>, then in each <code>Cookie</code>.</td><td>Read the end card: the ID did not change at login. Try New session ID at login.</td></tr>
<tr><td>8–21</td><td><a href="#v=1&amp;s=hijack-sniffing">Hijacking by sniffing</a></td><td>On café Wi-Fi over http://, will the attacker get in?</td><td>Secure alone (still in: the <code>Set-Cookie</code> crosses in clear), then Shop served over HTTPS, then HSTS.</td></tr>
<tr><td>21–33</td><td><a href="#v=1&amp;s=hijack-xss">Hijacking by XSS</a>, then <a href="#v=1&amp;s=session-riding-xss">session riding</a></td><td>Will the injected script get the cookie? With HttpOnly on, can it still act as Alice?</td><td>HttpOnly; then Search page output (escaping stops the script itself).</td></tr>
<tr><td>33–44</td><td><a href="#v=1&amp;s=fixation-url">Fixation by URL</a></td><td>The attacker chose the ID before Alice logged in: does it still work after?</td><td>New session ID at login.</td></tr>
<tr><td>44–50</td><td>Exit ticket (below)</td><td colspan="2">Five questions on paper or by show of hands.</td></tr>
</tbody>
</table>
<h3>Misconceptions to address</h3>
<p>Each link opens the step that refutes it.</p>
<ul>
<li>"A Secure cookie is safe on an http:// site." <a class="refutes" data-verdict="in" href="#v=1&amp;s=hijack-sniffing&amp;cfg=secure:on&amp;step=80">Sniffing with Secure on</a>: the browser refuses the cookie, but the <code>Set-Cookie</code> that carries the ID crosses the Wi-Fi in clear, and the attacker gets in.</li>
<li>"HttpOnly stops cross-site scripting." <a class="refutes" data-verdict="in" href="#v=1&amp;s=session-riding-xss&amp;cfg=http-only:on&amp;step=17">Session riding with HttpOnly on</a>: the script cannot read the cookie, but its requests carry it, and the money moves.</li>
<li>"Binding the session to the IP address stops hijacking." <a class="refutes" data-verdict="in" href="#v=1&amp;s=hijack-sniffing&amp;cfg=binding:ip&amp;step=38">Sniffing with IP binding</a>: the attacker on the same café Wi-Fi shares Alice's public address.</li>
<li>"Logging in starts a new session." <a class="refutes" data-verdict="in" href="#v=1&amp;s=fixation-url&amp;step=19">Fixation by URL</a>: the ID the attacker chose still works after Alice's login.</li>
<li>"Logging out ends a stateless session." <a class="refutes" data-verdict="in" href="#v=1&amp;s=signed-cookie-replay&amp;step=47">Signed cookie replay</a>: the copy taken before the logout still opens her account.</li>
</ul>
<h3>Discussion questions</h3>
<ol>
<li>The session ID is a password the server made up. Where does a copy of it exist during the class's scenarios, and who can read each copy?</li>
<li>Why does a new session ID at login defeat fixation but not hijacking after the login?</li>
<li>HttpOnly and escaping the search page both "defend against XSS". What does each one stop?</li>
<li>A 5-minute idle timeout is safer than 24 minutes. Who pays for it, and how would you choose the number?</li>
</ol>
<h3 class="worksheet">Prediction worksheet</h3>
<p>For each run: predict, then write what decided it (the step and the mechanism: which cookie, which header, which rule).</p>
<table class="plan worksheet">
<thead><tr><th scope="col">Scenario and setting</th><th scope="col">Will the attacker get in?</th><th scope="col">What decided it</th></tr></thead>
<tbody>
<tr><td>Sniffing, as it comes</td><td>yes / no</td><td></td></tr>
<tr><td>Sniffing, Secure on (no HTTPS)</td><td>yes / no</td><td></td></tr>
<tr><td>Sniffing, HTTPS and HSTS</td><td>yes / no</td><td></td></tr>
<tr><td>XSS, HttpOnly on</td><td>yes / no</td><td></td></tr>
<tr><td>Session riding, HttpOnly on</td><td>yes / no</td><td></td></tr>
<tr><td>Fixation, new ID at login</td><td>yes / no</td><td></td></tr>
</tbody>
</table>
<h3>Exit ticket</h3>
<ol>
<li>What does the browser send so that the server knows it is you on the next page?</li>
<li>An attacker reads your traffic on café Wi-Fi. The site uses http:// and sets <code>Secure</code>. Are you safe? Why?</li>
<li>Which cookie attribute stops a script from reading the session ID, and what can the script still do?</li>
<li>What must a site do at login so that an ID chosen by an attacker is worthless?</li>
<li><code>Set-Cookie: id=1; Secure; HttpOnly; SameSite=Lax</code>: is the cookie sent with a form POST from another site?</li>
</ol>
<details class="answers"><summary>Answer key</summary>
<ol>
<li>The session ID, in the <code>Cookie</code> header; the server looks it up in its session store.</li>
<li>No. The browser refuses a Secure cookie from http://, but the <code>Set-Cookie</code> carrying the ID crosses the Wi-Fi in clear: the attacker reads it and gets in. Only HTTPS (and HSTS, so the first request is not http://) keeps it off the air.</li>
<li>HttpOnly. The script can still send requests from the page, and the browser attaches the cookie: it acts as you (session riding).</li>
<li>Issue a new session ID when the user logs in (and end the old one).</li>
<li>No: SameSite=Lax keeps the cookie home on cross-site POSTs; it goes only with top-level GET navigations from another site.</li>
</ol>
</details>
<h3>More scenarios, for a second class or homework</h3>
<p><a href="#v=1&amp;s=preferences">Preferences</a> (which data may live in a cookie), <a href="#v=1&amp;s=fixation-cookie-tossing">cookie tossing</a> (the __Host- prefix), <a href="#v=1&amp;s=predictable-ids">predicting weak IDs</a> (then the Session-ID lab), <a href="#v=1&amp;s=reuse-after-logout">reuse after logout</a> and <a href="#v=1&amp;s=reuse-after-inactivity">after inactivity</a>, <a href="#v=1&amp;s=busy-user-absolute-timeout">a busy user cut off by the absolute timeout</a> (the idle deadline moves with every page, the absolute one does not), <a href="#v=1&amp;s=csrf">cross-site request forgery</a> and <a href="#v=1&amp;s=role-tampering">role tampering</a>; then the <a href="#v=1&amp;view=matrix">defense matrix</a>: pick a ✓ cell and ask which step the defense broke.</p>
<p>Everyday costs and stores, each a question and the setting that answers it:</p>
<ul>
<li><a href="#v=1&amp;s=mobile-ip-change">Binding's price</a>: Alice's phone moves from Wi-Fi to 4G and IP binding logs her out; yet <a href="#v=1&amp;s=hijack-sniffing&amp;cfg=binding:ip">the café sniffer still gets in</a> behind the same NAT. Was it worth it? Flip Bind session to.</li>
<li><a href="#v=1&amp;s=cart-size">Session size</a>: a cart kept in a cookie stops growing, silently, past 4096 bytes; kept in the session it grows, and the server pays the memory. Flip Cart kept in.</li>
<li><a href="#v=1&amp;s=load-balancer">Where sessions live</a>: two app servers, each with its own memory, and round-robin routing lose Alice's cart. Flip Load balancer routing (sticky) or Session store (shared), then compare how each store expires an idle session.</li>
<li><a href="#v=1&amp;s=signed-cookie-replay">Stateless sessions</a>: a signed cookie resists tampering but is readable, and logout cannot revoke a stolen copy. Flip Denylist logged-out tokens or Signed cookie lifetime.</li>
<li><a href="#v=1&amp;s=remember-me-theft">Remember me</a>: a 30-day session cookie lets a stolen copy in for days; a rotating selector:validator token detects the replay as theft. Flip Remember me.</li>
<li><a href="#v=1&amp;s=session-store-leak">Insecure session storage</a>: session files under the web root leak the secrets kept in them and the live IDs that name them. Flip Session holds, Encrypt session data at rest, Store files sessions under, then Session files kept: only the last keeps the copy away.</li>
<li><a href="#v=1&amp;s=csrf-fresh-cookie">CSRF in the first two minutes</a>: a cookie without SameSite still rides another site's POST while it is under two minutes old, in Chromium. Flip SameSite to Lax.</li>
</ul>
<p class="explain">Building and hosting the page: see the README. The page loads nothing from elsewhere and keeps nothing but its own settings and predictions, in the browser's local storage.</p>
</section>"##;
