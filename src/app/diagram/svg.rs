//! The diagram's geometry, shared by the page and the export, and the
//! diagram as a standalone SVG file.
//!
//! The file carries its own white background and dark ink, with every
//! colour given beside a letter or a line style, so it reads the same on a
//! slide, on paper in black and white, and in a dark-mode viewer.

use super::model::{ArrowKind, Chip, ChipKind, Diagram, Row, Tone};
use crate::app::id_nickname::KNOWN_BADGE;

/// Width of one lifeline's column in the export, and the widest the page
/// draws one.
pub const COL_W: u32 = 230;
/// The narrowest column the page draws: below it the drawing is scaled
/// down instead (labels spanning one column would run into their
/// neighbours).
pub const MIN_COL_W: u32 = 110;
/// Room on the left for the step numbers.
pub const LEFT: u32 = 44;
/// The lifelines' heads.
pub const HEAD_H: u32 = 64;
/// Below the last row.
pub const FOOT_H: u32 = 24;
/// The band above the deciding row that holds its mark.
pub const DECIDING_H: u32 = 22;
/// Average width of a character of the labels (the page's 15 px bold), to
/// size chips and notes without measuring text.
pub const CHAR_W: u32 = 9;
/// The same for chips and notes (the page's small size, 12.75 px).
pub const SMALL_CHAR_W: u32 = 7;

/// Where everything goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Geometry {
    pub width: u32,
    /// Width of one lifeline's column.
    pub col_w: u32,
    pub height: u32,
    /// The top of each row.
    pub row_top: Vec<u32>,
    /// The height of each row.
    pub row_h: Vec<u32>,
}

impl Geometry {
    /// The export's geometry: columns of a fixed width.
    pub fn of(d: &Diagram) -> Geometry {
        Geometry::fit(d, None)
    }

    /// The page's geometry: the drawing is as wide as the box that shows
    /// it (`width`, in the drawing's units), so it is drawn at its own
    /// size, not scaled down: the text keeps the size the style sheet
    /// gives it, which is what the back row reads. The columns narrow to
    /// fit, down to `MIN_COL_W`.
    pub fn fit(d: &Diagram, width: Option<u32>) -> Geometry {
        let n = d.lifelines.len().max(1) as u32;
        let frame = LEFT + 12;
        let (col_w, width) = match width {
            None => (COL_W, frame + COL_W * n),
            Some(w) => {
                let col_w = (w.saturating_sub(frame) / n).clamp(MIN_COL_W, COL_W);
                (col_w, w.max(frame + col_w * n))
            }
        };
        let mut y = HEAD_H;
        let mut row_top = Vec::with_capacity(d.rows.len());
        let mut row_h = Vec::with_capacity(d.rows.len());
        for (i, row) in d.rows.iter().enumerate() {
            // The deciding row gets a band above it for its mark's words.
            if d.deciding == Some(i) {
                y += DECIDING_H;
            }
            let h = match row {
                Row::Arrow(a) if a.chips.is_empty() => 44,
                Row::Arrow(_) => 64,
                Row::Note(_) => 36,
            };
            row_top.push(y);
            row_h.push(h);
            y += h;
        }
        Geometry {
            width,
            col_w,
            height: y + FOOT_H,
            row_top,
            row_h,
        }
    }

    /// The x of a lifeline's column.
    pub fn x(&self, col: usize) -> u32 {
        LEFT + self.col_w * col as u32 + self.col_w / 2
    }

    /// The centre of a label of `chars` characters (14 px) over the span
    /// from `x1` to `x2`, moved so that it stays inside the drawing.
    pub fn label_x(&self, x1: u32, x2: u32, chars: usize) -> u32 {
        let half = (chars as u32 * CHAR_W) / 2;
        let lo = LEFT + half;
        let hi = self.width.saturating_sub(4 + half);
        ((x1 + x2) / 2).min(hi).max(lo.min(hi))
    }

