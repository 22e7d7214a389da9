//! `nianbao`, the command line: checks report texts and prints the rule catalogue.
//!
//! A thin adapter over the library: [`args`] reads the command line, [`input`] reads files and
//! standard input in whatever encoding they come, `nianbao::check` (or `nianbao::check_docx`
//! for a Word file) does all analysis, and [`render`] prints the result. `main` calls [`run`] and maps its outcome to an exit code in
//! one place ([`Exit`]); nothing else ends the process.
//!
//! An input that cannot be read does not stop the others: its error is printed, the remaining
//! files are checked, and the exit code is 2.

mod args;
mod error;
mod input;
mod render;
mod width;

use std::io::{self, Write};
use std::process::ExitCode;

use std::path::PathBuf;

use args::{Command, Format};
use error::Error;
use input::{Input, Source};
use nianbao::config::Config;
use nianbao::report::Report;
use render::Counts;

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
        } => {
            let previous = previous.map(|p| load(&p)).transpose()?;
            return check(&sources, format, previous.as_ref(), &config, &mut out);
        }
    }
    Ok(Exit::Clean.into())
}

/// Checks every input, printing results as they come, and returns the exit code.
fn check(
    sources: &[Source],
    format: Format,
    previous: Option<&Loaded>,
    flags: &Config,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let mut counts = Counts::default();
    let mut unreadable = false;
    let mut checked = 0;
    for source in sources {
        // A team's nianbao.toml next to the file (or in the current directory), then the flags.
        let mut config = team_config(source)?;
        config.merge(flags.clone());
        let options = nianbao::Options {
            config,
            ..Default::default()
        };
        let checked_one = match previous {
            Some(last) => check_against(source, last, &options),
            None => check_one(source, &options),
        };
        let (report, text) = match checked_one {
            Ok(checked) => checked,
            Err(err) => {
                complain("错误", &err);
                unreadable = true;
                continue;
            }
        };
        counts.add(Counts::of(&report));
        checked += 1;
        let printed = match format {
            Format::Text | Format::Markdown => render::text(&report, &text, &source.display_name()),
            Format::Json => render::json(&report, &source.name()).map_err(json_error)? + "\n",
        };
        print(out, &printed)?;
    }
    if format == Format::Text && sources.len() > 1 {
        print(out, &render::total(counts, checked))?;
    }
    let exit = match (unreadable, counts.errors) {
        (true, _) => Exit::Trouble,
        (false, 0) => Exit::Clean,
        (false, _) => Exit::Findings,
    };
    Ok(exit.into())
}

/// One input as the text the library checks: the text itself, or the text a web page or a
/// .docx is laid out as (then `document` says which, with its number of tables).
struct Loaded {
    text: String,
    document: Option<(&'static str, usize)>,
}

/// Reads one input as the text the library checks.
fn load(source: &Source) -> Result<Loaded, Error> {
    let document = |d: nianbao::doc::Document, kind| {
        let tables = d
            .blocks
            .iter()
            .filter(|b| matches!(b, nianbao::doc::Block::Table(_)))
            .count();
        Loaded {
            text: d.layout().text,
            document: Some((kind, tables)),
        }
    };
    Ok(match input::read(source)? {
        Input::Text(decoded) if nianbao::html::looks_like_html(&decoded.text) => {
            document(nianbao::html::parse(&decoded.text), "html")
        }
        Input::Text(decoded) => Loaded {
            text: decoded.text,
            document: None,
        },
        Input::Docx(bytes) => {
            let d = nianbao::docx::read(&bytes).map_err(|e| Error::Docx {
                name: source.display_name(),
                source: e,
            })?;
            document(d, "docx")
        }
    })
}

/// The settings of `nianbao.toml` in the directory of `source`, else in the current directory;
/// none when there is no such file.
fn team_config(source: &Source) -> Result<Config, Error> {
    let beside = match source {
        Source::Path(path) => path.parent().map(|d| d.join(TEAM_FILE)),
        Source::Stdin => None,
    };
    let candidates = beside.into_iter().chain([PathBuf::from(TEAM_FILE)]);
    for path in candidates {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        return Config::from_toml(&text).map_err(|why| Error::Config {
            name: path.display().to_string(),
            why,
        });
    }
    Ok(Config::default())
}

/// The team settings file looked for next to each checked file.
const TEAM_FILE: &str = "nianbao.toml";

/// Checks one input against last year's report.
fn check_against(
    source: &Source,
    last: &Loaded,
    options: &nianbao::Options,
) -> Result<(Report, String), Error> {
    let this = load(source)?;
    let options = nianbao::Options {
        laid_out: this.document.is_some(),
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
    });
    Ok((report, this.text))
}

/// Reads and checks one input; returns the report and the text its spans refer to (for a
/// .docx, the text the library laid the document out as).
fn check_one(source: &Source, options: &nianbao::Options) -> Result<(Report, String), Error> {
    match input::read(source)? {
        Input::Text(decoded) => {
            if decoded.encoding != input::Encoding::Utf8 {
                let note = format!(
                    "「{}」按 {} 编码读取",
                    source.display_name(),
                    decoded.encoding.name()
                );
                complain("提示", &note);
            }
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
    }
}

/// The catalogue in `format`.
fn rules(format: Format) -> Result<String, Error> {
    let rules = nianbao::rules();
    Ok(match format {
        Format::Text => render::rules_text(&rules),
        Format::Markdown => nianbao::rules::markdown_table(),
        Format::Json => serde_json::to_string(&rules).map_err(json_error)? + "\n",
    })
}

/// The documentation of rule `id` (any case) in `format`.
fn rule(id: &str, format: Format) -> Result<String, Error> {
    let rule = nianbao::rules::rule(&id.to_ascii_uppercase())
        .ok_or_else(|| Error::UnknownRule(id.to_string()))?;
    Ok(match format {
        Format::Text | Format::Markdown => render::rule_text(rule),
        Format::Json => serde_json::to_string(rule).map_err(json_error)? + "\n",
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
