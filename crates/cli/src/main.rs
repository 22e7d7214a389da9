//! `nianbao`, the command line: checks report texts and prints the rule catalogue.
//!
//! A thin adapter over the library: [`args`] reads the command line, [`input`] reads files and
//! standard input in whatever encoding they come, `nianbao::check` (or `nianbao::check_docx`
//! for a Word file, `nianbao::check_pdf` for a PDF) does all analysis, and [`render`] prints the result. `main` calls [`run`] and maps its outcome to an exit code in
//! one place ([`Exit`]); nothing else ends the process.
//!
//! An input that cannot be read does not stop the others: its error is printed, the remaining
//! files are checked, and the exit code is 2.
//!
//! `check` takes files and directories ([`walk`]) and checks them on `--jobs` threads
//! ([`pool`]): each worker reads, checks and renders one file into its bytes of output, and
//! this thread prints them in input order, so the output is the same for any number of jobs.
//! What a batch prints before, between and after the files (the CSV header, the SARIF head and
//! tail, the summary table) is [`Batch`]'s business.

mod args;
mod csv;
mod error;
mod excerpt;
mod input;
mod pool;
mod progress;
mod render;
mod sarif;
mod settings;
mod summary;
mod walk;
mod width;

use std::any::Any;
use std::io::{self, Write};
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;

use args::{Command, Format};
use error::Error;
use input::{Input, Source};
use nianbao::config::Config;
use nianbao::report::Report;
use progress::Progress;
use render::Counts;
use summary::Row;

/// The exit codes, in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Exit {
    /// No error-level finding in any input (warnings and infos do not count).
    Clean = 0,
    /// At least one error-level finding.
    Findings = 1,
    /// A usage error, or an input that could not be read, or output that could not be written.
    Trouble = 2,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        // A reader that stopped early (`nianbao check … | head`) is not an error.
        Err(err) if err.is_broken_pipe() => Exit::Clean.into(),
        Err(err) => {
            complain("错误", &err);
            Exit::Trouble.into()
        }
    }
}

/// Does what the command line asks and says how it went.
fn run() -> Result<ExitCode, Error> {
    let command = args::parse(std::env::args_os().skip(1))?;
    let mut out = io::stdout().lock();
    match command {
        Command::Help { long } => print(&mut out, &args::help(long))?,
        Command::Version => print(&mut out, &format!("nianbao {}\n", nianbao::VERSION))?,
        Command::Rules { format } => print(&mut out, &rules(format)?)?,
        Command::Rule { id, format } => print(&mut out, &rule(&id, format)?)?,
        Command::Check {
            sources,
            format,
            previous,
            config,
            jobs,
        } => {
            let previous = previous.map(|p| load(&p, &mut Vec::new())).transpose()?;
            let how = How {
                format,
                previous: previous.as_ref(),
                flags: &config,
            };
            let jobs = jobs.unwrap_or_else(default_jobs);
            return check(&sources, &how, jobs, &mut out);
        }
    }
    Ok(Exit::Clean.into())
}

/// How every input of one `check` is checked and printed.
struct How<'a> {
    format: Format,
    /// Last year's report, for the year-over-year rules.
    previous: Option<&'a Loaded>,
    /// Rules and findings left out and severities changed on the command line.
    flags: &'a Config,
}

/// One available core's worth of threads, or one.
fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Checks every input on `jobs` threads, printing results in input order as they come, and
/// returns the exit code.
fn check(
    sources: &[Source],
    how: &How,
    jobs: usize,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let walk = walk::expand(sources);
    for err in &walk.errors {
        complain("错误", err);
    }
    if walk.skipped > 0 {
        let note = format!(
            "目录中另有 {} 个文件不是 .txt、.html、.htm、.docx 或 .pdf，未检查",
            walk.skipped
        );
        complain("提示", &note);
    }
    let mut batch = Batch::new(how.format, walk.inputs.len());
    batch.unreadable = !walk.errors.is_empty();
    print(out, &batch.head())?;
    pool::ordered(
        &walk.inputs,
        jobs,
        |source| checked(source, how),
        |_, done| batch.emit(done, out),
    )?;
    batch.progress.clear();
    print(out, &batch.tail())?;
    let exit = match (batch.unreadable, batch.counts.errors) {
        (true, _) => Exit::Trouble,
        (false, 0) => Exit::Clean,
        (false, _) => Exit::Findings,
    };
    Ok(exit.into())
}