    /// Where an arrow's first chip starts: under the arrow's left end, or
    /// further left when the chips would run past the drawing's right edge.
    pub fn chips_x(&self, x1: u32, x2: u32, total_w: u32) -> u32 {
        let start = x1.min(x2) + 4;
        let room = self.width.saturating_sub(4 + total_w);
        start.min(room).max(4)
    }

    /// The y of an arrow's line in row `i` (below its label).
    pub fn arrow_y(&self, i: usize) -> u32 {
        self.row_top.get(i).copied().unwrap_or(HEAD_H) + 30
    }

    /// A note's box: (x, width), kept inside the drawing.
    pub fn note_box(&self, col: usize, text: &str) -> (u32, u32) {
        let w = (text.chars().count() as u32 * SMALL_CHAR_W + 16).min(self.width - 8);
        let centre = self.x(col);
        let x = centre.saturating_sub(w / 2).max(LEFT - 4);
        let x = x.min(self.width.saturating_sub(w + 4));
        (x, w)
    }
}

/// The text of a chip as drawn, and its width.
pub fn chip_text(c: &Chip, d: &Diagram) -> String {
    let letter =
        c.id.as_deref()
            .and_then(|id| d.nicknames.get(id))
            .map(|n| format!("[{}] ", n.letter))
            .unwrap_or_default();
    let known = if c.known { " ⚑ Mallory knows" } else { "" };
    match &c.kind {
        ChipKind::Sent => format!("Cookie {letter}{}={}{known}", c.name, c.value),
        ChipKind::SetCookie => format!("Set {letter}{}={}{known}", c.name, c.value),
        ChipKind::LeftOut(reason) => format!("✗ {}={} · {reason}", c.name, c.value),
    }
}

pub fn chip_width(text: &str) -> u32 {
    text.chars().count() as u32 * SMALL_CHAR_W + 12
}

/// Escapes text for XML content and attribute values.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const INK: &str = "#1a1a1a";
const MUTED: &str = "#555555";
const ATTACK: &str = "#b0283a";
const DEFENSE: &str = "#1b6e3a";
const OBSERVED: &str = "#6b3fa0";

