//! Tests of the `nianbao` binary: arguments, inputs and encodings, output formats, exit codes.
//!
//! Cases whose output does not depend on the checker's findings are data in `tests/cli/` (see
//! its README) and run by [`cases_in_tests_cli`]. The tests here compute what they expect from
//! the JSON output or from the library, so they keep passing as the rules evolve.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
/// The project's top folder (this test belongs to crates/cli).
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// What one run of the binary produced.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary in `dir` with `args`, feeding `stdin`.
fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn nianbao");
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.to_vec();
    // The binary may exit before reading its input, so a failed write is not an error here.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("wait for nianbao");
    writer.join().expect("stdin writer");
    Run {
        code: output.status.code().expect("exit code, not a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs the binary in the crate root.
fn run(args: &[&str], stdin: &[u8]) -> Run {
    run_in(Path::new(ROOT), args, stdin)
}

/// The seed reports, as paths relative to the crate root.
fn seeds() -> Vec<String> {
    let mut seeds: Vec<String> = fs::read_dir(Path::new(ROOT).join("tests/fixtures/seeds"))
        .expect("seeds directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt"))
        .map(|name| format!("tests/fixtures/seeds/{name}"))
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty());
    seeds
}

/// Every report the tests check: the seeds and the template.
fn fixtures() -> Vec<String> {
    let mut all = seeds();
    all.push("tests/fixtures/template-2021.txt".into());
    all
}

fn read_fixture(path: &str) -> String {
    fs::read_to_string(Path::new(ROOT).join(path)).expect("fixture is UTF-8")
}

/// A fresh scratch directory for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(test);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// The JSON documents of a `--format json` run, one per line.
fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

/// The JSON report of one file checked on its own.
fn json_report(path: &str) -> Value {
    let run = run(&["check", "--format", "json", path], b"");
    assert!(run.code < 2, "{path}: {}", run.stderr);
    let mut lines = json_lines(&run.stdout);
    assert_eq!(lines.len(), 1);
    lines.remove(0)
}

/// The diagnostics as (rule, line, column), the part that must not depend on the encoding.
fn places(report: &Value) -> Vec<(String, Value, Value)> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            let rule = d["rule"].as_str().expect("rule id").to_string();
            (rule, d["span"]["line"].clone(), d["span"]["column"].clone())
        })
        .collect()
}

fn has_error(report: &Value) -> bool {
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics array");
    diagnostics.iter().any(|d| d["severity"] == "error")
}

/// Checks `bytes` written to a file in `dir` and asserts it reads as `path` does.
fn assert_same_as_utf8(dir: &Path, path: &str, name: &str, bytes: &[u8], encoding: &str) {
    let copy = dir.join(name);
    fs::write(&copy, bytes).expect("write copy");
    let copy = copy.to_str().expect("UTF-8 temp path");
    let run = run(&["check", "--format=json", copy], b"");
    assert!(run.code < 2, "{copy}: {}", run.stderr);
    assert!(run.stderr.contains(encoding), "{encoding}: {}", run.stderr);
    let (decoded, original) = (&json_lines(&run.stdout)[0], json_report(path));
    assert_eq!(decoded["file"], copy);
    assert_eq!(
        decoded["outline"], original["outline"],
        "{path} as {encoding}"
    );
    assert_eq!(places(decoded), places(&original), "{path} as {encoding}");
    assert_eq!(
        decoded["diagnostics"], original["diagnostics"],
        "{path} as {encoding}"
    );
}