/// One input, checked and rendered by a worker.
struct Done {
    /// The name in the output, as given (`-` for standard input).
    file: String,
    /// Notes for standard error (the encoding a file was read in).
    notes: Vec<String>,
    outcome: Result<Rendered, Error>,
}

/// One input's output and its summary row.
struct Rendered {
    printed: String,
    row: Row,
}

/// Reads, checks and renders one input in `how.format` (runs on a worker thread). A panic
/// while doing so is that input's internal error: the other inputs are checked as usual.
fn checked(source: &Source, how: &How) -> Done {
    let mut notes = Vec::new();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| rendered(source, how, &mut notes)))
        .unwrap_or_else(|payload| {
            Err(Error::Internal {
                name: source.display_name(),
                why: panic_message(payload.as_ref()),
            })
        });
    Done {
        file: source.name(),
        notes,
        outcome,
    }
}

/// What a panic said, when it said it in text.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

/// Reads, checks and renders one input in `how.format`.
fn rendered(source: &Source, how: &How, notes: &mut Vec<String>) -> Result<Rendered, Error> {
    planted_panic(source);
    check_source(source, how, notes).map(|(report, text)| {
        let file = source.name();
        let row = Row::of(&report, &file);
        let printed = match how.format {
            Format::Text | Format::Markdown => render::text(&report, &text, &source.display_name()),
            Format::Json => render::json(&report, &file).unwrap_or_default() + "\n",
            Format::Csv => csv::findings(&report, &file),
            Format::CsvSummary => csv::summary(&row),
            Format::Sarif => sarif::results(&report, &text, &file).join(","),
        };
        Rendered { printed, row }
    })
}