/// The whole run as a standalone SVG document.
pub fn svg(d: &Diagram, title: &str) -> String {
    let g = Geometry::of(d);
    let mut out = String::new();
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\" font-size=\"14\" role=\"img\" aria-labelledby=\"t\">\n",
        w = g.width,
        h = g.height
    ));
    out.push_str(&format!("<title id=\"t\">{}</title>\n", xml(title)));
    out.push_str(
        "<defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto-start-reverse\">\
         <path d=\"M0,0 L10,5 L0,10 z\" fill=\"context-stroke\"/></marker></defs>\n",
    );
    out.push_str(&format!(
        "<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n",
        g.width, g.height
    ));
    // Lifelines and their heads.
    for (col, l) in d.lifelines.iter().enumerate() {
        let x = g.x(col);
        out.push_str(&format!(
            "<g class=\"lifeline\"><line x1=\"{x}\" y1=\"{y1}\" x2=\"{x}\" y2=\"{y2}\" stroke=\"{MUTED}\" stroke-dasharray=\"2 4\"/>\
             <rect x=\"{rx}\" y=\"8\" width=\"{rw}\" height=\"44\" rx=\"6\" fill=\"#f2f2f2\" stroke=\"{INK}\"/>\
             <circle cx=\"{cx}\" cy=\"30\" r=\"12\" fill=\"{INK}\"/>\
             <text x=\"{cx}\" y=\"35\" text-anchor=\"middle\" fill=\"#ffffff\" font-weight=\"bold\">{letter}</text>\
             <text x=\"{tx}\" y=\"35\" fill=\"{INK}\" font-weight=\"bold\">{name}</text></g>\n",
            y1 = HEAD_H - 12,
            y2 = g.height - FOOT_H / 2,
            rx = x - g.col_w / 2 + 8,
            rw = g.col_w - 16,
            cx = x - g.col_w / 2 + 30,
            tx = x - g.col_w / 2 + 48,
            letter = l.letter(),
            name = xml(l.name()),
        ));
    }
    for (i, row) in d.rows.iter().enumerate() {
        let top = g.row_top.get(i).copied().unwrap_or(HEAD_H);
        let h = g.row_h.get(i).copied().unwrap_or(0);
        if d.deciding == Some(i) {
            out.push_str(&format!(
                "<rect x=\"2\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fff1c2\" stroke=\"#8a5a00\" stroke-width=\"2\"/>\n\
                 <text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" fill=\"#5a3a00\">★ {}</text>\n",
                top - DECIDING_H,
                g.width - 4,
                h + DECIDING_H,
                LEFT,
                top - 6,
                xml(d.deciding_words())
            ));
        }
        out.push_str(&format!(
            "<text x=\"6\" y=\"{}\" font-size=\"12\" fill=\"{MUTED}\">{}</text>\n",
            top + 22,
            i + 1
        ));
        match row {
            Row::Arrow(a) => {
                let (Some(fc), Some(tc)) = (d.column(a.from), d.column(a.to)) else {
                    continue;
                };
                let (x1, x2) = (g.x(fc), g.x(tc));
                let y = g.arrow_y(i);
                let (colour, dash) = match a.kind {
                    ArrowKind::Request if a.from == super::model::Lifeline::Mallory => (ATTACK, ""),
                    ArrowKind::Request => (INK, ""),
                    ArrowKind::Response => (INK, " stroke-dasharray=\"8 4\""),
                    ArrowKind::Observed => (OBSERVED, " stroke-dasharray=\"2 3\""),
                    ArrowKind::Handed => (ATTACK, " stroke-dasharray=\"8 3 2 3\""),
                };
                out.push_str(&format!(
                    "<g class=\"msg\" data-step=\"{step}\"><title>{step}. {sentence}</title>\
                     <line x1=\"{x1}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"2\"{dash} marker-end=\"url(#head)\"/>\
                     <text x=\"{lx}\" y=\"{ly}\" text-anchor=\"middle\" fill=\"{INK}\">{label}</text>",
                    step = i + 1,
                    sentence = xml(&a.sentence()),
                    lx = (x1 + x2) / 2,
                    ly = y - 8,
                    label = xml(&a.label),
                ));
                let mut cx = x1.min(x2) + 4;
                for c in &a.chips {
                    let text = chip_text(c, d);
                    let w = chip_width(&text);
                    let fill = match (&c.kind, c.id.as_deref().and_then(|id| d.nicknames.get(id))) {
                        (ChipKind::LeftOut(_), _) => "#ffffff",
                        (_, Some(n)) => n.hex(),
                        (_, None) => "#eeeeee",
                    };
                    let ink = if fill.starts_with("#f") || fill.starts_with("#e") {
                        INK
                    } else {
                        "#ffffff"
                    };
                    let strike = if matches!(c.kind, ChipKind::LeftOut(_)) {
                        " text-decoration=\"line-through\""
                    } else {
                        ""
                    };
                    let known = if c.known {
                        format!("<title>{KNOWN_BADGE}</title>")
                    } else {
                        String::new()
                    };
                    out.push_str(&format!(
                        "<g class=\"chip\">{known}<rect x=\"{cx}\" y=\"{ry}\" width=\"{w}\" height=\"20\" rx=\"10\" fill=\"{fill}\" stroke=\"{INK}\"/>\
                         <text x=\"{tx}\" y=\"{ty}\" font-size=\"12\" fill=\"{ink}\"{strike}>{t}</text></g>",
                        ry = y + 6,
                        tx = cx + 6,
                        ty = y + 20,
                        t = xml(&text),
                    ));
                    cx += w + 6;
                }
                out.push_str("</g>\n");
            }
            Row::Note(n) => {
                let Some(col) = d.column(n.on) else { continue };
                let (x, w) = g.note_box(col, &n.text);
                let (fill, stroke) = match n.tone {
                    Tone::Plain => ("#fffbe6", MUTED),
                    Tone::Refused => ("#e8f5ec", DEFENSE),
                    Tone::Gain => ("#fdecee", ATTACK),
                };
                out.push_str(&format!(
                    "<g class=\"note\" data-step=\"{step}\"><title>{step}. {sentence}</title>\
                     <rect x=\"{x}\" y=\"{ry}\" width=\"{w}\" height=\"26\" rx=\"3\" fill=\"{fill}\" stroke=\"{stroke}\"/>\
                     <text x=\"{tx}\" y=\"{ty}\" font-size=\"12\" fill=\"{INK}\">{text}</text></g>\n",
                    step = i + 1,
                    sentence = xml(&row.sentence()),
                    ry = top + 5,
                    tx = x + 8,
                    ty = top + 22,
                    text = xml(&n.text),
                ));
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Seed;
    use crate::engine::scenario::catalog;
    use crate::engine::world::run;

    /// A small well-formedness check: every tag closes in order, attribute
    /// values are quoted, and no bare `&` or `<` sits in text.
    fn well_formed(doc: &str) -> Result<(), String> {
        let mut stack: Vec<String> = Vec::new();
        let mut rest = doc;
        while let Some(start) = rest.find('<') {
            let text = &rest[..start];
            check_text(text)?;
            let end = rest[start..].find('>').ok_or("unclosed tag")? + start;
            let tag = &rest[start + 1..end];
            rest = &rest[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                let open = stack.pop().ok_or(format!("</{name}> without opening"))?;
                if open != name.trim() {
                    return Err(format!("<{open}> closed by </{name}>"));
                }
            } else {
                let self_closing = tag.ends_with('/');
                let body = tag.trim_end_matches('/');
                let name = body.split_whitespace().next().ok_or("empty tag")?;
                if !body.matches('"').count().is_multiple_of(2) {
                    return Err(format!("unbalanced quotes in <{name}>"));
                }
                check_text(&body.replace('"', " "))?;
                if !self_closing {
                    stack.push(name.to_string());
                }
            }
        }
        check_text(rest)?;
        if stack.is_empty() {
            Ok(())
        } else {
            Err(format!("unclosed: {stack:?}"))
        }
    }

    fn check_text(text: &str) -> Result<(), String> {
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..];
            let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                .iter()
                .any(|e| entity.starts_with(e));
            if !ok {
                return Err(format!("bare & in {:?}", &entity[..entity.len().min(20)]));
            }
        }
        Ok(())
    }

    #[test]
    fn every_scenario_is_a_well_formed_svg_with_every_message() {
        for s in catalog() {
            let run = run(&s, &s.settings(), Seed::default());
            let d = Diagram::of_run(&run);
            let doc = svg(&d, &s.title);
            well_formed(&doc).unwrap_or_else(|e| panic!("{}: {e}", s.id));
            assert_eq!(
                doc.matches("<g class=\"msg\"").count(),
                d.arrows().count(),
                "{}",
                s.id
            );
            for (_, a) in d.arrows() {
                assert!(doc.contains(&xml(&a.label)), "{}: {}", s.id, a.label);
            }
            assert_eq!(
                doc.matches("★ Deciding step").count(),
                usize::from(d.deciding.is_some())
            );
        }
    }

    #[test]
    fn the_checker_catches_broken_documents() {
        assert!(well_formed("<a><b></a></b>").is_err());
        assert!(well_formed("<a>x & y</a>").is_err());
        assert!(well_formed("<a x=\"1/>").is_err());
        assert!(well_formed("<a><b/>x &amp; y</a>").is_ok());
    }
}
