//! Data export from any screen: a chart's data (the spec it is drawn from), every ticket
//! of a list, or a table of the Feedback screen's report, as CSV, XLSX or Parquet, to a
//! path the user picks. Progress streams
//! over a channel; `cancel_export` stops it and leaves no file. One export at a time.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use ts_rs::TS;

use deskbench::analytics::views::drill::TicketListRequest;
use deskbench::analytics::views::overview::PeriodPreset;
use deskbench::charts::ChartSpec;
use deskbench::export::{
    self, ExportError, ExportFormat, ExportProgress, FeedbackTable, TicketTable,
};
use deskbench::workspace::Workspace;

use super::explore::{apply_period, check_list, check_text};
use super::feedback::{self as feedback_screen, FeedbackTickets};
use super::save_dialog::{ask_save_path, FileKind};
use super::{blocking, with_loaded};
use crate::error::IpcError;
use crate::state::{AppState, SharedFeedback, SharedWorkspace};

/// What to export.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExportSource {
    /// The data of a chart, exactly as drawn.
    Chart { spec: ChartSpec },
    /// Every ticket of a list (its offset and limit are ignored); `period`, when given,
    /// sets the range as for `kpi_report`.
    Tickets {
        #[serde(default)]
        #[ts(optional)]
        period: Option<PeriodPreset>,
        // Boxed only to keep the enum small.
        request: Box<TicketListRequest>,
    },
    /// A table of the Feedback screen's last report.
    Feedback { table: FeedbackTable },
    /// Every ticket of a theme or a repetitive-ticket cluster of that report, in the
    /// list's order and search.
    FeedbackTickets {
        what: FeedbackTickets,
        sort: Option<String>,
        search: Option<String>,
    },
}

/// A written export.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportDone {
    /// Where the file is, to show the user.
    pub path: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// Asks where to save, then writes the export there. `None` when the user dismisses the
/// dialog or cancels the export; either way nothing is written.
#[tauri::command]
pub async fn export_data(
    what: ExportSource,
    format: ExportFormat,
    suggested_name: String,
    on_progress: Channel<ExportProgress>,
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<ExportDone>, IpcError> {
    validate(&what)?;
    check_text(&suggested_name)?;
    let cancel = claim(&state)?;
    let (dir, shared, last) = (state.dir(), state.loaded.clone(), state.feedback.clone());
    let flag = cancel.clone();
    let result = blocking(move || {
        let kind = file_kind(format);
        let Some(path) = ask_save_path(&app, &suggested_name, &kind)? else {
            return Ok(None);
        };
        // A closed window cannot listen any more; the export goes on regardless.
        let mut progress = |p| {
            let _ = on_progress.send(p);
        };
        let sources = Sources {
            workspace: &shared,
            feedback: &last,
            dir: &dir?,
        };
        write(&sources, what, format, &path, &flag, &mut progress)
    })
    .await;
    if let Ok(mut running) = state.export.lock() {
        *running = None;
    }
    result
}

/// Stops the running export; its file is not written and an older one stays as it was.
#[tauri::command]
pub fn cancel_export(state: State<'_, AppState>) {
    if let Ok(running) = state.export.lock() {
        if let Some(cancel) = running.as_ref() {
            cancel.store(true, Ordering::Relaxed);
        }
    }
}

/// Marks an export as running and returns its cancel flag; refuses a second one.
fn claim(state: &AppState) -> Result<Arc<AtomicBool>, IpcError> {
    let mut running = state
        .export
        .lock()
        .map_err(|_| IpcError::internal("the export lock is poisoned"))?;
    if running.is_some() {
        return Err(IpcError::invalid_input("an export is already running"));
    }
    let cancel = Arc::new(AtomicBool::new(false));
    *running = Some(cancel.clone());
    Ok(cancel)
}

/// Sizes and texts of what the web view sent; the spec's shape is checked by the core.
fn validate(what: &ExportSource) -> Result<(), IpcError> {
    match what {
        ExportSource::Chart { spec } => {
            check_text(&spec.title)?;
            spec.subtitle.iter().try_for_each(check_text)?;
            let keys = spec.x.keys.iter().flatten().flatten();
            let names = spec.series.iter().map(|s| &s.name);
            spec.x
                .labels
                .iter()
                .chain(keys)
                .chain(names)
                .try_for_each(check_text)
        }
        ExportSource::Tickets { request, .. } => check_list(request),
        ExportSource::Feedback { .. } => Ok(()),
        ExportSource::FeedbackTickets { what, sort, search } => {
            feedback_screen::list_order(what, sort.as_deref(), 0, None, search.as_deref()).map(drop)
        }
    }
}

fn file_kind(format: ExportFormat) -> FileKind {
    let label = match format {
        ExportFormat::Csv => "CSV table",
        ExportFormat::Xlsx => "Excel workbook",
        ExportFormat::Parquet => "Parquet table",
    };
    FileKind {
        label,
        extension: format.extension(),
    }
}

/// Where exports read from: the open workspace, the last feedback report, and the
/// workspace's folder (for a connection of the export's own).
struct Sources<'a> {
    workspace: &'a SharedWorkspace,
    feedback: &'a SharedFeedback,
    dir: &'a Path,
}

