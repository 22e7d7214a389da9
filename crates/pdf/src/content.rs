//! Content streams: the text operators run with their matrices, giving every shown glyph its
//! position on the page, its size and its text.
//!
//! Handled: `BT`/`ET`, `Tf`, `Tm`, `Td`/`TD`/`T*`, `TL`, `Tc`, `Tw`, `Tz`, `Ts`, `Tj`, `TJ`, `'`,
//! `"`, `cm`, `q`/`Q`, `Do` of form XObjects (nested at most [`MAX_FORM_DEPTH`]), `BDC`/`EMC`
//! with an `/ActualText` (which replaces the glyphs it covers, as a viewer copies it; an inner
//! one inside another is the outer's), the path operators (`m`, `l`, `re`, `h`, painted by
//! `S`, `f`… or dropped by `n`) for the rules of ruled tables, and `BI … EI` inline images
//! (skipped). Image XObjects are counted, so a scanned page is told from an empty one.
//!
//! Invariants: never panics; at most [`MAX_OPS`] operators, [`MAX_GLYPHS`] glyphs,
//! [`MAX_FORM_RUNS`] form runs and [`MAX_FONT_ENTRIES`] font map entries per file (beyond them
//! the file is refused, never cut silently).

use std::collections::HashMap;
use std::rc::Rc;

use super::file::File;
use super::font::Font;
use super::lexer::{Dict, Lexer, Object};
use super::marks::{Glyph, Rule, MAX_RULES, THIN};
use super::Error;

/// Deepest nesting of form XObjects.
const MAX_FORM_DEPTH: usize = 8;
/// Deepest `q` nesting kept.
const MAX_SAVES: usize = 256;
/// The most operators run in one file.
pub const MAX_OPS: usize = 10_000_000;
/// The most form XObjects run in one file (a form drawn on every page of a long report is a
/// few thousand; a form that draws itself many times would be billions).
pub const MAX_FORM_RUNS: usize = 20_000;
/// The most glyphs read from one file.
pub const MAX_GLYPHS: usize = 4_000_000;
/// The most entries (codes mapped, widths, glyphs) of all the fonts read in one file. Each
/// font object is read once, but a file may hold thousands of font objects sharing one map
/// that defines 65,536 codes in a line: without a budget, 20,000 of them in a 4 MB file took
/// minutes and gigabytes. A report's fonts hold a few thousand entries together.
pub const MAX_FONT_ENTRIES: usize = 2_000_000;

/// The direction (see [`Glyph::direction`]) of a text space whose x axis is `(a, b)`.
fn direction(a: f64, b: f64) -> u8 {
    match (a.abs() >= b.abs(), a >= 0.0, b > 0.0) {
        (true, true, _) => 0,
        (true, false, _) => 2,
        (false, _, true) => 1,
        (false, _, false) => 3,
    }
}

/// What one page shows.
#[derive(Debug, Default)]
pub struct Shown {
    pub glyphs: Vec<Glyph>,
    /// Images drawn (XObjects and inline images).
    pub images: usize,
    /// Horizontal and vertical rules drawn (table borders).
    pub rules: Vec<Rule>,
}

/// The path being built: its segments so far and where it stands.
#[derive(Default)]
struct Path {
    segments: Vec<(f64, f64, f64, f64)>,
    /// Thin filled rectangles, kept apart: only they count when the path is filled.
    thin: Vec<(f64, f64, f64, f64)>,
    current: (f64, f64),
    start: (f64, f64),
}

