//! Simple fonts' one-byte encodings: the base encodings a font names (`WinAnsiEncoding`,
//! `MacRomanEncoding`, `StandardEncoding`), glyph names to characters, and `/Differences`.
//!
//! The three agree on printable ASCII but for two codes (StandardEncoding's 0x27 is ’ and 0x60
//! is ‘, the `quoteright` and `quoteleft` of Type 1 fonts) and differ in the high half: a Mac
//! file's “client” (0xD2 … 0xD3) read as Latin-1 is `ÒclientÓ`. Each is its own table.
//!
//! The Latin characters of CFF's standard strings (`LATIN`, by string id) serve the
//! StandardEncoding high half too: its codes 0xA1–0xFB are strings 96–149 in order.
//!
//! Invariant: a code a table does not define is `None` (undecodable), never another character.

use super::lexer::Object;

/// The character of each of a simple font's 256 codes.
pub type Table = [Option<char>; 256];

/// A base encoding a simple font names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Base {
    WinAnsi,
    MacRoman,
    Standard,
}

/// The characters of CFF's standard strings 0–228 (`.notdef`, `space` … `zcaron`), the Latin
/// set: 1–95 are StandardEncoding's ASCII, 96–149 its high half in code order, then the
/// ISOAdobe accented letters. Strings 229–390 (small capitals, old-style figures) are not here.
pub const LATIN: &str = "\0 !\"#$%&’()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_‘\
    abcdefghijklmnopqrstuvwxyz{|}~¡¢£⁄¥ƒ§¤'“«‹›ﬁﬂ–†‡·¶•‚„”»…‰¿`´ˆ˜¯˘˙¨˚¸˝˛ˇ—ÆªŁØŒºæıłøœß\
    ¹¬µ™Ð½±Þ¼÷¦°þ¾²®−ð×³©ÁÂÄÀÅÃÇÉÊËÈÍÎÏÌÑÓÔÖÒÕŠÚÛÜÙÝŸŽáâäàåãçéêëèíîïìñóôöòõšúûüùýÿž";

/// StandardEncoding's high codes, which are CFF strings 96–149 in order.
const STANDARD_HIGH: [u8; 54] = [
    0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE, 0xAF, 0xB1,
    0xB2, 0xB3, 0xB4, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0xBF, 0xC1, 0xC2, 0xC3, 0xC4,
    0xC5, 0xC6, 0xC7, 0xC8, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF, 0xD0, 0xE1, 0xE3, 0xE8, 0xE9, 0xEA, 0xEB,
    0xF1, 0xF5, 0xF8, 0xF9, 0xFA, 0xFB,
];

/// WinAnsiEncoding's 0x80–0x9F (0xA0–0xFF are Latin-1's); `\0` is undefined.
const WIN_ANSI_HIGH: &str = "€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ";

/// MacRomanEncoding's 0x80–0xFF as PDF defines it: 0xCA is a space, 0xDB the currency sign;
/// 0xF0 (the Apple logo) is undefined.
const MAC_ROMAN_HIGH: &str = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø\
    ¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄¤‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\0ÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ";

impl Base {
    /// The base encoding of a name (`/WinAnsiEncoding`…).
    pub fn named(name: &[u8]) -> Option<Base> {
        let names: [&[u8]; 3] = [b"WinAnsiEncoding", b"MacRomanEncoding", b"StandardEncoding"];
        let bases = [Base::WinAnsi, Base::MacRoman, Base::Standard];
        names
            .iter()
            .zip(bases)
            .find(|(n, _)| **n == name)
            .map(|(_, b)| b)
    }

    /// The characters of its codes.
    pub fn table(self) -> Table {
        let mut table = [None; 256];
        for (code, slot) in table.iter_mut().enumerate().skip(0x20).take(0x5F) {
            *slot = char::from_u32(code as u32);
        }
        let high = |chars: &str, from: usize, table: &mut Table| {
            let slots = table.iter_mut().skip(from);
            for (slot, c) in slots.zip(chars.chars()) {
                *slot = Some(c).filter(|&c| c != '\0');
            }
        };
        match self {
            Base::WinAnsi => {
                high(WIN_ANSI_HIGH, 0x80, &mut table);
                for (code, slot) in table.iter_mut().enumerate().skip(0xA0) {
                    *slot = char::from_u32(code as u32);
                }
            }
            Base::MacRoman => high(MAC_ROMAN_HIGH, 0x80, &mut table),
            Base::Standard => {
                table[0x27] = Some('’');
                table[0x60] = Some('‘');
                for (&code, c) in STANDARD_HIGH.iter().zip(LATIN.chars().skip(96)) {
                    if let Some(slot) = table.get_mut(usize::from(code)) {
                        *slot = Some(c);
                    }
                }
            }
        }
        table
    }
}

