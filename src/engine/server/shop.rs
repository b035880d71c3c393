//! The shop's pages: what each route does with the session.
//!
//! Pages that keep state (home, login, cart, checkout, preferences, search,
//! product) open a session as the application starts them (see
//! [`super::settings::SessionStart`]): eagerly, creating one if needed, or
//! lazily, only once something is stored. Pages behind the login (account,
//! transfer, admin, logout) only resume one: without a valid session they
//! send the visitor to `/login`.

use super::accounts::{Role, UserName};
use super::decision::{Decision, LimitScope, RegenerateTrigger, RoleSource, TransferRefusal};
use super::id_generator::SessionId;
use super::settings::{
    CartStorage, LoginLimit, LogoutPolicy, ReviewOutput, RoleStorage, SearchOutput, SessionContents,
};
use super::{Handling, Server};
use crate::engine::http::{cookie_header, form, HttpResponse, Method, StatusCode};
use crate::engine::rng::SimRng;

/// The role cookie's name, when the role is kept on the client.
pub const ROLE_COOKIE: &str = "role";
/// The preference cookie's name: the theme lives on the client.
pub const THEME_COOKIE: &str = "theme";
/// The cart cookie's name, when the cart is kept on the client.
pub const CART_COOKIE: &str = "cart";
/// A year, for the persistent preference cookie.
const YEAR_SECS: u64 = 31_536_000;

pub(crate) fn route(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let path = h.req.url.path().to_string();
    match (h.req.method, path.as_str()) {
        (Method::Get, "/") => home(server, h, rng),
        (Method::Get, "/login") => login_page(server, h, rng),
        (Method::Post, "/login") => login(server, h, rng),
        (Method::Get, "/account") => account(server, h, rng),
        (Method::Get, "/cart") => cart(server, h, rng),
        (Method::Post, "/cart/add") => cart_add(server, h, rng),
        (Method::Get, "/checkout") => checkout_page(server, h, rng),
        (Method::Post, "/checkout/address") => checkout_step(server, h, rng, Step::Address),
        (Method::Post, "/checkout/payment") => checkout_step(server, h, rng, Step::Payment),
        (Method::Post, "/checkout/confirm") => checkout_confirm(server, h, rng),
        (Method::Get, "/preferences") => preferences_page(server, h, rng),
        (Method::Post, "/preferences") => preferences_save(server, h, rng),
        (Method::Get | Method::Post, "/logout") => logout(server, h, rng),
        (Method::Get, "/search") => search(server, h, rng),
        (Method::Get, "/product") => product(server, h, rng),
        (Method::Post, "/product/review") => post_review(server, h),
        (Method::Get, "/transfer") => transfer_page(server, h, rng),
        (Method::Post, "/transfer") => transfer(server, h, rng),
        (Method::Get, "/admin") => admin(server, h, rng),
        (Method::Get, super::exposed::STORE_PATH) => super::exposed::listing(server, h),
        _ => {
            let mut r = HttpResponse::new(StatusCode::NotFound);
            r.body = "<h1>Not found</h1>".into();
            r
        }
    }
}

/// Escapes text for HTML, so `<script>` shows as text.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn page(title: &str, user: Option<&UserName>, body: &str) -> HttpResponse {
    let who = match user {
        Some(u) => format!("Logged in as {}", escape_html(u.as_str())),
        None => "Not logged in".to_string(),
    };
    HttpResponse::html(format!(
        "<!doctype html><title>{title} - Shop</title><p class=\"who\">{who}</p><h1>{title}</h1>{body}"
    ))
}

fn redirect(to: &str) -> HttpResponse {
    HttpResponse::redirect(StatusCode::SeeOther, to)
}

fn user_of(server: &Server, id: &SessionId) -> Option<UserName> {
    server.session(id).and_then(|s| s.user.clone())
}

/// The user of a session that may not exist (lazy session start).
fn user_in(server: &Server, id: Option<&SessionId>) -> Option<UserName> {
    id.and_then(|id| user_of(server, id))
}

fn home(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let id = server.open(h, rng);
    let user = user_in(server, id.as_ref());
    let items = cart_items(server, h, id.as_ref()).len();
    page(
        "Welcome",
        user.as_ref(),
        &format!("<p>Your cart holds {items} item(s).</p><a href=\"/cart\">Cart</a> <a href=\"/login\">Log in</a>"),
    )
}

