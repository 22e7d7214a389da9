//! A tolerant HTML tokenizer: text, start tags and end tags, with everything else skipped.
//!
//! It knows only what a reader of pasted documents needs. Comments (Word's conditional comments
//! `<!--[if gte mso 9]>…<![endif]-->` included) are skipped whole; the downlevel-revealed markers
//! `<![if …]>` and `<![endif]>`, `<!DOCTYPE>` and `<?xml …?>` are dropped with their content
//! kept; CDATA becomes text. The content of raw-text elements that never show (`style`,
//! `script`, `title`, `xml`, `template`, `noscript`) is skipped with their tags. Tag and
//! attribute names are lowercased; attribute values and text have their character references
//! decoded. A tag cut off by the end of the input is dropped, as browsers do.
//!
//! Invariant: every step advances through the input, and every position the tokenizer slices
//! at is an ASCII delimiter, so it never loops, never slices inside a character and takes time
//! linear in the input (searches for a terminator start where the last one ended).

use std::borrow::Cow;

/// One piece of the input.
#[derive(Debug, PartialEq)]
pub(super) enum Token<'a> {
    /// Text with its character references decoded, white space as written.
    Text(Cow<'a, str>),
    Start(Tag<'a>),
    /// An end tag's lowercased name.
    End(String),
}

/// A start tag: lowercased name, attributes in order and whether it ended in `/>`.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Tag<'a> {
    pub name: String,
    pub attrs: Vec<(String, Cow<'a, str>)>,
    pub self_closing: bool,
}

impl Tag<'_> {
    /// The value of attribute `name` (lowercase), if present; a bare attribute has value "".
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_ref())
    }
}

/// Elements whose content is never shown and is skipped with them.
const SKIPPED: &[&str] = &["style", "script", "title", "xml", "template", "noscript"];

