//! Encrypted PDFs that open without a password: the Standard security handler with the empty
//! user password, as a viewer opens a file that is "encrypted" only to restrict copying or
//! printing. [`Crypt::open`] checks the password against `/U` and makes the file key;
//! `file.rs` then hands every string and stream of the objects it reads to [`Crypt`], which
//! decides what is exempt (the `/Encrypt` dictionary itself, xref streams, unencrypted
//! metadata) and decrypts the rest, so decryption happens in this one place.
//!
//! Supported: V1 and V2 with R2 and R3 (RC4, 40 to 128-bit keys: Algorithm 2 makes the key,
//! Algorithms 4 and 5 check `/U`), V4 with R4 and crypt filters (`/StdCF` with `/V2` = RC4 or
//! `/AESV2` = AES-128-CBC, `/Identity`, `/StmF`, `/StrF`, `/EncryptMetadata false`), and V5
//! with R5 and R6 (`/AESV3` = AES-256-CBC: the validation salt of `/U` checks the password,
//! the file key is unwrapped from `/UE`, and `/Perms`, when present, confirms it). Before V5
//! each object has its own key, MD5 of the file key, the object's number and generation (and
//! `sAlT` for AES). The primitives are RustCrypto's crates (md-5, rc4, sha2, aes with cbc);
//! this module is the handler around them.
//!
//! Refused as [`Error::Encrypted`]: another handler (`/Adobe.PubSec` certificates), V3 or an
//! unknown V, R or crypt filter method, and a file whose `/U` does not validate with the empty
//! password (it needs a password to open). A damaged dictionary (a key missing, `/O` or `/U`
//! too short) is [`Error::Damaged`], and so is AES data that is not whole blocks after its IV
//! or whose padding is not PKCS#5 padding, every pad byte checked: a stream so damaged is the
//! error, and an object with a string so damaged is not read, as one that does not parse.
//! Empty AES data and an IV alone are the empty string, as some writers encrypt it. A key
//! length that is missing, odd or given in bytes instead of bits is taken as best it can be,
//! since a wrong key only makes `/U` fail.
//!
//! Invariants: never panics; time linear in the data decrypted, plus a fixed cost to open (the
//! R6 hash runs at most 288 rounds over 4 KiB).

use aes::cipher::block_padding::{NoPadding, Pkcs7};
use aes::cipher::consts::U256;
use aes::cipher::{
    BlockCipher, BlockDecrypt, BlockDecryptMut, BlockEncryptMut, InnerIvInit, KeyInit, KeyIvInit,
    StreamCipher,
};
use aes::{Aes128, Aes256};
use md5::{Digest, Md5};
use rc4::Rc4;
use sha2::{Sha256, Sha384, Sha512};

use super::lexer::{Dict, Object};
use super::{Encryption, Error};

/// A string of 32 bytes that pads a password to 32 bytes (Algorithm 2); the empty password is
/// this string whole.
const PAD: [u8; 32] = [
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
];

/// What a damaged encryption dictionary is called.
const DAMAGED: Error = Error::Damaged("加密字典不完整");

/// What a string or stream is called whose AES ciphertext is not whole blocks or whose
/// padding is not PKCS#5 padding.
const DAMAGED_DATA: Error = Error::Damaged("加密数据已损坏");

/// An object's number and generation, which make its key before V5.
pub type Id = (u32, u16);

/// How the strings or the streams under one crypt filter are encrypted.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Method {
    Identity,
    Rc4,
    Aes128,
    Aes256,
}

/// The security handler of an opened file: the file key and how each kind of data is
/// encrypted.
pub struct Crypt {
    key: Vec<u8>,
    strings: Method,
    streams: Method,
    /// The crypt filters of `/CF`, which a stream may name with `/Filter /Crypt`.
    filters: Vec<(Vec<u8>, Method)>,
    /// V5: the file key expanded for AES-256, used for every object.
    aes256: Option<Aes256>,
    encrypt_metadata: bool,
    /// The object the `/Encrypt` dictionary is, which is not encrypted.
    dictionary: Option<u32>,
}

