//! PDF object syntax: numbers, names, strings, arrays, dictionaries and references, read from
//! bytes by a tolerant lexer shared by the file structure and the content streams.
//!
//! Invariants: never panics; recursion is bounded by [`MAX_DEPTH`] on every path (nesting
//! deeper than it is read as null); every call consumes at least one byte or reports the end,
//! so loops over tokens end.

/// Deepest nesting of arrays and dictionaries read; real files stay under ten.
const MAX_DEPTH: usize = 32;

/// A PDF object. Streams are dictionaries followed by data, handled by `file.rs`.
#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Object>),
    Dict(Dict),
    /// An indirect reference `N G R`; the generation is not needed to find an object.
    Ref(u32),
    /// A bare keyword: an operator in a content stream, or `obj`/`stream`/`endobj` in a file.
    Keyword(Vec<u8>),
}

/// A dictionary, keys in file order (small: a linear search is faster than hashing).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dict(pub Vec<(Vec<u8>, Object)>);

impl Dict {
    /// The value of `key`, if present.
    pub fn get(&self, key: &[u8]) -> Option<&Object> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl Object {
    /// The number as a float, for an integer or a real.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Object::Int(i) => Some(*i as f64),
            Object::Real(r) => Some(*r),
            _ => None,
        }
    }

    /// The integer, when the object is one.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Object::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// The name's bytes, when the object is a name.
    pub fn as_name(&self) -> Option<&[u8]> {
        match self {
            Object::Name(n) => Some(n),
            _ => None,
        }
    }

    /// The dictionary, when the object is one.
    pub fn as_dict(&self) -> Option<&Dict> {
        match self {
            Object::Dict(d) => Some(d),
            _ => None,
        }
    }

    /// The elements, when the object is an array.
    pub fn as_array(&self) -> Option<&[Object]> {
        match self {
            Object::Array(a) => Some(a),
            _ => None,
        }
    }
}

/// A cursor over PDF bytes.
pub struct Lexer<'a> {
    pub bytes: &'a [u8],
    pub pos: usize,
}

/// The value of digits with at most one decimal point (`5`, `5.`, `.5`, `12.25`); `None`
/// without a digit or with a second point. PDF writes no exponents, so this is all a real is;
/// the digits are summed exactly (up to 15 of them) and divided once by an exact power of ten,
/// which rounds as `str::parse` does. Parsing with `f64::from_str` linked its tables into the
/// page's PDF module: 15.7 KB gzipped.
fn real(body: impl Iterator<Item = u8>) -> Option<f64> {
    let (mut value, mut scale) = (0.0f64, 1.0f64);
    let (mut point, mut digits) = (false, false);
    for b in body {
        match b {
            b'.' if !point => point = true,
            b'0'..=b'9' => {
                value = value * 10.0 + f64::from(b - b'0');
                if point {
                    scale *= 10.0;
                }
                digits = true;
            }
            _ => return None,
        }
    }
    digits.then_some(value / scale)
}

/// True for the PDF white-space characters.
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'\0')
}

/// True for the PDF delimiters.
fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

/// True for bytes that continue a regular token.
fn is_regular(b: u8) -> bool {
    !is_space(b) && !is_delimiter(b)
}

