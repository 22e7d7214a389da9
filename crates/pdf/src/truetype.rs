//! TrueType font programs (`/FontFile2`), read only as far as text extraction needs: the table
//! directory and the `cmap` table. A font without a ToUnicode map still says, in its `cmap`,
//! which character each glyph draws; inverted, that gives the text of a glyph, as a viewer's
//! copy-paste does.
//!
//! Which character a glyph means, when several map to it: a full CJK font draws the Kangxi
//! radical 一 (U+2F00), the CJK compatibility ideograph and the unified ideograph 一 (U+4E00)
//! with one glyph, and a reader means the unified one. So the code points of a glyph are
//! ranked: ordinary characters first, then CJK radicals (U+2E80–U+2FDF) and compatibility
//! ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F), last controls and private use; within a rank
//! the lowest code point wins (a space mapped from U+0020 and U+00A0 reads as U+0020). The
//! choice depends only on the font, never on the order of its subtables or segments.
//!
//! Invariants: never panics on any bytes (every read is bounds-checked and returns `None`);
//! a subtable that is truncated, points past its table or maps more than [`MAX_CODES`] code
//! points is broken as a whole, so no half-read map is ever used; a glyph table holds at most
//! 65,536 glyphs (glyph ids are 16-bit); the work per font is at most [`MAX_TRIES`] subtables
//! of [`MAX_CODES`] codes.

/// The most code points one `cmap` subtable may map (a full CJK font with its supplementary
/// planes maps under 100,000); past it the subtable counts as broken. As many as a ToUnicode
/// map may hold.
pub const MAX_CODES: usize = 1 << 17;
/// The most Unicode subtables tried, best first, when the better ones are broken.
const MAX_TRIES: usize = 4;

/// A TrueType font's `cmap` table and its encoding records.
pub struct Font<'a> {
    cmap: &'a [u8],
    /// (platform, encoding, offset of the subtable in `cmap`).
    records: Vec<(u16, u16, usize)>,
}

