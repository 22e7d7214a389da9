//! The errors the command line can meet, each with the Chinese message the user sees.
//!
//! Findings in a report are not errors: they are the report's content. An [`Error`] means
//! nianbao could not do what was asked: the arguments did not make sense, an input could not be
//! read or decoded, or the output could not be written. `main` turns every error into exit code
//! 2, except a broken pipe on standard output, which ends the program quietly.

use std::fmt;
use std::io;

use nianbao::config::{Setting, UnknownRule};

/// Something that stopped nianbao from doing what was asked.
#[derive(Debug)]
pub enum Error {
    /// The command line does not make sense; the text says why.
    Usage(String),
    /// The path does not exist.
    NotFound(String),
    /// The path is a directory.
    IsDir(String),
    /// A directory given to check holds no file with a report's extension.
    NoReports(String),
    /// The file exists but may not be read.
    PermissionDenied(String),
    /// Reading failed for another reason.
    Read { name: String, source: io::Error },
    /// The input is larger than [`crate::input::MAX_BYTES`].
    TooLarge(String),
    /// The input is a document format that has to be converted first.
    Document { name: String, kind: DocumentKind },
    /// The input was taken for a Word .docx file but could not be read as one.
    Docx {
        name: String,
        source: nianbao::docx::Error,
    },
    /// The input was taken for a PDF but its text could not be read.
    Pdf {
        name: String,
        source: nianbao::pdf::Error,
    },
    /// A `nianbao.toml` that cannot be read as settings.
    Config { name: String, why: String },
    /// The bytes are neither UTF-8, UTF-16 with a BOM, nor GB18030 text.
    Undecodable(String),
    /// `nianbao rule ID` named a rule that does not exist.
    UnknownRule(String),
    /// Flags named rules that do not exist; the text says which and where.
    UnknownRules(String),
    /// Writing to standard output failed (a broken pipe included).
    Output(io::Error),
    /// Checking the input panicked: a bug in nianbao, not in the file. The batch goes on.
    Internal { name: String, why: String },
}

/// A document format that is recognised by its first bytes but cannot be checked directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentKind {
    /// An old binary Office file (`.doc`, `.wps`, `.xls`).
    OldOffice,
}

impl DocumentKind {
    /// The name of the format as users know it.
    fn zh(self) -> &'static str {
        match self {
            DocumentKind::OldOffice => "旧版 Word/WPS 文档（.doc/.wps）",
        }
    }

    /// What to do instead.
    fn advice(self) -> &'static str {
        match self {
            DocumentKind::OldOffice => {
                "请在 Word 或 WPS 中打开它，「另存为」Word 文档（.docx）后检查该文件；\
                 或者全选复制正文，粘贴到记事本中另存为 UTF-8 编码的 .txt 文件，再检查该文件"
            }
        }
    }
}

impl Error {
    /// True when the error is a closed standard output, which is not worth reporting.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(why) => write!(f, "{why}\n运行 nianbao --help 查看用法"),
            Error::NotFound(name) => write!(f, "找不到文件「{name}」，请检查路径是否正确"),
            Error::IsDir(name) => {
                write!(f, "「{name}」是一个目录，请给出报告的文本文件（.txt）")
            }
            Error::NoReports(name) => write!(
                f,
                "目录「{name}」中没有可检查的文件（.txt、.html、.htm、.docx、.pdf）"
            ),
            Error::PermissionDenied(name) => write!(f, "没有权限读取「{name}」"),
            Error::Read { name, source } => write!(f, "读取「{name}」失败：{source}"),
            Error::TooLarge(name) => {
                write!(f, "「{name}」超过 64 MiB，不像是一份年度报告的文本，未检查")
            }
            Error::Document { name, kind } => write!(
                f,
                "「{name}」是{}，不能直接检查：{}",
                kind.zh(),
                kind.advice()
            ),
            Error::Config { name, why } => write!(f, "设置文件「{name}」有误：{why}"),
            Error::Pdf { name, source } => {
                write!(f, "「{name}」无法作为 PDF 读取：{source}")
            }
            Error::Docx { name, source } => {
                write!(f, "「{name}」无法作为 Word 文档读取：{source}")
            }
            Error::Undecodable(name) => write!(
                f,
                "「{name}」不是 UTF-8 或 GB18030 编码的文本文件，无法读取。\
                 请在 WPS、Word 或记事本中用「另存为」保存为纯文本（.txt），编码选 UTF-8；\
                 或者执行 iconv -f GB18030 -t UTF-8 原文件 > 新文件.txt"
            ),
            Error::UnknownRule(id) => {
                write!(f, "没有编号为「{id}」的规则，")?;
                if let Some(closest) = nianbao::config::closest_rule(id) {
                    write!(f, "是否为「{closest}」？")?;
                }
                write!(f, "运行 nianbao rules 查看全部规则")
            }
            Error::UnknownRules(which) => {
                write!(f, "{which}\n运行 nianbao rules 查看全部规则")
            }
            Error::Output(source) => write!(f, "写入输出失败：{source}"),
            Error::Internal { name, why } => write!(
                f,
                "检查「{name}」时程序内部出错（{why}），未得出结果；其他文件照常检查。\
                 这是 nianbao 的缺陷，请把该文件报告给维护者"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// The rules settings name that do not exist, each after the place that names it
/// (`--ignore：未知的规则「T0003」，是否为「T003」？`), joined by `；`.
pub fn unknown_rules(unknown: &[UnknownRule], place: impl Fn(Setting) -> &'static str) -> String {
    let each: Vec<String> = unknown
        .iter()
        .map(|u| format!("{}：{u}", place(u.setting)))
        .collect();
    each.join("；")
}