#[test]
fn cases_in_tests_cli() {
    let root = Path::new(ROOT).join("tests/cli");
    let mut cases: Vec<PathBuf> = fs::read_dir(&root)
        .expect("tests/cli")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 10,
        "expected the cases in {}",
        root.display()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let read = |name: &str| fs::read_to_string(case.join(name)).unwrap_or_default();
        let args = read("args");
        let args: Vec<&str> = args.lines().collect();
        let stdin = fs::read(case.join("stdin")).unwrap_or_default();
        let expected: i32 = read("expected_code").trim().parse().expect("expected_code");
        let run = run_in(case, &args, &stdin);
        let name = case.file_name().expect("name").to_string_lossy();
        if run.code != expected {
            failures.push(format!(
                "{name}: exit {} ≠ {expected}\n{}",
                run.code, run.stderr
            ));
        }
        for (file, output) in [
            ("expected_stdout_contains", &run.stdout),
            ("expected_stderr_contains", &run.stderr),
        ] {
            for want in read(file).lines().filter(|l| !l.trim().is_empty()) {
                if !output.contains(want) {
                    failures.push(format!("{name}: {file} «{want}» not in:\n{output}"));
                }
            }
        }
        if run.stderr.contains("panicked") {
            failures.push(format!("{name}: panic\n{}", run.stderr));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn version_is_the_library_version() {
    for flag in ["--version", "-V"] {
        let run = run(&[flag], b"");
        assert_eq!(run.code, 0);
        assert_eq!(run.stdout, format!("nianbao {}\n", nianbao::VERSION));
    }
}

#[test]
fn json_prints_one_line_per_file_named_as_given() {
    let seeds = seeds();
    let (first, last) = (&seeds[0], &seeds[seeds.len() - 1]);
    let stdin = read_fixture(&seeds[1]);
    let run = run(
        &["check", "--format", "json", first, "-", last],
        stdin.as_bytes(),
    );
    assert!(run.code < 2, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
    let files: Vec<Value> = json_lines(&run.stdout)
        .iter()
        .map(|r| r["file"].clone())
        .collect();
    assert_eq!(files, [first.as_str(), "-", last.as_str()]);
}

#[test]
fn stdin_gives_the_same_report_as_the_file() {
    let path = &seeds()[0];
    let run = run(
        &["check", "--format", "json", "-"],
        read_fixture(path).as_bytes(),
    );
    let mut from_stdin = json_lines(&run.stdout).remove(0);
    let mut from_file = json_report(path);
    assert_eq!(from_stdin["file"], "-");
    from_stdin["file"] = Value::Null;
    from_file["file"] = Value::Null;
    assert_eq!(from_stdin, from_file);
}

#[test]
fn exit_code_is_1_exactly_when_there_is_an_error_level_finding() {
    for path in fixtures() {
        let expected = i32::from(has_error(&json_report(&path)));
        let text = run(&["check", &path], b"");
        assert_eq!(text.code, expected, "{path}: {}", text.stderr);
        let json = run(&["check", "--format", "json", &path], b"");
        assert_eq!(json.code, expected, "{path}: {}", json.stderr);
    }
    let all = fixtures();
    let args: Vec<&str> = ["check"]
        .into_iter()
        .chain(all.iter().map(String::as_str))
        .collect();
    let any_error = all.iter().any(|p| has_error(&json_report(p)));
    assert_eq!(run(&args, b"").code, i32::from(any_error));
}

#[test]
fn text_output_points_at_every_finding_and_sums_up() {
    for path in fixtures() {
        let report = json_report(&path);
        let run = run(&["check", &path], b"");
        for d in report["diagnostics"].as_array().expect("diagnostics") {
            let header = format!(
                "[{}]: {}",
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            );
            assert!(
                run.stdout.contains(&header),
                "{header} missing:\n{}",
                run.stdout
            );
            if let Some(line) = d["span"]["line"].as_u64() {
                let place = format!("--> {path}:{line}:{}", d["span"]["column"]);
                assert!(
                    run.stdout.contains(&place),
                    "{place} missing:\n{}",
                    run.stdout
                );
            }
        }
        let errors = report["diagnostics"].as_array().unwrap().iter();
        let errors = errors.filter(|d| d["severity"] == "error").count();
        let summary = format!("{path}：{errors} 个错误，");
        assert!(
            run.stdout.lines().any(|l| l.starts_with(&summary)),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn gb18030_copy_gives_the_same_findings() {
    let dir = scratch("gb18030");
    for path in fixtures() {
        let text = read_fixture(&path);
        let (bytes, _, had_errors) = encoding_rs::GB18030.encode(&text);
        assert!(!had_errors, "{path} encodes in GB18030");
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "{path} must not stay UTF-8"
        );
        let name = Path::new(&path).file_name().unwrap().to_str().unwrap();
        assert_same_as_utf8(&dir, &path, name, &bytes, "GB18030");
    }
}

#[test]
fn utf16_copies_with_bom_give_the_same_findings() {
    let dir = scratch("utf16");
    for path in fixtures() {
        let text = read_fixture(&path);
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_same_as_utf8(&dir, &path, "le.txt", &le, "UTF-16LE");
        assert_same_as_utf8(&dir, &path, "be.txt", &be, "UTF-16BE");
    }
}

#[test]
fn utf8_bom_is_dropped_silently() {
    let path = &seeds()[0];
    let with_bom = format!("\u{FEFF}{}", read_fixture(path));
    let run = run(&["check", "--format", "json", "-"], with_bom.as_bytes());
    assert!(run.code < 2 && run.stderr.is_empty(), "{}", run.stderr);
    let from_stdin = &json_lines(&run.stdout)[0];
    assert_eq!(from_stdin["outline"], json_report(path)["outline"]);
    assert_eq!(places(from_stdin), places(&json_report(path)));
}

#[test]
fn missing_file_among_several_still_checks_the_others() {
    let seeds = seeds();
    let args = [
        "check",
        "--format",
        "json",
        &seeds[0],
        "no/such/report.txt",
        &seeds[1],
    ];
    let run = run(&args, b"");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no/such/report.txt"), "{}", run.stderr);
    let files: Vec<Value> = json_lines(&run.stdout)
        .iter()
        .map(|r| r["file"].clone())
        .collect();
    assert_eq!(files, [seeds[0].as_str(), seeds[1].as_str()]);
}

#[test]
fn input_over_64_mib_is_refused_before_reading() {
    let dir = scratch("too-large");
    let big = dir.join("big.txt");
    let file = fs::File::create(&big).expect("create");
    // A sparse file: its size is known without writing 64 MiB.
    file.set_len(64 * 1024 * 1024 + 1).expect("set_len");
    let run = run(&["check", big.to_str().unwrap()], b"");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("超过 64 MiB") && run.stderr.contains("big.txt"),
        "{}",
        run.stderr
    );
}

#[test]
fn rules_lists_every_rule_of_the_catalogue() {
    let catalogue = nianbao::rules();
    let text = run(&["rules"], b"");
    assert_eq!(text.code, 0);
    for rule in &catalogue {
        assert!(
            text.stdout.contains(rule.id),
            "{} missing:\n{}",
            rule.id,
            text.stdout
        );
        assert!(text.stdout.contains(rule.title), "{} missing", rule.title);
    }
    let json = run(&["rules", "--format", "json"], b"");
    assert_eq!(json.code, 0);
    let listed: Value = serde_json::from_str(&json.stdout).expect("rules JSON");
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = catalogue.iter().map(|r| r.id).collect();
    assert_eq!(ids, expected);
}

#[test]
fn rule_prints_the_documentation_of_one_rule() {
    let rule = nianbao::rules()
        .first()
        .copied()
        .expect("the catalogue has rules");
    assert_eq!(
        run(&["rule", "Z999"], b"").code,
        2,
        "an unknown id is a usage error"
    );
    let run_rule = |id: &str| run(&["rule", id], b"");
    for id in [rule.id.to_string(), rule.id.to_ascii_lowercase()] {
        let out = run_rule(&id);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains(rule.title), "{}", out.stdout);
        assert!(out.stdout.contains(rule.what.lines().next().unwrap_or("")));
    }
    let json = run(&["rule", rule.id, "--format", "json"], b"");
    let doc: Value = serde_json::from_str(&json.stdout).expect("rule JSON");
    assert_eq!(doc["id"], rule.id);
    assert_eq!(doc["title"], rule.title);
}

#[test]
fn broken_pipe_exits_quietly() {
    let mut child = Command::new(BIN)
        .args(["check", "-"])
        .current_dir(ROOT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn nianbao");
    // Close the reading end before the binary can write anything: it waits for its input.
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(read_fixture(&seeds()[0]).as_bytes())
        .expect("write input");
    drop(stdin);
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// `--previous` checks a report against the same body's report for the previous year, in any
/// input format: the carried-over applications must be last year's carried-forward ones.
#[test]
fn previous_years_report_is_compared() {
    let dir = scratch("previous");
    let last = "某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2\n";
    let this = "某局2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n二、上年结转政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n";
    std::fs::write(dir.join("2022.txt"), last).unwrap();
    std::fs::write(dir.join("2023.txt"), this).unwrap();
    // Last year's report as a saved web page: read by its grid like any other.
    let page = "<html><body><p>某局2022年政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p><table><tr><td>四、结转下年度继续办理</td><td>2</td><td></td><td></td><td></td><td></td><td></td><td>2</td></tr></table></body></html>";
    std::fs::write(dir.join("2022.html"), page).unwrap();
    for last in ["2022.txt", "2022.html"] {
        let run = run_in(
            &dir,
            &["check", "--format", "json", "--previous", last, "2023.txt"],
            b"",
        );
        let report = json_lines(&run.stdout).remove(0);
        let y001: Vec<_> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "Y001")
            .collect();
        assert_eq!(y001.len(), 1, "{last}: {}", run.stdout);
        // Either year may be the wrong one: the finding names both, proposes neither.
        assert!(y001[0].get("expected").is_none(), "{last}");
        let message = y001[0]["message"].as_str().unwrap();
        assert!(message.contains("「自然人」本年1、上一年2"), "{message}");
    }
    // The text says what was compared, what held and what could not be compared.
    let text = run_in(&dir, &["check", "--previous", "2022.txt", "2023.txt"], b"");
    assert!(
        text.stdout.contains("两年衔接核对（上一年报告为2022年度）：\n  不符    本年“上年结转”与上一年“结转下年度继续办理”：2列不一致：「自然人」「总计」\n  未核对  "),
        "{}",
        text.stdout
    );
    let alone = run_in(&dir, &["check", "--format", "json", "2023.txt"], b"");
    assert!(!alone.stdout.contains("Y001"));
    let missing = run_in(&dir, &["check", "--previous", "nope.txt", "2023.txt"], b"");
    assert_eq!(missing.code, 2, "{}", missing.stderr);
}

/// Rules ignored and severities changed by flags and by a team's `nianbao.toml` beside the
/// files; a single finding ignored by its fingerprint; the exit code follows the new severities.
#[test]
fn configuration_by_flags_and_team_file() {
    let dir = scratch("config");
    let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t0\n2.其他法律法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n";
    std::fs::write(dir.join("r.txt"), text).unwrap();
    let rules = |run: &Run| -> Vec<(String, String)> {
        json_lines(&run.stdout)[0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().to_string(),
                    d["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let plain = run_in(&dir, &["check", "--format", "json", "r.txt"], b"");
    assert_eq!(plain.code, 1);
    assert!(rules(&plain).contains(&("A001".into(), "error".into())));
    assert!(rules(&plain).contains(&("T002".into(), "warning".into())));
    // Flags: A001 ignored, T002 raised; still an error-level finding, so exit 1.
    let flagged = run_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--ignore",
            "A001",
            "--severity",
            "T002=error",
            "r.txt",
        ],
        b"",
    );
    let got = rules(&flagged);
    assert!(!got.iter().any(|(r, _)| r == "A001"), "{got:?}");
    assert!(got.contains(&("T002".into(), "error".into())), "{got:?}");
    assert_eq!(flagged.code, 1);
    assert!(json_lines(&flagged.stdout)[0]["ignored"].as_u64().unwrap() >= 1);
    // A team file beside the report: A001, the missing sections and rows are the team's
    // business, and with T002 lowered nothing is an error any more.
    std::fs::write(
        dir.join("nianbao.toml"),
        "ignore = [\"A001\", \"S001\", \"S008\", \"T001\"]\n[severity]\nT002 = \"info\"\n",
    )
    .unwrap();
    let team = run_in(&dir, &["check", "--format", "json", "r.txt"], b"");
    let got = rules(&team);
    assert!(
        !got.iter().any(|(r, s)| r == "A001" || s == "error"),
        "{got:?}"
    );
    assert_eq!(team.code, 0, "{}", team.stdout);
    // One finding ignored by its fingerprint, not its rule.
    let fp = json_lines(&team.stdout)[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "T002")
        .unwrap()["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let one = run_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--ignore-finding",
            &fp,
            "r.txt",
        ],
        b"",
    );
    assert!(!rules(&one).iter().any(|(r, _)| r == "T002"));
    // A broken team file is named, and that file is not checked.
    std::fs::write(dir.join("nianbao.toml"), "colour = [\"red\"]\n").unwrap();
    let broken = run_in(&dir, &["check", "r.txt"], b"");
    assert_eq!(broken.code, 2);
    assert!(broken.stderr.contains("nianbao.toml"), "{}", broken.stderr);
}

/// `nianbao.toml` as people write TOML: a multi-line array with comments, 'literal' strings, a
/// `[ severity ]` header with spaces and a quoted key all take effect; a mistake names the
/// file, the line and what is wrong.
#[test]
fn a_team_file_in_any_toml_form_takes_effect() {
    let dir = scratch("toml-forms");
    let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t0\n2.其他法律法规禁止公开\t0\t0\t0\t0\t0\t0\t0\n";
    fs::write(dir.join("r.txt"), text).unwrap();
    let findings = |run: &Run| -> Vec<String> {
        json_lines(&run.stdout)[0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{}:{}",
                    d["rule"].as_str().unwrap(),
                    d["severity"].as_str().unwrap()
                )
            })
            .collect()
    };
    let plain = run_in(&dir, &["check", "--format", "json", "r.txt"], b"");
    let plain = findings(&plain);
    assert!(
        ["A001:error", "S001:error", "T002:warning"]
            .iter()
            .all(|f| plain.contains(&f.to_string())),
        "{plain:?}"
    );
    let team =
        "ignore = [\n  'A001',  # 已核实\n  \"S001\",\n]\n\n[ severity ]\n\"T002\" = 'info'\n";
    fs::write(dir.join("nianbao.toml"), team).unwrap();
    let run = run_in(&dir, &["check", "--format", "json", "r.txt"], b"");
    assert!(run.code < 2, "{}", run.stderr);
    let got = findings(&run);
    assert!(
        !got.iter()
            .any(|f| f.starts_with("A001") || f.starts_with("S001")),
        "{got:?}"
    );
    assert!(got.contains(&"T002:info".to_string()), "{got:?}");
    fs::write(dir.join("nianbao.toml"), "[severity]\nT002 = error\n").unwrap();
    let broken = run_in(&dir, &["check", "r.txt"], b"");
    assert_eq!(broken.code, 2);
    assert!(
        broken
            .stderr
            .contains("设置文件「nianbao.toml」有误：第2行第8列：文字取值要加引号"),
        "{}",
        broken.stderr
    );
    // A file in GBK (not UTF-8) is refused, not skipped.
    fs::write(
        dir.join("nianbao.toml"),
        b"# \xb2\xe2\xca\xd4\nignore = []\n",
    )
    .unwrap();
    let gbk = run_in(&dir, &["check", "r.txt"], b"");
    assert_eq!(gbk.code, 2);
    assert!(gbk.stderr.contains("不是 UTF-8"), "{}", gbk.stderr);
}

/// `nianbao rules --format md` prints the catalogue's table, the one README.md holds
/// (`tests/it/docs.rs` compares the README).
#[test]
fn rules_as_markdown_is_the_catalogue_table() {
    let run = run(&["rules", "--format", "md"], b"");
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, nianbao::rules::markdown_table());
}

/// A directory holding the seeds, the HTML fixtures and the .docx fixtures, plus one file of
/// another kind that a walk must skip; returns it and the report paths relative to it, in the
/// order a walk gives them.
fn batch_directory(test: &str) -> (PathBuf, Vec<String>) {
    let dir = scratch(test);
    let mut files = Vec::new();
    for (from, to) in [
        ("tests/fixtures/grid", "reports/grid"),
        ("tests/fixtures/html", "reports/html"),
        ("tests/fixtures/seeds", "reports/seeds"),
    ] {
        fs::create_dir_all(dir.join(to)).expect("report directory");
        let mut names: Vec<String> = fs::read_dir(Path::new(ROOT).join(from))
            .expect("fixture directory")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            fs::copy(
                Path::new(ROOT).join(from).join(&name),
                dir.join(to).join(&name),
            )
            .expect("copy fixture");
            files.push(format!("{to}/{name}"));
        }
    }
    fs::write(dir.join("reports/notes.md"), "不是报告").expect("write notes");
    (dir, files)
}

