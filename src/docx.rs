//! STUB (being written): Word .docx to a [`Document`].

use crate::doc::Document;

/// Why a .docx could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The bytes are not a zip archive.
    NotZip,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NotZip => write!(f, "这不是 Word .docx 文件（不是 zip 格式）"),
        }
    }
}

impl std::error::Error for Error {}

/// Reads the paragraphs and tables of `word/document.xml`.
pub fn read(_bytes: &[u8]) -> Result<Document, Error> {
    Err(Error::NotZip)
}
