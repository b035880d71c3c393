//! The instructor's guide, drawn from its text (`app::guide_text`).

use crate::app::guide_text::GUIDE;
use yew::prelude::*;

pub fn view() -> Html {
    Html::from_html_unchecked(AttrValue::Static(GUIDE))
}