fn login_page(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let id = server.open(h, rng);
    let user = user_in(server, id.as_ref());
    page(
        "Log in",
        user.as_ref(),
        "<form method=\"post\" action=\"/login\"><input name=\"user\"><input name=\"password\" type=\"password\"><button>Log in</button></form>",
    )
}

fn login(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let mut id = server.start(h, rng);
    let name = form::lookup(&h.form, "user").unwrap_or("").to_string();
    let password = form::lookup(&h.form, "password").unwrap_or("").to_string();

    let limit = server.settings().server.login_limit;
    let session_failures = server.session(&id).map_or(0, |s| s.data.failed_logins);
    let account_failures = server.accounts().get(&name).map_or(0, |a| a.failed_logins);
    let refused =
        match limit {
            LoginLimit::None => None,
            LoginLimit::PerSession { max_failures } => (session_failures >= max_failures)
                .then_some((LimitScope::Session, session_failures)),
            LoginLimit::PerAccount { max_failures } => (account_failures >= max_failures)
                .then_some((LimitScope::Account, account_failures)),
        };
    if let Some((scope, failures)) = refused {
        h.decisions.push(Decision::LoginRefused {
            user: name,
            scope,
            failures,
        });
        let mut r = page(
            "Too many attempts",
            None,
            "<p>Too many failed logins. Try again later.</p>",
        );
        r.status = StatusCode::TooManyRequests.code();
        r.reason = StatusCode::TooManyRequests.reason().into();
        return r;
    }

    let account = server.accounts().get(&name).cloned();
    let Some(account) = account.filter(|a| a.password == password) else {
        let failures = session_failures.saturating_add(1);
        if let Some(s) = server.session_mut(&id) {
            s.data.failed_logins = failures;
        }
        let account_failures = match server.accounts_mut().get_mut(&name) {
            Some(a) => {
                a.failed_logins = a.failed_logins.saturating_add(1);
                a.failed_logins
            }
            None => 0,
        };
        let shown = match limit {
            LoginLimit::PerAccount { .. } => account_failures,
            _ => failures,
        };
        h.decisions.push(Decision::LoginFailed {
            user: name,
            failures: shown,
        });
        return page(
            "Log in",
            None,
            "<p>Wrong user name or password.</p><form method=\"post\" action=\"/login\"><input name=\"user\"><input name=\"password\" type=\"password\"></form>",
        );
    };

    if server.settings().server.regenerate_on_login {
        let old = id.clone();
        id = server.regenerate(h, &old, RegenerateTrigger::Login, rng);
    }
    let contents = server.settings().server.contents;
    let role_storage = server.settings().application.role_storage;
    if let Some(a) = server.accounts_mut().get_mut(&name) {
        a.failed_logins = 0;
    }
    if let Some(s) = server.session_mut(&id) {
        s.user = Some(account.user.clone());
        s.data.failed_logins = 0;
        if role_storage == RoleStorage::Session {
            s.data.role = Some(account.role);
        }
        if contents == SessionContents::SensitiveData {
            s.data.email = Some(account.email.clone());
            s.data.card_number = Some(account.card_number.clone());
            s.data.password = Some(account.password.clone());
            s.data.api_token = Some(account.api_token.clone());
        }
    }
    if role_storage == RoleStorage::ClientCookie {
        h.set_cookies
            .push(format!("{ROLE_COOKIE}={}; Path=/", account.role.as_str()));
    }
    h.decisions.push(Decision::LoginSucceeded {
        user: account.user.clone(),
    });
    if form::lookup(&h.form, "remember").is_some_and(|v| !v.is_empty()) {
        server.remember_at_login(h, &id, &account.user, rng);
    }
    redirect("/account")
}

/// The role as the server reads it, and from where.
fn role_of(server: &Server, h: &Handling, id: &SessionId) -> (Option<Role>, RoleSource) {
    match server.settings().application.role_storage {
        RoleStorage::Session => (
            server.session(id).and_then(|s| s.data.role),
            RoleSource::Session,
        ),
        RoleStorage::ClientCookie => (
            cookie_header::first(&h.cookies, ROLE_COOKIE).and_then(Role::parse),
            RoleSource::ClientCookie,
        ),
    }
}