/// A point through a matrix.
fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b`.
fn multiply(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

/// The graphics and text state saved by `q`.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Rc<Font>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

/// Runs content streams and collects their glyphs.
pub struct Runner<'f, 'a> {
    file: &'f File<'a>,
    fonts: HashMap<u32, Rc<Font>>,
    pub ops: usize,
    pub glyph_count: usize,
    forms: usize,
    /// The entries of every font read so far (see [`MAX_FONT_ENTRIES`]).
    font_entries: usize,
}

impl<'f, 'a> Runner<'f, 'a> {
    pub fn new(file: &'f File<'a>) -> Runner<'f, 'a> {
        Runner {
            file,
            fonts: HashMap::new(),
            ops: 0,
            glyph_count: 0,
            forms: 0,
            font_entries: 0,
        }
    }

    /// Runs one page's content streams with its resources.
    pub fn page(&mut self, contents: &[Vec<u8>], resources: &Dict) -> Result<Shown, Error> {
        let mut shown = Shown::default();
        let data: Vec<u8> = contents.join(&b'\n');
        let state = State {
            ctm: IDENTITY,
            font: Rc::new(Font::unknown()),
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.run(&data, resources, state, 0, &mut shown)?;
        Ok(shown)
    }

    /// Runs one content stream.
    fn run(
        &mut self,
        data: &[u8],
        resources: &Dict,
        mut state: State,
        depth: usize,
        shown: &mut Shown,
    ) -> Result<(), Error> {
        let mut saved: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut operands: Vec<Object> = Vec::new();
        let mut lexer = Lexer::new(data, 0);
        let mut path = Path::default();
        // The marked-content sequences open in this stream: for one with an `/ActualText` (not
        // inside another), the first glyph it covers and the text that replaces them.
        let mut marked: Vec<Option<(usize, String)>> = Vec::new();
        while let Some(object) = lexer.object() {
            let Object::Keyword(op) = object else {
                if operands.len() < 64 {
                    operands.push(object);
                }
                continue;
            };
            self.ops += 1;
            if self.ops > MAX_OPS
                || self.glyph_count > MAX_GLYPHS
                || self.font_entries > MAX_FONT_ENTRIES
            {
                return Err(Error::TooComplex);
            }
            let num = |i: usize| operands.get(i).and_then(Object::as_f64).unwrap_or(0.0);
            let matrix = || -> Matrix { [num(0), num(1), num(2), num(3), num(4), num(5)] };
            match op.as_slice() {
                b"q" if saved.len() < MAX_SAVES => saved.push(state.clone()),
                b"Q" => {
                    if let Some(s) = saved.pop() {
                        state = s;
                    }
                }
                b"cm" => state.ctm = multiply(&matrix(), &state.ctm),
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    state.size = num(1);
                    if let Some(Object::Name(name)) = operands.first() {
                        state.font = self.font(resources, name);
                    }
                }
                b"Tm" => {
                    tm = matrix();
                    tlm = tm;
                }
                b"Td" => {
                    tlm = multiply(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"TD" => {
                    state.leading = -num(1);
                    tlm = multiply(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"T*" => next_line(&mut tm, &mut tlm, state.leading),
                b"TL" => state.leading = num(0),
                b"Tc" => state.char_spacing = num(0),
                b"Tw" => state.word_spacing = num(0),
                b"Tz" => state.scale = num(0) / 100.0,
                b"Ts" => state.rise = num(0),
                b"Tj" => self.show_operand(operands.first(), &state, &mut tm, shown),
                b"'" => {
                    next_line(&mut tm, &mut tlm, state.leading);
                    self.show_operand(operands.first(), &state, &mut tm, shown);
                }
                b"\"" => {
                    state.word_spacing = num(0);
                    state.char_spacing = num(1);
                    next_line(&mut tm, &mut tlm, state.leading);
                    self.show_operand(operands.get(2), &state, &mut tm, shown);
                }
                b"TJ" => {
                    for item in operands.first().and_then(Object::as_array).unwrap_or(&[]) {
                        match item {
                            Object::Str(s) => self.show(s, &state, &mut tm, shown),
                            other => {
                                let adjust = -other.as_f64().unwrap_or(0.0) / 1000.0;
                                let step = if state.font.vertical {
                                    [1.0, 0.0, 0.0, 1.0, 0.0, adjust * state.size]
                                } else {
                                    [1.0, 0.0, 0.0, 1.0, adjust * state.size * state.scale, 0.0]
                                };
                                tm = multiply(&step, &tm);
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Object::Name(name)) = operands.first() {
                        self.x_object(resources, name, &state, depth, shown)?;
                    }
                }
                b"m" | b"l" | b"re" | b"h" | b"c" | b"v" | b"y" => {
                    build(&mut path, &op, &operands, &state.ctm);
                }
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"n" => {
                    paint(std::mem::take(&mut path), &op, &mut shown.rules);
                }
                b"BI" => {
                    skip_inline_image(&mut lexer);
                    shown.images += 1;
                }
                b"BMC" => marked.push(None),
                b"BDC" => {
                    let outer = marked.iter().any(Option::is_some);
                    let text = self
                        .actual_text(resources, operands.get(1))
                        .filter(|_| !outer);
                    marked.push(text.map(|t| (shown.glyphs.len(), t)));
                }
                b"EMC" => {
                    if let Some(Some((start, text))) = marked.pop() {
                        replace_glyphs(&mut shown.glyphs, start, &text);
                    }
                }
                _ => {}
            }
            operands.clear();
        }
        Ok(())
    }

    /// Shows a string operand of `Tj`, `'` or `"`.
    fn show_operand(
        &mut self,
        s: Option<&Object>,
        state: &State,
        tm: &mut Matrix,
        shown: &mut Shown,
    ) {
        if let Some(Object::Str(s)) = s {
            self.show(s, state, tm, shown);
        }
    }

    /// Shows one string: a glyph per code, advancing the text matrix.
    fn show(&mut self, bytes: &[u8], state: &State, tm: &mut Matrix, shown: &mut Shown) {
        let font = &state.font;
        for code in font.codes(bytes) {
            let params = [
                state.size * state.scale,
                0.0,
                0.0,
                state.size,
                0.0,
                state.rise,
            ];
            let spacing = state.char_spacing * f64::from(code.glyphs)
                + if code.space { state.word_spacing } else { 0.0 };
            let em = code.width / 1000.0;
            // Vertical writing: a glyph hangs from its origin, centred under it (the default
            // position vector, /DW2 [880 -1000]), and the next one is an em lower.
            let (hang, step) = if font.vertical {
                let hang = [1.0, 0.0, 0.0, 1.0, -em / 2.0, -0.88];
                (hang, [1.0, 0.0, 0.0, 1.0, 0.0, spacing - state.size])
            } else {
                let tx = (em * state.size + spacing) * state.scale;
                (IDENTITY, [1.0, 0.0, 0.0, 1.0, tx, 0.0])
            };
            let trm = multiply(&multiply(&multiply(&hang, &params), tm), &state.ctm);
            // The advance along the line: to the next glyph, or a vertical one's own width.
            let end = if font.vertical {
                multiply(&[1.0, 0.0, 0.0, 1.0, em, 0.0], &trm)
            } else {
                multiply(&multiply(&step, tm), &state.ctm)
            };
            let (dx, dy) = (end[4] - trm[4], end[5] - trm[5]);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            shown.glyphs.push(Glyph {
                x: trm[4],
                y: trm[5],
                width: (dx * dx + dy * dy).sqrt(),
                size,
                text: code.text.map(Rc::from),
                font: Rc::clone(font),
                direction: direction(trm[0], trm[1]),
            });
            self.glyph_count += 1;
            *tm = multiply(&step, tm);
        }
    }

    /// The `/ActualText` of a `BDC`'s properties (a dictionary, or a name in the resources'
    /// `/Properties`), when it is text we can read.
    fn actual_text(&self, resources: &Dict, properties: Option<&Object>) -> Option<String> {
        let named = |name: &[u8]| {
            let all = self.file.dict(resources.get(b"Properties")?)?;
            self.file.dict(all.get(name)?)
        };
        let dict = match properties? {
            Object::Dict(d) => d.clone(),
            Object::Name(name) => named(name)?,
            _ => return None,
        };
        match self.file.resolve(dict.get(b"ActualText")?) {
            Object::Str(bytes) => text_string(&bytes),
            _ => None,
        }
    }

    /// The font named `name` in `resources`, read once per object.
    fn font(&mut self, resources: &Dict, name: &[u8]) -> Rc<Font> {
        let fonts = resources.get(b"Font").and_then(|f| self.file.dict(f));
        let Some(entry) = fonts.as_ref().and_then(|f| f.get(name)) else {
            return Rc::new(Font::unknown());
        };
        let key = match entry {
            Object::Ref(r) => Some(*r),
            _ => None,
        };
        if let Some(font) = key.and_then(|k| self.fonts.get(&k)) {
            return Rc::clone(font);
        }
        if self.font_entries > MAX_FONT_ENTRIES {
            // The run stops at the next operator; no more fonts are read meanwhile.
            return Rc::new(Font::unknown());
        }
        let font = Rc::new(
            self.file
                .dict(entry)
                .map(|d| Font::read(self.file, &d))
                .unwrap_or_else(Font::unknown),
        );
        self.font_entries += font.entries();
        if let Some(k) = key {
            self.fonts.insert(k, Rc::clone(&font));
        }
        font
    }

    /// `Do`: a form XObject is run with its own matrix and resources; an image is counted.
    fn x_object(
        &mut self,
        resources: &Dict,
        name: &[u8],
        state: &State,
        depth: usize,
        shown: &mut Shown,
    ) -> Result<(), Error> {
        let objects = resources.get(b"XObject").and_then(|x| self.file.dict(x));
        let Some(Object::Ref(num)) = objects.as_ref().and_then(|x| x.get(name)).cloned() else {
            return Ok(());
        };
        let Some(stream) = self.file.stream(num) else {
            return Ok(());
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Some(b"Image") => {
                shown.images += 1;
                return Ok(());
            }
            Some(b"Form") if depth < MAX_FORM_DEPTH => {}
            _ => return Ok(()),
        }
        self.forms += 1;
        if self.forms > MAX_FORM_RUNS {
            return Err(Error::TooComplex);
        }
        let data = self.file.stream_bytes(num)?;
        let matrix = stream
            .dict
            .get(b"Matrix")
            .and_then(Object::as_array)
            .map(|m| {
                let n = |i: usize| m.get(i).and_then(Object::as_f64).unwrap_or(0.0);
                [n(0), n(1), n(2), n(3), n(4), n(5)]
            })
            .unwrap_or(IDENTITY);
        let own = stream
            .dict
            .get(b"Resources")
            .and_then(|r| self.file.dict(r));
        let mut inner = state.clone();
        inner.ctm = multiply(&matrix, &state.ctm);
        self.run(
            &data,
            own.as_ref().unwrap_or(resources),
            inner,
            depth + 1,
            shown,
        )
    }
}

