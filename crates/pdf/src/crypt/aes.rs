//! AES (FIPS 197) with 128- and 256-bit keys: CBC decryption for the AESV2 and AESV3 crypt
//! filters, the unpadded CBC decryption and single-block decryption that unwrap the AES-256
//! file key and its `/Perms`, and CBC encryption, which revision 6's password hash uses.
//!
//! The tables are computed at compile time from the field inverse. Encryption runs on 32-bit
//! columns with one 1 KiB table that joins the S-box and the column mix, since revision 6's
//! hash encrypts up to a megabyte each time a file is opened; decryption stays byte by byte
//! (small rather than fast: it runs once over a report's streams, a few MiB at most).
//!
//! Invariant: never panics; every index is into a fixed-size array by a counter bounded by its
//! length or by a `u8` into a 256-entry table (hence the allowed lint).

#![allow(clippy::indexing_slicing)]

/// A block.
pub type Block = [u8; 16];

/// The S-box: the multiplicative inverse in GF(2^8) followed by the affine map.
const SBOX: [u8; 256] = sbox();
/// The inverse S-box.
const INVERSE_SBOX: [u8; 256] = invert(&SBOX);
/// For each byte x, the column the mix makes of S(x) in row 0: 2·S(x), S(x), S(x), 3·S(x)
/// (rows as little-endian bytes). S(x) in row r makes the same column turned down r rows,
/// that is rotated left by 8r bits.
const MIX_TABLE: [u32; 256] = mix_table();

/// Multiplication by x (that is, 2) in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1.
const fn xtime(a: u8) -> u8 {
    (a << 1) ^ if a & 0x80 != 0 { 0x1b } else { 0 }
}

const fn sbox() -> [u8; 256] {
    // The powers of the generator 3 run through every non-zero element, and the inverse of
    // 3^i is 3^(255 - i).
    let mut power = [0u8; 255];
    let mut x = 1u8;
    let mut i = 0;
    while i < 255 {
        power[i] = x;
        x ^= xtime(x);
        i += 1;
    }
    let mut table = [0x63u8; 256];
    i = 0;
    while i < 255 {
        let b = power[(255 - i) % 255];
        let affine =
            b ^ b.rotate_left(1) ^ b.rotate_left(2) ^ b.rotate_left(3) ^ b.rotate_left(4) ^ 0x63;
        table[power[i] as usize] = affine;
        i += 1;
    }
    table
}

const fn mix_table() -> [u32; 256] {
    let mut out = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let s = SBOX[i];
        out[i] = u32::from_le_bytes([xtime(s), s, s, xtime(s) ^ s]);
        i += 1;
    }
    out
}

const fn invert(table: &[u8; 256]) -> [u8; 256] {
    let mut out = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        out[table[i] as usize] = i as u8;
        i += 1;
    }
    out
}

/// An expanded key: the round keys of AES-128 (10 rounds) or AES-256 (14 rounds).
pub struct Aes {
    round_keys: [Block; 15],
    /// The round keys as columns, for encryption.
    column_keys: [[u32; 4]; 15],
    rounds: usize,
}

impl Aes {
    /// The expanded `key`, when it is 16 or 32 bytes long.
    pub fn new(key: &[u8]) -> Option<Aes> {
        let (nk, rounds) = match key.len() {
            16 => (4, 10),
            32 => (8, 14),
            _ => return None,
        };
        let mut words: Vec<[u8; 4]> = key
            .chunks_exact(4)
            .map(|w| [w[0], w[1], w[2], w[3]])
            .collect();
        let mut rcon = 1u8;
        for i in nk..4 * (rounds + 1) {
            let mut t = words[i - 1];
            if i % nk == 0 {
                t = [
                    SBOX[usize::from(t[1])] ^ rcon,
                    SBOX[usize::from(t[2])],
                    SBOX[usize::from(t[3])],
                    SBOX[usize::from(t[0])],
                ];
                rcon = xtime(rcon);
            } else if nk > 6 && i % nk == 4 {
                t = t.map(|b| SBOX[usize::from(b)]);
            }
            let back = words[i - nk];
            words.push(std::array::from_fn(|j| back[j] ^ t[j]));
        }
        let mut round_keys = [[0u8; 16]; 15];
        for (key, four) in round_keys.iter_mut().zip(words.chunks_exact(4)) {
            for (k, w) in key.chunks_exact_mut(4).zip(four) {
                k.copy_from_slice(w);
            }
        }
        let column_keys = round_keys.map(|k| columns(&k));
        Some(Aes {
            round_keys,
            column_keys,
            rounds,
        })
    }

