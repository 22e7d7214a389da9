//! Fonts: how the bytes of a shown string become character codes, Unicode text and widths.
//!
//! The text of a code comes from the font's ToUnicode CMap (`bfchar`, `bfrange`) when it has
//! one; else from its encoding: a predefined Unicode CMap (`UniGB-UCS2-H`, `UniGB-UTF16-H`:
//! the codes are UTF-16 already), a GBK CMap (`GBK-EUC-H`, `GB-EUC-H`, the Mac's `GBpc-EUC-H`
//! with its one-byte codes, GB 18030's `GBK2K-H` with its four-byte ones: GBK bytes, decoded
//! by the table of `gbk.rs`; what is not in GBK is undecodable), each also as `-V` for
//! vertical writing, or for simple fonts a base encoding (WinAnsi, MacRoman, Standard:
//! `encoding.rs`; a Type 1 font that names none has its program's, `builtin.rs`) and
//! `/Differences` glyph names. A code that yields no text, or a character that is none (private use, a
//! noncharacter, U+FFFD), is *undecodable*: the caller counts those and refuses a text built
//! on them.
//!
//! A font without a ToUnicode map whose codes name glyphs, not characters, is read from the
//! TrueType program it embeds (`truetype.rs`), as a viewer's copy-paste does: a Type0 font with
//! `Identity-H` or `Identity-V` over a CIDFontType2 font (code = CID, CID to glyph by
//! `/CIDToGIDMap`), and a symbolic simple TrueType font without `/Encoding` (code to glyph by
//! its (3,0) or (1,0) `cmap`); a glyph's character is the program's Unicode `cmap` inverted.
//! Without a program, with a CFF one (whose CIDs need the Adobe-GB1 collection) or without a
//! usable Unicode `cmap`, the codes stay undecodable.
//!
//! Invariants: never panics; a ToUnicode map holds at most [`MAX_MAP`] codes, a map from an
//! embedded program at most 65,536 (one per glyph).

use std::collections::HashMap;

use super::builtin;
use super::encoding::{apply_differences, glyph_char, Base, Table};
use super::file::File;
use super::gbk;
use super::lexer::{Dict, Lexer, Object};
use super::truetype;

/// The most codes one ToUnicode map may define.
const MAX_MAP: usize = 1 << 17;

/// How the bytes of a string split into codes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Codes {
    One,
    Two,
    /// GBK: a lead byte 0x81..=0xFE starts a two-byte code.
    Gbk,
    /// GB 18030 (`GBK2K-H`): GBK, and a lead byte followed by a digit 0x30..=0x39 starts a
    /// four-byte code.
    Gb18030,
    /// The Mac's GB 2312 (`GBpc-EUC-H`): a lead byte 0xA1..=0xFC starts a two-byte code; 0x80
    /// and 0xFD..=0xFF are codes of one byte.
    Gbpc,
    /// GBK bytes under a simple font: codes as [`Codes::Gbk`], but each byte is a glyph of the
    /// font, with its own width, and a string whose bytes are not all GBK is undecodable whole.
    GbkBytes,
}

/// What a code means when the ToUnicode map does not say.
#[derive(Clone, Debug, PartialEq)]
enum Fallback {
    /// Nothing: the code is undecodable.
    None,
    /// The code is a UTF-16 code unit.
    Utf16,
    /// The code is GBK.
    Gbk,
    /// A simple font's one-byte encoding.
    Simple(Box<Table>),
    /// The character of each CID (the index), by the glyph it draws in the embedded TrueType
    /// program.
    Glyphs(Vec<Option<char>>),
    /// The code is a CID of the Adobe-GB1 collection (`gbk::adobe_gb1`).
    AdobeGb1,
}