impl<'a> Font<'a> {
    /// The `cmap` table of a font program, or `None` when it has none or the directory is
    /// damaged.
    pub fn parse(data: &'a [u8]) -> Option<Font<'a>> {
        let tables = usize::from(u16_at(data, 4)?);
        let cmap = (0..tables).find_map(|i| {
            let record = 12 + 16 * i;
            if data.get(record..record + 4)? != b"cmap" {
                return None;
            }
            let offset = usize::try_from(u32_at(data, record + 8)?).ok()?;
            let length = usize::try_from(u32_at(data, record + 12)?).ok()?;
            data.get(offset..offset.checked_add(length)?)
        })?;
        let count = usize::from(u16_at(cmap, 2)?);
        let records = (0..count)
            .map(|i| {
                let at = 4 + 8 * i;
                let offset = usize::try_from(u32_at(cmap, at + 4)?).ok()?;
                Some((u16_at(cmap, at)?, u16_at(cmap, at + 2)?, offset))
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Font { cmap, records })
    }

    /// The character each glyph draws, indexed by glyph id, by the best Unicode subtable that
    /// reads whole: (3,10), then (3,1), then platform 0. `None` when there is none.
    pub fn glyph_chars(&self) -> Option<Vec<Option<char>>> {
        let rank = |platform: u16, encoding: u16| match (platform, encoding) {
            (3, 10) => Some(0),
            (3, 1) => Some(1),
            (0, 4 | 6) => Some(2),
            (0, _) => Some(3),
            _ => None,
        };
        let mut tries = 0;
        for best in 0..4 {
            for &(platform, encoding, offset) in &self.records {
                if rank(platform, encoding) != Some(best) {
                    continue;
                }
                if tries == MAX_TRIES {
                    return None;
                }
                tries += 1;
                if let Some(chars) = self.cmap.get(offset..).and_then(invert) {
                    return Some(chars);
                }
            }
        }
        None
    }

    /// The glyph of each one-byte code of a symbolic simple font, by its (3,0) subtable (the
    /// code itself or U+F000 plus it, as PDF reads it) or else its (1,0) subtable. `None`
    /// when it has neither or the one it has is broken.
    pub fn code_glyphs(&self) -> Option<[u16; 256]> {
        let find = |p, e| {
            self.records
                .iter()
                .find(|&&(platform, encoding, _)| (platform, encoding) == (p, e))
                .map(|&(_, _, offset)| offset)
        };
        let (offset, symbol) = match find(3, 0) {
            Some(offset) => (offset, true),
            None => (find(1, 0)?, false),
        };
        // By the low byte: the code itself, then U+F000, U+F100 and U+F200 plus it.
        let mut slots = [[0u16; 4]; 256];
        each_mapping(self.cmap.get(offset..)?, &mut |code, glyph| {
            let page = match code >> 8 {
                0 => 0,
                0xF0..=0xF2 if symbol => (code >> 8) - 0xEF,
                _ => return,
            };
            let low = usize::try_from(code & 0xFF).unwrap_or(0);
            let slot = slots
                .get_mut(low)
                .and_then(|s| s.get_mut(usize::try_from(page).unwrap_or(0)));
            if let Some(slot) = slot {
                *slot = glyph;
            }
        })?;
        let mut glyphs = [0u16; 256];
        for (g, s) in glyphs.iter_mut().zip(slots) {
            *g = s.into_iter().find(|&g| g != 0).unwrap_or(0);
        }
        Some(glyphs)
    }
}

/// The glyph-to-character map of a Unicode subtable, choosing among the code points of one
/// glyph as the module doc says.
fn invert(subtable: &[u8]) -> Option<Vec<Option<char>>> {
    let mut out: Vec<Option<char>> = Vec::new();
    each_mapping(subtable, &mut |code, glyph| {
        let Some(c) = char::from_u32(code) else {
            return;
        };
        let glyph = usize::from(glyph);
        if out.len() <= glyph {
            out.resize(glyph + 1, None);
        }
        if let Some(slot) = out.get_mut(glyph) {
            match slot {
                Some(old) if (rank(*old), *old) <= (rank(c), c) => {}
                _ => *slot = Some(c),
            }
        }
    })?;
    out.iter().any(Option::is_some).then_some(out)
}

/// How much a reader means `c` when a glyph also has other code points: lower is likelier.
fn rank(c: char) -> u8 {
    match c as u32 {
        0x2E80..=0x2FDF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F => 1,
        0xE000..=0xF8FF | 0xF0000..=0x10FFFF => 2,
        _ if c.is_control() => 2,
        _ => 0,
    }
}

/// Calls `each(code, glyph)` for every mapping of a subtable of format 0, 4, 6 or 12 to a
/// glyph other than 0; `None` when the format is another or the subtable is broken.
fn each_mapping(sub: &[u8], each: &mut dyn FnMut(u32, u16)) -> Option<()> {
    match u16_at(sub, 0)? {
        0 => {
            let glyphs = sub.get(6..6 + 256)?;
            for (code, &glyph) in (0u32..).zip(glyphs) {
                if glyph != 0 {
                    each(code, u16::from(glyph));
                }
            }
        }
        4 => format4(sub, each)?,
        6 => {
            let first = u32::from(u16_at(sub, 6)?);
            let count = usize::from(u16_at(sub, 8)?);
            for k in 0..count {
                let glyph = u16_at(sub, 10 + 2 * k)?;
                if glyph != 0 {
                    each(first + u32::try_from(k).ok()?, glyph);
                }
            }
        }
        12 => format12(sub, each)?,
        _ => return None,
    }
    Some(())
}

/// Format 4: segments of 16-bit codes, each with a delta or an offset into the glyph array.
fn format4(sub: &[u8], each: &mut dyn FnMut(u32, u16)) -> Option<()> {
    let segments = usize::from(u16_at(sub, 6)? / 2);
    let ends = 14;
    let starts = ends + 2 * segments + 2;
    let deltas = starts + 2 * segments;
    let offsets = deltas + 2 * segments;
    sub.get(..offsets + 2 * segments)?;
    let mut work = 0usize;
    for i in 0..segments {
        let (start, end) = (u16_at(sub, starts + 2 * i)?, u16_at(sub, ends + 2 * i)?);
        let delta = u16_at(sub, deltas + 2 * i)?;
        let range = usize::from(u16_at(sub, offsets + 2 * i)?);
        if start > end {
            return None;
        }
        work += usize::from(end - start) + 1;
        if work > MAX_CODES {
            return None;
        }
        for code in start..=end {
            if code == 0xFFFF {
                continue;
            }
            let glyph = if range == 0 {
                code.wrapping_add(delta)
            } else {
                let at = offsets + 2 * i + range + 2 * usize::from(code - start);
                match u16_at(sub, at)? {
                    0 => 0,
                    g => g.wrapping_add(delta),
                }
            };
            if glyph != 0 {
                each(u32::from(code), glyph);
            }
        }
    }
    Some(())
}

/// Format 12: groups of 32-bit codes mapped to consecutive glyphs.
fn format12(sub: &[u8], each: &mut dyn FnMut(u32, u16)) -> Option<()> {
    let groups = usize::try_from(u32_at(sub, 12)?).ok()?;
    sub.get(..groups.checked_mul(12)?.checked_add(16)?)?;
    let mut work = 0usize;
    for i in 0..groups {
        let at = 16 + 12 * i;
        let (start, end, first) = (u32_at(sub, at)?, u32_at(sub, at + 4)?, u32_at(sub, at + 8)?);
        if start > end || end > 0x10FFFF {
            return None;
        }
        work += usize::try_from(end - start).ok()? + 1;
        if work > MAX_CODES {
            return None;
        }
        for code in start..=end {
            let glyph = first.checked_add(code - start)?;
            match u16::try_from(glyph) {
                Ok(0) => {}
                Ok(g) => each(code, g),
                // A glyph id past 16 bits is no glyph of this font.
                Err(_) => {}
            }
        }
    }
    Some(())
}

/// The big-endian u16 at `at`.
fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    let bytes = data.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes(bytes.try_into().ok()?))
}

