//! RC4, the stream cipher of the Standard security handler's revisions 2 to 4 (40- to 128-bit
//! keys), also used to check the password against `/U`.
//!
//! Invariant: never panics; every index is a `u8` into a 256-entry table or a position
//! reduced modulo the key's length (hence the allowed lint).

#![allow(clippy::indexing_slicing)]

/// `data` enciphered (or deciphered: the same thing) with `key`. An empty key, which no file
/// key is, leaves the data as it is.
pub fn apply(key: &[u8], data: &[u8]) -> Vec<u8> {
    if key.is_empty() {
        return data.to_vec();
    }
    let mut table: [u8; 256] = std::array::from_fn(|i| i as u8);
    let mut j = 0u8;
    for i in 0..256 {
        j = j.wrapping_add(table[i]).wrapping_add(key[i % key.len()]);
        table.swap(i, usize::from(j));
    }
    let (mut i, mut j) = (0u8, 0u8);
    data.iter()
        .map(|&byte| {
            i = i.wrapping_add(1);
            j = j.wrapping_add(table[usize::from(i)]);
            table.swap(usize::from(i), usize::from(j));
            let k = table[usize::from(i)].wrapping_add(table[usize::from(j)]);
            byte ^ table[usize::from(k)]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// RFC 6229's key stream for `key` at a few offsets (the stream enciphers zeros).
    fn assert_stream(key: &[u8], expected: &[(usize, &str)]) {
        let stream = apply(key, &[0u8; 4112]);
        for &(offset, bytes) in expected {
            assert_eq!(hex(&stream[offset..offset + 16]), bytes, "{offset}");
        }
    }

    #[test]
    fn rfc_6229_40_bit_key() {
        assert_stream(
            &[1, 2, 3, 4, 5],
            &[
                (0, "b2396305f03dc027ccc3524a0a1118a8"),
                (16, "6982944f18fc82d589c403a47a0d0919"),
                (4096, "ff25b58995996707e51fbdf08b34d875"),
            ],
        );
    }

    #[test]
    fn rfc_6229_128_bit_key() {
        let key: Vec<u8> = (1..=16).collect();
        assert_stream(
            &key,
            &[
                (0, "9ac7cc9a609d1ef7b2932899cde41b97"),
                (16, "5248c4959014126a6e8a84f11d1a9e1c"),
            ],
        );
    }

    #[test]
    fn an_empty_key_changes_nothing() {
        assert_eq!(apply(&[], b"abc"), b"abc");
    }
}
