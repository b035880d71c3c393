//! The situation a request is made in, which decides `SameSite`.
//!
//! The jar does not know about frames, pages or links: the world works out
//! whether a request is same-site (with [`crate::engine::url::is_same_site`])
//! and hands the answer over in a [`RequestContext`].

use crate::engine::choice::choice_enum;
use crate::engine::http::Method;
use serde::{Deserialize, Serialize};

choice_enum! {
    /// Whether the request comes from the site it goes to. (Codes and
    /// labels are the cookie lab's, which lets a student pick either.)
    ///
    /// For a top-level navigation this is the site of the page (or the user's
    /// address bar, which counts as same-site) that started it. For any other
    /// request (an image, a form in an iframe, a `fetch`) it is whether the page
    /// shown in the tab is same-site with the request's URL.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Initiator {
        SameSite = ("same", "a page of the same site"),
        CrossSite = ("cross", "a page of another site"),
    }
}

/// What the browser knows about a request when it picks its cookies, and
/// about a response when it stores them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RequestContext {
    pub method: Method,
    /// The tab's main page is being replaced by this URL (a link, a form, the
    /// address bar), as opposed to an image, iframe, script or `fetch`.
    pub top_level_navigation: bool,
    pub initiator: Initiator,
}

impl RequestContext {
    /// The user typed the address or followed a same-site link: a same-site
    /// top-level `GET`.
    pub fn navigation() -> Self {
        RequestContext {
            method: Method::Get,
            top_level_navigation: true,
            initiator: Initiator::SameSite,
        }
    }

    /// A top-level navigation started by a page of another site (a link or a
    /// form on the attacker's page).
    pub fn cross_site_navigation(method: Method) -> Self {
        RequestContext {
            method,
            top_level_navigation: true,
            initiator: Initiator::CrossSite,
        }
    }

    /// A subresource request (image, iframe, `fetch`) from a page of the
    /// same site.
    pub fn same_site_subresource(method: Method) -> Self {
        RequestContext {
            method,
            top_level_navigation: false,
            initiator: Initiator::SameSite,
        }
    }

    /// A subresource request (image, iframe, `fetch`) from a page of another
    /// site.
    pub fn cross_site_subresource(method: Method) -> Self {
        RequestContext {
            method,
            top_level_navigation: false,
            initiator: Initiator::CrossSite,
        }
    }

    pub fn is_cross_site(&self) -> bool {
        self.initiator == Initiator::CrossSite
    }
}
