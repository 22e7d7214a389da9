//! What a page's content leaves on it, as the reader uses it: the glyphs shown, each with its
//! place, size and font, and the rules drawn (stroked lines and thin filled rectangles).
//! `content.rs` produces them, `layout.rs` joins glyphs into lines and `ruled.rs` finds the
//! tables the rules draw; this module is what the three share.

use std::rc::Rc;

use super::font::Font;

/// The thickest filled rectangle taken for a rule, in points.
pub const THIN: f64 = 3.0;
/// The most rules looked at per page.
pub const MAX_RULES: usize = 4_000;
/// Edges closer than this are one edge, in points.
pub const SNAP: f64 = 1.5;

/// A horizontal or vertical rule on the page: `at` is its y (horizontal) or x (vertical),
/// `from..to` its extent along the other axis.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub horizontal: bool,
    pub at: f64,
    pub from: f64,
    pub to: f64,
}

impl Rule {
    /// The rule from `(x0, y0)` to `(x1, y1)`, when it is horizontal or vertical.
    pub fn between(x0: f64, y0: f64, x1: f64, y1: f64) -> Option<Rule> {
        let finite = [x0, y0, x1, y1].iter().all(|v| v.is_finite());
        if !finite {
            return None;
        }
        if (y1 - y0).abs() < 0.5 && (x1 - x0).abs() >= 0.5 {
            Some(Rule {
                horizontal: true,
                at: (y0 + y1) / 2.0,
                from: x0.min(x1),
                to: x0.max(x1),
            })
        } else if (x1 - x0).abs() < 0.5 && (y1 - y0).abs() >= 0.5 {
            Some(Rule {
                horizontal: false,
                at: (x0 + x1) / 2.0,
                from: y0.min(y1),
                to: y0.max(y1),
            })
        } else {
            None
        }
    }

    pub fn spans(&self, v: f64) -> bool {
        self.from - SNAP <= v && v <= self.to + SNAP
    }
}

/// One shown glyph, in page space (points, y up).
#[derive(Clone, Debug)]
pub struct Glyph {
    pub x: f64,
    pub y: f64,
    /// The advance along the line.
    pub width: f64,
    /// The font size on the page.
    pub size: f64,
    /// The text, or `None` when the font does not say what the glyph is.
    pub text: Option<Rc<str>>,
    /// The font's name (for the message about an undecodable font).
    pub font: Rc<Font>,
    /// Which way the line runs: 0 right (upright text), 1 up, 2 left, 3 down.
    pub direction: u8,
}

#[cfg(test)]
impl Glyph {
    /// An upright 10 pt glyph of an unknown font, `width` wide, showing `text` (for tests).
    pub fn sample(x: f64, y: f64, width: f64, text: &str) -> Glyph {
        Glyph {
            x,
            y,
            width,
            size: 10.0,
            text: Some(Rc::from(text)),
            font: Rc::new(Font::unknown()),
            direction: 0,
        }
    }
}
