//! Several breakdowns in one query: each dimension's groups are those of a query by that
//! dimension alone, under the dimension's name, with one total; one `--by` keeps the
//! single-breakdown shape.

use deskbench::analytics::frame::dimension::Dimension;
use deskbench::analytics::query::breakdowns::run_breakdowns;
use deskbench::analytics::{run, Frame, KpiRequest};
use deskbench::demo::DemoConfig;
use deskbench::workspace::Workspace;

use crate::cli::{demo_workspace, deskbench, stderr};

fn request(by: Option<&str>) -> KpiRequest {
    KpiRequest {
        from: Some("2025-10-01".into()),
        to: Some("2025-12-31".into()),
        every: Some("month".into()),
        by: by.map(str::to_owned),
        filters: vec!["priority=high".into(), "priority=urgent".into()],
        ..KpiRequest::default()
    }
}

#[test]
fn each_breakdown_equals_a_query_by_that_dimension_alone() {
    let dir = tempfile::tempdir().unwrap();
    let config = DemoConfig {
        tickets: 1500,
        months: 6,
        now: 1_767_225_600,
        ..DemoConfig::default()
    };
    let (workspace, _) = Workspace::create_demo(dir.path(), &config, &mut |_| {}).unwrap();
    let frame = Frame::build(workspace.store()).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let tz = workspace.time_zone().unwrap();
    let dims = [
        Dimension::Channel,
        Dimension::Tag,
        Dimension::Group,
        Dimension::Tag,
    ];
    let query = request(None).resolve(today, tz).unwrap();
    let report = run_breakdowns(&frame, &query, &dims).unwrap();

    assert_eq!(
        report.by,
        ["channel", "tag", "group"],
        "in order, once each"
    );
    let alone = run(&frame, &query).unwrap();
    assert_eq!(report.total.kpis, alone.kpis, "the total of the query");
    assert_eq!(report.total.series, alone.series);
    for (name, groups) in &report.groups.0 {
        let by_one = run(&frame, &request(Some(name)).resolve(today, tz).unwrap()).unwrap();
        assert_eq!(Some(groups), by_one.groups.as_ref(), "{name}");
        assert!(!groups.is_empty(), "{name}: the demo has groups");
    }
}

#[test]
fn kpi_with_several_by_keys_groups_by_dimension_and_one_by_keeps_its_shape() {
    let ws = demo_workspace();
    let range = ["kpi", "--from", "2025-01-01", "--to", "2025-03-31"];
    let run = |extra: &[&str]| {
        let out = deskbench(ws.path(), &[&range[..], extra].concat());
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let both = run(&["--by", "channel", "--by", "group"]);
    let channel = run(&["--by", "channel"]);
    let group = run(&["--by", "group"]);
    assert_eq!(both["by"], serde_json::json!(["channel", "group"]));
    assert_eq!(both["groups"]["channel"], channel["groups"]);
    assert_eq!(both["groups"]["group"], group["groups"]);
    assert_eq!(both["kpis"], channel["kpis"]);
    assert_eq!(channel["by"], "channel", "one --by: today's shape");
    assert!(channel["groups"].is_array());

    let csv = deskbench(
        ws.path(),
        &[
            &range[..],
            &["--by", "channel", "--by", "tag", "--format", "csv"],
        ]
        .concat(),
    );
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("by,group,label,period,"), "{csv}");
    assert!(csv.lines().nth(1).unwrap().starts_with(",,(all),"), "{csv}");
    assert!(
        csv.lines().any(|l| l.starts_with("channel,email,")),
        "{csv}"
    );
    assert!(csv.lines().any(|l| l.starts_with("tag,")), "{csv}");

    let refused = deskbench(
        ws.path(),
        &[
            "tickets",
            "--of",
            "tickets_created",
            "--by",
            "channel",
            "--by",
            "group",
        ],
    );
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("only `kpi`"),
        "{}",
        stderr(&refused)
    );
}