/// The runs of `check --format FORMAT` on each file alone, in `dir`.
fn alone(dir: &Path, files: &[String], format: &str) -> Vec<Run> {
    files
        .iter()
        .map(|f| {
            let run = run_in(dir, &["check", "--format", format, f], b"");
            assert!(run.code < 2, "{f}: {}", run.stderr);
            run
        })
        .collect()
}

/// The batch run of `check reports --format FORMAT --jobs JOBS` in `dir`.
fn batch(dir: &Path, format: &str, jobs: &str) -> Run {
    let run = run_in(
        dir,
        &["check", "reports", "--format", format, "--jobs", jobs],
        b"",
    );
    assert!(run.code < 2, "{}", run.stderr);
    assert!(
        !run.stderr.contains("已检查"),
        "progress in a pipe: {}",
        run.stderr
    );
    assert!(!run.stdout.contains("已检查"), "progress on stdout");
    run
}

/// Batch output equals checking each file alone, in every format, for one job and for four,
/// and the order is the walk's whatever the number of jobs.
#[test]
fn a_batch_prints_what_each_file_alone_prints_in_every_format() {
    let (dir, files) = batch_directory("batch");
    let expected_code = alone(&dir, &files, "json").iter().map(|r| r.code).max();
    for format in ["text", "json", "csv", "csv-summary", "sarif"] {
        let singles = alone(&dir, &files, format);
        let one = batch(&dir, format, "1");
        let four = batch(&dir, format, "4");
        assert_eq!(one.stdout, four.stdout, "{format}: --jobs 1 and 4 differ");
        assert_eq!(Some(one.code), expected_code, "{format}");
        match format {
            "text" => {
                let blocks: String = singles.iter().map(|r| r.stdout.as_str()).collect();
                assert!(one.stdout.starts_with(&blocks), "{format}");
                let tail = &one.stdout[blocks.len()..];
                assert!(tail.starts_with("文件"), "{tail}");
                assert_eq!(
                    tail.lines().filter(|l| l.starts_with("reports/")).count(),
                    files.len()
                );
                assert!(
                    tail.contains(&format!("合计 {} 个文件：", files.len())),
                    "{tail}"
                );
            }
            "json" | "csv" | "csv-summary" => {
                let skip = usize::from(format != "json");
                let rows: Vec<&str> = singles
                    .iter()
                    .flat_map(|r| r.stdout.lines().skip(skip))
                    .collect();
                let header: Vec<&str> = singles[0].stdout.lines().take(skip).collect();
                let batch: Vec<&str> = one.stdout.lines().collect();
                assert_eq!(batch, [header, rows].concat(), "{format}");
            }
            _ => {
                let results: Vec<Value> = singles
                    .iter()
                    .flat_map(|r| sarif_results(&r.stdout))
                    .collect();
                assert_eq!(sarif_results(&one.stdout), results);
            }
        }
    }
    let json = batch(&dir, "json", "2");
    let named: Vec<Value> = json_lines(&json.stdout)
        .iter()
        .map(|r| r["file"].clone())
        .collect();
    assert_eq!(named, files, "the walk's order, the other file skipped");
    assert!(json.stderr.contains("另有 1 个文件"), "{}", json.stderr);
}