/// In a debug build, a file whose name contains `$NIANBAO_TEST_PANIC` panics, so the tests can
/// show that a batch survives a bug in one file. Release builds have no such hook.
fn planted_panic(source: &Source) {
    #[cfg(debug_assertions)]
    if let Some(marker) = std::env::var_os("NIANBAO_TEST_PANIC") {
        if source.name().contains(&*marker.to_string_lossy()) {
            panic!("planted by NIANBAO_TEST_PANIC");
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = source;
}

/// Reads and checks one input with its team settings; the report and the text it points into.
fn check_source(
    source: &Source,
    how: &How,
    notes: &mut Vec<String>,
) -> Result<(Report, String), Error> {
    // A team's nianbao.toml next to the file (or in the current directory), then the flags.
    let mut config = settings::team_config(source)?;
    config.merge(how.flags.clone());
    let options = nianbao::Options {
        config,
        ..Default::default()
    };
    match how.previous {
        Some(last) => check_against(source, last, &options, notes),
        None => check_one(source, &options, notes),
    }
}

/// What a batch has printed and counted so far, and what it prints around the files.
struct Batch {
    format: Format,
    total: usize,
    counts: Counts,
    checked: usize,
    unreadable: bool,
    /// The summary rows, kept for the table after several files in text.
    rows: Vec<Row>,
    /// The inputs that could not be read, for the SARIF log's notifications.
    failures: Vec<(String, String)>,
    /// True once a SARIF result was printed, so the next one needs a comma.
    any_result: bool,
    progress: Progress,
}

impl Batch {
    fn new(format: Format, total: usize) -> Batch {
        Batch {
            format,
            total,
            counts: Counts::default(),
            checked: 0,
            unreadable: false,
            rows: Vec::new(),
            failures: Vec::new(),
            any_result: false,
            progress: Progress::new(total),
        }
    }

    /// What comes before the first file.
    fn head(&self) -> String {
        match self.format {
            Format::Csv => csv::findings_header(),
            Format::CsvSummary => csv::summary_header(),
            Format::Sarif => sarif::head(),
            Format::Text | Format::Markdown | Format::Json => String::new(),
        }
    }

    /// What comes after the last file.
    fn tail(&self) -> String {
        match self.format {
            Format::Sarif => sarif::tail(&self.failures),
            Format::Text if self.total > 1 => {
                summary::table(&self.rows) + "\n" + &render::total(self.counts, self.checked)
            }
            _ => String::new(),
        }
    }

    /// Prints one finished input (on the main thread, in input order).
    fn emit(&mut self, done: Done, out: &mut impl Write) -> Result<(), Error> {
        if !done.notes.is_empty() || done.outcome.is_err() {
            self.progress.clear();
        }
        for note in &done.notes {
            complain("提示", note);
        }
        match done.outcome {
            Ok(rendered) => self.printed(rendered, out)?,
            Err(err) => self.failed(&done.file, &err, out)?,
        }
        self.progress.step();
        Ok(())
    }

    fn printed(&mut self, rendered: Rendered, out: &mut impl Write) -> Result<(), Error> {
        self.counts.add(rendered.row.counts);
        self.checked += 1;
        if self.format == Format::Text && self.total > 1 {
            // Kept until the end, so kept small: the table shows a title's start only.
            let mut row = rendered.row;
            row.title = row
                .title
                .map(|t| render::clip(&t, 2 * summary::TITLE_COLUMNS));
            self.rows.push(row);
        }
        if rendered.printed.is_empty() {
            return Ok(());
        }
        self.progress.before_stdout();
        if self.format == Format::Sarif && std::mem::replace(&mut self.any_result, true) {
            print(out, ",")?;
        }
        print(out, &rendered.printed)
    }

    fn failed(&mut self, file: &str, err: &Error, out: &mut impl Write) -> Result<(), Error> {
        complain("错误", err);
        self.unreadable = true;
        let row = Row::failed(file, err.to_string());
        match self.format {
            Format::CsvSummary => print(out, &csv::summary(&row))?,
            Format::Sarif => self.failures.push((file.to_string(), err.to_string())),
            Format::Text if self.total > 1 => self.rows.push(row),
            _ => {}
        }
        Ok(())
    }
}

/// One input as the text the library checks: the text itself, or the text a web page or a
/// .docx is laid out as (then `document` says which, with its number of tables).
struct Loaded {
    text: String,
    document: Option<(&'static str, usize)>,
    /// For a PDF, its number of pages.
    pages: Option<usize>,
    /// For a PDF, the line each page begins on.
    page_lines: Vec<u32>,
}

/// The error of a PDF whose text could not be read.
fn pdf_error(source: &Source, err: nianbao::pdf::Error) -> Error {
    Error::Pdf {
        name: source.display_name(),
        source: err,
    }
}

/// Reads one input as the text the library checks.
fn load(source: &Source, notes: &mut Vec<String>) -> Result<Loaded, Error> {
    let document = |d: nianbao::doc::Document, kind| {
        let tables = d
            .blocks
            .iter()
            .filter(|b| matches!(b, nianbao::doc::Block::Table(_)))
            .count();
        let layout = d.layout();
        let index = nianbao::span::LineIndex::new(&layout.text, false);
        let page_lines = layout
            .pages
            .iter()
            .map(|&at| index.line(at as u32))
            .collect();
        Loaded {
            document: Some((kind, tables)),
            pages: None,
            page_lines,
            text: layout.text,
        }
    };
    Ok(match read(source, notes)? {
        Input::Text(decoded) if nianbao::html::looks_like_html(&decoded.text) => {
            document(nianbao::html::parse(&decoded.text), "html")
        }
        Input::Text(decoded) => Loaded {
            text: decoded.text,
            document: None,
            pages: None,
            page_lines: Vec::new(),
        },
        Input::Docx(bytes) => {
            let d = nianbao::docx::read(&bytes).map_err(|e| Error::Docx {
                name: source.display_name(),
                source: e,
            })?;
            document(d, "docx")
        }
        Input::Pdf(bytes) => {
            let pdf = nianbao::pdf::read(&bytes).map_err(|e| pdf_error(source, e))?;
            Loaded {
                pages: Some(pdf.pages),
                ..document(pdf.document, "pdf")
            }
        }
    })
}

/// Checks one input against last year's report.
fn check_against(
    source: &Source,
    last: &Loaded,
    options: &nianbao::Options,
    notes: &mut Vec<String>,
) -> Result<(Report, String), Error> {
    let this = load(source, notes)?;
    let options = nianbao::Options {
        laid_out: this.document.is_some(),
        pages: this.page_lines.clone(),
        ..options.clone()
    };
    let previous = nianbao::Previous {
        text: &last.text,
        laid_out: last.document.is_some(),
    };
    let mut report = nianbao::check_with_previous(&this.text, &previous, &options);
    report.source = this.document.map(|(kind, tables)| nianbao::report::Source {
        kind,
        text: this.text.clone(),
        tables,
        pages: this.pages,
        page_lines: this.page_lines,
    });
    Ok((report, this.text))
}

/// Reads and checks one input; returns the report and the text its spans refer to (for a
/// .docx, the text the library laid the document out as).
fn check_one(
    source: &Source,
    options: &nianbao::Options,
    notes: &mut Vec<String>,
) -> Result<(Report, String), Error> {
    match read(source, notes)? {
        Input::Text(decoded) => {
            if nianbao::html::looks_like_html(&decoded.text) {
                // A saved web page: read its tables by their grid, like a paste from a browser.
                let report = nianbao::check_html(&decoded.text, options);
                let text = report.source.as_ref().map(|s| s.text.clone());
                return Ok((report, text.unwrap_or_default()));
            }
            Ok((nianbao::check(&decoded.text, options), decoded.text))
        }
        Input::Docx(bytes) => {
            let report = nianbao::check_docx(&bytes, options).map_err(|e| Error::Docx {
                name: source.display_name(),
                source: e,
            })?;
            let text = report.source.as_ref().map(|s| s.text.clone());
            Ok((report, text.unwrap_or_default()))
        }
        Input::Pdf(bytes) => {
            let report = nianbao::check_pdf(&bytes, options).map_err(|e| pdf_error(source, e))?;
            let text = report.source.as_ref().map(|s| s.text.clone());
            Ok((report, text.unwrap_or_default()))
        }
    }
}

/// Reads one input; a text not in UTF-8 adds a note saying which encoding it was read in.
fn read(source: &Source, notes: &mut Vec<String>) -> Result<Input, Error> {
    let input = input::read(source)?;
    if let Input::Text(decoded) = &input {
        if decoded.encoding != input::Encoding::Utf8 {
            let name = source.display_name();
            notes.push(format!("「{name}」按 {} 编码读取", decoded.encoding.name()));
        }
    }
    Ok(input)
}

/// The catalogue in `format`.
fn rules(format: Format) -> Result<String, Error> {
    let rules = nianbao::rules();
    Ok(match format {
        Format::Markdown => nianbao::rules::markdown_table(),
        Format::Json => serde_json::to_string(&rules).map_err(json_error)? + "\n",
        _ => render::rules_text(&rules),
    })
}

/// The documentation of rule `id` (any case) in `format`.
fn rule(id: &str, format: Format) -> Result<String, Error> {
    let rule = nianbao::rules::rule(&id.to_ascii_uppercase())
        .ok_or_else(|| Error::UnknownRule(id.to_string()))?;
    Ok(match format {
        Format::Json => serde_json::to_string(rule).map_err(json_error)? + "\n",
        _ => render::rule_text(rule),
    })
}

/// Serialising our own types cannot really fail; if it does, it is reported as an output error.
fn json_error(err: serde_json::Error) -> Error {
    Error::Output(io::Error::other(err))
}

/// Writes `text` to standard output.
fn print(out: &mut impl Write, text: &str) -> Result<(), Error> {
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::Output)
}

/// Prints `nianbao: level：message` on standard error; a failing stderr is ignored.
fn complain(level: &str, message: &dyn std::fmt::Display) {
    let _ = writeln!(io::stderr().lock(), "nianbao: {level}：{message}");
}