impl Crypt {
    /// The handler of the `/Encrypt` dictionary `dict` (its values resolved), object
    /// `dictionary` if indirect, for a file whose first `/ID` string is `id`.
    pub fn open(dict: &Dict, id: &[u8], dictionary: Option<u32>) -> Result<Crypt, Error> {
        let filter = dict
            .get(b"Filter")
            .and_then(Object::as_name)
            .ok_or(DAMAGED)?;
        if filter != b"Standard" {
            return Err(unsupported(filter));
        }
        let v = dict.get(b"V").and_then(Object::as_int).unwrap_or(0);
        let r = dict.get(b"R").and_then(Object::as_int).ok_or(DAMAGED)?;
        let encrypt_metadata = dict.get(b"EncryptMetadata") != Some(&Object::Bool(false));
        let filters = if v >= 4 {
            crypt_filters(dict, v)?
        } else {
            Vec::new()
        };
        let method = |key: &[u8]| match dict.get(key).and_then(Object::as_name) {
            None => Ok(Method::Identity),
            Some(name) => named(&filters, name),
        };
        let (strings, streams) = match v {
            1 | 2 => (Method::Rc4, Method::Rc4),
            4 | 5 => (method(b"StrF")?, method(b"StmF")?),
            _ => return Err(unsupported(format!("V {v}").as_bytes())),
        };
        let (key, aes256) = match (v, r) {
            (1 | 2 | 4, 2..=4) => {
                let aes = [strings, streams].contains(&Method::Aes128)
                    || filters.iter().any(|(_, m)| *m == Method::Aes128);
                let length = key_length(dict, v, &filters, aes);
                let key = legacy_key(dict, r, length, id, encrypt_metadata)?;
                (key, None)
            }
            (5, 5 | 6) => {
                let key = aes256_key(dict, r)?;
                let aes = Aes256::new_from_slice(&key).map_err(|_| DAMAGED)?;
                (key, Some(aes))
            }
            _ => return Err(unsupported(format!("V {v} R {r}").as_bytes())),
        };
        Ok(Crypt {
            key,
            strings,
            streams,
            filters,
            aes256,
            encrypt_metadata,
            dictionary,
        })
    }

    /// Decrypts the strings in `object`, object `id` of the file, unless it is exempt: the
    /// `/Encrypt` dictionary and the dictionary of an xref stream. A string whose ciphertext
    /// is damaged makes the object damaged.
    pub fn object(&self, id: Id, object: &mut Object) -> Result<(), Error> {
        if self.dictionary == Some(id.0) || is_type(object.as_dict(), b"XRef") {
            return Ok(());
        }
        // The object's key is made only when it has a string.
        let mut cipher = None;
        let mut decrypt = |s: &[u8]| {
            cipher
                .get_or_insert_with(|| self.cipher(self.strings, id))
                .apply(s)
        };
        decrypt_strings(&mut decrypt, object, 0).ok_or(DAMAGED_DATA)
    }

    /// The data of stream `id` with dictionary `dict`, decrypted unless it is exempt (an xref
    /// stream, metadata when `/EncryptMetadata` is false); `filter` names the crypt filter of
    /// a `/Filter /Crypt`, which replaces `/StmF`.
    pub fn stream(
        &self,
        id: Id,
        dict: &Dict,
        data: &[u8],
        filter: Option<&[u8]>,
    ) -> Result<Vec<u8>, Error> {
        let exempt = is_type(Some(dict), b"XRef")
            || (!self.encrypt_metadata && is_type(Some(dict), b"Metadata"));
        let method = match filter {
            _ if exempt => Method::Identity,
            Some(name) => named(&self.filters, name)?,
            None => self.streams,
        };
        self.cipher(method, id).apply(data).ok_or(DAMAGED_DATA)
    }

    /// The cipher of object `id` under `method`. (An AES-128 object key is always 16 bytes
    /// and AES-256 comes only with V5's expanded key, so no AES falls back to `Identity`.)
    fn cipher(&self, method: Method, id: Id) -> Cipher<'_> {
        match (method, &self.aes256) {
            (Method::Identity, _) => Cipher::Identity,
            (Method::Aes256, Some(aes)) => Cipher::Aes256(aes),
            (Method::Rc4, _) => Cipher::Rc4(self.object_key(id, false)),
            (_, _) => match Aes128::new_from_slice(&self.object_key(id, true)) {
                Ok(aes) => Cipher::Aes128(Box::new(aes)),
                Err(_) => Cipher::Identity,
            },
        }
    }

    /// Algorithm 1: the key of object `id`, as many bytes of the MD5 hash as the file key has
    /// plus 5, at most 16 (AES always has a 16-byte file key, so all 16); from V5 on the file
    /// key as is.
    fn object_key(&self, id: Id, aes: bool) -> Vec<u8> {
        if self.aes256.is_some() {
            return self.key.clone();
        }
        let mut input = self.key.clone();
        input.extend_from_slice(id.0.to_le_bytes().get(..3).unwrap_or_default());
        input.extend_from_slice(&id.1.to_le_bytes());
        if aes {
            input.extend_from_slice(b"sAlT");
        }
        let hash = md5(&input);
        let length = if aes {
            16
        } else {
            (self.key.len() + 5).min(16)
        };
        hash.get(..length).unwrap_or(&hash).to_vec()
    }
}