/// The results of a SARIF log.
fn sarif_results(log: &str) -> Vec<Value> {
    let log: Value = serde_json::from_str(log).expect("SARIF is JSON");
    log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .clone()
}

/// An unreadable file among others is named on stderr and in the summary; the rest are
/// checked and the exit code is 2.
#[test]
fn an_unreadable_file_is_named_in_the_summary_and_the_others_go_on() {
    let (dir, files) = batch_directory("unreadable");
    fs::write(dir.join("reports/seeds/broken.txt"), b"abc\xFF\xFEdef").expect("write");
    let text = run_in(&dir, &["check", "reports"], b"");
    assert_eq!(text.code, 2);
    assert!(text.stderr.contains("broken.txt"), "{}", text.stderr);
    let row = text
        .stdout
        .lines()
        .find(|l| l.starts_with("reports/seeds/broken.txt"));
    assert!(
        row.is_some_and(|r| r.contains("无法读取")),
        "{}",
        text.stdout
    );
    assert!(text
        .stdout
        .contains(&format!("合计 {} 个文件", files.len())));
    let summary = run_in(&dir, &["check", "reports", "--format", "csv-summary"], b"");
    let row = summary
        .stdout
        .lines()
        .find(|l| l.starts_with("reports/seeds/broken.txt,"));
    assert!(
        row.is_some_and(|r| r.contains("UTF-8")),
        "{}",
        summary.stdout
    );
    let sarif = run_in(&dir, &["check", "reports", "--format", "sarif"], b"");
    let log: Value = serde_json::from_str(&sarif.stdout).expect("SARIF is JSON");
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let uri = &invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]
        ["artifactLocation"]["uri"];
    assert_eq!(uri, "reports/seeds/broken.txt");
}

