//! Thin entry point: the page is the app; the engine is the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    session_lab::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Session Lab runs in the browser: see README.md for the serve command.");
}