/// Adds a path operator to the path, in page space.
fn build(path: &mut Path, op: &[u8], operands: &[Object], ctm: &Matrix) {
    let num = |i: usize| operands.get(i).and_then(Object::as_f64).unwrap_or(0.0);
    if path.segments.len() + path.thin.len() > MAX_RULES {
        return;
    }
    match op {
        b"m" => {
            path.current = apply(ctm, num(0), num(1));
            path.start = path.current;
        }
        b"l" => {
            let to = apply(ctm, num(0), num(1));
            path.segments
                .push((path.current.0, path.current.1, to.0, to.1));
            path.current = to;
        }
        b"h" => {
            let (from, to) = (path.current, path.start);
            path.segments.push((from.0, from.1, to.0, to.1));
            path.current = to;
        }
        b"re" => {
            let (x, y, w, h) = (num(0), num(1), num(2), num(3));
            let corners =
                [(x, y), (x + w, y), (x + w, y + h), (x, y + h)].map(|(px, py)| apply(ctm, px, py));
            let edges = corners
                .iter()
                .zip(corners.iter().cycle().skip(1))
                .map(|(a, b)| (a.0, a.1, b.0, b.1));
            if w.abs().min(h.abs()) <= THIN {
                // A thin bar drawn as a rectangle: its long middle line is the rule.
                let (a, b) = if w.abs() >= h.abs() {
                    (apply(ctm, x, y + h / 2.0), apply(ctm, x + w, y + h / 2.0))
                } else {
                    (apply(ctm, x + w / 2.0, y), apply(ctm, x + w / 2.0, y + h))
                };
                path.thin.push((a.0, a.1, b.0, b.1));
            }
            path.segments.extend(edges);
            let [first, ..] = corners;
            path.current = first;
            path.start = first;
        }
        _ => {
            // Curves: only where they end matters.
            let n = operands.len();
            if n >= 2 {
                path.current = apply(ctm, num(n - 2), num(n - 1));
            }
        }
    }
}