/// CSV opens in Excel and WPS: a byte-order mark, CRLF after every record, RFC 4180 quoting.
#[test]
fn csv_starts_with_a_bom_and_ends_every_record_with_crlf() {
    let seeds = seeds();
    for format in ["csv", "csv-summary"] {
        let run = run(&["check", "--format", format, &seeds[2], &seeds[4]], b"");
        assert!(run.stdout.starts_with("\u{FEFF}file,"), "{format}");
        assert!(run.stdout.ends_with("\r\n"), "{format}");
        assert_eq!(
            run.stdout.matches('\n').count(),
            run.stdout.matches("\r\n").count(),
            "{format}: a bare LF"
        );
    }
    let run = run(&["check", "--format", "csv", &seeds[2]], b"");
    let report = json_report(&seeds[2]);
    let rows = run.stdout.trim_end().split("\r\n").skip(1).count();
    assert_eq!(rows, report["diagnostics"].as_array().unwrap().len());
}

/// The SARIF log has the 2.1.0 essentials, and its results are the JSON findings: same rules,
/// levels, messages and places, with character offsets that count the text's characters.
#[test]
fn sarif_is_valid_2_1_0_and_its_results_are_the_json_findings() {
    let (dir, files) = batch_directory("sarif");
    let run = run_in(&dir, &["check", "reports", "--format", "sarif"], b"");
    let log: Value = serde_json::from_str(&run.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "nianbao");
    let rules = driver["rules"].as_array().expect("rules");
    let catalogue = nianbao::rules();
    assert_eq!(rules.len(), catalogue.len());
    for (rule, want) in rules.iter().zip(&catalogue) {
        assert_eq!(rule["id"], want.id);
        assert_eq!(rule["shortDescription"]["text"], want.title);
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level));
    }
    assert_eq!(runs[0]["columnKind"], "unicodeCodePoints");
    let results = runs[0]["results"].as_array().expect("results");
    let mut expected = Vec::new();
    for file in &files {
        let report =
            json_lines(&run_in(&dir, &["check", "--format", "json", file], b"").stdout).remove(0);
        for d in report["diagnostics"].as_array().unwrap() {
            expected.push((file.clone(), report["source"].is_object(), d.clone()));
        }
    }
    assert_eq!(results.len(), expected.len());
    for (result, (file, document, d)) in results.iter().zip(&expected) {
        assert_sarif_result(result, rules, &dir.join(file), *document, d);
    }
}