/// One object's cipher.
enum Cipher<'a> {
    Identity,
    Rc4(Vec<u8>),
    Aes128(Box<Aes128>),
    /// V5's file key, the same for every object.
    Aes256(&'a Aes256),
}

impl Cipher<'_> {
    /// `data` decrypted, or `None` when its AES ciphertext is damaged.
    fn apply(&self, data: &[u8]) -> Option<Vec<u8>> {
        match self {
            Cipher::Identity => Some(data.to_vec()),
            Cipher::Rc4(key) => Some(rc4(key, data)),
            Cipher::Aes128(aes) => aes_cbc(aes.as_ref().clone(), data),
            Cipher::Aes256(aes) => aes_cbc((*aes).clone(), data),
        }
    }
}

/// Replaces every string inside `object` by `decrypt` of it; `None` when a string does not
/// decrypt (nesting is bounded by the lexer's depth limit; the bound here only guards against
/// a hand-built object).
fn decrypt_strings(
    decrypt: &mut dyn FnMut(&[u8]) -> Option<Vec<u8>>,
    object: &mut Object,
    depth: usize,
) -> Option<()> {
    if depth > 64 {
        return Some(());
    }
    match object {
        Object::Str(s) => *s = decrypt(s)?,
        Object::Array(items) => {
            for item in items {
                decrypt_strings(decrypt, item, depth + 1)?;
            }
        }
        Object::Dict(d) => {
            for (_, value) in &mut d.0 {
                decrypt_strings(decrypt, value, depth + 1)?;
            }
        }
        _ => {}
    }
    Some(())
}

/// The data of a string or stream under the AESV2 or AESV3 crypt filter: the first 16 bytes
/// are the IV, the rest CBC blocks whose last one ends in PKCS#5 padding, 1 to 16 bytes each
/// equal to their count. `None` when the rest is not whole blocks or the padding is not such
/// padding: the data is damaged, and no part of it is taken as text. Empty data, and an IV
/// with no blocks, are the empty string, as some writers encrypt it and viewers read it.
fn aes_cbc<C: BlockCipher + BlockDecryptMut>(cipher: C, data: &[u8]) -> Option<Vec<u8>> {
    if data.is_empty() || data.len() == 16 {
        return Some(Vec::new());
    }
    let (iv, rest) = data.split_at_checked(16)?;
    let decryptor = cbc::Decryptor::inner_iv_slice_init(cipher, iv).ok()?;
    let mut out = rest.to_vec();
    let length = decryptor.decrypt_padded_mut::<Pkcs7>(&mut out).ok()?.len();
    out.truncate(length);
    Some(out)
}

/// True when `dict` has `/Type` `kind`.
fn is_type(dict: Option<&Dict>, kind: &[u8]) -> bool {
    dict.and_then(|d| d.get(b"Type"))
        .and_then(Object::as_name)
        .is_some_and(|t| t == kind)
}

fn unsupported(what: &[u8]) -> Error {
    Error::Encrypted(Encryption::Unsupported(
        String::from_utf8_lossy(what).into_owned(),
    ))
}

/// The MD5 digest of `data`.
fn md5(data: &[u8]) -> [u8; 16] {
    Md5::digest(data).into()
}

/// `data` enciphered (or deciphered: the same thing) by RC4 with `key`. RC4's key schedule
/// reads byte `i % key.len()` of the key for `i` below 256, so the key repeated to 256 bytes
/// is the same key: one key size serves the 5 to 16 bytes the handler's keys have.
fn rc4(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut long = [0u8; 256];
    for (l, k) in long.iter_mut().zip(key.iter().cycle()) {
        *l = *k;
    }
    let mut out = data.to_vec();
    Rc4::<U256>::new(&long.into()).apply_keystream(&mut out);
    out
}

