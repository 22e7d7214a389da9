//! The encodings font programs build in, for simple Type 1 fonts without an `/Encoding` (or
//! with `/Differences` only, over the program's): codes to glyph names as the embedded program
//! defines them. TeX's fonts put the decimal point at 0x3A; read as ASCII, 0.8 was `0:8`.
//!
//! - A Type 1 program (`/FontFile`) says it in its cleartext part, before `eexec`:
//!   `/Encoding StandardEncoding def`, or `dup <code> /<glyph> put` lines.
//! - A CFF program (`/FontFile3`, `/Subtype /Type1C`) in its Top DICT: the predefined Standard
//!   encoding, or its own table of codes to glyph ids (formats 0 and 1, with supplements), the
//!   glyph ids named by its charset (ISOAdobe, or formats 0–2) as string ids: the standard
//!   strings' Latin characters (`encoding::LATIN`), or the font's own strings read as glyph
//!   names.
//!
//! Anything else — the Expert encoding and charsets, a CID-keyed CFF, a damaged program, a
//! glyph name we do not know — is `None` or an undefined code, undecodable; never a guess.
//!
//! Invariants: never panics (every read is bounds-checked); time linear in the program.

use super::encoding::{glyph_char, Base, Table, LATIN};
use super::file::find;
use super::lexer::{Lexer, Object};

/// The built-in encoding of a Type 1 program, from its cleartext part.
pub fn type1(program: &[u8]) -> Option<Table> {
    let clear = program.get(..find(program, b"eexec")?)?;
    let at = find(clear, b"/Encoding")?;
    let mut lexer = Lexer::new(clear, at + b"/Encoding".len());
    match lexer.object()? {
        Object::Keyword(k) if k == b"StandardEncoding" => return Some(Base::Standard.table()),
        Object::Int(_) => {}
        _ => return None,
    }
    let mut table = [None; 256];
    // The last three objects before each `put`: `dup <code> /<glyph>`.
    let mut last: [Option<Object>; 3] = [None, None, None];
    while let Some(object) = lexer.object() {
        match &object {
            Object::Keyword(k) if k == b"def" => return Some(table),
            Object::Keyword(k) if k == b"put" => {
                if let [Some(Object::Keyword(dup)), Some(Object::Int(code)), Some(Object::Name(glyph))] =
                    &last
                {
                    let slot = usize::try_from(*code).ok().and_then(|c| table.get_mut(c));
                    if let (b"dup", Some(slot)) = (dup.as_slice(), slot) {
                        *slot = glyph_char(glyph);
                    }
                }
            }
            _ => {}
        }
        last.rotate_left(1);
        last[2] = Some(object);
    }
    None
}

/// The built-in encoding of a CFF program (a simple font's, not CID-keyed).
pub fn cff(data: &[u8]) -> Option<Table> {
    let (dict, strings) = top(data)?;
    if dict.ros.is_some() {
        return None;
    }
    let at = match dict.encoding {
        0 => return Some(Base::Standard.table()),
        1 => return None,
        at => at,
    };
    let glyphs = Index::at(data, dict.char_strings?)?.count;
    let sids = charset(data, dict.charset, glyphs)?;
    let sid_char = |sid: u16| -> Option<char> {
        match usize::from(sid) {
            s @ 1..=228 => LATIN.chars().nth(s),
            s @ 391.. => glyph_char(strings.item(data, s - 391)?),
            _ => None,
        }
    };
    let mut table = [None; 256];
    let mut put = |code: u8, sid: Option<u16>| {
        if let Some(slot) = table.get_mut(usize::from(code)) {
            *slot = sid.and_then(sid_char);
        }
    };
    // Codes for glyphs 1, 2… (format 0: one code each; format 1: ranges of codes).
    let format = *data.get(at)?;
    let n = usize::from(*data.get(at + 1)?);
    let mut glyph = 1usize;
    for k in 0..n {
        let (first, left) = match format & 0x7F {
            0 => (*data.get(at + 2 + k)?, 0),
            1 => (*data.get(at + 2 + 2 * k)?, *data.get(at + 3 + 2 * k)?),
            _ => return None,
        };
        for code in first..=first.saturating_add(left) {
            put(code, sids.get(glyph).copied());
            glyph += 1;
        }
    }
    // Supplements: more codes, each for a glyph by its string id.
    if format & 0x80 != 0 {
        let at = at + 2 + n * (1 + usize::from(format & 1));
        for k in 0..usize::from(*data.get(at)?) {
            let sid = u16_at(data, at + 2 + 3 * k)?;
            put(*data.get(at + 1 + 3 * k)?, Some(sid));
        }
    }
    Some(table)
}

/// A CFF INDEX: `count` items whose `off_size`-byte offsets start at `offsets`.
struct Index {
    count: usize,
    off_size: usize,
    offsets: usize,
    /// Where the byte after the INDEX stands.
    end: usize,
}