impl<'a> Lexer<'a> {
    pub fn new(bytes: &'a [u8], pos: usize) -> Lexer<'a> {
        Lexer { bytes, pos }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    /// Skips white space and comments.
    pub fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            if is_space(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Reads the next object; `None` at the end. Unbalanced closers are skipped.
    pub fn object(&mut self) -> Option<Object> {
        self.object_at(0)
    }

    fn object_at(&mut self, depth: usize) -> Option<Object> {
        self.skip_space();
        let b = self.peek()?;
        if depth > MAX_DEPTH {
            // Too deep: the opener is consumed and read as null, so no path through an array, a
            // dictionary or a value without a key recurses further (100,000 `<<` in 8 KB
            // otherwise overflow the stack).
            let opener = match b {
                b'[' => 1,
                b'<' if self.peek_at(1) == Some(b'<') => 2,
                _ => 0,
            };
            if opener > 0 {
                self.pos += opener;
                return Some(Object::Null);
            }
        }
        let object = match b {
            b'/' => Object::Name(self.name()),
            b'(' => Object::Str(self.literal_string()),
            b'<' if self.peek_at(1) == Some(b'<') => {
                self.pos += 2;
                Object::Dict(self.dict(depth))
            }
            b'<' => Object::Str(self.hex_string()),
            b'[' => {
                self.pos += 1;
                Object::Array(self.array(depth))
            }
            b']' | b'>' | b')' | b'{' | b'}' => {
                self.pos += 1;
                Object::Keyword(vec![b])
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => self.number_or_ref(),
            _ => self.keyword(),
        };
        Some(object)
    }

    /// A name after its `/`, with `#xx` escapes decoded.
    fn name(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        while let Some(b) = self.peek().filter(|&b| is_regular(b)) {
            self.pos += 1;
            if b == b'#' {
                let hex = |c: Option<u8>| c.and_then(|c| (c as char).to_digit(16));
                if let (Some(h), Some(l)) = (hex(self.peek()), hex(self.peek_at(1))) {
                    out.push((h * 16 + l) as u8);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(b);
        }
        out
    }

    /// A `( … )` string with its escapes and nested parentheses.
    fn literal_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                b'\\' => {
                    self.escape(&mut out);
                    continue;
                }
                _ => {}
            }
            out.push(b);
        }
        out
    }

    /// One escape after a backslash in a literal string.
    fn escape(&mut self, out: &mut Vec<u8>) {
        let Some(c) = self.peek() else {
            return;
        };
        self.pos += 1;
        match c {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'\r' => {
                if self.peek() == Some(b'\n') {
                    self.pos += 1;
                }
            }
            b'\n' => {}
            b'0'..=b'7' => {
                let mut value = u32::from(c - b'0');
                for _ in 0..2 {
                    match self.peek() {
                        Some(d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                out.push((value & 0xFF) as u8);
            }
            other => out.push(other),
        }
    }

    /// A `< … >` hex string; an odd last digit is followed by 0.
    fn hex_string(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut high: Option<u32> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let Some(d) = (b as char).to_digit(16) else {
                continue;
            };
            match high.take() {
                Some(h) => out.push((h * 16 + d) as u8),
                None => high = Some(d),
            }
        }
        if let Some(h) = high {
            out.push((h * 16) as u8);
        }
        out
    }

    fn array(&mut self, depth: usize) -> Vec<Object> {
        let mut out = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                None => break,
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                _ if depth >= MAX_DEPTH => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            match self.object_at(depth + 1) {
                Some(Object::Keyword(k)) if k == b">" || k == b")" => {}
                Some(o) => out.push(o),
                None => break,
            }
        }
        out
    }

    fn dict(&mut self, depth: usize) -> Dict {
        let mut out = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                None => break,
                Some(b'>') => {
                    self.pos += 1;
                    if self.peek() == Some(b'>') {
                        self.pos += 1;
                    }
                    break;
                }
                Some(b'/') => {}
                Some(_) => {
                    // A value without a key (damage): skipped.
                    let before = self.pos;
                    let _ = self.object_at(depth + 1);
                    if self.pos == before {
                        self.pos += 1;
                    }
                    continue;
                }
            }
            let key = self.name();
            if depth >= MAX_DEPTH {
                continue;
            }
            self.skip_space();
            if self.peek() == Some(b'>') {
                // A key without a value (damage): null, and the dictionary ends.
                out.push((key, Object::Null));
                continue;
            }
            let value = self.object_at(depth + 1).unwrap_or(Object::Null);
            out.push((key, value));
        }
        Dict(out)
    }

    /// A number, or `N G R` when an integer is followed by another and `R`.
    fn number_or_ref(&mut self) -> Object {
        let first = self.number();
        let Object::Int(n) = first else {
            return first;
        };
        let save = self.pos;
        self.skip_space();
        if matches!(self.peek(), Some(b'0'..=b'9')) {
            let generation = self.number();
            self.skip_space();
            let is_r = self.peek() == Some(b'R') && !self.peek_at(1).is_some_and(is_regular);
            if let (Object::Int(_), true, Ok(num)) = (generation, is_r, u32::try_from(n)) {
                self.pos += 1;
                return Object::Ref(num);
            }
        }
        self.pos = save;
        first
    }

    fn number(&mut self) -> Object {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|b| matches!(b, b'+' | b'-' | b'.' | b'0'..=b'9'))
        {
            self.pos += 1;
        }
        let text =
            std::str::from_utf8(self.bytes.get(start..self.pos).unwrap_or(b"")).unwrap_or("");
        if self.pos == start {
            self.pos += 1;
        }
        if let Ok(i) = text.parse::<i64>() {
            return Object::Int(i);
        }
        // `--5`, `5.`, `-.5` and other forms writers produce: read leniently, signs after the
        // first ignored.
        let body = text.bytes().filter(|b| !matches!(b, b'-' | b'+'));
        let negative = text.starts_with('-');
        Object::Real(real(body).map_or(0.0, |v| if negative { -v } else { v }))
    }

    fn keyword(&mut self) -> Object {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        if self.pos == start {
            self.pos += 1;
        }
        let word = self.bytes.get(start..self.pos).unwrap_or(b"").to_vec();
        match word.as_slice() {
            b"true" => Object::Bool(true),
            b"false" => Object::Bool(false),
            b"null" => Object::Null,
            _ => Object::Keyword(word),
        }
    }
}

#[cfg(test)]
mod tests {
    /// Objects read from `bytes` until the end, without a crash.
    fn read_all(bytes: &[u8]) -> usize {
        let mut lexer = Lexer::new(bytes, 0);
        let mut n = 0;
        while lexer.object().is_some() {
            n += 1;
        }
        n
    }

