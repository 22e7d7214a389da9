//! Word `.docx` files to a [`Document`]: paragraphs and tables with their merged cells.
//!
//! A .docx is a zip archive; its body is the XML part `word/document.xml` (or wherever
//! `_rels/.rels` points the office document). [`read`] takes it out of the archive
//! (`zip.rs`), tokenizes it (`xml.rs`) and builds the document (`wordml.rs`). Only the body is
//! read: headers, footers, footnotes and comments are not part of a report's text.
//!
//! This is the one place in the core that can refuse its input: bytes that are not a readable
//! .docx are an [`Error`] whose Chinese message says what the file is and what to do. Files
//! people pick by mistake are named: an old `.doc` (or a password-protected .docx, which Word
//! stores in the same container), a PDF, an Excel or PowerPoint file.
//!
//! Invariants: never panics on any input; memory is bounded by [`MAX_FILE_BYTES`] plus the
//! declared size of document.xml, itself capped at `zip::MAX_ENTRY_BYTES` and a compression
//! ratio of `zip::MAX_RATIO`; time is linear in the file and the inflated XML.

mod wordml;
mod xml;
mod zip;

use std::borrow::Cow;

use nianbao_doc::Document;

pub use zip::crc32;

/// The largest .docx accepted; a report with pictures is a few MiB.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;

/// Why a .docx could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The bytes are not a zip archive, nor a format we can name.
    NotZip,
    /// An OLE compound file: an old Word 97–2003 `.doc` or `.wps`, or a password-protected .docx.
    OldWord,
    /// A PDF file.
    Pdf,
    /// A zip archive holding another kind of document.
    OtherOffice(Office),
    /// A zip archive without `word/document.xml`.
    NoDocument,
    /// The file is larger than [`MAX_FILE_BYTES`].
    TooLarge { bytes: usize },
    /// The archive ends early: its directory (at the end of the file) is missing or cut.
    Truncated,
    /// The archive is damaged; the text says where, in Chinese.
    Damaged(&'static str),
    /// The archive uses ZIP64, which a .docx never needs.
    Zip64,
    /// The document's part is encrypted.
    Encrypted,
    /// The document's part is compressed with a method other than stored or deflate.
    Method(u16),
    /// document.xml would be larger than `zip::MAX_ENTRY_BYTES` uncompressed.
    EntryTooLarge { bytes: u64 },
    /// document.xml is compressed far more than any real text (a zip bomb), or inflates to
    /// more than the archive says.
    Bomb,
    /// document.xml does not match its CRC-32.
    Crc,
}

/// Office documents that arrive as zip archives but are not Word documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Office {
    Excel,
    PowerPoint,
    OpenDocument,
}