/// The big-endian u32 at `at`.
fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let bytes = data.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes(bytes.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A font program with one table, `cmap`, holding `subtables` as (platform, encoding,
    /// bytes).
    fn font(subtables: &[(u16, u16, Vec<u8>)]) -> Vec<u8> {
        let mut cmap = Vec::new();
        cmap.extend(0u16.to_be_bytes());
        cmap.extend((subtables.len() as u16).to_be_bytes());
        let mut offset = 4 + 8 * subtables.len();
        for (p, e, bytes) in subtables {
            cmap.extend(p.to_be_bytes());
            cmap.extend(e.to_be_bytes());
            cmap.extend((offset as u32).to_be_bytes());
            offset += bytes.len();
        }
        for (_, _, bytes) in subtables {
            cmap.extend(bytes);
        }
        let mut out = vec![0, 1, 0, 0, 0, 1, 0, 16, 0, 0, 0, 0];
        out.extend(b"cmap");
        out.extend(0u32.to_be_bytes());
        out.extend(28u32.to_be_bytes());
        out.extend((cmap.len() as u32).to_be_bytes());
        out.extend(cmap);
        out
    }

    /// A format 4 subtable of (start, end, first glyph) segments, plus the closing one.
    fn format4(segments: &[(u16, u16, u16)]) -> Vec<u8> {
        let mut all: Vec<(u16, u16, u16)> = segments
            .iter()
            .map(|s| (s.0, s.1, s.2.wrapping_sub(s.0)))
            .collect();
        all.push((0xFFFF, 0xFFFF, 1));
        let n = all.len() as u16;
        let mut out = Vec::new();
        for v in [4, 16 + 8 * n, 0, 2 * n, 0, 0, 0] {
            out.extend(v.to_be_bytes());
        }
        out.extend(all.iter().flat_map(|s| s.1.to_be_bytes()));
        out.extend([0, 0]);
        out.extend(all.iter().flat_map(|s| s.0.to_be_bytes()));
        out.extend(all.iter().flat_map(|s| s.2.to_be_bytes()));
        out.extend(all.iter().flat_map(|_| [0, 0]));
        out
    }

    /// A format 12 subtable of (start, end, first glyph) groups.
    fn format12(groups: &[(u32, u32, u32)]) -> Vec<u8> {
        let mut out = vec![0, 12, 0, 0];
        out.extend((16 + 12 * groups.len() as u32).to_be_bytes());
        out.extend(0u32.to_be_bytes());
        out.extend((groups.len() as u32).to_be_bytes());
        for g in groups {
            out.extend([g.0, g.1, g.2].iter().flat_map(|v| v.to_be_bytes()));
        }
        out
    }

    #[test]
    fn a_unicode_cmap_inverted_gives_each_glyph_its_character() {
        // 年 → 3, 度报 → 4, 5 (a segment with a delta), ASCII 0-9 → 10…19.
        let data = font(&[(
            3,
            1,
            format4(&[
                (0x30, 0x39, 10),
                (0x5E74, 0x5E74, 3),
                (0x5EA6, 0x5EA6, 4),
                (0x62A5, 0x62A5, 5),
            ]),
        )]);
        let glyphs = Font::parse(&data).unwrap().glyph_chars().unwrap();
        assert_eq!(glyphs[3], Some('年'));
        assert_eq!(glyphs[5], Some('报'));
        assert_eq!(glyphs[12], Some('2'));
        assert_eq!(glyphs.iter().flatten().count(), 13);
    }

    #[test]
    fn a_glyph_of_several_code_points_reads_as_the_unified_ideograph() {
        // One glyph for 一 U+4E00, the Kangxi radical U+2F00 and (made up) U+F900; one for
        // space and no-break space; one for 年 and a private-use code.
        let data = font(&[(
            3,
            10,
            format12(&[
                (0x20, 0x20, 1),
                (0xA0, 0xA0, 1),
                (0x2F00, 0x2F00, 2),
                (0x4E00, 0x4E00, 2),
                (0xE000, 0xE000, 3),
                (0x5E74, 0x5E74, 3),
                (0xF900, 0xF900, 2),
                (0x2F800, 0x2F800, 4),
            ]),
        )]);
        let glyphs = Font::parse(&data).unwrap().glyph_chars().unwrap();
        assert_eq!(glyphs[1], Some(' '));
        assert_eq!(glyphs[2], Some('一'));
        assert_eq!(glyphs[3], Some('年'));
        // A compatibility ideograph alone is still its own character.
        assert_eq!(glyphs[4], Some('\u{2F800}'));
    }

    #[test]
    fn the_best_unicode_subtable_is_used_and_a_broken_one_is_skipped() {
        let good = format4(&[(0x4E00, 0x4E00, 7)]);
        let other = format4(&[(0x4E8C, 0x4E8C, 7)]);
        let data = font(&[(0, 3, other.clone()), (3, 1, good.clone())]);
        let glyphs = Font::parse(&data).unwrap().glyph_chars().unwrap();
        assert_eq!(glyphs[7], Some('一'));
        let mut broken = format12(&[(0x4E09, 0x4E09, 7)]);
        broken.truncate(broken.len() - 1);
        let data = font(&[(3, 10, broken), (0, 3, other)]);
        let glyphs = Font::parse(&data).unwrap().glyph_chars().unwrap();
        assert_eq!(glyphs[7], Some('二'));
    }

    #[test]
    fn symbol_subtables_give_the_glyphs_of_one_byte_codes() {
        let data = font(&[(3, 0, format4(&[(0xF041, 0xF042, 5)]))]);
        let glyphs = Font::parse(&data).unwrap().code_glyphs().unwrap();
        assert_eq!((glyphs[0x41], glyphs[0x42], glyphs[0x43]), (5, 6, 0));
        let mut format0 = vec![0, 0, 1, 6, 0, 0];
        format0.extend((0..=255u8).map(|c| if c == 1 { 9 } else { 0 }));
        let data = font(&[(1, 0, format0)]);
        let glyphs = Font::parse(&data).unwrap().code_glyphs().unwrap();
        assert_eq!((glyphs[1], glyphs[2]), (9, 0));
        let data = font(&[(3, 1, format4(&[(0x41, 0x41, 0x42)]))]);
        assert!(Font::parse(&data).unwrap().code_glyphs().is_none());
    }

    #[test]
    fn broken_fonts_and_cmaps_give_nothing_and_never_panic() {
        let good = font(&[(3, 1, format4(&[(0x4E00, 0x4E01, 10)]))]);
        for len in 0..good.len() {
            let cut = good.get(..len).unwrap();
            assert!(
                Font::parse(cut).and_then(|f| f.glyph_chars()).is_none(),
                "{len}"
            );
        }
        // A glyph array offset past the end.
        let mut far = format4(&[(0x4E00, 0x4E01, 0)]);
        let at = far.len() - 4;
        far.splice(at..at + 2, 0x4000u16.to_be_bytes());
        assert!(Font::parse(&font(&[(3, 1, far)]))
            .unwrap()
            .glyph_chars()
            .is_none());
        // Huge counts: groups past the end, a group over every code, overlapping segments.
        let mut huge = format12(&[(0x20, 0x20, 1)]);
        huge.splice(12..16, u32::MAX.to_be_bytes());
        let all = format12(&[(0, 0x10FFFF, 1)]);
        let overlap = format4(&vec![(0, 0xFFFE, 1); 100]);
        for sub in [huge, all, overlap, vec![0, 99, 0, 0]] {
            let data = font(&[(3, 1, sub)]);
            assert!(Font::parse(&data).unwrap().glyph_chars().is_none());
        }
        // Past the fourth broken Unicode subtable no more are tried.
        let broken = || (3, 1, vec![0, 4, 0, 0]);
        let good_one = (0, 3, format4(&[(0x4E00, 0x4E00, 7)]));
        let data = font(&[broken(), broken(), broken(), good_one.clone()]);
        assert!(Font::parse(&data).unwrap().glyph_chars().is_some());
        let data = font(&[broken(), broken(), broken(), broken(), good_one]);
        assert!(Font::parse(&data).unwrap().glyph_chars().is_none());
        // No cmap table at all.
        let mut renamed = good.clone();
        renamed.splice(12..16, *b"glyf");
        assert!(Font::parse(&renamed).is_none());
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let good = font(&[
            (3, 1, format4(&[(0x4E00, 0x4E10, 10)])),
            (3, 10, format12(&[(0x4E00, 0x4E10, 10)])),
            (3, 0, format4(&[(0xF020, 0xF07E, 3)])),
        ]);
        // The font damaged below reads whole.
        let chars = Font::parse(&good).and_then(|f| f.glyph_chars());
        assert_eq!(
            chars.and_then(|c| c.get(10).copied().flatten()),
            Some('\u{4E00}')
        );
        for _ in 0..5_000 {
            let mut data = good.clone();
            for _ in 0..4 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let at = (seed as usize) % data.len();
                data[at] = (seed >> 32) as u8;
            }
            if let Some(f) = Font::parse(&data) {
                let _ = f.glyph_chars();
                let _ = f.code_glyphs();
            }
        }
    }
}
