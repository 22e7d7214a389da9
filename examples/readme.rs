//! `npm run readme` (`cargo run --example readme`): writes the rule table of README.md from the
//! catalogue (`nianbao::rules::markdown_table`, the table `nianbao rules --format md` prints),
//! between the `<!-- rules:start -->` and `<!-- rules:end -->` lines. `tests/it/docs.rs` only
//! compares, and names this command when the table is stale.

use std::path::Path;
use std::process::ExitCode;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

fn main() -> ExitCode {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    match update(&path) {
        Ok(true) => println!("{}: rule table rewritten", path.display()),
        Ok(false) => println!("{}: rule table already current", path.display()),
        Err(err) => {
            eprintln!("{}: {err}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// Puts the catalogue's table between the markers; true when the file changed.
fn update(path: &Path) -> Result<bool, String> {
    let readme = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let start = readme.find(START).ok_or("no `<!-- rules:start -->` line")? + START.len();
    let end = start
        + readme
            .get(start..)
            .and_then(|rest| rest.find(END))
            .ok_or("no `<!-- rules:end -->` line after the start")?;
    let table = nianbao::rules::markdown_table();
    if readme.get(start..end) == Some(table.as_str()) {
        return Ok(false);
    }
    let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
    std::fs::write(path, updated).map_err(|e| e.to_string())?;
    Ok(true)
}
