//! Lists read whole every run (Freshdesk has no changed-since filter for them): agents,
//! companies, products and the knowledge base's published articles. Each is written in
//! one transaction once read, so an interrupted list is simply read again.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{FreshdeskSyncError, Run, Stop};
use crate::sources::freshdesk::convert::{self, Invalid};
use crate::sources::freshdesk::dto::{AgentDto, ArticleDto, NamedDto};
use crate::sources::freshdesk::streams::full_list;
use crate::store::records::NamedKind;
use crate::store::Writer;

pub(super) async fn refresh(run: &mut Run<'_>) -> Result<(), FreshdeskSyncError> {
    let result = pull(run, "agents", "agents", |w, id, dto: AgentDto| {
        Ok(w.upsert_user(id, &convert::agent(dto)?)?)
    })
    .await;
    run.ended("agents", result)?;
    for (stream, kind) in [
        ("companies", NamedKind::Organization),
        ("products", NamedKind::Brand),
    ] {
        let result = pull(run, stream, stream, |w, id, dto: NamedDto| {
            Ok(w.upsert_named(id, kind, &convert::named(dto))?)
        })
        .await;
        run.ended(stream, result)?;
    }
    Ok(())
}

/// Published articles, category by category and folder by folder.
pub(super) async fn articles(run: &mut Run<'_>) -> Result<(), FreshdeskSyncError> {
    const STREAM: &str = "articles";
    let result = async {
        let mut articles = Vec::new();
        let categories = run
            .read_all(
                STREAM,
                full_list(run.client.base(), "solutions/categories")?,
            )
            .await?;
        for category in ids(&categories) {
            let path = format!("solutions/categories/{category}/folders");
            let folders = run
                .read_all(STREAM, full_list(run.client.base(), &path)?)
                .await?;
            for folder in ids(&folders) {
                let path = format!("solutions/folders/{folder}/articles");
                articles.extend(
                    run.read_all(STREAM, full_list(run.client.base(), &path)?)
                        .await?,
                );
            }
        }
        Ok::<_, Stop>(articles)
    }
    .await;
    let result = match result {
        Ok(items) => write(
            run,
            STREAM,
            items,
            |w, id, dto: ArticleDto| match convert::article(dto)? {
                Some(article) => Ok(w.upsert_article(id, &article)?),
                None => Ok(()),
            },
        ),
        Err(stop) => Err(stop),
    };
    run.ended(STREAM, result)
}

/// Reads the list at `path` whole, then writes it.
async fn pull<D: DeserializeOwned>(
    run: &mut Run<'_>,
    stream: &'static str,
    path: &str,
    store: impl Fn(&Writer<'_>, i64, D) -> Result<(), Failure>,
) -> Result<(), Stop> {
    let url = full_list(run.client.base(), path)?;
    let items = run.read_all(stream, url).await?;
    write(run, stream, items, store)
}

/// Why one item was not stored: the item (reported and skipped) or the database.
pub(super) enum Failure {
    Invalid(Invalid),
    Store(crate::store::StoreError),
}

impl From<Invalid> for Failure {
    fn from(e: Invalid) -> Failure {
        Failure::Invalid(e)
    }
}

impl From<crate::store::StoreError> for Failure {
    fn from(e: crate::store::StoreError) -> Failure {
        Failure::Store(e)
    }
}

/// Writes a whole list in one transaction; items that cannot be read are reported.
fn write<D: DeserializeOwned>(
    run: &mut Run<'_>,
    stream: &'static str,
    items: Vec<Value>,
    store: impl Fn(&Writer<'_>, i64, D) -> Result<(), Failure>,
) -> Result<(), Stop> {
    let (source_id, run_id) = (run.source_id, run.run_id);
    let w = run.store.write()?;
    let (mut written, mut problems) = (0, 0);
    for item in items {
        let id = item.get("id").map_or_else(|| "?".into(), Value::to_string);
        let outcome = D::deserialize(&item)
            .map_err(|e| Failure::Invalid(Invalid(format!("unreadable record: {e}"))))
            .and_then(|dto| store(&w, source_id, dto));
        match outcome {
            Ok(()) => written += 1,
            Err(Failure::Invalid(Invalid(message))) => {
                problems += 1;
                w.record_problem(run_id, stream, &id, &message)?;
            }
            Err(Failure::Store(e)) => return Err(e.into()),
        }
    }
    w.commit()?;
    run.stored(stream, written, problems);
    Ok(())
}

fn ids(items: &[Value]) -> impl Iterator<Item = i64> + '_ {
    items.iter().filter_map(|v| v.get("id")?.as_i64())
}
