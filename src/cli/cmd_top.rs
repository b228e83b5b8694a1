//! `bangui top`: a live view drawn with ratatui on crossterm. It refuses to
//! start without a terminal, and restores the terminal on every way out: `q`,
//! Esc, Ctrl-C, SIGINT, SIGTERM, SIGHUP, an error, or a panic.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Row, Table};
use ratatui::{DefaultTerminal, Frame};

use bangui::error::Outcome;
use bangui::insight::top::{self, Snapshot, Trend};
use bangui::util::{format_duration, now_unix, rfc3339};
use bangui::{Error, Result};

use super::app::App;
use super::args::TopArgs;
use super::output::Report;

/// How often keys and signals are looked at between refreshes.
const TICK: Duration = Duration::from_millis(100);

pub fn run(app: &App, a: TopArgs) -> Result<Report> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Error::Usage("top needs a terminal".into()).with_hint(
            "for scripts use `bangui status --json`, `bangui banned --json` or `bangui jobs list --json`",
        ));
    }
    // Signals set a number instead of killing the process, so the terminal
    // is restored before we leave.
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register_usize(sig, signal.clone(), sig as usize)
            .map_err(|e| Error::Other(format!("installing a signal handler: {e}")))?;
    }
    let mut client = app.client()?;
    let conn = if app.cfg.database.path.exists() {
        Some(app.db()?)
    } else {
        None
    };
    // Raw mode and the alternate screen, with a panic hook that restores
    // the terminal first.
    let mut terminal = ratatui::try_init().map_err(|e| {
        ratatui::restore();
        Error::io("setting up the terminal", "/dev/tty", e)
    })?;
    let result = run_loop(
        &mut terminal,
        &mut client,
        conn.as_deref(),
        app,
        &a,
        &signal,
    );
    ratatui::restore();
    let outcome = match signal.load(Ordering::SeqCst) {
        s if s == signal_hook::consts::SIGINT as usize => Outcome::Stopped { sigint: true },
        s if s == signal_hook::consts::SIGTERM as usize => Outcome::Stopped { sigint: false },
        s if s == signal_hook::consts::SIGHUP as usize => Outcome::Failed,
        _ => Outcome::Ok,
    };
    result?;
    Ok(Report::streamed("top").with_outcome(outcome))
}

fn run_loop(
    terminal: &mut DefaultTerminal,
    client: &mut bangui::fail2ban::Client,
    conn: Option<&rusqlite::Connection>,
    app: &App,
    a: &TopArgs,
    signal: &AtomicUsize,
) -> Result<()> {
    let interval = Duration::from_secs(a.interval);
    let mut trend = Trend::default();
    let mut last: Option<Instant> = None;
    let mut snap: Option<Snapshot> = None;
    let io = |e: std::io::Error| Error::io("drawing the terminal", "/dev/tty", e);
    loop {
        if signal.load(Ordering::SeqCst) != 0 {
            return Ok(());
        }
        if last.is_none_or(|t| t.elapsed() >= interval) {
            snap = Some(top::snapshot(
                client,
                conn,
                &app.cfg,
                &mut trend,
                now_unix(),
                10,
            )?);
            last = Some(Instant::now());
            if let Some(s) = &snap {
                terminal.draw(|f| draw(f, s, a.interval)).map_err(io)?;
            }
        }
        if event::poll(TICK).map_err(io)? {
            match event::read().map_err(io)? {
                Event::Key(k) if k.kind == KeyEventKind::Press => {
                    let ctrl_c =
                        k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL);
                    if matches!(k.code, KeyCode::Char('q') | KeyCode::Esc) || ctrl_c {
                        return Ok(());
                    }
                }
                Event::Resize(..) => {
                    if let Some(s) = &snap {
                        terminal.draw(|f| draw(f, s, a.interval)).map_err(io)?;
                    }
                }
                _ => {}
            }
        }
    }
}

fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

fn clean(s: &str) -> String {
    bangui::util::sanitize(s)
}

fn draw(f: &mut Frame<'_>, s: &Snapshot, interval: u64) {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    let [title, jails, newest, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Max(s.jails.len() as u16 + 3),
        Constraint::Min(5),
        Constraint::Length(s.jobs.len().max(s.feeds.len()) as u16 + 3),
    ])
    .areas(f.area());
    f.render_widget(
        Line::from(format!(
            "bangui top — {} — every {interval}s — q quits",
            rfc3339(s.at)
        ))
        .style(bold),
        title,
    );
    let rows = s.jails.iter().map(|j| {
        Row::new(vec![
            clean(&j.jail),
            j.failed.to_string(),
            signed(j.failed_change),
            j.banned.to_string(),
            signed(j.banned_change),
        ])
    });
    f.render_widget(
        Table::new(
            rows,
            [
                Constraint::Fill(3),
                Constraint::Length(8),
                Constraint::Length(8),
                Constraint::Length(8),
                Constraint::Length(8),
            ],
        )
        .header(Row::new(["JAIL", "FAILED", "Δ1m", "BANNED", "Δ1m"]).style(bold))
        .block(Block::default().borders(Borders::ALL).title("Jails")),
        jails,
    );
    let rows = s.newest.iter().map(|b| {
        Row::new(vec![
            rfc3339(b.banned_at),
            clean(&b.jail),
            clean(&b.ip),
            b.country_code.clone().unwrap_or_else(|| "-".into()),
        ])
    });
    f.render_widget(
        Table::new(
            rows,
            [
                Constraint::Length(21),
                Constraint::Fill(2),
                Constraint::Fill(3),
                Constraint::Length(8),
            ],
        )
        .header(Row::new(["BANNED AT", "JAIL", "IP", "COUNTRY"]).style(bold))
        .block(Block::default().borders(Borders::ALL).title("Newest bans")),
        newest,
    );
    let [jobs, feeds] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).areas(bottom);
    let rows = s.jobs.iter().map(|j| {
        Row::new(vec![
            j.name.clone(),
            j.last_status.clone().unwrap_or_else(|| "never".into()),
            match j.next_due_at {
                Some(t) if t > s.at => format!("in {}", format_duration(t - s.at)),
                _ => "due".into(),
            },
        ])
    });
    f.render_widget(
        Table::new(
            rows,
            [
                Constraint::Fill(2),
                Constraint::Fill(1),
                Constraint::Fill(1),
            ],
        )
        .header(Row::new(["JOB", "LAST", "NEXT"]).style(bold))
        .block(Block::default().borders(Borders::ALL).title("Jobs")),
        jobs,
    );
    let rows = s.feeds.iter().map(|x| {
        Row::new(vec![
            clean(&x.name),
            clean(&x.jail),
            x.entries.to_string(),
            format!(
                "{}{}",
                x.last_status.clone().unwrap_or_else(|| "never".into()),
                if x.stale { " (stale)" } else { "" }
            ),
        ])
    });
    f.render_widget(
        Table::new(
            rows,
            [
                Constraint::Fill(2),
                Constraint::Fill(2),
                Constraint::Length(8),
                Constraint::Fill(2),
            ],
        )
        .header(Row::new(["FEED", "JAIL", "ENTRIES", "LAST"]).style(bold))
        .block(Block::default().borders(Borders::ALL).title("Feeds")),
        feeds,
    );
}