/// A font as far as text extraction needs it.
#[derive(Clone, Debug)]
pub struct Font {
    /// The font's name, for messages (`宋体`, `TimesNewRomanPSMT`).
    pub name: String,
    /// The predefined CMap named by a Type0 font without a ToUnicode map, for messages.
    pub cmap: Option<String>,
    /// True for vertical writing (a CMap whose name ends in `-V`): glyphs stack downwards.
    pub vertical: bool,
    codes: Codes,
    to_unicode: HashMap<u32, String>,
    fallback: Fallback,
    widths: HashMap<u32, f64>,
    default_width: f64,
}

/// One code of a shown string.
#[derive(Clone, Debug, PartialEq)]
pub struct Code {
    /// The text, or `None` when the code is undecodable.
    pub text: Option<String>,
    /// The advance width in text space units (thousandths of the font size).
    pub width: f64,
    /// True for the single byte 32, which word spacing applies to.
    pub space: bool,
    /// How many of the font's glyphs the code draws, each taking the character spacing: two
    /// for a GBK pair under a simple font, else one.
    pub glyphs: u8,
}

impl Font {
    /// The font of the dictionary `dict`.
    pub fn read(file: &File, dict: &Dict) -> Font {
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        let name = dict
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(font_name)
            .unwrap_or_default();
        let to_unicode = dict
            .get(b"ToUnicode")
            .and_then(|o| match o {
                Object::Ref(r) => file.stream_bytes(*r).ok(),
                _ => None,
            })
            .map(|data| parse_cmap(&data))
            .unwrap_or_default();
        if subtype == b"Type0" {
            type0(file, dict, name, to_unicode)
        } else {
            simple(file, dict, name, to_unicode)
        }
    }

    /// How many entries its maps hold (codes, widths, glyphs): what reading it cost, for the
    /// file's budget (`content::MAX_FONT_ENTRIES`).
    pub fn entries(&self) -> usize {
        let glyphs = match &self.fallback {
            Fallback::Glyphs(glyphs) => glyphs.len(),
            _ => 0,
        };
        self.to_unicode.len() + self.widths.len() + glyphs
    }

    /// A font nothing is known about: every code undecodable.
    pub fn unknown() -> Font {
        Font {
            name: String::new(),
            cmap: None,
            vertical: false,
            codes: Codes::One,
            to_unicode: HashMap::new(),
            widths: HashMap::new(),
            default_width: 500.0,
            fallback: Fallback::None,
        }
    }