/// Advice that closes most messages.
const RESAVE: &str = "请在 Word 或 WPS 中打开原文件，「另存为」Word 文档（*.docx）后再试；\
                      也可以全选复制正文，粘贴到文本框中检查";

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NotZip => write!(f, "这不是 Word .docx 文件（不是 zip 格式）。{RESAVE}"),
            Error::OldWord => write!(
                f,
                "这是旧版 Word 97-2003 文档（.doc）或 WPS 文档（.wps），也可能是设置了打开密码的 \
                 .docx，无法直接读取。请在 Word 或 WPS 中打开（如有密码请先取消），\
                 「另存为」Word 文档（*.docx）后再试"
            ),
            Error::Pdf => write!(
                f,
                "这是 PDF 文件，无法直接读取。请改用报告的 Word 原文件（.docx）；\
                 或者在 PDF 阅读器中全选复制正文，粘贴到文本框中检查"
            ),
            Error::OtherOffice(kind) => {
                let name = match kind {
                    Office::Excel => "Excel 表格（.xlsx）",
                    Office::PowerPoint => "PowerPoint 演示文稿（.pptx）",
                    Office::OpenDocument => "OpenDocument 文档（.odt 等）",
                };
                write!(
                    f,
                    "这是 {name}，不是 Word 文档。请选择年度报告的 Word 文件（.docx）"
                )
            }
            Error::NoDocument => write!(
                f,
                "这个压缩包里没有 Word 正文（word/document.xml），不是 .docx 文件。\
                 请选择年度报告的 Word 文件（.docx）"
            ),
            Error::TooLarge { bytes } => write!(
                f,
                "文件有 {} MiB，超过 {} MiB 的上限，不像是一份年度报告。\
                 请确认选对了文件；如果报告里有大量图片，可以复制正文粘贴到文本框中检查",
                bytes / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            Error::Truncated => write!(
                f,
                "文件不完整或已损坏（可能没有下载完，或者复制时被截断），无法读取。\
                 请重新下载或重新保存一份 .docx 后再试"
            ),
            Error::Damaged(detail) => write!(f, "文件已损坏（{detail}），无法读取。{RESAVE}"),
            Error::Zip64 => write!(f, "文件使用了 ZIP64 压缩格式，本工具暂不支持。{RESAVE}"),
            Error::Encrypted => write!(
                f,
                "文档已加密，无法读取。请在 Word 或 WPS 中取消密码，另存一份 .docx 后再试"
            ),
            Error::Method(method) => write!(
                f,
                "文档使用了本工具不支持的压缩方式（编号 {method}）。{RESAVE}"
            ),
            Error::EntryTooLarge { bytes } => write!(
                f,
                "文档正文解压后有 {} MiB，超过 {} MiB 的上限，不像是一份年度报告。\
                 请确认选对了文件",
                bytes / (1024 * 1024),
                zip::MAX_ENTRY_BYTES / (1024 * 1024)
            ),
            Error::Bomb => write!(
                f,
                "文件的压缩比异常（可能是恶意构造的“压缩炸弹”），为安全起见未读取。\
                 请确认文件来源，或在 Word 中重新保存一份 .docx 后再试"
            ),
            Error::Crc => write!(f, "文件已损坏（正文的校验值不符），无法读取。{RESAVE}"),
        }
    }
}

impl std::error::Error for Error {}

/// Reads the paragraphs and tables of a .docx file's body.
pub fn read(bytes: &[u8]) -> Result<Document, Error> {
    let xml = document_xml(bytes)?;
    let xml = decode(&xml);
    // A body part without a body element (binary bytes, another kind of XML) has no text to
    // read: that is damage, not a report without its six sections.
    if !has_body(&xml) {
        return Err(Error::Damaged("正文 word/document.xml 读不出文字"));
    }
    Ok(wordml::read(&xml))
}

/// True when the XML part has a `body` element (`<w:body>`), as every Word document has.
fn has_body(xml: &str) -> bool {
    xml::Tokens::new(xml)
        .any(|t| matches!(t, xml::Token::Start(tag) if xml::local_name(tag.name) == "body"))
}

/// The uncompressed bytes of the archive's main document part.
fn document_xml(bytes: &[u8]) -> Result<Vec<u8>, Error> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::TooLarge { bytes: bytes.len() });
    }
    // A zip archive starts with `PK`; one whose start is damaged (or has bytes prepended) is
    // still read when its end record is there.
    if !bytes.starts_with(b"PK") && !zip::has_end_record(bytes) {
        return Err(not_a_zip(bytes));
    }
    let archive = zip::Archive::open(bytes)?;
    let main = match archive.find("word/document.xml") {
        Some(entry) => entry,
        None => main_part(&archive)?,
    };
    archive.extract(main)
}

/// Names what a file that is not a zip archive is.
fn not_a_zip(bytes: &[u8]) -> Error {
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        Error::OldWord
    } else if bytes.starts_with(b"%PDF") {
        Error::Pdf
    } else {
        Error::NotZip
    }
}

/// The main part named in `_rels/.rels` when it is not `word/document.xml`, or the error that
/// says what the archive is instead.
fn main_part<'a, 'b>(archive: &'b zip::Archive<'a>) -> Result<&'b zip::Entry<'a>, Error> {
    let target = archive
        .find("_rels/.rels")
        .and_then(|rels| archive.extract(rels).ok())
        .and_then(|rels| office_document_target(&decode(&rels)));
    if let Some(entry) = target.as_deref().and_then(|t| archive.find(t)) {
        if archive.has_prefix("word/") {
            return Ok(entry);
        }
    }
    Err(if archive.has_prefix("word/") {
        // A Word package whose main part is not found: its directory is damaged.
        Error::Damaged("找不到正文 word/document.xml")
    } else if archive.has_prefix("xl/") {
        Error::OtherOffice(Office::Excel)
    } else if archive.has_prefix("ppt/") {
        Error::OtherOffice(Office::PowerPoint)
    } else if archive.find("content.xml").is_some() {
        Error::OtherOffice(Office::OpenDocument)
    } else {
        Error::NoDocument
    })
}