impl Index {
    fn at(data: &[u8], at: usize) -> Option<Index> {
        let count = usize::from(u16_at(data, at)?);
        if count == 0 {
            return Some(Index {
                count,
                off_size: 1,
                offsets: at + 2,
                end: at + 2,
            });
        }
        let off_size = usize::from(*data.get(at + 2)?);
        if !(1..=4).contains(&off_size) {
            return None;
        }
        let mut index = Index {
            count,
            off_size,
            offsets: at + 3,
            end: 0,
        };
        index.end = index.start(data, count)?;
        (index.end <= data.len()).then_some(index)
    }

    /// Where item `k` starts (item `count` is the end of the last).
    fn start(&self, data: &[u8], k: usize) -> Option<usize> {
        let at = self.offsets + k * self.off_size;
        let offset = data
            .get(at..at + self.off_size)?
            .iter()
            .fold(0usize, |n, &b| (n << 8) | usize::from(b));
        let base = self.offsets + (self.count + 1) * self.off_size - 1;
        base.checked_add(offset)
    }

    fn item<'d>(&self, data: &'d [u8], k: usize) -> Option<&'d [u8]> {
        if k >= self.count {
            return None;
        }
        data.get(self.start(data, k)?..self.start(data, k + 1)?)
    }
}

/// What the Top DICT says of the encoding, the charset and the glyphs, and for a CID-keyed
/// font the string ids of its registry and ordering (`ROS`).
struct TopDict {
    encoding: usize,
    charset: usize,
    char_strings: Option<usize>,
    ros: Option<(usize, usize)>,
}

/// The Top DICT of a CFF program and its string INDEX.
fn top(data: &[u8]) -> Option<(TopDict, Index)> {
    let names = Index::at(data, usize::from(*data.get(2)?))?;
    let top = Index::at(data, names.end)?;
    let strings = Index::at(data, top.end)?;
    Some((top_dict(top.item(data, 0)?), strings))
}

/// True for a CID-keyed CFF program of the Adobe-GB1 collection (its `ROS` names Adobe and
/// GB1): its CIDs are Adobe-GB1's, whatever glyphs it holds.
pub fn cff_adobe_gb1(data: &[u8]) -> bool {
    let Some((
        TopDict {
            ros: Some((registry, ordering)),
            ..
        },
        strings,
    )) = top(data)
    else {
        return false;
    };
    let string = |sid: usize| sid.checked_sub(391).and_then(|k| strings.item(data, k));
    string(registry) == Some(b"Adobe") && string(ordering) == Some(b"GB1")
}

/// The Top DICT's offsets.
fn top_dict(dict: &[u8]) -> TopDict {
    let mut top = TopDict {
        encoding: 0,
        charset: 0,
        char_strings: None,
        ros: None,
    };
    // The last three operands: ROS takes three.
    let mut operands = [0i64; 3];
    let mut operand = 0i64;
    let mut at = 0;
    while let Some(&b0) = dict.get(at) {
        at += 1;
        let byte = |k: usize| dict.get(at + k).map_or(0, |&b| i64::from(b));
        let value = usize::try_from(operand).unwrap_or(0);
        let sid = |o: i64| usize::try_from(o).unwrap_or(0);
        match b0 {
            12 if byte(0) == 30 => {
                top.ros = Some((sid(operands[0]), sid(operands[1])));
                at += 1;
            }
            12 => at += 1,
            15 => top.charset = value,
            16 => top.encoding = value,
            17 => top.char_strings = Some(value),
            28 => {
                operand = i64::from(i16::from_be_bytes([byte(0) as u8, byte(1) as u8]));
                at += 2;
            }
            29 => {
                operand = (0..4).fold(0, |n, k| (n << 8) | byte(k));
                at += 4;
            }
            // A real number: nibbles up to one of 0xF.
            30 => {
                while dict
                    .get(at)
                    .is_some_and(|b| b & 0x0F != 0x0F && b >> 4 != 0x0F)
                {
                    at += 1;
                }
                at += 1;
            }
            32..=246 => operand = i64::from(b0) - 139,
            247..=250 => {
                operand = (i64::from(b0) - 247) * 256 + byte(0) + 108;
                at += 1;
            }
            251..=254 => {
                operand = -(i64::from(b0) - 251) * 256 - byte(0) - 108;
                at += 1;
            }
            _ => {}
        }
        if b0 >= 28 && b0 != 31 && b0 != 255 {
            operands.rotate_left(1);
            operands[2] = operand;
        }
    }
    top
}

/// The string id of each glyph (glyph 0 is `.notdef`).
fn charset(data: &[u8], offset: usize, glyphs: usize) -> Option<Vec<u16>> {
    let mut sids = vec![0u16];
    match offset {
        // ISOAdobe: glyph i is string i.
        0 => sids.extend((1..glyphs.min(229)).map(|i| i as u16)),
        1 | 2 => return None,
        _ => {
            let format = *data.get(offset)?;
            let mut at = offset + 1;
            while sids.len() < glyphs {
                let first = u16_at(data, at)?;
                let left = match format {
                    0 => 0,
                    1 => u16::from(*data.get(at + 2)?),
                    2 => u16_at(data, at + 2)?,
                    _ => return None,
                };
                at += 2 + usize::from(format);
                sids.extend((0..=left).map(|k| first.saturating_add(k)));
            }
        }
    }
    Some(sids)
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]))
}
