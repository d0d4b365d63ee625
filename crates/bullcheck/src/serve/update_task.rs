//! The dashboard's update button: runs `bullcheck data update` — the same command, the same
//! code — as a child process in the background, and keeps its progress lines (stderr) for the
//! data page to poll. One run at a time.

use std::io::BufRead as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use serde::Serialize;

/// Lines kept from the end of a run's output.
const MAX_LOG_LINES: usize = 500;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum UpdateState {
    Idle,
    Running,
    Finished,
    Failed,
}

/// What `GET /api/data/update` returns.
#[derive(Debug, Clone, Serialize)]
pub struct UpdateStatus {
    pub state: UpdateState,
    pub started_at: Option<String>,
    pub finished_at: Option<String>,
    pub exit_code: Option<i32>,
    /// Progress lines, oldest first.
    pub log: Vec<String>,
}

pub struct UpdateTask {
    bullcheck: PathBuf,
    home: PathBuf,
    offline: bool,
    status: Arc<Mutex<UpdateStatus>>,
}

impl UpdateTask {
    pub fn new(bullcheck: PathBuf, home: PathBuf, offline: bool) -> UpdateTask {
        UpdateTask {
            bullcheck,
            home,
            offline,
            status: Arc::new(Mutex::new(UpdateStatus {
                state: UpdateState::Idle,
                started_at: None,
                finished_at: None,
                exit_code: None,
                log: Vec::new(),
            })),
        }
    }

    pub fn status(&self) -> UpdateStatus {
        self.status
            .lock()
            .map(|s| s.clone())
            .unwrap_or_else(|poisoned| poisoned.into_inner().clone())
    }

    /// Starts a run; `false` when one is already running.
    pub fn start(&self) -> bool {
        {
            let Ok(mut status) = self.status.lock() else {
                return false;
            };
            if status.state == UpdateState::Running {
                return false;
            }
            *status = UpdateStatus {
                state: UpdateState::Running,
                started_at: Some(crate::store::now_rfc3339()),
                finished_at: None,
                exit_code: None,
                log: Vec::new(),
            };
        }
        let mut command = Command::new(&self.bullcheck);
        command.arg("--home").arg(&self.home);
        if self.offline {
            command.arg("--offline");
        }
        command
            .args(["data", "update"])
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let status = self.status.clone();
        std::thread::spawn(move || run_child(command, &status));
        true
    }
}

fn push_line(status: &Mutex<UpdateStatus>, line: String) {
    if let Ok(mut s) = status.lock() {
        s.log.push(line);
        if s.log.len() > MAX_LOG_LINES {
            let excess = s.log.len() - MAX_LOG_LINES;
            s.log.drain(..excess);
        }
    }
}

fn run_child(mut command: Command, status: &Arc<Mutex<UpdateStatus>>) {
    let finish = |state: UpdateState, code: Option<i32>| {
        if let Ok(mut s) = status.lock() {
            s.state = state;
            s.exit_code = code;
            s.finished_at = Some(crate::store::now_rfc3339());
        }
    };
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(err) => {
            push_line(
                status,
                format!("cannot start `bullcheck data update`: {err}"),
            );
            finish(UpdateState::Failed, None);
            return;
        }
    };
    // stdout (one line per imported source) on its own thread; stderr (progress) here.
    let stdout_reader = child.stdout.take().map(|out| {
        let status = status.clone();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
                push_line(&status, line);
            }
        })
    });
    if let Some(err) = child.stderr.take() {
        for line in std::io::BufReader::new(err).lines().map_while(Result::ok) {
            push_line(status, line);
        }
    }
    if let Some(reader) = stdout_reader {
        let _ = reader.join();
    }
    match child.wait() {
        Ok(exit) if exit.success() => finish(UpdateState::Finished, exit.code()),
        Ok(exit) => finish(UpdateState::Failed, exit.code()),
        Err(err) => {
            push_line(
                status,
                format!("waiting for `bullcheck data update`: {err}"),
            );
            finish(UpdateState::Failed, None);
        }
    }
}
