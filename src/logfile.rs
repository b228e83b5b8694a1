//! The external JSON log sink: an append-only file that can be reopened in
//! place (SIGHUP after logrotate) and reports whether it is open. It only
//! writes what tracing hands it; it never prints and never installs signal
//! handlers itself (long-running commands decide when to call `reopen`).

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// A reopenable log file shared by the tracing layer and whoever handles SIGHUP.
#[derive(Debug)]
pub struct LogFile {
    path: PathBuf,
    state: Mutex<State>,
    /// Lines dropped because the file was closed or a write failed.
    dropped: AtomicU64,
    reopens: AtomicU64,
}

#[derive(Debug)]
struct State {
    file: Option<File>,
    last_error: Option<String>,
}

/// What the health check reports about the sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinkStatus {
    pub path: PathBuf,
    pub open: bool,
    pub last_error: Option<String>,
    pub dropped_lines: u64,
    pub reopens: u64,
}

impl LogFile {
    /// Try to open `path` for appending (created 0640). The handle exists
    /// even when opening fails, so a later `reopen` (after the operator
    /// fixed the directory) can still start logging.
    pub fn open(path: &Path) -> (Arc<LogFile>, Option<io::Error>) {
        let (file, err) = match open_append(path) {
            Ok(f) => (Some(f), None),
            Err(e) => (None, Some(e)),
        };
        let sink = Arc::new(LogFile {
            path: path.to_path_buf(),
            state: Mutex::new(State {
                file,
                last_error: err.as_ref().map(|e| e.to_string()),
            }),
            dropped: AtomicU64::new(0),
            reopens: AtomicU64::new(0),
        });
        (sink, err)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Close and open the path again: after logrotate moved the file away,
    /// new lines go to the new file. On failure the sink stays closed.
    pub fn reopen(&self) -> io::Result<()> {
        let mut st = self.lock();
        if let Some(f) = st.file.as_mut() {
            let _ = f.flush();
        }
        st.file = None;
        self.reopens.fetch_add(1, Ordering::Relaxed);
        match open_append(&self.path) {
            Ok(f) => {
                st.file = Some(f);
                st.last_error = None;
                Ok(())
            }
            Err(e) => {
                st.last_error = Some(e.to_string());
                Err(e)
            }
        }
    }

    pub fn status(&self) -> SinkStatus {
        let st = self.lock();
        SinkStatus {
            path: self.path.clone(),
            open: st.file.is_some(),
            last_error: st.last_error.clone(),
            dropped_lines: self.dropped.load(Ordering::Relaxed),
            reopens: self.reopens.load(Ordering::Relaxed),
        }
    }

    /// Write one formatted record. A failed write closes the sink (the
    /// disk may be full or the file gone) until the next reopen, rather than
    /// failing the command that logged.
    fn write_record(&self, buf: &[u8]) {
        let mut st = self.lock();
        let Some(f) = st.file.as_mut() else {
            self.dropped.fetch_add(1, Ordering::Relaxed);
            return;
        };
        if let Err(e) = f.write_all(buf) {
            st.last_error = Some(e.to_string());
            st.file = None;
            self.dropped.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves a usable state behind: keep going.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn open_append(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o640)
        .open(path)
}

/// The `MakeWriter` for tracing-subscriber: one writer per event that hands
/// the whole formatted line to the file in a single `write_all`, so lines
/// from different threads never interleave.
#[derive(Debug, Clone)]
pub struct LogFileWriter(pub Arc<LogFile>);

pub struct RecordWriter {
    sink: Arc<LogFile>,
    buf: Vec<u8>,
}

impl Write for RecordWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for RecordWriter {
    fn drop(&mut self) {
        if !self.buf.is_empty() {
            self.sink.write_record(&self.buf);
        }
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for LogFileWriter {
    type Writer = RecordWriter;

    fn make_writer(&'a self) -> Self::Writer {
        RecordWriter {
            sink: self.0.clone(),
            buf: Vec::with_capacity(256),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing_subscriber::fmt::MakeWriter;

    #[test]
    fn reopen_follows_a_rotated_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("b.log");
        let (sink, err) = LogFile::open(&p);
        assert!(err.is_none());
        let w = LogFileWriter(sink.clone());
        writeln!(w.make_writer(), "one").unwrap();
        std::fs::rename(&p, dir.path().join("b.log.1")).unwrap();
        writeln!(w.make_writer(), "two").unwrap();
        sink.reopen().unwrap();
        writeln!(w.make_writer(), "three").unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("b.log.1")).unwrap(),
            "one\ntwo\n"
        );
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "three\n");
        assert_eq!(sink.status().reopens, 1);
    }

    #[test]
    fn a_sink_that_cannot_open_reports_it_and_recovers() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing/b.log");
        let (sink, err) = LogFile::open(&p);
        assert!(err.is_some());
        let st = sink.status();
        assert!(!st.open);
        assert!(st.last_error.is_some());
        writeln!(LogFileWriter(sink.clone()).make_writer(), "lost").unwrap();
        assert_eq!(sink.status().dropped_lines, 1);
        std::fs::create_dir(dir.path().join("missing")).unwrap();
        sink.reopen().unwrap();
        assert!(sink.status().open);
    }
}