/// Writes the export to `path`. Tickets are read through a connection of their own, so
/// other commands use the workspace meanwhile.
fn write(
    sources: &Sources,
    what: ExportSource,
    format: ExportFormat,
    path: &Path,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<Option<ExportDone>, IpcError> {
    let result = match what {
        ExportSource::Chart { spec } => {
            let mut table = export::chart_table(&spec)?;
            export::export(&mut table, format, path, cancel, progress)
        }
        ExportSource::Tickets {
            period,
            mut request,
        } => {
            let (frame, list) = with_loaded(sources.workspace, |loaded| {
                let (today, tz) = apply_period(loaded, period.as_ref(), &mut request.query)?;
                Ok((loaded.frame.clone(), request.resolve(today, tz)?))
            })?;
            let workspace = Workspace::open(sources.dir)?;
            let mut table = TicketTable::new(&frame, workspace.store(), &list)?;
            export::export(&mut table, format, path, cancel, progress)
        }
        ExportSource::Feedback { table } => {
            let run = feedback_screen::current(sources.feedback)?;
            let mut table = export::feedback_table(&run.report, table, run.tz);
            export::export(&mut table, format, path, cancel, progress)
        }
        ExportSource::FeedbackTickets { what, sort, search } => {
            let order =
                feedback_screen::list_order(&what, sort.as_deref(), 0, None, search.as_deref())?;
            let run = feedback_screen::current(sources.feedback)?;
            let keys = feedback_screen::keys_of(&run.report, &what)?;
            let frame = with_loaded(sources.workspace, |loaded| Ok(loaded.frame.clone()))?;
            let workspace = Workspace::open(sources.dir)?;
            let mut table =
                TicketTable::of_tickets(&frame, workspace.store(), keys, &order, run.tz)?;
            export::export(&mut table, format, path, cancel, progress)
        }
    };
    match result {
        Ok(done) => Ok(Some(ExportDone {
            path: path.to_string_lossy().into_owned(),
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            rows: done.rows,
            bytes: done.bytes,
        })),
        Err(ExportError::Cancelled) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

#[cfg(test)]
mod tests {
    use deskbench::charts::{ChartKind, ChartSeries, Unit, XAxis, XKind};

    use super::*;
    use crate::commands::testing::demo;
    use crate::error::ErrorCode;

    /// Exports read from the workspace in `dir` and the feedback report in `last`.
    fn sources<'a>(
        dir: &'a Path,
        shared: &'a SharedWorkspace,
        last: &'a SharedFeedback,
    ) -> Sources<'a> {
        Sources {
            workspace: shared,
            feedback: last,
            dir,
        }
    }

    fn chart() -> ChartSpec {
        ChartSpec {
            kind: ChartKind::Bar,
            title: "Tickets created".into(),
            subtitle: None,
            x: XAxis {
                kind: XKind::Text,
                labels: vec!["email".into(), "=cmd".into()],
                keys: None,
            },
            unit: Unit::Count,
            series: vec![ChartSeries {
                name: "All tickets".into(),
                values: vec![Some(3.0), Some(4.0)],
                samples: None,
                band: None,
                group: None,
                dashed: false,
            }],
        }
    }

    #[test]
    fn a_chart_and_a_ticket_list_are_written_where_asked() {
        let (dir, shared) = demo();
        let out = dir.path().join("chart.csv");
        let never = AtomicBool::new(false);
        let spec = ExportSource::Chart { spec: chart() };
        let done = write(
            &sources(dir.path(), &shared, &SharedFeedback::default()),
            spec,
            ExportFormat::Csv,
            &out,
            &never,
            &mut |_| {},
        )
        .unwrap()
        .expect("not cancelled");
        assert_eq!((done.rows, done.file_name.as_str()), (2, "chart.csv"));
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(
            text.contains("'=cmd,4"),
            "a formula-like label is neutralised: {text}"
        );

        let tickets = ExportSource::Tickets {
            period: Some(PeriodPreset::Last90Days),
            request: Box::new(TicketListRequest {
                kpi: "tickets_created".into(),
                limit: Some(5),
                ..TicketListRequest::default()
            }),
        };
        let out = dir.path().join("tickets.xlsx");
        let mut last = None;
        let done = write(
            &sources(dir.path(), &shared, &SharedFeedback::default()),
            tickets,
            ExportFormat::Xlsx,
            &out,
            &never,
            &mut |p| last = Some(p),
        )
        .unwrap()
        .expect("not cancelled");
        assert!(done.rows > 5, "the whole list, not one page of 5");
        assert_eq!(
            last.map(|p| (p.rows, p.total)),
            Some((done.rows, done.rows))
        );
        assert!(out.is_file());
    }

    #[test]
    fn a_cancelled_export_writes_nothing_and_bad_input_is_refused() {
        let (dir, shared) = demo();
        let out = dir.path().join("chart.parquet");
        let cancelled = AtomicBool::new(true);
        let spec = ExportSource::Chart { spec: chart() };
        let none = write(
            &sources(dir.path(), &shared, &SharedFeedback::default()),
            spec,
            ExportFormat::Parquet,
            &out,
            &cancelled,
            &mut |_| {},
        );
        assert!(none.unwrap().is_none());
        assert!(!out.exists());

        let mut short = chart();
        short.series[0].values.pop();
        let err = write(
            &sources(dir.path(), &shared, &SharedFeedback::default()),
            ExportSource::Chart { spec: short },
            ExportFormat::Csv,
            &out,
            &AtomicBool::new(false),
            &mut |_| {},
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
        let mut long = chart();
        long.title = "x".repeat(5_000);
        assert!(validate(&ExportSource::Chart { spec: long }).is_err());
    }

    #[test]
    fn feedback_tables_and_a_theme_s_tickets_are_written_from_the_last_report() {
        let (dir, shared) = demo();
        let last = SharedFeedback::default();
        let out = dir.path().join("themes.csv");
        let never = AtomicBool::new(false);
        let themes = || ExportSource::Feedback {
            table: FeedbackTable::Themes,
        };
        let from = sources(dir.path(), &shared, &last);
        let write =
            |what, out: &Path| write(&from, what, ExportFormat::Csv, out, &never, &mut |_| {});
        let err = write(themes(), &out).unwrap_err();
        assert_eq!(
            err.code,
            ErrorCode::InvalidInput,
            "no report yet: {}",
            err.message
        );

        let screen = feedback_screen::screen(
            &shared,
            &last,
            dir.path(),
            &PeriodPreset::Last90Days,
            Default::default(),
        )
        .unwrap();
        let done = write(themes(), &out).unwrap().expect("not cancelled");
        assert_eq!(done.rows as usize, screen.report.themes.len());
        let theme = &screen.report.themes[0];
        let tickets = ExportSource::FeedbackTickets {
            what: FeedbackTickets::Theme(theme.id.clone()),
            sort: Some("id".into()),
            search: None,
        };
        let out = dir.path().join("theme.csv");
        let done = write(tickets, &out).unwrap().expect("not cancelled");
        assert_eq!(done.rows, theme.count, "every ticket of the theme");
        let long = ExportSource::FeedbackTickets {
            what: FeedbackTickets::Duplicate("x".repeat(5_000)),
            sort: None,
            search: None,
        };
        assert!(validate(&long).is_err());
    }
}