/// Splits HTML into tokens; an iterator that never fails.
pub(super) struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Tokenizer<'a> {
    /// Starts at the beginning of `src`, after the `Version:… StartHTML:…` header that the
    /// Windows clipboard (CF_HTML) puts before the markup.
    pub fn new(src: &'a str) -> Tokenizer<'a> {
        let pos = if src.starts_with("Version:") && src.contains("StartHTML:") {
            src.find('<').unwrap_or(src.len())
        } else {
            0
        };
        Tokenizer { src, pos }
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes().get(at).copied()
    }

    fn starts_with(&self, at: usize, prefix: &str) -> bool {
        self.bytes()
            .get(at..)
            .is_some_and(|rest| rest.starts_with(prefix.as_bytes()))
    }

    /// The input between two delimiter positions.
    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.src.get(from..to).unwrap_or("")
    }

    /// The position just after the first `needle` at or after `from`, or the end of input.
    fn after(&self, from: usize, needle: &str) -> usize {
        self.src
            .get(from..)
            .and_then(|rest| rest.find(needle))
            .map_or(self.src.len(), |i| from + i + needle.len())
    }

    /// Reads a markup construct starting with `<` at `self.pos`; `None` when it yields nothing.
    fn markup(&mut self) -> Option<Token<'a>> {
        let at = self.pos;
        let next = self.byte(at + 1);
        if self.starts_with(at, "<!--") {
            // `<!-->` and `<!--->` are complete (empty) comments.
            let body = at + 4;
            self.pos = if self.starts_with(body, ">") {
                body + 1
            } else if self.starts_with(body, "->") {
                body + 2
            } else {
                self.after(body, "-->")
            };
            return None;
        }
        if self.starts_with(at, "<![CDATA[") {
            let body = at + 9;
            self.pos = self.after(body, "]]>");
            let end = if self.pos >= body + 3 && self.starts_with(self.pos - 3, "]]>") {
                self.pos - 3
            } else {
                self.pos
            };
            return Some(Token::Text(Cow::Borrowed(self.slice(body, end))));
        }
        match next {
            Some(b'!' | b'?') => {
                self.pos = self.after(at + 2, ">");
                None
            }
            Some(b'/') => self.end_tag(),
            Some(c) if c.is_ascii_alphabetic() => self.start_tag(),
            _ => {
                self.pos = at + 1;
                Some(Token::Text(Cow::Borrowed("<")))
            }
        }
    }

    /// Reads `</name …>`; `</>` is dropped and `</ …>` is a bogus comment.
    fn end_tag(&mut self) -> Option<Token<'a>> {
        let start = self.pos + 2;
        if !self.byte(start).is_some_and(|c| c.is_ascii_alphabetic()) {
            self.pos = self.after(start, ">");
            return None;
        }
        let (name, after_name) = self.name(start);
        let mut tag = Tag::default();
        self.pos = self.attributes(after_name, &mut tag)?;
        Some(Token::End(name))
    }

    /// Reads `<name attr=value …>`, then skips the content of elements never shown.
    fn start_tag(&mut self) -> Option<Token<'a>> {
        let (name, after_name) = self.name(self.pos + 1);
        let mut tag = Tag {
            name,
            ..Tag::default()
        };
        self.pos = self.attributes(after_name, &mut tag)?;
        if SKIPPED.contains(&tag.name.as_str()) {
            self.skip_content(&tag.name);
            return None;
        }
        Some(Token::Start(tag))
    }

    /// A tag or attribute name from `from` to the next delimiter, lowercased.
    fn name(&self, from: usize) -> (String, usize) {
        let end = self
            .bytes()
            .get(from..)
            .and_then(|rest| {
                rest.iter()
                    .position(|&c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
            })
            .map_or(self.src.len(), |i| from + i);
        (self.slice(from, end).to_ascii_lowercase(), end)
    }

    /// Reads attributes up to and including `>`; returns the position after it, or `None` (and
    /// moves to the end of input) when the input ends inside the tag.
    fn attributes(&mut self, mut at: usize, tag: &mut Tag<'a>) -> Option<usize> {
        loop {
            while self
                .byte(at)
                .is_some_and(|c| c.is_ascii_whitespace() || c == b'/')
            {
                if self.byte(at) == Some(b'/') && self.byte(at + 1) == Some(b'>') {
                    tag.self_closing = true;
                }
                at += 1;
            }
            match self.byte(at) {
                None => {
                    self.pos = self.src.len();
                    return None;
                }
                Some(b'>') => return Some(at + 1),
                Some(_) => {}
            }
            // A name runs to white space, `/`, `>` or `=` (a leading `=` belongs to it).
            let end = self
                .bytes()
                .get(at + 1..)
                .and_then(|rest| {
                    rest.iter().position(|&c| {
                        c.is_ascii_whitespace() || c == b'/' || c == b'>' || c == b'='
                    })
                })
                .map_or(self.src.len(), |i| at + 1 + i);
            let name = self.slice(at, end).to_ascii_lowercase();
            at = end;
            let mut probe = at;
            while self.byte(probe).is_some_and(|c| c.is_ascii_whitespace()) {
                probe += 1;
            }
            let mut value = Cow::Borrowed("");
            if self.byte(probe) == Some(b'=') {
                probe += 1;
                while self.byte(probe).is_some_and(|c| c.is_ascii_whitespace()) {
                    probe += 1;
                }
                let (raw, next) = self.value(probe)?;
                value = decode(raw);
                at = next;
            }
            tag.attrs.push((name, value));
        }
    }

    /// An attribute value at `at`: quoted, or up to white space or `>`.
    fn value(&mut self, at: usize) -> Option<(&'a str, usize)> {
        match self.byte(at) {
            Some(q @ (b'"' | b'\'')) => {
                let close = self
                    .bytes()
                    .get(at + 1..)
                    .and_then(|rest| rest.iter().position(|&c| c == q));
                let Some(i) = close else {
                    self.pos = self.src.len();
                    return None;
                };
                Some((self.slice(at + 1, at + 1 + i), at + 2 + i))
            }
            _ => {
                let end = self
                    .bytes()
                    .get(at..)
                    .and_then(|rest| {
                        rest.iter()
                            .position(|&c| c.is_ascii_whitespace() || c == b'>')
                    })
                    .map_or(self.src.len(), |i| at + i);
                Some((self.slice(at, end), end))
            }
        }
    }

    /// Moves past the end tag `</name…>` that closes a skipped element (or to the end).
    fn skip_content(&mut self, name: &str) {
        let mut at = self.pos;
        while let Some(i) = self
            .bytes()
            .get(at..)
            .and_then(|rest| rest.windows(2).position(|w| w == b"</"))
        {
            let open = at + i;
            let start = open + 2;
            let end = start + name.len();
            let same = self
                .bytes()
                .get(start..end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
            let delimited = self
                .byte(end)
                .is_none_or(|c| c.is_ascii_whitespace() || c == b'/' || c == b'>');
            if same && delimited {
                self.pos = self.after(end, ">");
                return;
            }
            at = start;
        }
        self.pos = self.src.len();
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        while self.pos < self.src.len() {
            if self.byte(self.pos) != Some(b'<') {
                let start = self.pos;
                self.pos = self
                    .bytes()
                    .get(start..)
                    .and_then(|rest| rest.iter().position(|&c| c == b'<'))
                    .map_or(self.src.len(), |i| start + i);
                return Some(Token::Text(decode(self.slice(start, self.pos))));
            }
            if let Some(token) = self.markup() {
                return Some(token);
            }
        }
        None
    }
}

/// Decodes character references: named ones from [`named`], `&#123;` and `&#x7B;`. A reference
/// that is unknown or malformed stays as written.
pub(super) fn decode(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let tail = rest.get(i + 1..).unwrap_or("");
        match reference(tail) {
            Some((c, used)) => {
                out.extend(c);
                rest = tail.get(used..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference after `&` stands for (none for a soft hyphen) and how many bytes
/// of `tail` it used.
fn reference(tail: &str) -> Option<(Option<char>, usize)> {
    if let Some(num) = tail.strip_prefix('#') {
        let (radix, digits_at) = match num.as_bytes().first() {
            Some(b'x' | b'X') => (16, 2),
            _ => (10, 1),
        };
        let digits = tail.get(digits_at..).unwrap_or("");
        let len = digits
            .bytes()
            .take_while(|c| char::from(*c).is_digit(radix))
            .count();
        if len == 0 {
            return None;
        }
        let value = digits
            .get(..len)
            .unwrap_or("")
            .chars()
            .filter_map(|c| c.to_digit(radix))
            .fold(0u32, |n, d| n.saturating_mul(radix).saturating_add(d));
        let semi = usize::from(digits.get(len..).is_some_and(|r| r.starts_with(';')));
        return Some((Some(code_point(value)), digits_at + len + semi));
    }
    let len = tail
        .bytes()
        .take(32)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    let name = tail.get(..len)?;
    if tail.get(len..).is_some_and(|r| r.starts_with(';')) {
        return named(name).map(|c| (c, len + 1));
    }
    // A few references are recognised without their semicolon, as browsers do.
    match name {
        "amp" | "lt" | "gt" | "quot" | "nbsp" => named(name).map(|c| (c, len)),
        _ => None,
    }
}

/// The character for a numeric reference: NUL, surrogates and values beyond Unicode become
/// U+FFFD, and 0x80..0x9F are read as Windows-1252, as browsers do.
fn code_point(n: u32) -> char {
    const CP1252: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let n = match n {
        0x80..=0x9F => n
            .checked_sub(0x80)
            .and_then(|i| CP1252.get(i as usize))
            .map_or(n, |&c| u32::from(c)),
        _ => n,
    };
    if n == 0 {
        return '\u{FFFD}';
    }
    char::from_u32(n).unwrap_or('\u{FFFD}')
}

/// Named character references seen in pasted Chinese documents; `None` inside `Some` is a
/// reference that stands for nothing visible (the soft hyphen).
fn named(name: &str) -> Option<Option<char>> {
    let c = match name {
        "nbsp" | "NonBreakingSpace" => '\u{A0}',
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwsp" => '\u{200B}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "middot" => '·',
        "bull" => '•',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "minus" => '−',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "deg" => '°',
        "permil" => '‰',
        "sect" => '§',
        "para" => '¶',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "yen" => '¥',
        "cent" => '¢',
        "pound" => '£',
        "euro" => '€',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "shy" => return Some(None),
        _ => return None,
    };
    Some(Some(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(html: &str) -> Vec<String> {
        Tokenizer::new(html)
            .map(|t| match t {
                Token::Text(s) => format!("{s:?}"),
                Token::Start(tag) => {
                    let attrs: Vec<String> = tag
                        .attrs
                        .iter()
                        .map(|(n, v)| format!(" {n}={v:?}"))
                        .collect();
                    let slash = if tag.self_closing { "/" } else { "" };
                    format!("<{}{}{slash}>", tag.name, attrs.concat())
                }
                Token::End(name) => format!("</{name}>"),
            })
            .collect()
    }

    #[test]
    fn tags_and_attributes_quoted_unquoted_and_bare() {
        assert_eq!(
            tokens("<TD width=52 RowSpan=\"22\" style='a:b;\r\n c:d' nowrap x:str>1</td >"),
            [
                "<td width=\"52\" rowspan=\"22\" style=\"a:b;\\r\\n c:d\" nowrap=\"\" x:str=\"\">",
                "\"1\"",
                "</td>"
            ]
        );
        assert_eq!(tokens("<o:p/><br/>"), ["<o:p/>", "<br/>"]);
        assert_eq!(
            tokens("<a title = 'x > y' href=b>"),
            ["<a title=\"x > y\" href=\"b\">"]
        );
    }

    #[test]
    fn comments_conditionals_doctype_and_cdata() {
        let html = "<!DOCTYPE html><?xml version=\"1.0\"?>\
            <!--[if gte mso 9]><xml><w:WordDocument>x</w:WordDocument></xml><![endif]-->\
            <![if !supportLists]>1.<![endif]>正文<!---->a<!-->b<![CDATA[<c>]]>";
        assert_eq!(
            tokens(html),
            ["\"1.\"", "\"正文\"", "\"a\"", "\"b\"", "\"<c>\""]
        );
    }

    #[test]
    fn skipped_elements_lose_their_content() {
        assert_eq!(
            tokens("<style>p{}</p></STYLE >a<script>if (a</b) x()</script>b<xml><o:x/></xml>c"),
            ["\"a\"", "\"b\"", "\"c\""]
        );
        assert_eq!(tokens("<title>t"), Vec::<String>::new());
    }

    #[test]
    fn character_references() {
        assert_eq!(
            decode("&nbsp;&amp;&lt;&gt;&quot;&apos;&ensp;&emsp;&thinsp;&middot;&ldquo;&rdquo;&hellip;&mdash;&ndash;&times;"),
            "\u{a0}&<>\"'\u{2002}\u{2003}\u{2009}·“”…—–×"
        );
        assert_eq!(
            decode("&#20013;&#x56FD;&#X56fd&#150;&#0;&#xD800;&#99999999999;"),
            "中国国–\u{FFFD}\u{FFFD}\u{FFFD}"
        );
        assert_eq!(
            decode("&foo; &amp &nbspx &# &#x; a&b"),
            "&foo; & &nbspx &# &#x; a&b"
        );
        assert_eq!(decode("so&shy;ft"), "soft");
    }

    #[test]
    fn broken_markup_is_text_or_dropped() {
        assert_eq!(tokens("a < b"), ["\"a \"", "\"<\"", "\" b\""]);
        assert_eq!(tokens("x<p class='unterminated>y"), ["\"x\""]);
        assert_eq!(tokens("x<p"), ["\"x\""]);
        assert_eq!(tokens("</>a</ b>c<!--open"), ["\"a\"", "\"c\""]);
    }

    #[test]
    fn clipboard_header_is_skipped() {
        let html = "Version:0.9\r\nStartHTML:0000000105\r\nEndHTML:0000000200\r\n<html><body>x";
        assert_eq!(tokens(html), ["<html>", "<body>", "\"x\""]);
    }
}