/// `table` with the `/Differences` array `differences` applied: each number starts a run of
/// codes, each name gives the next code its glyph's character (or none: an unknown glyph name
/// is undecodable, never the base encoding's character).
pub fn apply_differences(table: &mut Table, differences: &[Object]) {
    let mut code = 256usize;
    for item in differences {
        match item {
            Object::Int(n) => code = usize::try_from(*n).unwrap_or(256),
            Object::Name(glyph) => {
                if let Some(slot) = table.get_mut(code) {
                    *slot = glyph_char(glyph);
                }
                code = code.saturating_add(1);
            }
            _ => {}
        }
    }
}

/// The character of a glyph name (`uni4E00`, `u1F600`, `A`, `zero`, `comma`…).
pub fn glyph_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let hex = |h: &str| u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    if let Some(h) = name.strip_prefix("uni").filter(|h| h.len() == 4) {
        return hex(h);
    }
    if let Some(h) = name
        .strip_prefix('u')
        .filter(|h| (4..=6).contains(&h.len()))
    {
        return hex(h);
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_ascii_alphabetic().then_some(c);
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("slash", '/'),
        ("percent", '%'),
        ("exclam", '!'),
        ("question", '?'),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("braceleft", '{'),
        ("braceright", '}'),
        ("at", '@'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("ampersand", '&'),
        ("asterisk", '*'),
        ("plus", '+'),
        ("equal", '='),
        ("less", '<'),
        ("greater", '>'),
        ("underscore", '_'),
        ("bar", '|'),
        ("backslash", '\\'),
        ("asciitilde", '~'),
        ("asciicircum", '^'),
        ("grave", '`'),
        ("quotesingle", '\''),
        ("quotedbl", '"'),
        ("quoteleft", '‘'),
        ("quoteright", '’'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("endash", '–'),
        ("emdash", '—'),
        ("minus", '−'),
        ("bullet", '•'),
        ("periodcentered", '·'),
        ("ellipsis", '…'),
        ("degree", '°'),
        ("multiply", '×'),
        ("divide", '÷'),
        ("plusminus", '±'),
        ("section", '§'),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_have_their_sizes() {
        assert_eq!(LATIN.chars().count(), 229);
        assert_eq!(WIN_ANSI_HIGH.chars().count(), 32);
        assert_eq!(MAC_ROMAN_HIGH.chars().count(), 128);
    }

    #[test]
    fn the_encodings_differ_where_they_should() {
        let (win, mac, std) = (
            Base::WinAnsi.table(),
            Base::MacRoman.table(),
            Base::Standard.table(),
        );
        let at = |t: &Table, code: u8| t[usize::from(code)];
        // ASCII is shared, but for Standard's quotes.
        assert_eq!(
            (at(&win, b'A'), at(&mac, b'A'), at(&std, b'A')),
            (Some('A'), Some('A'), Some('A'))
        );
        assert_eq!((at(&win, 0x27), at(&std, 0x27)), (Some('\''), Some('’')));
        assert_eq!((at(&win, 0x60), at(&std, 0x60)), (Some('`'), Some('‘')));
        // “client” and doesn’t, as a Mac writes them.
        assert_eq!(
            (at(&mac, 0xD2), at(&mac, 0xD3), at(&mac, 0xD5)),
            (Some('“'), Some('”'), Some('’'))
        );
        assert_eq!((at(&win, 0xD2), at(&win, 0x93)), (Some('Ò'), Some('“')));
        assert_eq!(
            (
                at(&mac, 0xCA),
                at(&mac, 0xDB),
                at(&mac, 0xF0),
                at(&mac, 0xFF)
            ),
            (Some(' '), Some('¤'), None, Some('ˇ'))
        );
        // Standard's high half: 0xAA quotedblleft, 0xBA quotedblright, 0xD0 emdash, 0xFB germandbls; gaps undefined.
        assert_eq!(
            (
                at(&std, 0xAA),
                at(&std, 0xBA),
                at(&std, 0xD0),
                at(&std, 0xFB)
            ),
            (Some('“'), Some('”'), Some('—'), Some('ß'))
        );
        assert_eq!(
            (at(&std, 0xB0), at(&std, 0xA0), at(&std, 0x93)),
            (None, None, None)
        );
        assert_eq!((at(&win, 0x81), at(&win, 0x1F)), (None, None));
    }

    #[test]
    fn differences_replace_codes_and_unknown_glyphs_are_undecodable() {
        let mut table = Base::WinAnsi.table();
        let differences = [
            Object::Int(0x3A),
            Object::Name(b"period".to_vec()),
            Object::Name(b"g123".to_vec()),
            Object::Int(300),
            Object::Name(b"comma".to_vec()),
        ];
        apply_differences(&mut table, &differences);
        assert_eq!(
            (table[0x3A], table[0x3B], table[0x3C]),
            (Some('.'), None, Some('<'))
        );
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_char(b"uni5E74"), Some('年'));
        assert_eq!(glyph_char(b"zero"), Some('0'));
        assert_eq!(glyph_char(b"g123"), None);
    }
}
