//! Help-center articles in English, Korean and Russian. Some frequent topics have none on
//! purpose, so a knowledge-base gap analysis has something to find.

use rand::Rng;

use super::calendar::DAY;
use super::config::{ARTICLE_ID_BASE, HC_BASE_URL, SECTION_ID_BASE};
use super::names::Lang;
use super::sample::{lognormal, DemoRng};
use super::text::{article, phrases};
use super::topics::{Topic, TOPICS};
use crate::store::records::Article;

/// Help-center section of a topic's article (sections themselves are not stored).
fn section(topic: Topic) -> i64 {
    use Topic as T;
    SECTION_ID_BASE
        + match topic {
            T::LoginProblem | T::PasswordReset | T::TwoFactor | T::LoginOutage => 1,
            T::DoubleCharge | T::RefundRequest | T::InvoiceQuestion => 2,
            T::ShippingDelay => 3,
            T::AppCrash => 4,
            T::ApiErrors | T::IntegrationSync | T::SlowPerformance => 5,
            T::FeatureRequest | T::AccountDeletion | T::OnboardingSetup => 6,
        }
}

/// Section of the general articles ("Getting started", contact hours).
const GENERAL_SECTION: i64 = SECTION_ID_BASE + 7;

/// Every article, ids in a fixed order: topic articles by language, then general ones.
pub(super) fn articles(rng: &mut DemoRng, start: i64) -> Vec<Article> {
    let mut out = Vec::new();
    let mut add =
        |rng: &mut DemoRng, lang: Lang, title: String, body: String, section, weight: f64| {
            let id = ARTICLE_ID_BASE + 1 + out.len() as i64;
            // Popular topics collect more votes; most votes are up.
            let vote_count =
                (lognormal(rng, 40.0 * weight, 0.6) * [1.0, 0.45, 0.3][lang.index()]) as i64;
            let up_share: f64 = rng.gen_range(0.6..0.95);
            let vote_sum = (vote_count as f64 * (2.0 * up_share - 1.0)).round() as i64;
            let created_at = start - rng.gen_range(30..700) * DAY;
            let updated_at = created_at + rng.gen_range(0..(start - created_at) / DAY + 1) * DAY;
            out.push(Article {
                id,
                title,
                body,
                locale: Some(lang.hc_locale().to_owned()),
                section_id: Some(section),
                vote_sum: Some(vote_sum),
                vote_count: Some(vote_count),
                html_url: Some(format!(
                    "{HC_BASE_URL}/hc/{}/articles/{id}",
                    lang.hc_locale()
                )),
                created_at: Some(created_at),
                updated_at: Some(updated_at),
            });
        };
    for spec in &TOPICS {
        for lang in Lang::ALL {
            if let Some((title, body)) = article(lang, spec.topic) {
                add(
                    rng,
                    lang,
                    title,
                    body,
                    section(spec.topic),
                    spec.weight / 6.0 + 0.3,
                );
            }
        }
    }
    for lang in Lang::ALL {
        for (title, body) in phrases(lang).general_articles {
            add(
                rng,
                lang,
                (*title).to_owned(),
                (*body).to_owned(),
                GENERAL_SECTION,
                2.0,
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::sample::stream;

    #[test]
    fn about_forty_articles_with_unique_ids_in_three_locales() {
        let list = articles(&mut stream(1, 1), 1_700_000_000);
        assert!((36..=44).contains(&list.len()), "{} articles", list.len());
        let mut ids: Vec<i64> = list.iter().map(|a| a.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), list.len(), "article ids must be unique");
        for locale in ["en-us", "ko", "ru"] {
            assert!(
                list.iter().any(|a| a.locale.as_deref() == Some(locale)),
                "{locale}"
            );
        }
        for a in &list {
            assert!(a.vote_sum.unwrap_or(0).abs() <= a.vote_count.unwrap_or(0));
            assert!(a.created_at <= a.updated_at && a.updated_at <= Some(1_700_000_000));
            let url = a.html_url.as_deref().unwrap_or("");
            assert!(url.ends_with(&a.id.to_string()), "{url}");
        }
    }
}
