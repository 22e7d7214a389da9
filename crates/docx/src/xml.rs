//! A small, tolerant XML tokenizer for WordprocessingML: start tags with their attributes, end
//! tags and text, with the five named entities and numeric character references decoded.
//! Declarations (`<?xml?>`), comments and `<!DOCTYPE>` are skipped; CDATA is text.
//!
//! It is not a validating parser: it never fails. Malformed markup (a `<` that starts no tag,
//! an unterminated tag at the end, an unknown entity) is read as text or dropped, and matching
//! end tags to start tags is left to the reader in `wordml.rs`.
//!
//! Invariant: [`Tokens`] makes one pass over the input (every token advances the position), and
//! every slice it takes is on an ASCII delimiter, so on a char boundary.

use std::borrow::Cow;

/// One piece of markup or text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token<'a> {
    /// `<name attr="v">` or `<name/>`.
    Start(Tag<'a>),
    /// `</name>`.
    End(&'a str),
    /// Character data with entities decoded.
    Text(Cow<'a, str>),
}

/// A start tag: its qualified name and its raw attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag<'a> {
    /// The qualified name as written, `w:p`.
    pub name: &'a str,
    /// The attribute text after the name, not yet parsed.
    attrs: &'a str,
    /// True for `<name/>`, which has no end tag.
    pub empty: bool,
}

impl<'a> Tag<'a> {
    /// The attributes as `(qualified name, decoded value)`, in order.
    pub fn attrs(&self) -> Attrs<'a> {
        Attrs { rest: self.attrs }
    }

    /// The value of the first attribute whose local name (after any prefix) is `local`.
    pub fn attr(&self, local: &str) -> Option<Cow<'a, str>> {
        self.attrs()
            .find(|(name, _)| local_name(name) == local)
            .map(|(_, value)| value)
    }
}

/// The part of a qualified name after its prefix: `val` for `w:val`.
pub fn local_name(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// The prefix of a qualified name, empty when there is none: `w` for `w:p`.
pub fn prefix(name: &str) -> &str {
    name.split_once(':').map_or("", |(prefix, _)| prefix)
}

/// An iterator over the attributes of a tag.
#[derive(Clone, Debug)]
pub struct Attrs<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Attrs<'a> {
    type Item = (&'a str, Cow<'a, str>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let rest = self.rest.trim_start();
            if rest.is_empty() {
                return None;
            }
            let name_end = rest
                .find(|c: char| c == '=' || c.is_ascii_whitespace())
                .unwrap_or(rest.len());
            let name = rest.get(..name_end)?;
            let after = rest.get(name_end..)?.trim_start();
            let Some(after) = after.strip_prefix('=') else {
                // An attribute without a value: skip its name.
                self.rest = rest.get(name_end..)?;
                if name_end == 0 {
                    self.rest = rest.get(1..).unwrap_or("");
                }
                continue;
            };
            let after = after.trim_start();
            let quote = after.chars().next().filter(|&c| c == '"' || c == '\'');
            let (raw, rest) = match quote {
                Some(q) => {
                    let body = after.get(1..)?;
                    let end = body.find(q).unwrap_or(body.len());
                    (body.get(..end)?, body.get(end + 1..).unwrap_or(""))
                }
                None => {
                    let end = after
                        .find(|c: char| c.is_ascii_whitespace())
                        .unwrap_or(after.len());
                    (after.get(..end)?, after.get(end..)?)
                }
            };
            self.rest = rest;
            return Some((name, decode_entities(raw)));
        }
    }
}

