//! The instructor's guide: a 50-minute class through the scenarios, the
//! question to ask before each reveal, and how to publish the page.
//!
//! Static text we wrote, not user input, so it is kept as one HTML string:
//! far lighter in the page than the same markup built element by element.
//! Its links are hash links that open the scenarios in this page.

use yew::prelude::*;

const GUIDE: &str = r##"<section class="lab guide" aria-labelledby="guide-title">
<h2 id="guide-title">Instructor guide</h2>
<p class="lab-intro">A 50-minute class on web sessions, their hijacking and fixation. Project the page (projector mode: <kbd>P</kbd>), step with the arrow keys, and before each verdict ask the room the question below; then flip the defense that answers it. Every outcome is computed by the simulation, so "what if…?" is answered by trying it.</p>
<p>For a class that predicts before each reveal, press <b>Predict first</b> (Q) above the scenario, or share a link with it on, such as <a href="#v=1&amp;s=hijack-sniffing&amp;predict=1">this one</a>: each attack then stops before the step that decides it and asks "Will the attacker get in?" (answers A and B, for a show of hands in projector mode); nothing on the screen gives the outcome away until someone answers, and each student sees their tally under "My predictions".</p>
<h3>A 50-minute class</h3>
<table class="plan">
<thead><tr><th scope="col">Minutes</th><th scope="col">Scenario</th><th scope="col">Ask before the reveal</th><th scope="col">Then flip</th></tr></thead>
<tbody>
<tr><td>0–5</td><td><a href="#v=1&amp;s=login">Logging in</a></td><td>After the password, how does the shop remember Alice on the next page?</td><td>Open a message (Enter) and find the session ID.</td></tr>
<tr><td>5–9</td><td><a href="#v=1&amp;s=preferences">Preferences: cookie or session?</a></td><td>Which data may live in a cookie, and which only on the server?</td><td>User role kept in</td></tr>
<tr><td>9–15</td><td><a href="#v=1&amp;s=hijack-sniffing">Hijacking by sniffing</a></td><td>On café Wi-Fi over http://, will the attacker get in?</td><td>Shop served over HTTPS, then HSTS</td></tr>
<tr><td>15–21</td><td><a href="#v=1&amp;s=hijack-xss">Hijacking by XSS</a>, then <a href="#v=1&amp;s=session-riding-xss">session riding</a></td><td>Will the injected script get the cookie? With HttpOnly on, can it still act as Alice?</td><td>HttpOnly, then Search page output</td></tr>
<tr><td>21–28</td><td><a href="#v=1&amp;s=fixation-url">Fixation by URL</a>, then <a href="#v=1&amp;s=fixation-cookie-tossing">cookie tossing</a></td><td>The attacker chose the ID before Alice logged in: does it still work after?</td><td>New session ID at login, then __Host- prefix</td></tr>
<tr><td>28–33</td><td><a href="#v=1&amp;s=predictable-ids">Predicting weak IDs</a></td><td>Can the attacker guess a live session ID?</td><td>Session ID generator; then the Session-ID lab</td></tr>
<tr><td>33–39</td><td><a href="#v=1&amp;s=reuse-after-logout">Reuse after logout</a>, then <a href="#v=1&amp;s=reuse-after-inactivity">after inactivity</a></td><td>Alice logged out (or walked away): does her old ID still open her account?</td><td>Logout, then Idle timeout</td></tr>
<tr><td>39–45</td><td><a href="#v=1&amp;s=csrf">Cross-site request forgery</a>, then <a href="#v=1&amp;s=role-tampering">role tampering</a></td><td>Will the prize page move Alice's money?</td><td>SameSite, CSRF token</td></tr>
<tr><td>45–50</td><td><a href="#v=1&amp;view=matrix">Defense matrix</a></td><td>Pick a ✓ cell: which step did the defense break?</td><td>Open the cell; try the Cookie lab at home.</td></tr>
</tbody>
</table>
<h3>Beyond the 50 minutes</h3>
<p><a href="#v=1&amp;s=mobile-ip-change">Binding's price</a>: Alice's phone goes from Wi-Fi to 4G between two pages, and with "Bind session to" set to the IP address the shop refuses her own session (the reason: bound to another client, IP address) and she is logged out. Ask "was that worth it?", then show <a href="#v=1&amp;s=hijack-sniffing&amp;cfg=binding:ip">hijacking by sniffing with IP binding on</a>: the attacker on the same café Wi-Fi shares her public address and still gets in. Set "Bind session to" to nothing and she stays logged in.</p>
<p><a href="#v=1&amp;s=cart-size">Session size</a>: the shop keeps Alice's cart in a cookie and rewrites it whole on every change. Ask "how big can a cart get?", then step to the cup whose cookie passes 4096 bytes: the browser refuses it (NameValuePairExceedsMaxSize), the shop is not told, and the cart silently stops growing. Set "Cart kept in" to the session: every cup is kept, and the server says how many bytes it now holds for her, the memory it pays for every user.</p>
<p><a href="#v=1&amp;s=load-balancer">Where sessions live</a>: the shop runs on two app servers behind a load balancer that takes turns (round robin), and each keeps sessions in its own memory. Ask "what happens when a request lands on the other server?", then step to it: the other server has never heard of her ID (it adopts it as an empty session), she is logged out and the cart is gone, and the order is never placed. Set "Load balancer routing" to sticky sessions (a SERVERID cookie brings her back to the same server) or "Session store" to a shared store: the whole cart is ordered. Then compare the stores after her 30 idle minutes: a key-value store deletes the key itself when its TTL runs out (Redis, connect-redis); Django's database refuses the expired row on read and its hourly cleanup job deletes it later; PHP's files work until its garbage collector, run on 1 request in 100, happens to delete them.</p>
<p><a href="#v=1&amp;s=signed-cookie-replay">Stateless sessions</a>: the shop keeps no sessions and signs Alice's session into her cookie instead (Rails' cookie store, Flask, a JWT in a cookie). The attacker on the café Wi-Fi copies it, decodes it without any key (base64url is not encryption) and changes the user in it: the signature check refuses that. Ask "Alice logs out: is the copy dead?", then step to the replay ten minutes later: it opens her account, because logout only deleted her own copy and the server has nothing to destroy. Turn on "Denylist logged-out tokens" (refused: revoked, at the price of a lookup on every request, state again) or set "Signed cookie lifetime" to 5 minutes (refused: expired); set "Session state kept in" back to the server's store and the ID is simply unknown after logout.</p>
<p><a href="#v=1&amp;s=remember-me-theft">Remember me</a>: Alice logs in with "Remember me" ticked, a script in a product review sends her cookies to the attacker, and she closes the browser. Done the naive way the session cookie has Max-Age of 30 days, and the server has to lift its idle timeout for that session or the cookie would be useless: the attacker's copy still works four days later. Ask "what should the shop keep, and what should it change each time?", then set "Remember me" to the separate token: the server stores only a hash of the validator, Alice's return three days later opens a fresh session and rotates the token, and the attacker's replay of the old copy is detected as theft (all of her tokens revoked). Ask what happens if the attacker comes back first: they get a session, but the transfer page asks for the password, and Alice's return with the stale token trips the same alarm.</p>
<p><a href="#v=1&amp;s=session-store-leak">Insecure session storage</a>: Alice logs in and checks out, and the shop copies her password, API token and card number into her session "to save a database query". Its session files lie in a directory the web server serves (a deploy that put them under the web root, a backup left beside the site), and the attacker downloads /sessions/ from anywhere. Ask "what is in a session, and what is it filed under?", then step to the listing: her secrets in clear, each file named by a live session ID, which opens her account when sent back. Set "Session holds" to a user reference only: the card shows as its last four digits and nothing secret leaks, but the ID still does. Turn on "Encrypt session data at rest": the copy is ciphertext (say that the key must live elsewhere: in the same backup it protects nothing), but the file names are still IDs. Set "Store files sessions under" to a hash of the session ID: the names open nothing, the secrets still leak. Only "Session files kept" outside the web root keeps the attacker from the copy altogether; the seed's advice is all three: references only, storage nobody can download, and encryption where sensitive data must stay.</p>
<h3>Publishing the page for a class</h3>
<ol>
<li>Build it once: <code>scripts/test</code> builds and checks everything; <code>trunk build --release --public-url ./</code> only builds.</li>
<li>Copy the folder <code>dist/</code> to any static web host, at any path: a school server, a course site, a laptop running <code>python3 -m http.server</code>. Nothing else is needed: no server code, no database, no other site.</li>
<li>Share links: the address of any view (scenario, settings, seed, step, lab) opens that exact view for everyone.</li>
</ol>
<p class="explain">The page loads nothing from elsewhere and keeps nothing but its own settings and predictions, in the browser's local storage.</p>
</section>"##;

pub fn view() -> Html {
    Html::from_html_unchecked(AttrValue::Static(GUIDE))
}