/// The crypt filters of `/CF` in a V4 or V5 dictionary, by name.
fn crypt_filters(dict: &Dict, v: i64) -> Result<Vec<(Vec<u8>, Method)>, Error> {
    let Some(filters) = dict.get(b"CF").and_then(Object::as_dict) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (name, filter) in &filters.0 {
        let cfm = filter
            .as_dict()
            .and_then(|f| f.get(b"CFM"))
            .and_then(Object::as_name);
        let method = match (cfm, v) {
            (None | Some(b"None"), _) => Method::Identity,
            (Some(b"V2"), 4) => Method::Rc4,
            (Some(b"AESV2"), 4) => Method::Aes128,
            (Some(b"AESV3"), 5) => Method::Aes256,
            (Some(other), _) => return Err(unsupported(other)),
        };
        out.push((name.clone(), method));
    }
    Ok(out)
}

/// The method of the crypt filter `name`: `/Identity` or one of `/CF`.
fn named(filters: &[(Vec<u8>, Method)], name: &[u8]) -> Result<Method, Error> {
    if name == b"Identity" {
        return Ok(Method::Identity);
    }
    filters
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, m)| *m)
        .ok_or_else(|| unsupported(name))
}

/// The file key's length in bytes before V5: 5 for V1; 16 when any crypt filter is AES-128;
/// else `/Length` in bits (default 40 for V2, 128 for V4), or the stream filter's `/Length`,
/// which some writers give in bytes. A value that cannot be a length is rounded down to whole
/// bytes and kept within 5 to 16: a wrong guess only fails the check of `/U`.
fn key_length(dict: &Dict, v: i64, filters: &[(Vec<u8>, Method)], aes: bool) -> usize {
    if v == 1 {
        return 5;
    }
    if aes {
        return 16;
    }
    let of_filter = || {
        let stm = dict.get(b"StmF").and_then(Object::as_name)?;
        filters.iter().find(|(n, _)| n == stm)?;
        let cf = dict.get(b"CF")?.as_dict()?.get(stm)?.as_dict()?;
        cf.get(b"Length")?.as_int()
    };
    let given = dict
        .get(b"Length")
        .and_then(Object::as_int)
        .or_else(of_filter);
    let bytes = match given {
        Some(n @ 5..=16) => n,
        Some(bits) => bits / 8,
        None if v == 4 => 16,
        None => 5,
    };
    usize::try_from(bytes.clamp(5, 16)).unwrap_or(16)
}

/// A string value of `dict` of at least `min` bytes.
fn string<'d>(dict: &'d Dict, key: &[u8], min: usize) -> Result<&'d [u8], Error> {
    match dict.get(key) {
        Some(Object::Str(s)) if s.len() >= min => Ok(s),
        _ => Err(DAMAGED),
    }
}

/// Algorithm 2: the file key from the empty user password, checked against `/U` by
/// Algorithm 4 (R2) or 5 (R3, R4).
fn legacy_key(
    dict: &Dict,
    r: i64,
    length: usize,
    id: &[u8],
    encrypt_metadata: bool,
) -> Result<Vec<u8>, Error> {
    let o = string(dict, b"O", 32)?.get(..32).ok_or(DAMAGED)?;
    let u = string(dict, b"U", if r == 2 { 32 } else { 16 })?;
    let p = dict.get(b"P").and_then(Object::as_int).ok_or(DAMAGED)?;
    // /P is a 32-bit field, written signed by most writers and unsigned by some.
    let p = (p & 0xFFFF_FFFF) as u32;
    let mut input = [PAD.as_slice(), o, &p.to_le_bytes(), id].concat();
    if r >= 4 && !encrypt_metadata {
        input.extend_from_slice(&[0xFF; 4]);
    }
    let mut hash = md5(&input);
    let cut = |h: &[u8; 16]| h.get(..length).unwrap_or(h).to_vec();
    if r >= 3 {
        for _ in 0..50 {
            hash = md5(&cut(&hash));
        }
    }
    let key = cut(&hash);
    let valid = if r == 2 {
        Some(rc4(&key, &PAD).as_slice()) == u.get(..32)
    } else {
        let mut check = rc4(&key, &md5(&[PAD.as_slice(), id].concat()));
        for i in 1..=19u8 {
            let round: Vec<u8> = key.iter().map(|k| k ^ i).collect();
            check = rc4(&round, &check);
        }
        Some(check.as_slice()) == u.get(..16)
    };
    if !valid {
        return Err(Error::Encrypted(Encryption::Password));
    }
    Ok(key)
}