/// The logged-in user of a resumed session, or `None`.
fn logged_in(
    server: &mut Server,
    h: &mut Handling,
    rng: &mut SimRng,
) -> Option<(SessionId, UserName)> {
    let id = server.resume(h, rng)?;
    let user = user_of(server, &id)?;
    Some((id, user))
}

fn account(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let Some((id, user)) = logged_in(server, h, rng) else {
        return redirect("/login");
    };
    let balance = server
        .accounts()
        .get(user.as_str())
        .map_or(0, |a| a.balance);
    let (role, _) = role_of(server, h, &id);
    let role = role.map_or("none", Role::as_str);
    page(
        "Your account",
        Some(&user),
        &format!(
            "<p>Balance: ${balance}</p><p>Role: {role}</p><a href=\"/transfer\">Transfer money</a>"
        ),
    )
}

fn cart(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let id = server.open(h, rng);
    let user = user_in(server, id.as_ref());
    let items: Vec<String> = cart_items(server, h, id.as_ref())
        .iter()
        .map(|i| escape_html(i))
        .collect();
    page(
        "Cart",
        user.as_ref(),
        &format!(
            "<ul class=\"cart\">{}</ul><p>{} item(s)</p>",
            items
                .iter()
                .map(|i| format!("<li>{i}</li>"))
                .collect::<String>(),
            items.len()
        ),
    )
}