/// The target of the `officeDocument` relationship in a package's `.rels`.
fn office_document_target(rels: &str) -> Option<String> {
    xml::Tokens::new(rels).find_map(|token| {
        let xml::Token::Start(tag) = token else {
            return None;
        };
        let kind = tag.attr("Type")?;
        if xml::local_name(tag.name) != "Relationship" || !kind.ends_with("/officeDocument") {
            return None;
        }
        let target = tag.attr("Target")?;
        Some(target.trim_start_matches('/').to_string())
    })
}

/// The text of an XML part: UTF-8 (a BOM dropped, invalid bytes replaced) or UTF-16 with a BOM.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let utf16 = |rest: &[u8], from: fn([u8; 2]) -> u16| {
        let units = rest
            .chunks_exact(2)
            .filter_map(|c| Some(from(c.try_into().ok()?)));
        Cow::Owned(
            char::decode_utf16(units)
                .map(|c| c.unwrap_or('\u{FFFD}'))
                .collect(),
        )
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
}

#[cfg(test)]
mod tests {
    use super::zip::tests::zip;
    use super::*;
    use nianbao_doc::Block;

    const DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body></w:document>"#;

    fn paragraphs(d: &Document) -> Vec<&str> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p.as_str()),
                Block::Table(_) => None,
            })
            .collect()
    }

    #[test]
    fn reads_the_body_of_a_docx() {
        let bytes = zip(&[
            ("[Content_Types].xml", b"<Types/>", true),
            ("word/document.xml", DOCUMENT.as_bytes(), true),
        ]);
        assert_eq!(paragraphs(&read(&bytes).expect("reads")), ["一、总体情况"]);
    }

    #[test]
    fn follows_the_package_relationship_to_the_main_part() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
        let bytes = zip(&[
            ("_rels/.rels", rels.as_bytes(), false),
            ("word/document2.xml", DOCUMENT.as_bytes(), true),
        ]);
        assert_eq!(paragraphs(&read(&bytes).expect("reads")), ["一、总体情况"]);
    }

    #[test]
    fn utf16_parts() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(DOCUMENT.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let bytes = zip(&[("word/document.xml", &le, true)]);
        assert_eq!(paragraphs(&read(&bytes).expect("reads")), ["一、总体情况"]);
    }

    #[test]
    fn files_picked_by_mistake_are_named() {
        let err = |bytes: &[u8]| read(bytes).expect_err("refused");
        assert_eq!(err(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), Error::OldWord);
        assert_eq!(err(b"%PDF-1.7\n"), Error::Pdf);
        assert_eq!(err("一、总体情况".as_bytes()), Error::NotZip);
        assert_eq!(err(b""), Error::NotZip);
        let xlsx = zip(&[("xl/workbook.xml", b"<workbook/>", true)]);
        assert_eq!(err(&xlsx), Error::OtherOffice(Office::Excel));
        let pptx = zip(&[("ppt/presentation.xml", b"<p/>", true)]);
        assert_eq!(err(&pptx), Error::OtherOffice(Office::PowerPoint));
        let odt = zip(&[("mimetype", b"x", false), ("content.xml", b"<x/>", true)]);
        assert_eq!(err(&odt), Error::OtherOffice(Office::OpenDocument));
        assert_eq!(err(&zip(&[("a.txt", b"a", false)])), Error::NoDocument);
        assert!(err(b"PK\x03\x04").to_string().contains("不完整"));
    }

    #[test]
    fn every_message_says_what_to_do() {
        let all = [
            Error::NotZip,
            Error::OldWord,
            Error::Pdf,
            Error::OtherOffice(Office::Excel),
            Error::NoDocument,
            Error::TooLarge { bytes: 60 << 20 },
            Error::Truncated,
            Error::Damaged("目录记录不完整"),
            Error::Zip64,
            Error::Encrypted,
            Error::Method(12),
            Error::EntryTooLarge { bytes: 70 << 20 },
            Error::Bomb,
            Error::Crc,
        ];
        for e in all {
            let message = e.to_string();
            assert!(message.contains('请'), "{e:?}: {message}");
            assert!(!message.ends_with('。'), "{e:?}: {message}");
        }
    }
}