/// Algorithms 2.A and 11 (R5, R6): the empty user password checked against the validation
/// salt of `/U`, the file key unwrapped from `/UE` with the key salt, and confirmed by
/// `/Perms` when the file has it.
fn aes256_key(dict: &Dict, r: i64) -> Result<Vec<u8>, Error> {
    string(dict, b"O", 48)?;
    let u = string(dict, b"U", 48)?;
    let ue = string(dict, b"UE", 32)?;
    let (hash, rest) = u.split_at_checked(32).ok_or(DAMAGED)?;
    let (validation, rest) = rest.split_at_checked(8).ok_or(DAMAGED)?;
    let salt = rest.get(..8).ok_or(DAMAGED)?;
    let hash_of = |salt: &[u8]| {
        if r == 5 {
            Sha256::digest(salt).into()
        } else {
            hardened_hash(salt)
        }
    };
    if hash_of(validation).as_slice() != hash {
        return Err(Error::Encrypted(Encryption::Password));
    }
    let mut key: [u8; 32] = ue
        .get(..32)
        .and_then(|k| k.try_into().ok())
        .ok_or(DAMAGED)?;
    cbc::Decryptor::<Aes256>::new(&hash_of(salt).into(), &[0; 16].into())
        .decrypt_padded_mut::<NoPadding>(&mut key)
        .map_err(|_| DAMAGED)?;
    if let Some(Object::Str(perms)) = dict.get(b"Perms") {
        let mut block: [u8; 16] = perms
            .get(..16)
            .and_then(|p| p.try_into().ok())
            .ok_or(DAMAGED)?;
        Aes256::new(&key.into()).decrypt_block((&mut block).into());
        if block.get(9..12) != Some(b"adb".as_slice()) {
            return Err(DAMAGED);
        }
    }
    Ok(key.to_vec())
}

