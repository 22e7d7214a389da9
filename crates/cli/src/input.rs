//! Reading inputs: files or standard input, and turning their bytes into text.
//!
//! Reports reach us saved by WPS, Word, Notepad or copied from a PDF, so the encoding varies.
//! [`decode`] accepts, in this order:
//!
//! 1. UTF-8, with or without a byte-order mark (the mark is dropped);
//! 2. UTF-16 little- or big-endian, when the file starts with the matching byte-order mark;
//! 3. GB18030 (a superset of GBK and GB2312), when the bytes are not valid UTF-8 but decode as
//!    GB18030 without a single malformed sequence.
//!
//! Anything else, and any text containing a NUL character (a sign of a binary file or of
//! UTF-16 without a mark), is refused with advice on how to save the file as UTF-8.
//!
//! Before decoding, the first bytes are looked at. A PDF (`%PDF`, or a file named `.pdf`) is
//! handed to the library's PDF reader, [`Input::Pdf`], which extracts its text or says why it
//! cannot. A zip archive (or a file named `.docx`) is handed to the library as a Word
//! document, [`Input::Docx`]: the library tells a .docx from other zips by its content
//! (`word/document.xml`) and names what it is otherwise. Old Office files are refused with a
//! message of their own because the user needs different advice.
//!
//! Invariant: the text handed to the core is exactly the decoded text; all byte offsets in the
//! output are offsets into it, whatever the encoding on disk was. For a .docx they are offsets
//! into the text the library laid it out as (`report.source.text`); for a PDF, into the text
//! the library extracted.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::PathBuf;

use crate::error::{DocumentKind, Error};

/// The largest input accepted, in bytes; real reports are well under one MiB.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Where one report comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input, written `-` on the command line.
    Stdin,
    /// A file path as given.
    Path(PathBuf),
}

impl Source {
    /// The name used in JSON output and messages: `-` for standard input, else the path.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::Path(path) => path.to_string_lossy().into_owned(),
        }
    }

    /// The name shown to people: `<标准输入>` for standard input, else the path.
    pub fn display_name(&self) -> String {
        match self {
            Source::Stdin => "<标准输入>".to_string(),
            Source::Path(_) => self.name(),
        }
    }
}

/// The encoding an input was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl Encoding {
    /// The encoding's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
        }
    }
}

/// One input as text.
#[derive(Debug)]
pub struct Decoded {
    /// The decoded text, without a byte-order mark.
    pub text: String,
    /// The encoding it was read in.
    pub encoding: Encoding,
}

/// One input, ready to check.
#[derive(Debug)]
pub enum Input {
    /// A text file, decoded.
    Text(Decoded),
    /// The bytes of a Word .docx file (or of something else the library will name).
    Docx(Vec<u8>),
    /// The bytes of a PDF file.
    Pdf(Vec<u8>),
}

/// Reads one input and decodes it when it is text.
pub fn read(source: &Source) -> Result<Input, Error> {
    let name = source.display_name();
    let bytes = read_bytes(source, &name)?;
    if is_pdf(&bytes, &name) {
        return Ok(Input::Pdf(bytes));
    }
    if is_docx(&bytes, &name) {
        return Ok(Input::Docx(bytes));
    }
    if let Some(kind) = sniff(&bytes) {
        return Err(Error::Document { name, kind });
    }
    decode(&bytes)
        .map(Input::Text)
        .ok_or(Error::Undecodable(name))
}

/// True for a zip archive, and for a file named `.docx` whatever it holds: the library reads
/// it or says what it is.
pub fn is_docx(bytes: &[u8], name: &str) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || name.to_ascii_lowercase().ends_with(".docx")
}

/// True for bytes with the `%PDF-` mark in their first KiB (as viewers accept, and as the page
/// decides), and for a file named `.pdf` whatever it holds: the library reads it or says what
/// is wrong.
pub fn is_pdf(bytes: &[u8], name: &str) -> bool {
    nianbao::pdf::is_pdf(bytes) || name.to_ascii_lowercase().ends_with(".pdf")
}