    /// The codes of a shown string.
    pub fn codes(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let rest = bytes.get(i..).unwrap_or(&[]);
            let chunk = rest.get(..self.code_len(rest)).unwrap_or(rest);
            let code = chunk.iter().fold(0, |n, &b| (n << 8) | u32::from(b));
            let len = chunk.len().max(1);
            i += len;
            let bytes = self.codes == Codes::GbkBytes && len == 2;
            let width = if bytes {
                self.width(code >> 8) + self.width(code & 0xFF)
            } else {
                self.cid(code)
                    .map_or(self.default_width, |cid| self.width(cid))
            };
            out.push(Code {
                text: self.text(code, len),
                width,
                space: len == 1 && code == 32,
                glyphs: if bytes { 2 } else { 1 },
            });
        }
        // Bytes that are not all GBK were never GBK: a Latin text in WinAnsi, say, whose
        // accented letters pair up as GBK by chance. None of them is read.
        if self.codes == Codes::GbkBytes && out.iter().any(|c| c.text.is_none()) {
            out.iter_mut().for_each(|c| c.text = None);
        }
        out
    }

    /// How many bytes the code at the start of `bytes` takes (fewer may be left).
    fn code_len(&self, bytes: &[u8]) -> usize {
        let (first, second) = (bytes.first().copied(), bytes.get(1).copied());
        let lead = first.is_some_and(|b| (0x81..=0xFE).contains(&b));
        match self.codes {
            Codes::One => 1,
            Codes::Two => 2,
            Codes::Gbk | Codes::GbkBytes => 1 + usize::from(lead),
            Codes::Gb18030 if lead && second.is_some_and(|b| b.is_ascii_digit()) => 4,
            Codes::Gb18030 => 1 + usize::from(lead),
            Codes::Gbpc => 1 + usize::from(first.is_some_and(|b| (0xA1..=0xFC).contains(&b))),
        }
    }

    /// The width of a CID (or a simple font's code).
    fn width(&self, cid: u32) -> f64 {
        self.widths.get(&cid).copied().unwrap_or(self.default_width)
    }

    /// The CID a code draws, by which `/W` gives its width: the code itself (Identity CMaps,
    /// simple fonts), except under a predefined Unicode CMap (`UniGB-UCS2-H`), whose codes are
    /// UTF-16: there the printable ASCII U+0020–U+007E are Adobe-GB1's CIDs 1–95, and the CID
    /// of any other code is not known here (its width is the default, `/DW`), never another
    /// CID's.
    fn cid(&self, code: u32) -> Option<u32> {
        match self.fallback {
            Fallback::Utf16 => (0x20..=0x7E).contains(&code).then(|| code - 0x1F),
            _ => Some(code),
        }
    }

    /// The text of one code, when it is decodable.
    fn text(&self, code: u32, len: usize) -> Option<String> {
        let text = match self.to_unicode.get(&code) {
            Some(t) => Some(t.clone()),
            None => self.fallback_text(code, len),
        }?;
        let usable = !text.is_empty() && text.chars().all(|c| !is_no_character(c) && c != '\0');
        // Control characters (a map that gives a glyph `\n` or `\t`) would break the lines and
        // cells of the layout: they read as a space.
        let text = if text.chars().any(char::is_control) {
            text.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect()
        } else {
            text
        };
        usable.then_some(text)
    }

    fn fallback_text(&self, code: u32, len: usize) -> Option<String> {
        match &self.fallback {
            Fallback::None => None,
            Fallback::Utf16 => char::from_u32(code).map(String::from),
            Fallback::Gbk => gbk(code, len),
            Fallback::Simple(table) => {
                let c = table.get(usize::try_from(code).ok()?).copied().flatten()?;
                Some(c.to_string())
            }
            Fallback::Glyphs(chars) => {
                let c = chars.get(usize::try_from(code).ok()?).copied().flatten()?;
                Some(c.to_string())
            }
            Fallback::AdobeGb1 => gbk::adobe_gb1(code).map(String::from),
        }
    }
}

/// True for code points that stand for no real character: private use, noncharacters
/// (U+FDD0–U+FDEF and the last two of every plane, U+FFFE, U+FFFF…) and U+FFFD, which a map
/// gives a glyph its producer had no character for.
pub(crate) fn is_no_character(c: char) -> bool {
    let c = c as u32;
    matches!(c, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFDD0..=0xFDEF | 0xFFFD)
        || c & 0xFFFE == 0xFFFE
}

/// A GBK code as text (see `gbk.rs`).
fn gbk(code: u32, len: usize) -> Option<String> {
    match len {
        1 => (code < 0x80).then(|| char::from(code as u8).to_string()),
        _ => gbk::decode(u16::try_from(code).ok()?).map(String::from),
    }
}

/// A BaseFont name without its subset tag (`ABCDEF+`), as text: UTF-8, or GBK bytes (`宋体`
/// as `/#CB#CE#CC#E5`), else what UTF-8 makes of them.
fn font_name(bytes: &[u8]) -> String {
    let gbk = || {
        let codes = Font {
            codes: Codes::GbkBytes,
            fallback: Fallback::Gbk,
            ..Font::unknown()
        }
        .codes(bytes);
        codes
            .into_iter()
            .map(|c| c.text)
            .collect::<Option<String>>()
    };
    let name = match std::str::from_utf8(bytes) {
        Ok(name) => name.to_string(),
        Err(_) => gbk().unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned()),
    };
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => {
            rest.to_string()
        }
        _ => name,
    }
}