/// One SARIF result against the JSON finding it stands for.
fn assert_sarif_result(result: &Value, rules: &[Value], path: &Path, document: bool, d: &Value) {
    let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
    assert_eq!(result["ruleId"], d["rule"]);
    assert_eq!(rules[index]["id"], d["rule"]);
    let level = match d["severity"].as_str().unwrap() {
        "info" => "note",
        other => other,
    };
    assert_eq!(result["level"], level);
    assert_eq!(result["message"]["text"], d["message"]);
    assert_eq!(
        result["partialFingerprints"]["nianbao/v1"],
        d["fingerprint"]
    );
    let physical = &result["locations"][0]["physicalLocation"];
    let uri = physical["artifactLocation"]["uri"].as_str().unwrap();
    assert!(path.ends_with(uri), "{uri}");
    let region = &physical["region"];
    if document || d["span"].is_null() {
        assert!(
            region.is_null(),
            "a document's region would not be the file's"
        );
        if !d["span"].is_null() {
            assert_eq!(result["properties"]["laidOut"]["line"], d["span"]["line"]);
        }
        return;
    }
    assert_eq!(region["startLine"], d["span"]["line"]);
    assert_eq!(region["startColumn"], d["span"]["column"]);
    let (start_line, end_line) = (region["startLine"].as_u64(), region["endLine"].as_u64());
    assert!(start_line >= Some(1) && end_line >= start_line);
    let text = fs::read_to_string(path).expect("a text fixture");
    let (start, end) = (
        d["span"]["start"].as_u64().unwrap(),
        d["span"]["end"].as_u64().unwrap(),
    );
    let chars = |to: u64| text[..to as usize].chars().count() as u64;
    assert_eq!(region["charOffset"].as_u64(), Some(chars(start)));
    assert_eq!(
        region["charLength"].as_u64(),
        Some(chars(end) - chars(start))
    );
    let end_line_text = text[..end as usize].split('\n').count() as u64;
    assert_eq!(end_line, Some(end_line_text));
}

/// The HTML fixtures read through the CLI give the findings of `nianbao::check_html`: a saved
/// page is read by its tables' grid, not as plain text.
#[test]
fn html_files_are_checked_as_documents_like_check_html() {
    for dir in ["tests/fixtures/html", "tests/fixtures/grid"] {
        let mut pages: Vec<PathBuf> = fs::read_dir(Path::new(ROOT).join(dir))
            .expect("fixture directory")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        pages.sort();
        assert!(!pages.is_empty());
        for page in pages {
            let path = page.to_str().expect("UTF-8 path");
            let html = fs::read_to_string(&page).expect("UTF-8 page");
            let library = nianbao::check_html(&html, &nianbao::Options::default());
            let library = serde_json::to_value(&library).expect("report as JSON");
            let cli = json_report(path);
            assert_eq!(cli["diagnostics"], library["diagnostics"], "{path}");
            assert_eq!(cli["source"]["kind"], "html", "{path}");
            assert_eq!(cli["outline"], library["outline"], "{path}");
        }
    }
}