    /// Enciphers one block: on columns, each round through [`MIX_TABLE`], the last round
    /// through the S-box alone.
    pub fn encrypt(&self, block: &Block) -> Block {
        let keys = &self.column_keys;
        let [a, b, c, d] = columns(block);
        let mut s = [
            a ^ keys[0][0],
            b ^ keys[0][1],
            c ^ keys[0][2],
            d ^ keys[0][3],
        ];
        for key in &keys[1..self.rounds] {
            s = round(s, key, |x, row| MIX_TABLE[x].rotate_left(8 * row));
        }
        let last = round(s, &keys[self.rounds], |x, row| {
            u32::from(SBOX[x]) << (8 * row)
        });
        let mut out = [0u8; 16];
        for (o, column) in out.chunks_exact_mut(4).zip(last) {
            o.copy_from_slice(&column.to_le_bytes());
        }
        out
    }

    /// Deciphers one block.
    pub fn decrypt(&self, block: &Block) -> Block {
        let mut s = xor(block, &self.round_keys[self.rounds]);
        for round in (0..self.rounds).rev() {
            s = unshift_rows(&s);
            s = s.map(|b| INVERSE_SBOX[usize::from(b)]);
            s = xor(&s, &self.round_keys[round]);
            if round > 0 {
                s = unmix_columns(&s);
            }
        }
        s
    }

    /// CBC encryption of whole blocks from `iv`, without padding; a partial last block is
    /// left out.
    pub fn cbc_encrypt(&self, iv: &Block, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(data.len());
        let mut last = *iv;
        for chunk in data.chunks_exact(16) {
            last = self.encrypt(&xor(&last, &block_of(chunk)));
            out.extend_from_slice(&last);
        }
        out
    }

    /// CBC decryption of whole blocks from `iv`, without removing padding; a partial last
    /// block is left out.
    pub fn cbc_decrypt(&self, iv: &Block, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(data.len());
        let mut last = *iv;
        for chunk in data.chunks_exact(16) {
            let block = block_of(chunk);
            out.extend_from_slice(&xor(&self.decrypt(&block), &last));
            last = block;
        }
        out
    }
}

/// The data of a string or stream encrypted by the AESV2 and AESV3 crypt filters: the first 16
/// bytes are the IV, the rest CBC blocks whose last one ends in PKCS#5 padding. Read as
/// leniently as viewers do: data shorter than an IV is empty, a partial last block is left
/// out, and padding that does not read as padding (a last byte of 0 or over 16) stays.
pub fn decrypt_padded(key: &Aes, data: &[u8]) -> Vec<u8> {
    let (Some(iv), Some(rest)) = (data.get(..16), data.get(16..)) else {
        return Vec::new();
    };
    let mut out = key.cbc_decrypt(&block_of(iv), rest);
    if let Some(&pad) = out.last() {
        if (1..=16).contains(&pad) {
            out.truncate(out.len().saturating_sub(usize::from(pad)));
        }
    }
    out
}

/// The first 16 bytes of `bytes` as a block, zeros after a short one.
fn block_of(bytes: &[u8]) -> Block {
    let mut block = [0u8; 16];
    for (b, &x) in block.iter_mut().zip(bytes) {
        *b = x;
    }
    block
}

/// One encryption round on columns: column j takes row r from column j + r (the row shift)
/// and `f(byte, r)` of it (the S-box and the mix), then the round key.
fn round(s: [u32; 4], key: &[u32; 4], f: impl Fn(usize, u32) -> u32) -> [u32; 4] {
    let t = |column: u32, row: u32| f(((column >> (8 * row)) & 0xFF) as usize, row);
    let [a, b, c, d] = s;
    [
        t(a, 0) ^ t(b, 1) ^ t(c, 2) ^ t(d, 3) ^ key[0],
        t(b, 0) ^ t(c, 1) ^ t(d, 2) ^ t(a, 3) ^ key[1],
        t(c, 0) ^ t(d, 1) ^ t(a, 2) ^ t(b, 3) ^ key[2],
        t(d, 0) ^ t(a, 1) ^ t(b, 2) ^ t(c, 3) ^ key[3],
    ]
}

/// A block as its four columns, each a little-endian word of its rows.
fn columns(block: &Block) -> [u32; 4] {
    std::array::from_fn(|j| {
        u32::from_le_bytes([
            block[4 * j],
            block[4 * j + 1],
            block[4 * j + 2],
            block[4 * j + 3],
        ])
    })
}

fn xor(a: &Block, b: &Block) -> Block {
    std::array::from_fn(|i| a[i] ^ b[i])
}

/// Row `r` of the column-major state turned right by `r` places, undoing the row shift.
fn unshift_rows(s: &Block) -> Block {
    std::array::from_fn(|i| {
        let (row, column) = (i % 4, i / 4);
        s[row + 4 * ((column + 3 * row) % 4)]
    })
}