/// A Type0 (composite) font: two-byte codes unless its CMap says otherwise.
fn type0(file: &File, dict: &Dict, name: String, to_unicode: HashMap<u32, String>) -> Font {
    let encoding = dict
        .get(b"Encoding")
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).into_owned());
    let (codes, fallback) = match encoding.as_deref() {
        Some(e) if e.starts_with("Uni") && (e.contains("UCS2") || e.contains("UTF16")) => {
            (Codes::Two, Fallback::Utf16)
        }
        Some(e) if e.starts_with("GBK2K") => (Codes::Gb18030, Fallback::Gbk),
        Some(e) if e.starts_with("GBpc") => (Codes::Gbpc, Fallback::Gbk),
        Some(e) if e.starts_with("GB") && (e.contains("EUC") || e.starts_with("GBK")) => {
            (Codes::Gbk, Fallback::Gbk)
        }
        _ => (Codes::Two, Fallback::None),
    };
    let vertical = encoding.as_deref().is_some_and(|e| e.ends_with("-V"));
    let descendant = dict
        .get(b"DescendantFonts")
        .map(|d| file.resolve(d))
        .and_then(|d| d.as_array().and_then(|a| a.first().cloned()))
        .and_then(|d| file.dict(&d))
        .unwrap_or_default();
    let identity = matches!(encoding.as_deref(), Some("Identity-H" | "Identity-V"));
    let fallback = match (identity && to_unicode.is_empty(), &fallback) {
        (true, Fallback::None) => match cid_glyphs(file, &descendant) {
            Some(glyphs) => Fallback::Glyphs(glyphs),
            None if adobe_gb1(file, &descendant) => Fallback::AdobeGb1,
            None => Fallback::None,
        },
        _ => fallback,
    };
    let default_width = descendant
        .get(b"DW")
        .and_then(Object::as_f64)
        .unwrap_or(1000.0);
    let widths = descendant
        .get(b"W")
        .map(|w| file.resolve(w))
        .map(|w| cid_widths(file, &w))
        .unwrap_or_default();
    let cmap = if to_unicode.is_empty() {
        encoding
    } else {
        None
    };
    Font {
        name,
        cmap,
        vertical,
        codes,
        to_unicode,
        fallback,
        widths,
        default_width,
    }
}

/// True when a CFF CID font's codes are CIDs of the Adobe-GB1 collection: its
/// `/CIDSystemInfo` says so (Registry `Adobe`, Ordering `GB1`) and so does the CFF program it
/// embeds (a CID-keyed one whose `ROS` names Adobe-GB1), or it embeds none (a viewer then
/// draws each CID from its own Adobe-GB1 font). A TrueType CID font's CIDs are often its
/// glyph ids whatever its `/CIDSystemInfo` says: never read so.
fn adobe_gb1(file: &File, descendant: &Dict) -> bool {
    let subtype = descendant.get(b"Subtype").and_then(Object::as_name);
    let Some(info) = descendant.get(b"CIDSystemInfo").and_then(|i| file.dict(i)) else {
        return false;
    };
    let says = |key: &[u8], value: &[u8]| matches!(info.get(key).map(|o| file.resolve(o)), Some(Object::Str(s)) if s == value);
    if subtype != Some(b"CIDFontType0")
        || !says(b"Registry", b"Adobe")
        || !says(b"Ordering", b"GB1")
    {
        return false;
    }
    let descriptor = descendant
        .get(b"FontDescriptor")
        .and_then(|d| file.dict(d))
        .unwrap_or_default();
    match descriptor.get(b"FontFile3") {
        Some(Object::Ref(r)) => file
            .stream_bytes(*r)
            .is_ok_and(|program| builtin::cff_adobe_gb1(&program)),
        Some(_) => false,
        None => descriptor.get(b"FontFile").is_none() && descriptor.get(b"FontFile2").is_none(),
    }
}

