//! Encrypted PDFs: a file encrypted with an empty user password (copying or printing
//! restricted, as many published reports are) reads exactly like the file before encryption,
//! by every revision of the Standard security handler; a file that needs a password, another
//! handler, a damaged `/Encrypt` dictionary and damaged AES data are each refused with a
//! message, never a panic.
//!
//! The fixtures are `blanks-2021.pdf` encrypted by qpdf 11.3 with the empty user password and
//! the owner password `owner`:
//!
//! | fixture | qpdf options | handler |
//! |---|---|---|
//! | `blanks-2021-rc4-40.pdf` | `--allow-weak-crypto --encrypt "" owner 40` | V1 R2, RC4 40-bit |
//! | `blanks-2021-rc4-128.pdf` | `… 128 --use-aes=n` | V2 R3, RC4 128-bit |
//! | `blanks-2021-rc4-128-v4.pdf` | `… 128 --use-aes=n --force-V4` | V4 R4, crypt filter V2 |
//! | `blanks-2021-aes-128.pdf` | `--encrypt "" owner 128 --use-aes=y` | V4 R4, AESV2 |
//! | `blanks-2021-aes-128-metadata.pdf` | `… --cleartext-metadata` | the same, metadata clear |
//! | `blanks-2021-aes-256-r5.pdf` | `--encrypt "" owner 256 --force-R5` | V5 R5, AESV3 |
//! | `blanks-2021-encrypted.pdf` | `--encrypt "" owner 256` | V5 R6, AESV3 |
//! | `blanks-2021-aes-256-objstm.pdf` | `--object-streams=generate --encrypt "" owner 256` | R6, object streams |
//! | `blanks-2021-password.pdf` | `--encrypt user owner 256` | R6, user password `user` |

use std::path::Path;

use nianbao::pdf::{self, Encryption, Error};

use crate::layouts::generator::hard::damaged_encrypted_pdfs;
use crate::pdf::{page_objects, pdf_file};

fn path(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name)
}