fn unmix_columns(s: &Block) -> Block {
    let mut out = [0u8; 16];
    for (o, c) in out.chunks_exact_mut(4).zip(s.chunks_exact(4)) {
        for (r, o) in o.iter_mut().enumerate() {
            let (a, b, c2, d) = (c[r], c[(r + 1) % 4], c[(r + 2) % 4], c[(r + 3) % 4]);
            *o = times(a, 14) ^ times(b, 11) ^ times(c2, 13) ^ times(d, 9);
        }
    }
    out
}

/// `a × factor` in GF(2^8), for the factors of the inverse column mix.
fn times(a: u8, factor: u8) -> u8 {
    let (a2, a4) = (xtime(a), xtime(xtime(a)));
    let a8 = xtime(a4);
    match factor {
        9 => a8 ^ a,
        11 => a8 ^ a2 ^ a,
        13 => a8 ^ a4 ^ a,
        _ => a8 ^ a4 ^ a2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    /// FIPS 197 appendix C: the plaintext 00112233…ff under the keys 000102…
    const PLAIN: &str = "00112233445566778899aabbccddeeff";

    #[test]
    fn fips_197_appendix_c() {
        let cases = [
            (
                "000102030405060708090a0b0c0d0e0f",
                "69c4e0d86a7b0430d8cdb78070b4c55a",
            ),
            (
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
                "8ea2b7ca516745bfeafc49904b496089",
            ),
        ];
        for (key, cipher) in cases {
            let aes = Aes::new(&unhex(key)).unwrap();
            let block = block_of(&unhex(PLAIN));
            assert_eq!(hex(&aes.encrypt(&block)), cipher, "{key}");
            assert_eq!(hex(&aes.decrypt(&block_of(&unhex(cipher)))), PLAIN, "{key}");
        }
    }

    #[test]
    fn fips_197_appendix_b_and_the_s_box() {
        let aes = Aes::new(&unhex("2b7e151628aed2a6abf7158809cf4f3c")).unwrap();
        let block = block_of(&unhex("3243f6a8885a308d313198a2e0370734"));
        assert_eq!(
            hex(&aes.encrypt(&block)),
            "3925841d02dc09fbdc118597196a0b32"
        );
        assert_eq!(
            (SBOX[0x53], SBOX[0], INVERSE_SBOX[0xed]),
            (0xed, 0x63, 0x53)
        );
    }

    /// NIST SP 800-38A F.2.1 and F.2.5: CBC with the IV 000102…0f.
    #[test]
    fn sp_800_38a_cbc() {
        let iv = block_of(&unhex("000102030405060708090a0b0c0d0e0f"));
        let plain = unhex(
            "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51\
             30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
        );
        let aes128 = Aes::new(&unhex("2b7e151628aed2a6abf7158809cf4f3c")).unwrap();
        let cipher = aes128.cbc_encrypt(&iv, &plain);
        assert_eq!(
            hex(&cipher),
            "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2\
             73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7"
        );
        assert_eq!(aes128.cbc_decrypt(&iv, &cipher), plain);
        let aes256 = Aes::new(&unhex(
            "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
        ))
        .unwrap();
        let cipher = aes256.cbc_encrypt(&iv, &plain);
        assert_eq!(hex(&cipher[..16]), "f58c4c04d6e5f1ba779eabfb5f7bfbd6");
        assert_eq!(aes256.cbc_decrypt(&iv, &cipher), plain);
    }

    #[test]
    fn decryption_undoes_encryption() {
        let mut x = 0x1234_5678u32;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        };
        for key_length in [16, 32] {
            let key: Vec<u8> = (0..key_length).map(|_| next()).collect();
            let aes = Aes::new(&key).unwrap();
            for _ in 0..100 {
                let block: Block = std::array::from_fn(|_| next());
                assert_eq!(aes.decrypt(&aes.encrypt(&block)), block);
            }
        }
    }

    #[test]
    fn padding_is_removed_leniently() {
        let aes = Aes::new(&[7u8; 16]).unwrap();
        let iv = [9u8; 16];
        let with_iv = |plain: &[u8]| [iv.as_slice(), &aes.cbc_encrypt(&iv, plain)].concat();
        let mut padded = b"hello".to_vec();
        padded.extend([11u8; 11]);
        assert_eq!(decrypt_padded(&aes, &with_iv(&padded)), b"hello");
        assert_eq!(decrypt_padded(&aes, &with_iv(&[16u8; 16])), b"");
        // Not padding: kept as it is.
        let odd = [200u8; 16];
        assert_eq!(decrypt_padded(&aes, &with_iv(&odd)), odd);
        // Short data, a partial block, a wrong key length: never a panic.
        assert_eq!(decrypt_padded(&aes, &[1, 2, 3]), b"");
        assert_eq!(decrypt_padded(&aes, &iv), b"");
        let _ = decrypt_padded(&aes, &[5u8; 40]);
        assert!(Aes::new(&[0u8; 24]).is_none());
    }
}