/// The seed with one table row made 160 KB long: one line, 20,000 extra cells.
fn long_line_report() -> String {
    let seed = read_fixture("tests/fixtures/seeds/002_3c9d37f73f8f4a79.txt");
    let cells: Vec<String> = (0..20_000).map(|i| format!("{i}件")).collect();
    let row = "一、本年新收政府信息公开申请数量";
    seed.lines()
        .map(|l| {
            if l.starts_with(row) {
                format!("{l}\t{}", cells.join("\t"))
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A long line prints as a window around each span, never whole: the output stays small, no
/// shown line is much over 100 columns, and the marker sits under the span's text, CJK
/// characters counted two columns wide.
#[test]
fn a_long_line_is_shown_as_a_window_with_the_marker_under_the_span() {
    let dir = scratch("long-line");
    let text = long_line_report();
    assert!(text.lines().any(|l| l.len() > 150_000));
    fs::write(dir.join("long.txt"), &text).expect("write");
    let run = run_in(&dir, &["check", "long.txt"], b"");
    assert!(run.stdout.len() < 16 * 1024, "{} bytes", run.stdout.len());
    let report =
        json_lines(&run_in(&dir, &["check", "--format", "json", "long.txt"], b"").stdout).remove(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let mut marked = 0;
    for d in report["diagnostics"].as_array().unwrap() {
        let Some(line) = d["span"]["line"].as_u64() else {
            continue;
        };
        let arrow = format!("--> long.txt:{line}:{}", d["span"]["column"]);
        let at = lines
            .iter()
            .position(|l| l.ends_with(&arrow))
            .expect("the finding's arrow");
        let (shown, marker) = (lines[at + 2], lines[at + 3]);
        let gutter = shown.find(" | ").expect("gutter") + 3;
        let (shown, marker) = (&shown[gutter..], &marker[gutter..]);
        assert!(width(shown) <= 100, "{} columns: {shown}", width(shown));
        let under = under_marker(shown, marker);
        let start = d["span"]["start"].as_u64().unwrap() as usize;
        let spanned: String = text[start..]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let under: String = under
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '…')
            .collect();
        assert!(
            !under.is_empty() && spanned.starts_with(&under),
            "{under} not at {start}"
        );
        marked += 1;
    }
    assert!(marked >= 3, "{}", run.stdout);
}

/// Display width as the CLI counts it, for the characters these tests print.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| if c.is_ascii() || c == '…' { 1 } else { 2 })
        .sum()
}

/// The characters of `shown` that stand above the `^` of `marker`, by display column.
fn under_marker(shown: &str, marker: &str) -> String {
    let from = marker.find('^').expect("a marker");
    let to = from + marker[from..].chars().take_while(|&c| c == '^').count();
    let mut column = 0;
    let mut out = String::new();
    for c in shown.chars() {
        if (from..to).contains(&column) {
            out.push(c);
        }
        column += width(&c.to_string());
    }
    out
}

/// Section 三's counts written as 1.5: 175 findings of one rule, of which text shows 20 and a
/// line for the rest; JSON keeps all 175.
#[test]
fn text_lists_at_most_20_findings_of_a_rule_and_counts_the_rest() {
    let dir = scratch("cap");
    let seed = read_fixture("tests/fixtures/seeds/000_3fdcef6c825e6b6d.txt");
    let (head, rest) = seed.split_at(seed.find("三、收到和处理").expect("section 三"));
    let (table, tail) = rest.split_at(rest.find("四、政府信息公开行政复议").expect("section 四"));
    let decimal = |l: &str| -> String {
        l.split('\t')
            .map(|c| {
                if !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()) {
                    "1.5"
                } else {
                    c
                }
            })
            .collect::<Vec<_>>()
            .join("\t")
    };
    let table: Vec<String> = table.split('\n').map(decimal).collect();
    fs::write(
        dir.join("r.txt"),
        format!("{head}{}{tail}", table.join("\n")),
    )
    .expect("write");
    let json =
        json_lines(&run_in(&dir, &["check", "--format", "json", "r.txt"], b"").stdout).remove(0);
    let all = json["diagnostics"].as_array().unwrap();
    let n001 = all.iter().filter(|d| d["rule"] == "N001").count();
    assert!(n001 > 100, "{n001}");
    let text = run_in(&dir, &["check", "r.txt"], b"").stdout;
    assert_eq!(text.matches("[N001]: ").count(), 20);
    let more = format!(
        "… 另有 {} 个 [N001] 问题未逐条列出（用 --format json 查看全部）",
        n001 - 20
    );
    assert!(text.contains(&more), "{text}");
    let errors = all.iter().filter(|d| d["severity"] == "error").count();
    assert!(
        text.contains(&format!("r.txt：{errors} 个错误")),
        "the summary counts all"
    );
}

/// The CLI reads the same file as the library, says nothing about encodings, prints source
/// lines from the laid-out text and puts `source` into its JSON.
#[test]
fn the_cli_checks_a_docx_file() {
    let bytes =
        fs::read(Path::new(ROOT).join("tests/fixtures/grid/blanks-2021.docx")).expect("fixture");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("docx-cli");
    std::fs::create_dir_all(&dir).expect("scratch directory");
    // No extension: the file is recognised by its content.
    let path = dir.join("年报");
    std::fs::write(&path, &bytes).expect("write");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(args)
            .arg(&path)
            .output()
            .expect("run nianbao")
    };
    let json = run(&["check", "--format", "json"]);
    let stderr = String::from_utf8_lossy(&json.stderr);
    assert!(json.status.code().is_some_and(|c| c < 2), "{stderr}");
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    let library = nianbao::check_docx(&bytes, &nianbao::Options::default()).expect("readable");
    let source = library.source.as_ref().expect("source");
    assert_eq!(value["source"]["kind"], "docx");
    assert_eq!(value["source"]["text"], source.text.as_str());
    assert_eq!(
        value["diagnostics"].as_array().map(Vec::len),
        Some(library.diagnostics.len())
    );
    let text = run(&["check"]);
    let stdout = String::from_utf8_lossy(&text.stdout);
    for d in library.diagnostics.iter().filter(|d| d.span.is_some()) {
        let line = d.span.map_or(0, |s| s.line) as usize;
        let source_line = source.text.lines().nth(line - 1).expect("line");
        let shown = format!("{line} | {}", source_line.split('\t').next().unwrap_or(""));
        assert!(stdout.contains(&shown), "{shown}\n{stdout}");
    }
}

#[test]
fn the_cli_reads_a_saved_web_page_by_its_grid() {
    let path = Path::new(ROOT).join("tests/fixtures/grid/blanks-2021.html");
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .expect("the CLI runs");
    assert_eq!(out.status.code(), Some(1), "the planted error is an error");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["source"]["kind"], "html");
    let a001: Vec<_> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == "A006")
        .collect();
    assert_eq!(a001.len(), 1, "{a001:#?}");
    assert_eq!(a001[0]["expected"], 4);
}

