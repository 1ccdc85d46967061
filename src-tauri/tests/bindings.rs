//! TypeScript types for IPC, generated from the Rust types with ts-rs into
//! `ui/src/lib/ipc/bindings`. A test fails when the committed files drift; regenerate
//! them with `UPDATE_BINDINGS=1 cargo test --workspace bindings`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::{Config, ExportError, TS};

use deskbench::analytics::anomalies::report::AnomalyReport;
use deskbench::analytics::flow::tickets::FlowTickets;
use deskbench::analytics::forecast::ForecastRequest;
use deskbench::analytics::query::report::KpiReport;
use deskbench::analytics::views::catalogue::{DimensionOption, DimensionValue};
use deskbench::analytics::views::drill::{TicketList, TicketListRequest};
use deskbench::analytics::views::overview::OverviewRequest;
use deskbench::analytics::views::people::PeopleTable;
use deskbench::analytics::KpiRequest;
use deskbench::charts::{ChartSpec, RenderOptions};
use deskbench::export::{ExportFormat, ExportProgress, FeedbackTable};
use deskbench::feedback::anomalies::ThemeAnomalyReport;
use deskbench::feedback::FeedbackRequest;
use deskbench::store::SyncRun;
use deskbench::workspace::{SourceView, WorkspaceInfo};

use deskbench::app::explore::{ChartRequest, KpiChart, ValueScope};
use deskbench::app::export::{ExportDone, ExportSource};
use deskbench::app::feedback::{FeedbackScreen, FeedbackTickets};
use deskbench::app::flow::{BacklogScreen, FlowScreen};
use deskbench::app::forecast::{ForecastScreen, StaffingScreen, StaffingSettings};
use deskbench::app::image::ImageFormat;
use deskbench::app::import::ImportProgress;
use deskbench::app::import_dialog::{ImportChoice, ImportOptions, PickedFile};
use deskbench::app::import_view::ImportView;
use deskbench::app::ipc_error::IpcError;
use deskbench::app::overview::OverviewScreen;
use deskbench::app::sources::{ConnectRequest, ConnectionCheck};
use deskbench::app::sync::{SourceSyncResult, SyncProgress};

/// Writes every IPC type (and the types they use) into `dir`.
fn export_all(dir: &Path) -> Result<(), ExportError> {
    let config = Config::new().with_out_dir(dir);
    WorkspaceInfo::export_all(&config)?;
    OverviewRequest::export_all(&config)?;
    OverviewScreen::export_all(&config)?;
    KpiRequest::export_all(&config)?;
    KpiReport::export_all(&config)?;
    ChartRequest::export_all(&config)?;
    KpiChart::export_all(&config)?;
    TicketListRequest::export_all(&config)?;
    TicketList::export_all(&config)?;
    DimensionOption::export_all(&config)?;
    DimensionValue::export_all(&config)?;
    ValueScope::export_all(&config)?;
    PeopleTable::export_all(&config)?;
    BacklogScreen::export_all(&config)?;
    FlowScreen::export_all(&config)?;
    FlowTickets::export_all(&config)?;
    AnomalyReport::export_all(&config)?;
    ThemeAnomalyReport::export_all(&config)?;
    ForecastRequest::export_all(&config)?;
    ForecastScreen::export_all(&config)?;
    StaffingSettings::export_all(&config)?;
    StaffingScreen::export_all(&config)?;
    FeedbackRequest::export_all(&config)?;
    FeedbackScreen::export_all(&config)?;
    FeedbackTickets::export_all(&config)?;
    FeedbackTable::export_all(&config)?;
    IpcError::export_all(&config)?;
    SourceView::export_all(&config)?;
    ConnectRequest::export_all(&config)?;
    ConnectionCheck::export_all(&config)?;
    SyncProgress::export_all(&config)?;
    SourceSyncResult::export_all(&config)?;
    SyncRun::export_all(&config)?;
    ExportSource::export_all(&config)?;
    ExportFormat::export_all(&config)?;
    ExportProgress::export_all(&config)?;
    ExportDone::export_all(&config)?;
    ChartSpec::export_all(&config)?;
    RenderOptions::export_all(&config)?;
    ImageFormat::export_all(&config)?;
    PickedFile::export_all(&config)?;
    ImportOptions::export_all(&config)?;
    ImportChoice::export_all(&config)?;
    ImportProgress::export_all(&config)?;
    ImportView::export_all(&config)?;
    Ok(())
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read_to_string(e.path()).unwrap_or_default())
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn committed_bindings_match_the_rust_types() {
    let committed = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/ipc/bindings");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        export_all(&committed).expect("bindings are written");
    }
    let fresh = tempfile::tempdir().expect("a temporary folder");
    export_all(fresh.path()).expect("bindings are generated");
    assert_eq!(
        read_dir(&committed),
        read_dir(fresh.path()),
        "ui/src/lib/ipc/bindings is out of date: run UPDATE_BINDINGS=1 cargo test --workspace bindings"
    );
}