/// The character of each CID of a CIDFontType2 font with an embedded TrueType program: CID to
/// glyph by `/CIDToGIDMap` (`/Identity`, or a stream of big-endian glyph ids), glyph to
/// character by the program's `cmap`. `None` for another kind of font (a CFF program's CIDs
/// need the Adobe-GB1 collection), no program, or no usable `cmap`.
fn cid_glyphs(file: &File, descendant: &Dict) -> Option<Vec<Option<char>>> {
    if descendant.get(b"Subtype").and_then(Object::as_name) != Some(b"CIDFontType2") {
        return None;
    }
    let glyphs = embedded_glyphs(file, descendant)?;
    match descendant.get(b"CIDToGIDMap") {
        None => Some(glyphs),
        Some(Object::Name(n)) if n == b"Identity" => Some(glyphs),
        Some(Object::Ref(r)) => {
            let data = file.stream_bytes(*r).ok()?;
            let chars: Vec<Option<char>> = data
                .chunks_exact(2)
                .take(1 << 16)
                .map(|g| {
                    let glyph = u16::from_be_bytes([*g.first()?, *g.get(1)?]);
                    glyphs.get(usize::from(glyph)).copied().flatten()
                })
                .collect();
            chars.iter().any(Option::is_some).then_some(chars)
        }
        Some(_) => None,
    }
}

/// The character of each glyph of the TrueType program (`/FontFile2`) embedded by the
/// descriptor of `font`, by its Unicode `cmap`.
fn embedded_glyphs(file: &File, font: &Dict) -> Option<Vec<Option<char>>> {
    let program = embedded_program(file, font)?;
    truetype::Font::parse(&program)?.glyph_chars()
}

/// The decoded `/FontFile2` of the descriptor of `font`.
fn embedded_program(file: &File, font: &Dict) -> Option<std::rc::Rc<Vec<u8>>> {
    let descriptor = file.dict(font.get(b"FontDescriptor")?)?;
    match descriptor.get(b"FontFile2")? {
        Object::Ref(r) => file.stream_bytes(*r).ok(),
        _ => None,
    }
}

/// The `/W` array of a CID font: `c [w1 w2 …]` and `cfirst clast w`.
fn cid_widths(file: &File, w: &Object) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    let Some(items) = w.as_array() else {
        return out;
    };
    let mut i = 0;
    while i < items.len() && out.len() < MAX_MAP {
        let first = items.get(i).and_then(Object::as_int).unwrap_or(-1);
        let Ok(first) = u32::try_from(first) else {
            break;
        };
        match items.get(i + 1).map(|o| file.resolve(o)) {
            Some(Object::Array(list)) => {
                for (k, width) in list.iter().take(MAX_MAP).enumerate() {
                    let code = first.saturating_add(u32::try_from(k).unwrap_or(u32::MAX));
                    out.insert(code, width.as_f64().unwrap_or(0.0));
                }
                i += 2;
            }
            Some(Object::Int(last)) => {
                let width = items.get(i + 2).and_then(Object::as_f64).unwrap_or(0.0);
                let last = u32::try_from(last)
                    .unwrap_or(first)
                    .min(first + MAX_MAP as u32);
                for code in first..=last {
                    out.insert(code, width);
                }
                i += 3;
            }
            _ => break,
        }
    }
    out
}