#[test]
fn the_cli_checks_a_pdf_and_names_a_broken_one() {
    let exe = env!("CARGO_BIN_EXE_nianbao");
    let path = Path::new(ROOT).join("tests/fixtures/pdf/hongze-2023.pdf");
    let out = Command::new(exe)
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["source"]["kind"], "pdf");
    assert_eq!(json["source"]["pages"], 5);
    let a004 = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "A004" || d["rule"] == "A007")
        .count();
    assert_eq!(a004, 2);
    let scan = Path::new(ROOT).join("tests/fixtures/pdf-scan/scan.pdf");
    let out = Command::new(exe)
        .arg("check")
        .arg(&scan)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("无法作为 PDF 读取") && stderr.contains("扫描件"),
        "{stderr}"
    );
    // A folder's PDFs are checked like its other files, in path order, on two threads.
    let fixtures = Path::new(ROOT).join("tests/fixtures/pdf");
    let out = Command::new(exe)
        .args(["check", "--jobs", "2", "--format", "csv-summary"])
        .arg(&fixtures)
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let files: Vec<&str> = stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter_map(|f| f.rsplit('/').next())
        .collect();
    let mut names: Vec<String> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    names.sort();
    assert!(names.len() >= 9 && names.contains(&"hongze-2023.pdf".to_string()));
    assert_eq!(files, names, "{stdout}");
    let refused: Vec<&str> = stdout.lines().filter(|l| l.contains("无法")).collect();
    assert_eq!(refused.len(), 1, "only the one with a password: {stdout}");
    assert!(
        refused[0].contains("blanks-2021-password.pdf") && refused[0].contains("需要打开密码"),
        "{stdout}"
    );
}

/// `nianbao check --format json FILE` as JSON, without the field that names the file.
fn cli_json(file: &Path) -> (Option<i32>, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "json"])
        .arg(file)
        .output()
        .expect("runs");
    let mut json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert!(json.as_object_mut().unwrap().remove("file").is_some());
    (out.status.code(), json)
}

#[test]
fn the_cli_checks_an_encrypted_pdf_like_the_plain_one() {
    let plain = cli_json(&fixture_pdf("blanks-2021.pdf"));
    assert!(plain.1["diagnostics"]
        .as_array()
        .is_some_and(|d| !d.is_empty()));
    for name in ["blanks-2021-rc4-128.pdf", "blanks-2021-aes-256-objstm.pdf"] {
        assert_eq!(cli_json(&fixture_pdf(name)), plain, "{name}");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("check")
        .arg(fixture_pdf("blanks-2021-password.pdf"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("需要打开密码"), "{stderr}");
}

/// `tests/fixtures/pdf/NAME`.
fn fixture_pdf(name: &str) -> PathBuf {
    Path::new(ROOT).join("tests/fixtures/pdf").join(name)
}

/// A bug met in one file of a batch (planted: a debug build panics on a file whose name holds
/// `$NIANBAO_TEST_PANIC`) is that file's internal error, named; the nine other files are checked
/// as usual, on several threads or one, and the exit code is 2.
#[test]
fn a_batch_survives_a_panic_in_one_file() {
    let dir = scratch("panic-in-batch");
    let seed = read_fixture(&seeds()[0]);
    for i in 0..10 {
        let name = if i == 4 {
            "04-boom.txt".to_string()
        } else {
            format!("{i:02}.txt")
        };
        fs::write(dir.join(name), &seed).unwrap();
    }
    for jobs in ["1", "3"] {
        let out = Command::new(BIN)
            .args(["check", "--format", "json", "--jobs", jobs, "."])
            .current_dir(&dir)
            .env("NIANBAO_TEST_PANIC", "boom")
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "jobs {jobs}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let files: Vec<String> = json_lines(&stdout)
            .iter()
            .map(|r| r["file"].as_str().unwrap_or("").to_string())
            .collect();
        assert_eq!(files.len(), 9, "jobs {jobs}: {files:?}");
        assert!(files.iter().all(|f| !f.contains("boom")), "{files:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("04-boom.txt") && stderr.contains("程序内部出错"),
            "{stderr}"
        );
    }
}