fn cart_add(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let item = form::lookup(&h.form, "item")
        .unwrap_or("")
        .trim()
        .to_string();
    match server.settings().application.cart_storage {
        CartStorage::Session => {
            let id = server.start(h, rng);
            if !item.is_empty() {
                if let Some(s) = server.session_mut(&id) {
                    let before = cart_value(&s.data.cart).len();
                    s.data.cart.push(item);
                    let after = cart_value(&s.data.cart).len();
                    // Told only when the cart passes a whole kilobyte, so
                    // that small carts say nothing new.
                    if after / 1024 > before / 1024 {
                        h.decisions.push(Decision::SessionCartGrew {
                            id: id.clone(),
                            items: count(s.data.cart.len()),
                            bytes: u64::try_from(after).unwrap_or(u64::MAX),
                        });
                    }
                }
            }
        }
        CartStorage::Cookie => {
            // The session (if any) is kept as the shop keeps it on every
            // page; the cart itself is the client's.
            server.open(h, rng);
            let mut items = cookie_cart(h);
            if !item.is_empty() {
                items.push(item);
                let value = cart_value(&items);
                let bytes = CART_COOKIE.len() + value.len();
                h.decisions.push(Decision::CartCookieWritten {
                    items: count(items.len()),
                    bytes: u64::try_from(bytes).unwrap_or(u64::MAX),
                });
                h.set_cookies.push(format!("{CART_COOKIE}={value}; Path=/"));
            }
        }
    }
    redirect("/cart")
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The cart as the shop writes it: each item percent-encoded, joined by
/// `|` (a character a cookie value may hold as it is).
pub fn cart_value(items: &[String]) -> String {
    items
        .iter()
        .map(|i| form::encode(i))
        .collect::<Vec<_>>()
        .join("|")
}

/// The cart the browser sent back in its `cart` cookie.
fn cookie_cart(h: &Handling) -> Vec<String> {
    cookie_header::first(&h.cookies, CART_COOKIE)
        .map(|v| {
            v.split('|')
                .filter(|i| !i.is_empty())
                .map(form::decode)
                .collect()
        })
        .unwrap_or_default()
}

/// The cart where the shop keeps it.
fn cart_items(server: &Server, h: &Handling, id: Option<&SessionId>) -> Vec<String> {
    match server.settings().application.cart_storage {
        CartStorage::Session => id
            .and_then(|id| server.session(id))
            .map(|s| s.data.cart.clone())
            .unwrap_or_default(),
        CartStorage::Cookie => cookie_cart(h),
    }
}

#[derive(Clone, Copy)]
enum Step {
    Address,
    Payment,
}

fn checkout_page(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let id = server.open(h, rng);
    let user = user_in(server, id.as_ref());
    let session = id.as_ref().and_then(|id| server.session(id));
    let (address, payment) = session.map_or((false, false), |s| {
        (
            s.data.checkout.address.is_some(),
            s.data.checkout.payment.is_some(),
        )
    });
    let step = match (address, payment) {
        (false, _) => "<p>Step 1 of 3: address</p><form method=\"post\" action=\"/checkout/address\"><input name=\"address\"></form>",
        (true, false) => "<p>Step 2 of 3: payment</p><form method=\"post\" action=\"/checkout/payment\"><input name=\"card\"></form>",
        (true, true) => "<p>Step 3 of 3: confirm with your password</p><form method=\"post\" action=\"/checkout/confirm\"><input name=\"password\" type=\"password\"></form>",
    };
    page("Checkout", user.as_ref(), step)
}

fn checkout_step(
    server: &mut Server,
    h: &mut Handling,
    rng: &mut SimRng,
    step: Step,
) -> HttpResponse {
    let id = server.start(h, rng);
    let (field, value) = match step {
        Step::Address => ("address", form::lookup(&h.form, "address")),
        Step::Payment => ("card", form::lookup(&h.form, "card")),
    };
    let value = value.unwrap_or("").trim().to_string();
    if value.is_empty() {
        let _ = field;
        return redirect("/checkout");
    }
    // The card number is as sensitive as what login copies in: with the
    // default policy the session keeps only a reference to it (the number
    // itself would go to the payment provider), so a stolen or leaked
    // session does not carry it.
    let keep_card = server.settings().server.contents == SessionContents::SensitiveData;
    if let Some(s) = server.session_mut(&id) {
        match step {
            Step::Address => s.data.checkout.address = Some(value),
            Step::Payment if keep_card => s.data.checkout.payment = Some(value),
            Step::Payment => s.data.checkout.payment = Some(card_reference(&value)),
        }
    }
    redirect("/checkout")
}

/// What the session keeps of a card number when it holds references only:
/// the last four digits, which PCI DSS allows to be shown, never the rest.
pub fn card_reference(card_number: &str) -> String {
    let digits: Vec<char> = card_number.chars().filter(char::is_ascii_digit).collect();
    let last4: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    format!("card ending {last4}")
}

fn checkout_confirm(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let mut id = server.start(h, rng);
    let Some(user) = user_of(server, &id) else {
        return redirect("/login");
    };
    let password = form::lookup(&h.form, "password").unwrap_or("");
    let ok = server
        .accounts()
        .get(user.as_str())
        .is_some_and(|a| a.password == password);
    let ready = server.session(&id).is_some_and(|s| {
        s.data.checkout.address.is_some()
            && s.data.checkout.payment.is_some()
            && !s.data.cart.is_empty()
    });
    if !ok || !ready {
        return redirect("/checkout");
    }
    // Confirming a payment with the password raises what the session may
    // do: a privilege change.
    if server.settings().server.regenerate_on_privilege_change {
        let old = id.clone();
        id = server.regenerate(h, &old, RegenerateTrigger::PrivilegeChange, rng);
    }
    let mut items = 0;
    if let Some(s) = server.session_mut(&id) {
        items = u32::try_from(s.data.cart.len()).unwrap_or(u32::MAX);
        s.data.cart.clear();
        s.data.checkout = Default::default();
        s.data.payment_confirmed = true;
        s.data.orders_placed = s.data.orders_placed.saturating_add(1);
    }
    h.decisions.push(Decision::OrderPlaced {
        user: user.clone(),
        items,
    });
    page("Thank you", Some(&user), "<p>Your order is placed.</p>")
}

fn preferences_page(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let id = server.open(h, rng);
    let user = user_in(server, id.as_ref());
    let theme = cookie_header::first(&h.cookies, THEME_COOKIE).unwrap_or("light");
    let language = id
        .as_ref()
        .and_then(|id| server.session(id))
        .and_then(|s| s.data.language.clone())
        .unwrap_or_else(|| "en".into());
    page(
        "Preferences",
        user.as_ref(),
        &format!(
            "<p>Theme: {} (from a cookie)</p><p>Language: {} (from the session)</p>",
            escape_html(theme),
            escape_html(&language)
        ),
    )
}

fn preferences_save(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let id = server.start(h, rng);
    if let Some(theme) = form::lookup(&h.form, "theme") {
        let theme: String = theme.chars().filter(char::is_ascii_alphanumeric).collect();
        h.set_cookies.push(format!(
            "{THEME_COOKIE}={theme}; Path=/; Max-Age={YEAR_SECS}"
        ));
    }
    if let Some(lang) = form::lookup(&h.form, "lang") {
        let lang = lang.to_string();
        if let Some(s) = server.session_mut(&id) {
            s.data.language = Some(lang);
        }
    }
    redirect("/preferences")
}

fn logout(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    server.forget_token(h);
    if server.stateless() {
        // Nothing to destroy: the session is the cookie itself.
        if let Some(id) = server.resume(h, rng) {
            if let Some(user) = user_of(server, &id) {
                let revoked = server.settings().server.token_denylist;
                if revoked {
                    server.revoke(&id, &user);
                }
                h.decisions.push(Decision::SignedCookieLoggedOut {
                    user,
                    token: id,
                    revoked,
                });
            }
            h.session = None;
        }
    } else if let Some(id) = server.resume(h, rng) {
        let user = user_of(server, &id);
        match server.settings().server.logout {
            LogoutPolicy::InvalidateSession => {
                server.store_mut().end(&id);
                h.session = None;
                h.decisions.push(Decision::SessionDestroyed { id, user });
            }
            LogoutPolicy::ClearCookieOnly => {
                h.decisions.push(Decision::SessionLeftAlive { id, user });
            }
        }
    }
    h.set_cookies.push(server.clear_session_cookie_line());
    if server.settings().application.role_storage == RoleStorage::ClientCookie {
        h.set_cookies
            .push(format!("{ROLE_COOKIE}=; Path=/; Max-Age=0"));
    }
    redirect("/")
}

fn search(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let id = server.open(h, rng);
    let user = user_in(server, id.as_ref());
    let q = form::lookup(&h.query, "q").unwrap_or("").to_string();
    let shown = match server.settings().application.search_output {
        SearchOutput::Escaped => escape_html(&q),
        SearchOutput::Reflected => q,
    };
    page(
        "Search",
        user.as_ref(),
        &format!("<p>Results for {shown}</p><p>No products found.</p>"),
    )
}

/// The product page, with the reviews visitors posted, written as the
/// application's templates write them.
fn product(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let id = server.open(h, rng);
    let user = user_in(server, id.as_ref());
    let raw = server.settings().application.review_output == ReviewOutput::Raw;
    let reviews: String = server
        .reviews()
        .iter()
        .map(|r| {
            let shown = if raw { r.clone() } else { escape_html(r) };
            format!("<li class=\"review\">{shown}</li>")
        })
        .collect();
    page(
        "Teapot",
        user.as_ref(),
        &format!(
            "<p>A teapot.</p><h2>Reviews</h2><ul>{reviews}</ul><form method=\"post\" action=\"/product/review\"><textarea name=\"text\"></textarea><button>Post a review</button></form>"
        ),
    )
}

/// Anyone may post a review: it is kept in the shop's database, not in a
/// session, and shown to every later visitor of the product page.
fn post_review(server: &mut Server, h: &mut Handling) -> HttpResponse {
    let text = form::lookup(&h.form, "text")
        .unwrap_or("")
        .trim()
        .to_string();
    if !text.is_empty() {
        server.reviews_mut().push(text);
        h.decisions.push(Decision::ReviewStored);
    }
    redirect("/product")
}

fn transfer_page(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let Some((id, user)) = logged_in(server, h, rng) else {
        return redirect("/login");
    };
    let token_field = if server.settings().application.csrf_token {
        let token = match server.session(&id).and_then(|s| s.data.csrf_token.clone()) {
            Some(t) => t,
            None => {
                let t = rng.hex(16);
                if let Some(s) = server.session_mut(&id) {
                    s.data.csrf_token = Some(t.clone());
                }
                t
            }
        };
        format!("<input type=\"hidden\" name=\"csrf\" value=\"{token}\">")
    } else {
        String::new()
    };
    // A session the remember-me token opened asks for the password again.
    let password_field = if opened_by_token(server, &id) {
        h.decisions
            .push(Decision::PasswordAskedAgain { user: user.clone() });
        "<p>Confirm your password to send money.</p><input name=\"password\" type=\"password\">"
    } else {
        ""
    };
    page(
        "Transfer money",
        Some(&user),
        &format!(
            "<form method=\"post\" action=\"/transfer\">{token_field}{password_field}<input name=\"to\"><input name=\"amount\"><button>Send</button></form>"
        ),
    )
}

fn opened_by_token(server: &Server, id: &SessionId) -> bool {
    server.session(id).is_some_and(|s| s.data.opened_by_token)
}

fn transfer(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let Some((id, user)) = logged_in(server, h, rng) else {
        h.decisions.push(Decision::TransferRefused {
            reason: TransferRefusal::NotLoggedIn,
        });
        return redirect("/login");
    };
    if server.settings().application.csrf_token {
        let expected = server.session(&id).and_then(|s| s.data.csrf_token.clone());
        let refusal = match (form::lookup(&h.form, "csrf"), expected) {
            (None, _) | (Some(""), _) => Some(TransferRefusal::CsrfTokenMissing),
            (Some(sent), Some(expected)) if sent == expected => None,
            _ => Some(TransferRefusal::CsrfTokenWrong),
        };
        if let Some(reason) = refusal {
            h.decisions.push(Decision::TransferRefused { reason });
            let mut r = page("Transfer refused", Some(&user), "<p>Invalid form.</p>");
            r.status = StatusCode::Forbidden.code();
            r.reason = StatusCode::Forbidden.reason().into();
            return r;
        }
    }
    if opened_by_token(server, &id) {
        let password = server
            .accounts()
            .get(user.as_str())
            .map(|a| a.password.clone());
        if password.is_none() || form::lookup(&h.form, "password") != password.as_deref() {
            h.decisions.push(Decision::TransferRefused {
                reason: TransferRefusal::PasswordRequired,
            });
            let mut r = page(
                "Password needed",
                Some(&user),
                "<p>Confirm your password to send money.</p>",
            );
            r.status = StatusCode::Forbidden.code();
            r.reason = StatusCode::Forbidden.reason().into();
            return r;
        }
        // Confirmed: the session is as good as one opened by the password.
        if let Some(s) = server.session_mut(&id) {
            s.data.opened_by_token = false;
        }
    }
    let to = form::lookup(&h.form, "to").unwrap_or("").to_string();
    let Some(amount) = form::lookup(&h.form, "amount").and_then(|a| a.parse::<u64>().ok()) else {
        h.decisions.push(Decision::TransferRefused {
            reason: TransferRefusal::InvalidAmount,
        });
        return page("Transfer refused", Some(&user), "<p>Invalid amount.</p>");
    };
    if !server.accounts_mut().transfer(user.as_str(), &to, amount) {
        h.decisions.push(Decision::TransferRefused {
            reason: TransferRefusal::InsufficientFunds,
        });
        return page("Transfer refused", Some(&user), "<p>Not possible.</p>");
    }
    h.decisions.push(Decision::TransferExecuted {
        from: user.clone(),
        to: to.clone(),
        amount,
    });
    page(
        "Transfer done",
        Some(&user),
        &format!("<p>Sent {amount} to {}.</p>", escape_html(&to)),
    )
}

fn admin(server: &mut Server, h: &mut Handling, rng: &mut SimRng) -> HttpResponse {
    let Some((id, user)) = logged_in(server, h, rng) else {
        return redirect("/login");
    };
    let (role, source) = role_of(server, h, &id);
    if role == Some(Role::Admin) {
        h.decisions.push(Decision::AdminPanelServed {
            user: Some(user.clone()),
            source,
        });
        page("Admin panel", Some(&user), "<p>All orders, all users.</p>")
    } else {
        h.decisions.push(Decision::AdminRefused {
            user: Some(user.clone()),
            role,
            source,
        });
        let mut r = page("Forbidden", Some(&user), "<p>Admins only.</p>");
        r.status = StatusCode::Forbidden.code();
        r.reason = StatusCode::Forbidden.reason().into();
        r
    }
}