/// Reads all bytes of `source`, refusing more than [`MAX_BYTES`].
fn read_bytes(source: &Source, name: &str) -> Result<Vec<u8>, Error> {
    let io_error = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => Error::NotFound(name.to_string()),
        io::ErrorKind::PermissionDenied => Error::PermissionDenied(name.to_string()),
        _ => Error::Read {
            name: name.to_string(),
            source: e,
        },
    };
    let mut bytes = Vec::new();
    match source {
        Source::Stdin => {
            io::stdin()
                .lock()
                .take(MAX_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(io_error)?;
        }
        Source::Path(path) => {
            let meta = fs::metadata(path).map_err(io_error)?;
            if meta.is_dir() {
                return Err(Error::IsDir(name.to_string()));
            }
            if meta.len() > MAX_BYTES {
                return Err(Error::TooLarge(name.to_string()));
            }
            File::open(path)
                .and_then(|f| f.take(MAX_BYTES + 1).read_to_end(&mut bytes))
                .map_err(io_error)?;
        }
    }
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Error::TooLarge(name.to_string()));
    }
    Ok(bytes)
}

/// Recognises the document formats we cannot read by their first bytes.
pub fn sniff(bytes: &[u8]) -> Option<DocumentKind> {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some(DocumentKind::OldOffice);
    }
    None
}

/// Decodes `bytes` as described in the module documentation, or `None` when it is not text.
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (std::str::from_utf8(rest).ok()?.to_string(), Encoding::Utf8)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let text = encoding_rs::UTF_16LE.decode_without_bom_handling_and_without_replacement(rest);
        (text?.into_owned(), Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let text = encoding_rs::UTF_16BE.decode_without_bom_handling_and_without_replacement(rest);
        (text?.into_owned(), Encoding::Utf16Be)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_string(), Encoding::Utf8)
    } else {
        let text = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes);
        (text?.into_owned(), Encoding::Gb18030)
    };
    if text.contains('\0') {
        return None;
    }
    Some(Decoded { text, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "一、总体情况\n（一）主动公开\t3";

    fn decoded(bytes: &[u8]) -> (String, Encoding) {
        let d = decode(bytes).expect("decodes");
        (d.text, d.encoding)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decoded(SAMPLE.as_bytes()), (SAMPLE.into(), Encoding::Utf8));
        let with_bom = [b"\xEF\xBB\xBF", SAMPLE.as_bytes()].concat();
        assert_eq!(decoded(&with_bom), (SAMPLE.into(), Encoding::Utf8));
    }

    #[test]
    fn utf16_with_bom() {
        let le: Vec<u8> = SAMPLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = SAMPLE.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let le = [b"\xFF\xFE".as_slice(), &le].concat();
        let be = [b"\xFE\xFF".as_slice(), &be].concat();
        assert_eq!(decoded(&le), (SAMPLE.into(), Encoding::Utf16Le));
        assert_eq!(decoded(&be), (SAMPLE.into(), Encoding::Utf16Be));
    }

    #[test]
    fn gb18030_when_not_utf8() {
        let (bytes, _, had_errors) = encoding_rs::GB18030.encode(SAMPLE);
        assert!(!had_errors);
        assert_eq!(decoded(&bytes), (SAMPLE.into(), Encoding::Gb18030));
    }

    #[test]
    fn binary_and_broken_text_are_refused() {
        assert!(decode(b"abc\xFF\xFFdef").is_none());
        assert!(decode(b"abc\0def").is_none());
        assert!(decode(b"\xEF\xBB\xBF\xC4\xE3").is_none());
        assert!(decode(b"\xFF\xFEa").is_none());
        let utf16_without_bom: Vec<u8> = "ab".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(decode(&utf16_without_bom).is_none());
    }

    #[test]
    fn documents_are_recognised() {
        assert_eq!(sniff(b"%PDF-1.7"), None);
        let ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest";
        assert_eq!(sniff(ole), Some(DocumentKind::OldOffice));
        assert_eq!(sniff(SAMPLE.as_bytes()), None);
    }

    #[test]
    fn pdfs_and_files_named_pdf_go_to_the_pdf_reader() {
        assert!(is_pdf(b"%PDF-1.7", "-"));
        assert!(
            is_pdf(b"\r\n%PDF-1.4", "-"),
            "a little junk before the mark"
        );
        assert!(is_pdf(b"", "report.PDF"));
        assert!(!is_pdf(SAMPLE.as_bytes(), "a.txt"));
        assert!(!is_pdf(b"PK\x03\x04", "a.docx"));
    }

    #[test]
    fn zips_and_files_named_docx_go_to_the_docx_reader() {
        assert!(is_docx(b"PK\x03\x04xl/", "-"));
        assert!(is_docx(b"PK\x05\x06", "empty.zip"));
        assert!(is_docx(b"%PDF-1.7", "report.DOCX"));
        assert!(!is_docx(SAMPLE.as_bytes(), "a.txt"));
        assert!(!is_docx(b"PK", "a.txt"));
    }
}