/// A simple font: one-byte codes, widths from `/FirstChar` and `/Widths`.
fn simple(file: &File, dict: &Dict, name: String, to_unicode: HashMap<u32, String>) -> Font {
    let first = dict.get(b"FirstChar").and_then(Object::as_int).unwrap_or(0);
    let mut widths = HashMap::new();
    if let Some(list) = dict.get(b"Widths").map(|w| file.resolve(w)) {
        for (k, width) in list.as_array().unwrap_or(&[]).iter().take(256).enumerate() {
            if let Ok(code) = u32::try_from(first + k as i64) {
                widths.insert(code, file.resolve(width).as_f64().unwrap_or(0.0));
            }
        }
    }
    let encoding = dict.get(b"Encoding").map(|e| file.resolve(e));
    if to_unicode.is_empty() && gbk_bytes(file, dict, &name, encoding.as_ref()) {
        let cmap = encoding
            .as_ref()
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned());
        return Font {
            name,
            cmap,
            vertical: false,
            codes: Codes::GbkBytes,
            to_unicode,
            fallback: Fallback::Gbk,
            widths,
            default_width: 500.0,
        };
    }
    let table = match (to_unicode.is_empty(), &encoding) {
        (true, None) => symbolic_glyphs(file, dict),
        _ => None,
    };
    let table = table.unwrap_or_else(|| simple_table(encoding.as_ref(), || built_in(file, dict)));
    Font {
        name,
        cmap: None,
        vertical: false,
        codes: Codes::One,
        to_unicode,
        fallback: Fallback::Simple(Box::new(table)),
        widths,
        default_width: 500.0,
    }
}

/// True when a simple font's bytes are GBK, as Chinese printer drivers write them: a font
/// named after a Chinese font (宋体, 仿宋_GB2312, SimSun…), not embedded — the viewer sets its
/// text in the system's font of that name, by GBK — and no `/Differences` naming glyphs. Its
/// strings that are not all GBK are refused, not read as WinAnsi (see [`Font::codes`]).
fn gbk_bytes(file: &File, dict: &Dict, name: &str, encoding: Option<&Object>) -> bool {
    let descriptor = dict
        .get(b"FontDescriptor")
        .and_then(|d| file.dict(d))
        .unwrap_or_default();
    let embedded = [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
        .iter()
        .any(|k| descriptor.get(k).is_some());
    let differences = encoding
        .and_then(Object::as_dict)
        .is_some_and(|d| d.get(b"Differences").is_some());
    let type3 = dict.get(b"Subtype").and_then(Object::as_name) == Some(b"Type3");
    !embedded && !differences && !type3 && is_chinese_font(name)
}

/// True for the name of a Chinese font: one in Han characters (宋体, 仿宋_GB2312, 方正小标宋简体),
/// or the Latin name of one (SimSun, FangSong_GB2312, KaiTi, STSong, Microsoft YaHei…), with
/// any style after it (`SimSun,Bold`).
fn is_chinese_font(name: &str) -> bool {
    const LATIN: &[&str] = &[
        "simsun",
        "nsimsun",
        "simhei",
        "simkai",
        "simfang",
        "simli",
        "simyou",
        "fangsong",
        "kaiti",
        "stsong",
        "stkaiti",
        "stfangsong",
        "stheiti",
        "stzhongsong",
        "stxihei",
        "microsoftyahei",
        "dengxian",
        "lisu",
        "youyuan",
        "fzxiaobiaosong",
        "fzfangsong",
        "fzkai",
        "fzhei",
        "fzshusong",
        "fzsong",
        "adobesongstd",
        "adobeheitistd",
        "adobekaitistd",
        "adobefangsongstd",
    ];
    if name.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)) {
        return true;
    }
    let key: String = name
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    LATIN.iter().any(|n| key.starts_with(n))
}