/// Algorithm 2.B (R6) for the empty user password: SHA-256 of the salt, then rounds of AES-128
/// encryption of the hash repeated 64 times, each hashed again by SHA-256, -384 or -512 as the
/// encryption's first 16 bytes say, until at least 64 rounds have run and the last byte of the
/// encryption is at most the round number less 32 (so at most 288 rounds).
fn hardened_hash(salt: &[u8]) -> [u8; 32] {
    let mut k = Sha256::digest(salt).to_vec();
    for round in 1..=288usize {
        let (Some(key), Some(iv)) = (k.get(..16), k.get(16..32)) else {
            break;
        };
        let Ok(aes) = cbc::Encryptor::<Aes128>::new_from_slices(key, iv) else {
            break;
        };
        // 64 copies of a 32-, 48- or 64-byte hash: whole blocks, so no padding.
        let mut e = k.repeat(64);
        let length = e.len();
        if aes.encrypt_padded_mut::<NoPadding>(&mut e, length).is_err() {
            break;
        }
        let sum: u32 = e.iter().take(16).map(|&b| u32::from(b)).sum();
        k = match sum % 3 {
            0 => Sha256::digest(&e).to_vec(),
            1 => Sha384::digest(&e).to_vec(),
            _ => Sha512::digest(&e).to_vec(),
        };
        let last = e.last().copied().map_or(0, usize::from);
        if round >= 64 && last + 32 <= round {
            break;
        }
    }
    let mut out = [0u8; 32];
    for (o, b) in out.iter_mut().zip(&k) {
        *o = *b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(entries: &[(&str, Object)]) -> Dict {
        Dict(
            entries
                .iter()
                .map(|(k, v)| (k.as_bytes().to_vec(), v.clone()))
                .collect(),
        )
    }

    fn name(n: &str) -> Object {
        Object::Name(n.as_bytes().to_vec())
    }

    #[test]
    fn key_lengths_in_bits_bytes_or_nonsense() {
        let with = |length: Object| dict(&[("Length", length)]);
        assert_eq!(key_length(&with(Object::Int(128)), 2, &[], false), 16);
        assert_eq!(key_length(&with(Object::Int(40)), 2, &[], false), 5);
        assert_eq!(key_length(&with(Object::Int(16)), 4, &[], false), 16);
        assert_eq!(key_length(&with(Object::Int(41)), 2, &[], false), 5);
        assert_eq!(key_length(&with(Object::Int(-8)), 2, &[], false), 5);
        assert_eq!(key_length(&with(Object::Int(i64::MAX)), 2, &[], false), 16);
        assert_eq!(key_length(&Dict::default(), 2, &[], false), 5);
        assert_eq!(key_length(&Dict::default(), 1, &[], false), 5);
        assert_eq!(key_length(&with(Object::Int(40)), 4, &[], true), 16);
    }

    #[test]
    fn other_handlers_and_versions_are_named() {
        let refused = |d: &Dict| match Crypt::open(d, b"", None) {
            Err(Error::Encrypted(Encryption::Unsupported(what))) => what,
            other => panic!("{:?}", other.map(|_| ())),
        };
        assert_eq!(
            refused(&dict(&[("Filter", name("Adobe.PubSec"))])),
            "Adobe.PubSec"
        );
        let v3 = dict(&[
            ("Filter", name("Standard")),
            ("V", Object::Int(3)),
            ("R", Object::Int(3)),
        ]);
        assert_eq!(refused(&v3), "V 3");
        let r7 = dict(&[
            ("Filter", name("Standard")),
            ("V", Object::Int(5)),
            ("R", Object::Int(7)),
        ]);
        assert_eq!(refused(&r7), "V 5 R 7");
    }

    /// A handler with a 40-bit RC4 key whose `/Encrypt` dictionary is object 7.
    fn rc4_handler() -> Crypt {
        Crypt {
            key: vec![1, 2, 3, 4, 5],
            strings: Method::Rc4,
            streams: Method::Rc4,
            filters: vec![(b"StdCF".to_vec(), Method::Aes128)],
            aes256: None,
            encrypt_metadata: false,
            dictionary: Some(7),
        }
    }

    #[test]
    fn strings_are_decrypted_except_in_the_encrypt_dictionary_and_xref_streams() {
        let crypt = rc4_handler();
        let abc = Object::Str(b"abc".to_vec());
        let mut own = abc.clone();
        crypt.object((7, 0), &mut own).unwrap();
        assert_eq!(own, abc);
        let mut xref = Object::Dict(dict(&[("Type", name("XRef")), ("ID", abc.clone())]));
        let before = xref.clone();
        crypt.object((8, 0), &mut xref).unwrap();
        assert_eq!(xref, before);
        // RC4 twice is the identity, and each object has its own key.
        let mut nested = Object::Array(vec![Object::Dict(dict(&[("T", abc.clone())]))]);
        crypt.object((8, 0), &mut nested).unwrap();
        assert_ne!(
            nested,
            Object::Array(vec![Object::Dict(dict(&[("T", abc.clone())]))])
        );
        let mut other = nested.clone();
        crypt.object((9, 0), &mut other).unwrap();
        assert_ne!(other, nested);
        crypt.object((8, 0), &mut nested).unwrap();
        assert_eq!(
            nested,
            Object::Array(vec![Object::Dict(dict(&[("T", abc)]))])
        );
    }

    #[test]
    fn streams_by_their_crypt_filter_and_exempt_streams() {
        let crypt = rc4_handler();
        let plain = Dict::default();
        let data = b"BT (x) Tj ET";
        let once = crypt.stream((4, 0), &plain, data, None).unwrap();
        assert_ne!(once, data);
        assert_eq!(crypt.stream((4, 0), &plain, &once, None).unwrap(), data);
        let same = |d: &Dict, filter: Option<&[u8]>| crypt.stream((4, 0), d, data, filter);
        assert_eq!(same(&plain, Some(b"Identity")).unwrap(), data);
        for kind in ["XRef", "Metadata"] {
            assert_eq!(same(&dict(&[("Type", name(kind))]), None).unwrap(), data);
        }
        assert_eq!(
            same(&plain, Some(b"Nope")),
            Err(Error::Encrypted(Encryption::Unsupported("Nope".into())))
        );
        // A named AESV2 filter: the object key with sAlT, the IV first, PKCS#5 padding.
        let key = crypt.object_key((4, 0), true);
        let mut padded = data.to_vec();
        padded.extend([4u8; 4]);
        let cipher = cbc_encrypt(&key, &[3; 16], &padded);
        let got = crypt.stream((4, 0), &plain, &cipher, Some(b"StdCF"));
        assert_eq!(got.unwrap(), data);
        // Damaged AES data: a partial block, or padding that is not PKCS#5 padding.
        let damaged = Err(Error::Damaged("加密数据已损坏"));
        let partial = &cipher[..cipher.len() - 1];
        assert_eq!(
            crypt.stream((4, 0), &plain, partial, Some(b"StdCF")),
            damaged
        );
        padded[13] = 5;
        let cipher = cbc_encrypt(&key, &[3; 16], &padded);
        assert_eq!(
            crypt.stream((4, 0), &plain, &cipher, Some(b"StdCF")),
            damaged
        );
    }

    #[test]
    fn a_string_that_does_not_decrypt_is_damage() {
        let crypt = Crypt {
            strings: Method::Aes128,
            ..rc4_handler()
        };
        let key = crypt.object_key((8, 0), true);
        let mut good = Object::Str(cbc_encrypt(&key, &[1; 16], &[16; 16]));
        assert_eq!(crypt.object((8, 0), &mut good), Ok(()));
        assert_eq!(good, Object::Str(Vec::new()));
        let mut bad = Object::Array(vec![Object::Str(Vec::new()), Object::Str(vec![0; 20])]);
        assert_eq!(
            crypt.object((8, 0), &mut bad),
            Err(Error::Damaged("加密数据已损坏"))
        );
    }

    /// `iv` and the CBC encryption of `plain` (whole blocks) under the 16- or 32-byte `key`.
    fn cbc_encrypt(key: &[u8], iv: &[u8; 16], plain: &[u8]) -> Vec<u8> {
        let mut out = plain.to_vec();
        let n = out.len();
        if key.len() == 16 {
            let aes = cbc::Encryptor::<Aes128>::new_from_slices(key, iv).unwrap();
            aes.encrypt_padded_mut::<NoPadding>(&mut out, n).unwrap();
        } else {
            let aes = cbc::Encryptor::<Aes256>::new_from_slices(key, iv).unwrap();
            aes.encrypt_padded_mut::<NoPadding>(&mut out, n).unwrap();
        }
        [iv.as_slice(), &out].concat()
    }

    /// NIST SP 800-38A F.2.1 and F.2.5: CBC with AES-128 and AES-256 from the IV 000102…0f.
    /// Their four plaintext blocks end in 0x10, which is no padding (the other 15 bytes are
    /// not 0x10); a fifth block of padding makes them a string the AESV2 and AESV3 filters
    /// read.
    #[test]
    fn sp_800_38a_cbc_through_the_filters() {
        let iv: [u8; 16] = std::array::from_fn(|i| i as u8);
        let plain = unhex(
            "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51\
             30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
        );
        let cases = [
            (
                "2b7e151628aed2a6abf7158809cf4f3c",
                "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2\
                 73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7",
            ),
            (
                "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
                "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d\
                 39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b",
            ),
        ];
        for (key, expected) in cases {
            let key = unhex(key);
            let cipher = cbc_encrypt(&key, &iv, &[plain.as_slice(), &[16; 16]].concat());
            assert_eq!(hex(&cipher[16..80]), expected);
            let (decrypted, unpadded) = if key.len() == 16 {
                let aes = Aes128::new_from_slice(&key).unwrap();
                (aes_cbc(aes.clone(), &cipher), aes_cbc(aes, &cipher[..80]))
            } else {
                let aes = Aes256::new_from_slice(&key).unwrap();
                (aes_cbc(aes.clone(), &cipher), aes_cbc(aes, &cipher[..80]))
            };
            assert_eq!(decrypted, Some(plain.clone()));
            assert_eq!(unpadded, None);
        }
    }

    #[test]
    fn aes_padding_is_checked_strictly() {
        let key = [7u8; 16];
        let iv = [9u8; 16];
        let read = |plain: &[u8]| {
            let aes = Aes128::new_from_slice(&key).unwrap();
            aes_cbc(aes, &cbc_encrypt(&key, &iv, plain))
        };
        for length in 0..40 {
            let text: Vec<u8> = (0..length).map(|i| i as u8).collect();
            let pad = 16 - length % 16;
            let padded = [text.as_slice(), &vec![pad as u8; pad]].concat();
            assert_eq!(read(&padded), Some(text), "{length}");
        }
        // Every pad byte is checked, and the last one is 1 to 16.
        let mut padded = b"hello".to_vec();
        padded.extend([11u8; 11]);
        assert_eq!(read(&padded), Some(b"hello".to_vec()));
        for at in 5..15 {
            let mut bad = padded.clone();
            bad[at] = 10;
            assert_eq!(read(&bad), None, "pad byte {at}");
        }
        for last in [0, 17, 200] {
            let mut bad = [5u8; 16];
            bad[15] = last;
            assert_eq!(read(&bad), None, "last byte {last}");
        }
        // A partial last block, or less than an IV, is damage; no data, or an IV alone, is the
        // empty string.
        let whole = cbc_encrypt(&key, &iv, &[[1u8; 20].as_slice(), &[12; 12]].concat());
        let aes = || Aes128::new_from_slice(&key).unwrap();
        assert_eq!(aes_cbc(aes(), &whole), Some(vec![1; 20]));
        for length in [1, 15, 17, 31, 33, 47] {
            assert_eq!(aes_cbc(aes(), &whole[..length]), None, "{length} bytes");
        }
        assert_eq!(aes_cbc(aes(), &[]), Some(Vec::new()));
        assert_eq!(aes_cbc(aes(), &iv), Some(Vec::new()));
    }

    #[test]
    fn object_keys_are_five_bytes_longer_up_to_16() {
        let crypt = rc4_handler();
        assert_eq!(crypt.object_key((1, 0), false).len(), 10);
        assert_ne!(
            crypt.object_key((1, 0), false),
            crypt.object_key((1, 1), false)
        );
        let long = Crypt {
            key: vec![9; 16],
            ..rc4_handler()
        };
        assert_eq!(long.object_key((1, 0), true).len(), 16);
    }

    fn unhex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// RFC 1321's test suite, in part: the handler's MD5 is the md-5 crate's.
    #[test]
    fn md5_gives_rfc_1321s_digests() {
        for (message, expected) in [
            ("", "d41d8cd98f00b204e9800998ecf8427e"),
            ("abc", "900150983cd24fb0d6963f7d28e17f72"),
            (
                "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
                "57edf4a22be3c955ac49da2e2107b67a",
            ),
        ] {
            assert_eq!(hex(&md5(message.as_bytes())), expected, "{message:?}");
        }
    }

    /// RFC 6229's key streams (RC4 enciphering zeros) for a 40-bit and a 128-bit key at a few
    /// offsets: keys of any length go through the one 256-byte key size.
    #[test]
    fn rc4_gives_rfc_6229s_key_streams() {
        let stream = |key: &[u8], offset: usize| hex(&rc4(key, &[0u8; 4112])[offset..][..16]);
        let key40 = [1, 2, 3, 4, 5];
        assert_eq!(stream(&key40, 0), "b2396305f03dc027ccc3524a0a1118a8");
        assert_eq!(stream(&key40, 16), "6982944f18fc82d589c403a47a0d0919");
        assert_eq!(stream(&key40, 4096), "ff25b58995996707e51fbdf08b34d875");
        let key128: Vec<u8> = (1..=16).collect();
        assert_eq!(stream(&key128, 0), "9ac7cc9a609d1ef7b2932899cde41b97");
        assert_eq!(stream(&key128, 16), "5248c4959014126a6e8a84f11d1a9e1c");
    }

    /// Known answers for Algorithm 2.B with the empty password: the `/U` of an R6 file is the
    /// hash of its validation salt (bytes 32 to 40) in its first 32 bytes. These are the `/U`
    /// of two fixtures qpdf 11.3 wrote, `blanks-2021-aes-256-objstm.pdf` and
    /// `blanks-2021-encrypted.pdf` (tests/fixtures/pdf), so another implementation made them.
    #[test]
    fn the_hardened_hash_of_the_empty_password_is_qpdfs() {
        for u in [
            "60420788b5366cdb0f8ab349de7d49ccf5b13a394f5ddee4225029d763dfbf18\
             7f372b4cf94c8311674bce5bdf12ada4",
            "b495e1538e5b6f8d4861869bf6ee3d73cd17f693f06f4d51d1dbc66797dd9c71\
             926772bbd75d4a7ea94e3f8f798b246e",
        ] {
            let u = unhex(u);
            assert_eq!(hardened_hash(&u[32..40]).as_slice(), &u[..32], "{u:02x?}");
        }
    }
}
