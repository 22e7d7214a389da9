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

/// The character of a CID of the Adobe-GB1 character collection, for CID fonts without a
/// ToUnicode map that name it (`/CIDSystemInfo` Adobe GB1, codes = CIDs by `Identity-H`). Only
/// Supplement 0 is held: its CIDs are GB 2312's characters in code order (the inverse of
/// Adobe's `GB-EUC-H` CMap: the symbol rows in [`GB1_SYMBOLS`], then the hanzi rows B0–F7,
/// row D7 of 89), so GB 2312 codes and this table give them; its proportional and half-width
/// Latin (CIDs 1–95 and 814–907, half-width pinyin 908–939) are ASCII and the pinyin of row
/// A8. A CID of a later supplement (GBK's additions, traditional and vertical forms) is
/// `None`: Adobe's full CID-to-Unicode table would be about 20 KB gzipped in the page's PDF
/// module; these rows cost a few hundred bytes.
pub fn adobe_gb1(cid: u32) -> Option<char> {
    let code = match cid {
        1..=95 => return char::from_u32(cid + 0x1F),
        814..=907 => return char::from_u32(cid - 814 + 0x21),
        908..=939 => return adobe_gb1(cid - 240),
        7716 => return Some(' '),
        96..=813 => {
            let mut first = 96;
            GB1_SYMBOLS.iter().find_map(|&(code, len)| {
                let at = (first..first + u32::from(len))
                    .contains(&cid)
                    .then(|| u32::from(code) + cid - first);
                first += u32::from(len);
                at
            })?
        }
        940..=7702 => {
            // Rows B0–D7 (D7 holds 89), then D8–F7, 94 each.
            let k = cid - 940;
            let (lead, col) = match k.checked_sub(39 * 94 + 89) {
                None => (0xB0 + k / 94, k % 94),
                Some(k) => (0xD8 + k / 94, k % 94),
            };
            (lead << 8) | (0xA1 + col)
        }
        _ => return None,
    };
    decode(u16::try_from(code).ok()?)
}

/// The GB 2312 symbol ranges (first code, length) that CIDs 96–813 stand for, in CID order.
const GB1_SYMBOLS: [(u16, u8); 14] = [
    (0xA1A1, 94),
    (0xA2B1, 50),
    (0xA2E5, 10),
    (0xA2F1, 12),
    (0xA3A1, 94),
    (0xA4A1, 83),
    (0xA5A1, 86),
    (0xA6A1, 24),
    (0xA6C1, 53),
    (0xA7A1, 33),
    (0xA7D1, 33),
    (0xA8A1, 32),
    (0xA8C5, 38),
    (0xA9A4, 76),
];

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

    /// CIDs as Adobe's Adobe-GB1-UCS2 CMap gives them, and as its GB-EUC-H CMap places GB
    /// 2312 codes (the first and last code of each of its ranges).
    #[test]
    fn adobe_gb1_cids_are_their_gb_2312_characters() {
        let unicode = [
            (1, ' '),
            (17, '0'),
            (96, '\u{3000}'),
            (99, '·'),
            (190, '⒈'),
            (262, '！'),
            (525, 'Α'),
            (668, 'ā'),
            (814, '!'),
            (907, '~'),
            (908, 'ā'),
            (940, '啊'),
            (941, '阿'),
            (1041, '报'),
            (1543, '度'),
            (7716, ' '),
        ];
        for (cid, c) in unicode {
            assert_eq!(adobe_gb1(cid), Some(c), "CID {cid}");
        }
        let gb_euc_h: [(u32, u16); 12] = [
            (189, 0xA1FE),
            (813, 0xA9EF),
            (1033, 0xB0FE),
            (1034, 0xB1A1),
            (2893, 0xC4EA),
            (4605, 0xD6FE),
            (4606, 0xD7A1),
            (4694, 0xD7F9),
            (4695, 0xD8A1),
            (7608, 0xF6FE),
            (7609, 0xF7A1),
            (7702, 0xF7FE),
        ];
        for (cid, code) in gb_euc_h {
            assert_eq!(adobe_gb1(cid), decode(code), "CID {cid}");
            assert!(adobe_gb1(cid).is_some(), "CID {cid}");
        }
        for cid in [0, 7703, 7715, 7717, 10_000, 30_283, u32::MAX] {
            assert_eq!(adobe_gb1(cid), None, "CID {cid}");
        }
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
