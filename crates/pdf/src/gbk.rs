//! GBK two-byte codes to Unicode, for fonts whose CMap is `GBK-EUC-H` or `GB-EUC-H` and that
//! carry no ToUnicode map: the shown bytes are GBK, so GBK decoding gives the text.
//!
//! The table is the WHATWG `gb18030` index for two-byte codes (what browsers and `encoding_rs`
//! decode GBK by): for each lead byte 0x81..=0xFE and trail byte 0x40..=0xFE except 0x7F, the
//! code point (a u16; the user-defined areas map to private use, which the caller counts as
//! undecodable). `gbk.bin` stores each entry as its difference from the one before (a
//! little-endian u16, wrapping), since most of GBK runs in Unicode order: 47,880 bytes that
//! gzip to 16.6 KB, against 44.9 KB for the plain table; the sums are taken once, on first use.
//! The test below rebuilds the table from `encoding_rs` and fails when they differ.
//! `encoding_rs` itself is not used here: its decoders link every CJK table, 122 KB gzipped in
//! the page's PDF module.

use std::sync::OnceLock;

const DELTAS: &[u8; TRAILS * LEADS * 2] = include_bytes!("gbk.bin");

/// Lead bytes 0x81..=0xFE.
const LEADS: usize = 126;
/// Trail bytes 0x40..=0x7E and 0x80..=0xFE.
const TRAILS: usize = 190;

/// The character of a two-byte GBK code (`lead << 8 | trail`), if it has one.
pub fn decode(code: u16) -> Option<char> {
    let [lead, trail] = code.to_be_bytes();
    let lead = usize::from(lead).checked_sub(0x81).filter(|&l| l < LEADS)?;
    let trail = match trail {
        0x40..=0x7E => usize::from(trail) - 0x40,
        0x80..=0xFE => usize::from(trail) - 0x41,
        _ => return None,
    };
    let unit = *table().get(lead * TRAILS + trail)?;
    if unit == 0 {
        return None;
    }
    char::from_u32(u32::from(unit))
}

/// The code points, summed from `DELTAS` on first use.
fn table() -> &'static [u16] {
    static TABLE: OnceLock<Vec<u16>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut unit = 0u16;
        DELTAS
            .chunks_exact(2)
            .filter_map(|pair| match *pair {
                [low, high] => Some(u16::from_le_bytes([low, high])),
                _ => None,
            })
            .map(|delta| {
                unit = unit.wrapping_add(delta);
                unit
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table as `encoding_rs` decodes each code.
    fn from_encoding_rs() -> Vec<u16> {
        let mut table = Vec::with_capacity(LEADS * TRAILS);
        for lead in 0x81u8..=0xFE {
            for trail in (0x40u8..=0xFE).filter(|&t| t != 0x7F) {
                let code = [lead, trail];
                let text =
                    encoding_rs::GBK.decode_without_bom_handling_and_without_replacement(&code);
                let unit = match text.as_deref().map(|t| t.chars().collect::<Vec<_>>()) {
                    Some(chars) if chars.len() == 1 => u16::try_from(u32::from(chars[0])).unwrap(),
                    _ => 0,
                };
                table.push(unit);
            }
        }
        table
    }

    /// `NIANBAO_WRITE_GBK=1 cargo test --lib gbk` writes gbk.bin from `encoding_rs`.
    #[test]
    fn the_table_is_encoding_rs_gbk() {
        let expected = from_encoding_rs();
        if std::env::var_os("NIANBAO_WRITE_GBK").is_some() {
            let mut previous = 0u16;
            let deltas: Vec<u8> = expected
                .iter()
                .flat_map(|&unit| {
                    let delta = unit.wrapping_sub(previous);
                    previous = unit;
                    delta.to_le_bytes()
                })
                .collect();
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/gbk.bin");
            std::fs::write(path, deltas).unwrap();
        }
        assert!(
            table() == &expected[..],
            "src/pdf/gbk.bin differs from encoding_rs"
        );
    }

    #[test]
    fn codes_decode() {
        assert_eq!(decode(0xC4EA), Some('年'));
        assert_eq!(decode(0xB1A8), Some('报'));
        assert_eq!(decode(0x8140), Some('丂'));
        assert_eq!(decode(0xA1A1), Some('\u{3000}'));
        assert_eq!(decode(0x817F), None, "0x7F is no trail byte");
        assert_eq!(decode(0x80A1), None, "0x80 is no lead byte");
        assert_eq!(decode(0xFFA1), None);
        assert_eq!(
            decode(0x0041),
            None,
            "one-byte codes are not looked up here"
        );
    }
}