/// The encoding a simple font has when its dictionary names none: a Type 1 font's is its
/// program's (`builtin.rs`; every code undefined when the program does not say), or
/// StandardEncoding when it embeds none; other fonts, and symbolic Type 1 fonts without a
/// program (Symbol, whose own encoding we do not hold), are read as WinAnsi.
fn built_in(file: &File, dict: &Dict) -> Table {
    let subtype = dict.get(b"Subtype").and_then(Object::as_name);
    let descriptor = dict
        .get(b"FontDescriptor")
        .and_then(|d| file.dict(d))
        .unwrap_or_default();
    if !matches!(subtype, Some(b"Type1" | b"MMType1")) || descriptor.get(b"FontFile2").is_some() {
        return Base::WinAnsi.table();
    }
    let program = |key: &[u8]| match descriptor.get(key) {
        Some(Object::Ref(r)) => Some((*r, file.stream_bytes(*r).ok())),
        _ => None,
    };
    if let Some((_, data)) = program(b"FontFile") {
        return data.and_then(|d| builtin::type1(&d)).unwrap_or([None; 256]);
    }
    if let Some((r, data)) = program(b"FontFile3") {
        let cff = file
            .stream(r)
            .is_some_and(|s| s.dict.get(b"Subtype").and_then(Object::as_name) == Some(b"Type1C"));
        return data
            .filter(|_| cff)
            .and_then(|d| builtin::cff(&d))
            .unwrap_or([None; 256]);
    }
    let symbolic = descriptor
        .get(b"Flags")
        .and_then(Object::as_int)
        .is_some_and(|f| f & 4 != 0);
    if symbolic {
        Base::WinAnsi.table()
    } else {
        Base::Standard.table()
    }
}

/// The characters of the 256 codes of a symbolic TrueType font without an `/Encoding`, whose
/// codes name glyphs, not characters: code to glyph by the program's (3,0) or (1,0) `cmap`,
/// glyph to character by its Unicode `cmap`. `None` unless the font is such a font and its
/// program has both subtables.
fn symbolic_glyphs(file: &File, dict: &Dict) -> Option<Table> {
    if dict.get(b"Subtype").and_then(Object::as_name) != Some(b"TrueType") {
        return None;
    }
    let flags = file
        .dict(dict.get(b"FontDescriptor")?)?
        .get(b"Flags")
        .and_then(Object::as_int)?;
    if flags & 4 == 0 {
        return None;
    }
    let program = embedded_program(file, dict)?;
    let font = truetype::Font::parse(&program)?;
    let (codes, chars) = (font.code_glyphs()?, font.glyph_chars()?);
    let mut table = [None; 256];
    for (slot, glyph) in table.iter_mut().zip(codes) {
        *slot = chars.get(usize::from(glyph)).copied().flatten();
    }
    Some(table)
}

/// The characters of a simple font's 256 codes: the base encoding (named, or a dictionary's
/// `/BaseEncoding`; the font's `built_in` when neither says) and its `/Differences`.
fn simple_table(encoding: Option<&Object>, built_in: impl FnOnce() -> Table) -> Table {
    let (base, differences) = match encoding {
        Some(Object::Name(name)) => (Base::named(name), None),
        Some(Object::Dict(d)) => (
            d.get(b"BaseEncoding")
                .and_then(Object::as_name)
                .and_then(Base::named),
            d.get(b"Differences").and_then(Object::as_array),
        ),
        _ => (None, None),
    };
    let mut table = base.map_or_else(built_in, Base::table);
    if let Some(differences) = differences {
        apply_differences(&mut table, differences);
    }
    table
}

/// The code-to-text map of a ToUnicode CMap.
fn parse_cmap(data: &[u8]) -> HashMap<u32, String> {
    let mut out = HashMap::new();
    let mut lexer = Lexer::new(data, 0);
    while let Some(object) = lexer.object() {
        match object {
            Object::Keyword(k) if k == b"beginbfchar" => bfchar(&mut lexer, &mut out),
            Object::Keyword(k) if k == b"beginbfrange" => bfrange(&mut lexer, &mut out),
            _ => {}
        }
        if out.len() >= MAX_MAP {
            break;
        }
    }
    out
}

/// `<src> <dst>` pairs up to `endbfchar`.
fn bfchar(lexer: &mut Lexer, out: &mut HashMap<u32, String>) {
    loop {
        let Some(Object::Str(src)) = lexer.object() else {
            return;
        };
        let dst = match lexer.object() {
            Some(Object::Str(d)) => utf16(&d),
            Some(Object::Name(n)) => glyph_char(&n).map(String::from).unwrap_or_default(),
            _ => return,
        };
        out.insert(code_of(&src), dst);
        if out.len() >= MAX_MAP {
            return;
        }
    }
}