fn bytes(name: &str) -> Vec<u8> {
    let path = path(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The fixtures that open without a password.
const OPEN: [&str; 8] = [
    "blanks-2021-rc4-40.pdf",
    "blanks-2021-rc4-128.pdf",
    "blanks-2021-rc4-128-v4.pdf",
    "blanks-2021-aes-128.pdf",
    "blanks-2021-aes-128-metadata.pdf",
    "blanks-2021-aes-256-r5.pdf",
    "blanks-2021-encrypted.pdf",
    "blanks-2021-aes-256-objstm.pdf",
];

#[test]
fn every_empty_password_encryption_reads_like_the_plain_file() {
    let plain = pdf::read(&bytes("blanks-2021.pdf")).expect("reads");
    for name in OPEN {
        let file = bytes(name);
        assert!(
            String::from_utf8_lossy(&file).contains("/Encrypt"),
            "{name} is encrypted"
        );
        let read = pdf::read(&file).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(read, plain, "{name}");
    }
}

#[test]
fn an_encrypted_file_with_a_broken_xref_is_read_by_scanning() {
    // Cut before `startxref`: the objects are found by scanning, the handler is made from the
    // trailer found so, and then the object streams are indexed, decrypted.
    let plain = pdf::read(&bytes("blanks-2021.pdf")).expect("reads");
    for name in [
        "blanks-2021-rc4-40.pdf",
        "blanks-2021-aes-128.pdf",
        "blanks-2021-aes-256-objstm.pdf",
    ] {
        let mut file = bytes(name);
        let at = file.windows(9).rposition(|w| w == b"startxref").unwrap();
        file.truncate(at);
        assert_eq!(pdf::read(&file).as_ref(), Ok(&plain), "{name}");
    }
}

#[test]
fn a_file_that_needs_a_password_is_refused() {
    let err = pdf::read(&bytes("blanks-2021-password.pdf")).expect_err("refused");
    assert_eq!(err, Error::Encrypted(Encryption::Password));
    let message = err.to_string();
    assert!(
        message.contains("需要打开密码") && message.contains("请"),
        "{message}"
    );
}

/// A one-page PDF (one line of text in a standard font) whose trailer names `encrypt` as its
/// `/Encrypt`: an object `7 0 R` when it is a dictionary, else the value as written.
fn encrypted(encrypt: &str) -> Vec<u8> {
    build(encrypt, "<00112233> <00112233>", "")
}

/// [`encrypted`] with the trailer's `/ID` strings `id` and `stream` in the content stream's
/// dictionary; its data is written as is.
fn build(encrypt: &str, id: &str, stream: &str) -> Vec<u8> {
    let content = "BT /F1 12 Tf 72 700 Td (2021) Tj ET";
    let mut objects = page_objects(
        "",
        format!(
            "<<{stream} /Length {}>>\nstream\n{content}\nendstream",
            content.len()
        ),
        "<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>",
    );
    objects.push("null".to_string());
    let reference = if encrypt.starts_with("<<") {
        objects.push(encrypt.to_string());
        "7 0 R".to_string()
    } else {
        encrypt.to_string()
    };
    pdf_file(&objects, &format!("/Encrypt {reference} /ID [{id}]"))
}

fn zeros(n: usize) -> String {
    format!("<{}>", "00".repeat(n))
}

#[test]
fn damaged_or_unknown_encrypt_dictionaries_are_errors() {
    let (o32, u32_, o48, u48) = (zeros(32), zeros(32), zeros(48), zeros(48));
    let ue = zeros(32);
    let unsupported = |what: &str| Error::Encrypted(Encryption::Unsupported(what.into()));
    let damaged = Error::Damaged("加密字典不完整");
    let password = Error::Encrypted(Encryption::Password);
    let cases: Vec<(String, Error)> = vec![
        (format!("<</Filter /Adobe.PubSec /V 4 /R 4 /O {o32} /U {u32_} /P -4>>"), unsupported("Adobe.PubSec")),
        (format!("<</V 2 /R 3 /O {o32} /U {u32_} /P -4>>"), damaged.clone()),
        (format!("<</Filter /Standard /V 3 /R 3 /O {o32} /U {u32_} /P -4>>"), unsupported("V 3")),
        (format!("<</Filter /Standard /V 2 /R 7 /O {o32} /U {u32_} /P -4>>"), unsupported("V 2 R 7")),
        (format!("<</Filter /Standard /V 5 /R 7 /O {o48} /U {u48} /UE {ue} /P -4>>"), unsupported("V 5 R 7")),
        (format!("<</Filter /Standard /V 2 /O {o32} /U {u32_} /P -4>>"), damaged.clone()),
        (format!("<</Filter /Standard /V 2 /R 3 /U {u32_} /P -4>>"), damaged.clone()),
        (format!("<</Filter /Standard /V 2 /R 3 /O <0011> /U {u32_} /P -4>>"), damaged.clone()),
        (format!("<</Filter /Standard /V 2 /R 3 /O {o32} /U <00> /P -4>>"), damaged.clone()),
        (format!("<</Filter /Standard /V 2 /R 3 /O {o32} /U {u32_}>>"), damaged.clone()),
        (format!("<</Filter /Standard /V 2 /R 3 /O {o32} /U /Name /P -4>>"), damaged.clone()),
        // Well-formed, odd key lengths: they make a key, and /U says it is not the password's.
        (format!("<</Filter /Standard /V 2 /R 3 /Length 41 /O {o32} /U {u32_} /P -4>>"), password.clone()),
        (format!("<</Filter /Standard /V 2 /R 3 /Length -8 /O {o32} /U {u32_} /P -4>>"), password.clone()),
        (format!("<</Filter /Standard /V 2 /R 3 /Length 99999999999 /O {o32} /U {u32_} /P 4294967292>>"), password.clone()),
        (format!("<</Filter /Standard /V 1 /R 2 /O {o32} /U {u32_} /P -4>>"), password.clone()),
        // Crypt filters that are not there or not known.
        (format!("<</Filter /Standard /V 4 /R 4 /StmF /StdCF /StrF /StdCF /O {o32} /U {u32_} /P -4>>"), unsupported("StdCF")),
        (format!("<</Filter /Standard /V 4 /R 4 /CF <</StdCF <</CFM /Bogus>>>> /StmF /StdCF /O {o32} /U {u32_} /P -4>>"), unsupported("Bogus")),
        (format!("<</Filter /Standard /V 4 /R 4 /CF 5 /StmF /StdCF /O {o32} /U {u32_} /P -4>>"), unsupported("StdCF")),
        (format!("<</Filter /Standard /V 4 /R 4 /CF <</StdCF <</CFM /AESV3>>>> /StmF /StdCF /O {o32} /U {u32_} /P -4>>"), unsupported("AESV3")),
        // AES-256: short /U, /UE or /O, a /U that does not validate, a short /Perms.
        (format!("<</Filter /Standard /V 5 /R 6 /O {o48} /U {u32_} /UE {ue} /P -4>>"), damaged.clone()),
        (format!("<</Filter /Standard /V 5 /R 6 /O {o48} /U {u48} /UE <00> /P -4>>"), damaged.clone()),
        (format!("<</Filter /Standard /V 5 /R 6 /O {o32} /U {u48} /UE {ue} /P -4>>"), damaged.clone()),
        (format!("<</Filter /Standard /V 5 /R 6 /O {o48} /U {u48} /UE {ue} /P -4>>"), password.clone()),
        (format!("<</Filter /Standard /V 5 /R 5 /O {o48} /U {u48} /UE {ue} /P -4>>"), password.clone()),
        // Not a dictionary at all.
        ("99 0 R".to_string(), Error::Damaged("找不到加密字典")),
        ("5".to_string(), Error::Damaged("找不到加密字典")),
    ];
    for (encrypt, expected) in cases {
        let got = pdf::read(&encrypted(&encrypt));
        assert_eq!(got, Err(expected), "{encrypt}");
        assert!(got.unwrap_err().to_string().contains('请'));
    }
}

#[test]
fn an_encrypt_of_null_is_no_encryption() {
    // So the builder's file reads, and the refusals above are the dictionary's.
    let text = pdf::read(&encrypted("null")).map(|p| p.document.to_text());
    assert_eq!(text.as_deref(), Ok("2021\n"));
}

#[test]
fn a_crypt_filter_of_identity_leaves_a_stream_as_it_is() {
    // The dictionary and /ID of blanks-2021-rc4-128-v4.pdf, so that /U validates: streams
    // and strings are RC4 by /StdCF, but a stream may say /Filter /Crypt with /Identity.
    let encrypt = "<</CF <</StdCF <</AuthEvent /DocOpen /CFM /V2 /Length 16>>>> \
                   /Filter /Standard /Length 128 \
                   /O <566fa873ee33c797cd3b904fdadf814afa34df9a38f6ed41b984e2c6da2aa6f5> \
                   /P -4 /R 4 /StmF /StdCF /StrF /StdCF \
                   /U <af092421de3a2f942560ca7852d38a8f0122456a91bae5134273a6db134c87c4> /V 4>>";
    let id = "<fbb0d7b0dec5a27a37c5179ff9e328a0> <c969304c3cb28bd351857a4eadfb036a>";
    let text = |stream: &str| pdf::read(&build(encrypt, id, stream)).map(|p| p.document.to_text());
    let plain = Ok("2021\n".to_string());
    for identity in [
        "/Filter /Crypt /DecodeParms <</Type /CryptFilterDecodeParms /Name /Identity>>",
        "/Filter [/Crypt] /DecodeParms [<</Name /Identity>>]",
        "/Filter /Crypt",
    ] {
        assert_eq!(text(identity), plain, "{identity}");
    }
    // Without it, or naming /StdCF, the plain data is "decrypted" by RC4: no longer the text.
    for decrypted in ["", "/Filter /Crypt /DecodeParms <</Name /StdCF>>"] {
        assert_ne!(text(decrypted), plain, "{decrypted}");
    }
    assert_eq!(
        text("/Filter /Crypt /DecodeParms <</Name /Other>>"),
        Err(Error::Encrypted(Encryption::Unsupported("Other".into())))
    );
}

/// `npm run bench` holds their time to a budget (`tests/layouts/hard.rs`).
#[test]
fn an_aes_stream_that_is_not_whole_blocks_is_damage() {
    // The dictionary and /ID of blanks-2021-aes-128.pdf (AESV2): the content stream, written
    // plain, is 35 bytes, an IV and 19 more, so not whole AES blocks. Under /Identity it reads.
    let encrypt = "<</CF <</StdCF <</AuthEvent /DocOpen /CFM /AESV2 /Length 16>>>> \
                   /Filter /Standard /Length 128 \
                   /O <566fa873ee33c797cd3b904fdadf814afa34df9a38f6ed41b984e2c6da2aa6f5> \
                   /P -4 /R 4 /StmF /StdCF /StrF /StdCF \
                   /U <af092421de3a2f942560ca7852d38a8f0122456a91bae5134273a6db134c87c4> /V 4>>";
    let id = "<fbb0d7b0dec5a27a37c5179ff9e328a0> <accc5e925292b7c3f5e959c5c55309d1>";
    let text = |stream: &str| pdf::read(&build(encrypt, id, stream)).map(|p| p.document.to_text());
    assert_eq!(text("/Filter /Crypt"), Ok("2021\n".to_string()));
    let err = text("").expect_err("damaged");
    assert_eq!(err, Error::Damaged("加密数据已损坏"));
    assert!(err.to_string().contains('请'), "{err}");
}

#[test]
fn random_damage_to_encrypted_files_never_panics() {
    for (i, file) in damaged_encrypted_pdfs().enumerate() {
        match pdf::read(&file) {
            Ok(pdf) => assert!(!pdf.document.to_text().contains('\0'), "case {i}"),
            Err(e) => assert!(!e.to_string().is_empty(), "case {i}"),
        }
    }
}