    #[test]
    fn nesting_of_any_depth_is_read_without_recursing_past_the_bound() {
        let deep = 100_000;
        for (open, close) in [("<<", ">>"), ("[", "]"), ("<</A ", ">>"), ("<</A [", "]>>")] {
            let text = format!("{}1{}", open.repeat(deep), close.repeat(deep));
            assert!(read_all(text.as_bytes()) >= 1, "{open}");
            // Unclosed, as a truncated file leaves it.
            assert!(read_all(open.repeat(deep).as_bytes()) >= 1, "{open}");
        }
        // The nesting is read down to the bound; what lies deeper is skipped.
        let text = format!(
            "{}1{}",
            "[".repeat(MAX_DEPTH + 5),
            "]".repeat(MAX_DEPTH + 5)
        );
        let mut object = Lexer::new(text.as_bytes(), 0).object();
        let mut levels = 0;
        while let Some(Object::Array(items)) = object {
            levels += 1;
            object = items.into_iter().next();
        }
        assert_eq!(levels, MAX_DEPTH + 1);
        assert_eq!(object, None);
    }

    use super::*;

    fn all(text: &[u8]) -> Vec<Object> {
        let mut lexer = Lexer::new(text, 0);
        std::iter::from_fn(|| lexer.object()).collect()
    }

    #[test]
    fn objects() {
        let got = all(b"<</Type/Page/Kids[1 0 R 2 0 R]/N -3.5/S(a\\(b\\)\\101)/H<4E 6>>> BT");
        let Object::Dict(d) = &got[0] else {
            panic!("{got:?}")
        };
        assert_eq!(d.get(b"Type"), Some(&Object::Name(b"Page".to_vec())));
        assert_eq!(
            d.get(b"Kids"),
            Some(&Object::Array(vec![Object::Ref(1), Object::Ref(2)]))
        );
        assert_eq!(d.get(b"N"), Some(&Object::Real(-3.5)));
        assert_eq!(d.get(b"S"), Some(&Object::Str(b"a(b)A".to_vec())));
        assert_eq!(d.get(b"H"), Some(&Object::Str(vec![0x4E, 0x60])));
        assert_eq!(got[1], Object::Keyword(b"BT".to_vec()));
    }

    #[test]
    fn reals_are_what_str_parse_gives() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let digits = (seed % 16) as usize;
            let point = ((seed >> 8) % 17) as usize;
            let mut text: String = (0..digits)
                .map(|k| char::from(b'0' + ((seed >> (12 + 3 * k)) % 10) as u8))
                .collect();
            text.insert(point.min(text.len()), '.');
            assert_eq!(real(text.bytes()), text.parse::<f64>().ok(), "{text}");
            let whole = text.replace('.', "");
            assert_eq!(real(whole.bytes()), whole.parse::<f64>().ok(), "{whole}");
        }
        assert_eq!(real(b"1.2.3".iter().copied()), None);
        assert_eq!(
            all(b"--5 5. -.5 .  -"),
            [
                Object::Real(-5.0),
                Object::Real(5.0),
                Object::Real(-0.5),
                Object::Real(0.0),
                Object::Real(0.0)
            ]
        );
    }

    #[test]
    fn names_with_escapes_and_numbers_not_refs() {
        assert_eq!(
            all(b"/#e5#ae#8b 1 2 Tf"),
            vec![
                Object::Name("宋".as_bytes().to_vec()),
                Object::Int(1),
                Object::Int(2),
                Object::Keyword(b"Tf".to_vec())
            ]
        );
    }

    #[test]
    fn garbage_ends() {
        let deep = b"[".repeat(10_000);
        assert_eq!(all(&deep).len(), 1);
        for junk in [&b"<<<<>>)]}{"[..], b"(unclosed", b"<4", b"--1.-", b"/"] {
            let _ = all(junk);
        }
    }
}