/// `<lo> <hi> <dst>` and `<lo> <hi> [<dst> …]` triples up to `endbfrange`.
fn bfrange(lexer: &mut Lexer, out: &mut HashMap<u32, String>) {
    loop {
        let (Some(Object::Str(lo)), Some(Object::Str(hi))) = (lexer.object(), lexer.object())
        else {
            return;
        };
        let (lo, hi) = (code_of(&lo), code_of(&hi));
        if hi < lo || out.len() + (hi - lo) as usize >= MAX_MAP {
            return;
        }
        match lexer.object() {
            Some(Object::Str(dst)) => {
                let units = utf16_units(&dst);
                for (k, code) in (lo..=hi).enumerate() {
                    let mut units = units.clone();
                    if let Some(last) = units.last_mut() {
                        *last = last.wrapping_add(k as u16);
                    }
                    out.insert(code, String::from_utf16_lossy(&units));
                }
            }
            Some(Object::Array(list)) => {
                for (code, dst) in (lo..=hi).zip(list) {
                    if let Object::Str(d) = dst {
                        out.insert(code, utf16(&d));
                    }
                }
            }
            _ => return,
        }
    }
}

/// A big-endian code from a CMap string.
fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0, |n, &b| (n << 8) | u32::from(b))
}

/// UTF-16BE text; unpaired surrogates become U+FFFD.
fn utf16(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(bytes))
}

/// The UTF-16BE code units of `bytes`; an odd last byte is padded with zero.
fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| {
            u16::from_be_bytes([
                p.first().copied().unwrap_or(0),
                p.get(1).copied().unwrap_or(0),
            ])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_maps() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <235A> <6D2A> <0010> <002D> endbfchar
            1 beginbfrange <0013> <0015> <0030> endbfrange
            1 beginbfrange <0100> <0101> [<4E00> <D83DDE00>] endbfrange";
        let map = parse_cmap(cmap);
        assert_eq!(map.get(&0x235A).map(String::as_str), Some("洪"));
        assert_eq!(map.get(&0x10).map(String::as_str), Some("-"));
        assert_eq!(map.get(&0x15).map(String::as_str), Some("2"));
        assert_eq!(map.get(&0x101).map(String::as_str), Some("😀"));
    }

    #[test]
    fn widths_under_a_predefined_unicode_cmap_are_found_by_cid() {
        let mut font = Font::unknown();
        font.codes = Codes::Two;
        font.fallback = Fallback::Utf16;
        font.default_width = 1000.0;
        // CID 17 is '0' in Adobe-GB1; CID 0x30 (48) is another glyph, and 0x5E74 a CID too.
        font.widths.insert(17, 520.0);
        font.widths.insert(0x30, 700.0);
        font.widths.insert(0x5E74, 300.0);
        let widths: Vec<f64> = font
            .codes(&[0x00, 0x30, 0x5E, 0x74])
            .iter()
            .map(|c| c.width)
            .collect();
        assert_eq!(widths, [520.0, 1000.0], "'0' by its CID, 年 by the default");
        // Identity-H: the code is the CID.
        font.fallback = Fallback::None;
        let widths: Vec<f64> = font.codes(&[0x00, 0x30]).iter().map(|c| c.width).collect();
        assert_eq!(widths, [700.0]);
    }

    #[test]
    fn private_use_and_empty_are_undecodable_and_controls_are_spaces() {
        let mut font = Font::unknown();
        font.codes = Codes::Two;
        font.to_unicode.insert(1, "\u{E001}".into());
        font.to_unicode.insert(2, String::new());
        font.to_unicode.insert(3, "年".into());
        font.to_unicode.insert(4, "\n".into());
        let texts: Vec<_> = font
            .codes(&[0, 1, 0, 2, 0, 3, 0, 4])
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(texts, [None, None, Some("年".into()), Some(" ".into())]);
    }
}