/// Paints the path: stroked segments are rules; of a fill, only thin rectangles are.
fn paint(path: Path, op: &[u8], rules: &mut Vec<Rule>) {
    let stroked = matches!(op, b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*");
    let filled = matches!(op, b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*");
    let mut add = |(x0, y0, x1, y1): (f64, f64, f64, f64)| {
        if rules.len() <= MAX_RULES {
            rules.extend(Rule::between(x0, y0, x1, y1));
        }
    };
    if stroked {
        path.segments.into_iter().for_each(&mut add);
    }
    if filled {
        path.thin.into_iter().for_each(&mut add);
    }
}

/// Replaces the glyphs from `start` on by one glyph at the first one's place, as wide as they
/// were together, whose text is `text` (none when it is empty): what a viewer copies for them.
fn replace_glyphs(glyphs: &mut Vec<Glyph>, start: usize, text: &str) {
    let covered = glyphs.split_off(start.min(glyphs.len()));
    let (Some(first), Some(last)) = (covered.first(), covered.last()) else {
        return;
    };
    if text.is_empty() {
        return;
    }
    let (dx, dy) = (last.x - first.x, last.y - first.y);
    glyphs.push(Glyph {
        width: (dx * dx + dy * dy).sqrt() + last.width,
        text: Some(Rc::from(text)),
        ..first.clone()
    });
}

/// A PDF text string: UTF-16BE after its byte order mark, UTF-8 after its own, else
/// PDFDocEncoding (read where it agrees with Latin-1). `None` when it holds what is no
/// character (a private-use or undefined one, or bytes that are not text in its encoding);
/// controls read as spaces.
fn text_string(bytes: &[u8]) -> Option<String> {
    let text = if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|p| {
                u16::from_be_bytes([
                    p.first().copied().unwrap_or(0),
                    p.get(1).copied().unwrap_or(0),
                ])
            })
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(utf8).into_owned()
    } else {
        let undefined = |b: u8| (0x80..=0xA0).contains(&b) || b == 0xAD;
        bytes
            .iter()
            .map(|&b| {
                if undefined(b) {
                    '\u{FFFD}'
                } else {
                    char::from(b)
                }
            })
            .collect()
    };
    // Undecodable bytes became U+FFFD, which is no character.
    let usable = text.chars().all(|c| !super::font::is_no_character(c));
    usable.then(|| {
        text.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    })
}

/// `T*`: the start of the next line, `leading` below.
fn next_line(tm: &mut Matrix, tlm: &mut Matrix, leading: f64) {
    *tlm = multiply(&[1.0, 0.0, 0.0, 1.0, 0.0, -leading], tlm);
    *tm = *tlm;
}

/// Skips an inline image's parameters and data, up to and including `EI`.
fn skip_inline_image(lexer: &mut Lexer) {
    while let Some(o) = lexer.object() {
        if o == Object::Keyword(b"ID".to_vec()) {
            break;
        }
    }
    let bytes = lexer.bytes;
    let mut at = lexer.pos;
    while at + 2 <= bytes.len() {
        let is_ei = bytes.get(at..at + 2) == Some(b"EI");
        let before = at == 0
            || bytes
                .get(at - 1)
                .is_some_and(|b| super::lexer::is_space(*b));
        let after = bytes.get(at + 2).is_none_or(|b| super::lexer::is_space(*b));
        if is_ei && before && after {
            lexer.pos = at + 2;
            return;
        }
        at += 1;
    }
    lexer.pos = bytes.len();
}