/// The tokens of an XML text, in order.
#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    /// Tokenizes `src`.
    pub fn new(src: &'a str) -> Tokens<'a> {
        Tokens { src, pos: 0 }
    }

    /// The rest of the input from the current position.
    fn rest(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    /// Moves past the first `end` after the current position, or to the end of the input.
    fn skip_past(&mut self, end: &str) {
        let rest = self.rest();
        self.pos += rest.find(end).map_or(rest.len(), |i| i + end.len());
    }

    /// Reads a tag starting at the current `<`; `None` when it was skipped.
    fn tag(&mut self) -> Option<Token<'a>> {
        let rest = self.rest();
        if rest.starts_with("<?") {
            self.skip_past("?>");
            return None;
        }
        if rest.starts_with("<!--") {
            self.skip_past("-->");
            return None;
        }
        if let Some(body) = rest.strip_prefix("<![CDATA[") {
            let end = body.find("]]>").unwrap_or(body.len());
            self.pos += 9 + end + 3;
            self.pos = self.pos.min(self.src.len());
            return Some(Token::Text(Cow::Borrowed(body.get(..end)?)));
        }
        if rest.starts_with("<!") {
            self.skip_past(">");
            return None;
        }
        let end = tag_end(rest);
        self.pos += end.map_or(rest.len(), |e| e + 1);
        let inner = rest.get(1..end?)?;
        if let Some(name) = inner.strip_prefix('/') {
            return Some(Token::End(name.trim()));
        }
        let (inner, empty) = match inner.strip_suffix('/') {
            Some(inner) => (inner, true),
            None => (inner, false),
        };
        let name_end = inner
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(inner.len());
        Some(Token::Start(Tag {
            name: inner.get(..name_end)?,
            attrs: inner.get(name_end..)?,
            empty,
        }))
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                return None;
            }
            if !rest.starts_with('<') {
                let end = rest.find('<').unwrap_or(rest.len());
                self.pos += end;
                return Some(Token::Text(decode_entities(rest.get(..end)?)));
            }
            let starts_tag = rest
                .as_bytes()
                .get(1)
                .is_some_and(|&b| b.is_ascii_alphabetic() || b"/?!_:".contains(&b));
            if !starts_tag {
                // A lone `<` is text.
                self.pos += 1;
                return Some(Token::Text(Cow::Borrowed("<")));
            }
            if let Some(token) = self.tag() {
                return Some(token);
            }
        }
    }
}

/// The offset of the `>` closing the tag that starts `s`, outside quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// `s` with `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` and `&#NN;` `&#xHH;` decoded; anything
/// else after `&` is kept as written.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        // Entities are short; a `;` further away means this `&` is just text.
        let semi = after.get(..after.len().min(12)).and_then(|h| h.find(';'));
        let decoded = semi.and_then(|semi| Some((entity(after.get(..semi)?)?, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = after.get(semi + 1..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character an entity name (between `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    let code = match name {
        "amp" => return Some('&'),
        "lt" => return Some('<'),
        "gt" => return Some('>'),
        "quot" => return Some('"'),
        "apos" => return Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse::<u32>().ok()?,
            }
        }
    };
    // NUL, surrogates and values beyond Unicode are U+FFFD, as in HTML.
    Some(
        char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}'),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(src: &str) -> Vec<String> {
        Tokens::new(src)
            .map(|t| match t {
                Token::Start(tag) => {
                    let attrs: Vec<String> =
                        tag.attrs().map(|(n, v)| format!(" {n}={v}")).collect();
                    let slash = if tag.empty { "/" } else { "" };
                    format!("<{}{}{slash}>", tag.name, attrs.concat())
                }
                Token::End(name) => format!("</{name}>"),
                Token::Text(text) => text.into_owned(),
            })
            .collect()
    }

    #[test]
    fn tags_attributes_and_text() {
        let src = r#"<?xml version="1.0" standalone="yes"?><!-- c --><w:p a="1 > 2" w:val='x'><w:t xml:space="preserve">一、总体</w:t><w:br/></w:p>"#;
        assert_eq!(
            tokens(src),
            [
                "<w:p a=1 > 2 w:val=x>",
                "<w:t xml:space=preserve>",
                "一、总体",
                "</w:t>",
                "<w:br/>",
                "</w:p>"
            ]
        );
    }

    #[test]
    fn entities_and_cdata() {
        let src = "<t>a &amp; b &lt;&gt;&quot;&apos; &#20013;&#x6587; &nbsp; & &#xD800;</t><![CDATA[<x>&amp;]]>";
        assert_eq!(
            tokens(src),
            [
                "<t>",
                "a & b <>\"' 中文 &nbsp; & \u{FFFD}",
                "</t>",
                "<x>&amp;"
            ]
        );
        let tag = Tokens::new(r#"<w:gridSpan w:val="3"/>"#).next();
        let Some(Token::Start(tag)) = tag else {
            panic!("a start tag")
        };
        assert_eq!(tag.attr("val").as_deref(), Some("3"));
        assert_eq!(local_name(tag.name), "gridSpan");
        assert_eq!(prefix(tag.name), "w");
    }

    #[test]
    fn malformed_input_never_stops_the_reader() {
        assert_eq!(tokens("a < b <"), ["a ", "<", " b ", "<"]);
        assert_eq!(tokens("<w:p attr=\"unterminated>"), Vec::<String>::new());
        assert_eq!(tokens("<!DOCTYPE x><a b c=d/>x"), ["<a c=d/>", "x"]);
        assert_eq!(tokens("<![CDATA[open"), ["open"]);
        assert_eq!(tokens("<!-- open"), Vec::<String>::new());
        for src in [
            "<",
            "<a",
            "</",
            "<?",
            "<!",
            "&",
            "&#;",
            "&#x110000;",
            "<a ='x'>",
        ] {
            let _ = tokens(src);
        }
    }
}
