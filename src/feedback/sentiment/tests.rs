//! `score` on small synthetic workspaces built from hand-made tokens.

use super::features::tests::tokens;
use super::*;

/// (praise stems, complaint stems, neutral stems) per language, roughly as the text
/// pipeline stems them.
fn words(lang: Lang) -> [&'static [&'static str]; 3] {
    match lang {
        Lang::En => [
            &["great", "fast", "help", "friend", "solv", "thank"],
            &["slow", "rude", "wait", "broken", "useless", "terribl"],
            &["ticket", "order", "account", "email", "payment", "app"],
        ],
        Lang::Ru => [
            &["отличн", "быстр", "помог", "вежлив", "спасиб", "решил"],
            &["медлен", "груб", "ждал", "сломал", "ужасн", "бесполезн"],
            &["заказ", "аккаунт", "оплат", "приложен", "письм", "тикет"],
        ],
        Lang::Ko => [
            &["친절", "빠르", "해결", "감사", "최고", "만족"],
            &["느리", "불친절", "기다리", "고장", "최악", "답답"],
            &["주문", "계정", "결제", "앱", "메일", "문의"],
        ],
    }
}

/// A fixed pseudo-random number for (doc, slot), so fixtures need no RNG.
fn mix(id: i64, slot: u64) -> u64 {
    let x = (id as u64) ^ slot.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x.wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407)
        >> 33
}

fn pick(list: &[&'static str], id: i64, slot: u64) -> &'static str {
    list.get(mix(id, slot) as usize % list.len())
        .copied()
        .unwrap_or("")
}

/// An owned comment: `docs()` borrows it as a `SentimentDoc`.
struct Comment {
    id: i64,
    lang: Lang,
    text: String,
    tokens: Vec<Token>,
    rating: Option<bool>,
}

fn docs(comments: &[Comment]) -> Vec<SentimentDoc<'_>> {
    comments
        .iter()
        .map(|c| SentimentDoc {
            id: c.id,
            lang: c.lang,
            text: &c.text,
            tokens: &c.tokens,
            rating: c.rating,
        })
        .collect()
}

fn comment(id: i64, lang: Lang, spec: &str, rating: Option<bool>) -> Comment {
    Comment {
        id,
        lang,
        text: String::new(),
        tokens: tokens(spec),
        rating,
    }
}

/// `n` rated comments of `lang` from `first_id` on, 70% good: two words of their class
/// (one in ten picks a word of the other class), two neutral words, two clauses.
/// Complaints say either a complaint word or a negated praise word ("¬помог").
fn rated(lang: Lang, first_id: i64, n: i64) -> Vec<Comment> {
    let [praise, complaint, neutral] = words(lang);
    (first_id..first_id + n)
        .map(|id| {
            let good = mix(id, 0) % 10 < 7;
            let noisy = mix(id, 1).is_multiple_of(10);
            let own = |slot| match (good, mix(id, slot + 10) % 2) {
                (true, _) => pick(praise, id, slot).to_owned(),
                (false, 0) => pick(complaint, id, slot).to_owned(),
                (false, _) => format!("¬{}", pick(praise, id, slot)),
            };
            let second = if noisy {
                pick(if good { complaint } else { praise }, id, 3).to_owned()
            } else {
                own(3)
            };
            let spec = format!(
                "{} {} | {} {}",
                own(2),
                pick(neutral, id, 4),
                second,
                pick(neutral, id, 5)
            );
            comment(id, lang, &spec, Some(good))
        })
        .collect()
}

fn model_of(models: &[SentimentModel], lang: Lang) -> &SentimentModel {
    models.iter().find(|m| m.lang == lang).unwrap()
}

#[test]
fn held_out_comments_are_classified_in_every_language() {
    let mut comments = Vec::new();
    for (k, lang) in Lang::ALL.into_iter().enumerate() {
        comments.extend(rated(lang, 1_000 * k as i64, 300));
    }
    let docs = docs(&comments);
    let (labels, models) = score(&docs);
    assert_eq!(labels.len(), docs.len());
    for lang in Lang::ALL {
        let model = model_of(&models, lang);
        assert_eq!(model.method, SentimentMethod::Classifier, "{model:?}");
        assert_eq!(model.n_train + model.n_test, 300);
        assert!(model.train_good.min(model.train_bad) >= model.min_per_class);
        assert!(
            (40..=80).contains(&model.n_test),
            "about one in five: {model:?}"
        );
        let balanced = model.balanced_accuracy.unwrap();
        assert!(balanced >= 0.85, "{model:?}");
        // The held-out comments' labels agree with their ratings (one in ten is noisy).
        let (mut right, mut total) = (0, 0);
        for (doc, label) in docs.iter().zip(&labels) {
            if doc.lang == lang && evaluation::is_held_out(doc.id) {
                total += 1;
                let expected = if doc.rating == Some(true) {
                    Polarity::Positive
                } else {
                    Polarity::Negative
                };
                right += usize::from(*label == expected);
            }
        }
        assert!(
            right * 10 >= total * 8,
            "{lang:?}: {right} of {total} right"
        );
    }
    // English texts are empty here, so VADER calls every test comment bad.
    let english = model_of(&models, Lang::En);
    assert!(english.vader_accuracy.unwrap() < 0.5, "{english:?}");
    assert_eq!(model_of(&models, Lang::Ru).vader_accuracy, None);
}

#[test]
fn negated_praise_reads_as_a_complaint() {
    let probes = [
        (Lang::En, "good | support", "¬good | support"),
        (Lang::Ru, "понрав | оператор", "¬понрав | оператор"),
        (Lang::Ko, "좋 | 상담", "¬좋 | 상담"),
    ];
    let mut comments = Vec::new();
    for (k, (lang, praised, negated)) in probes.into_iter().enumerate() {
        let base = 10_000 * (k as i64 + 1);
        comments.extend(rated(lang, base, 200));
        // The probe word in both forms, so the model has seen each.
        for i in 0..40 {
            let (spec, good) = if i % 2 == 0 {
                (praised, true)
            } else {
                (negated, false)
            };
            comments.push(comment(base + 500 + i, lang, spec, Some(good)));
        }
        comments.push(comment(base + 900, lang, praised, None));
        comments.push(comment(base + 901, lang, negated, None));
    }
    let docs = docs(&comments);
    let (labels, _) = score(&docs);
    for (doc, label) in docs.iter().zip(&labels) {
        if doc.rating.is_none() {
            let negated = doc.tokens.iter().any(|t| t.negated);
            let expected = if negated {
                Polarity::Negative
            } else {
                Polarity::Positive
            };
            assert_eq!(*label, expected, "{:?} {:?}", doc.lang, doc.tokens);
        }
    }
}

#[test]
fn too_little_rating_data_falls_back() {
    let mut comments = Vec::new();
    for (k, lang) in Lang::ALL.into_iter().enumerate() {
        comments.extend(rated(lang, 1_000 * k as i64, 40));
    }
    comments.push(Comment {
        text: "Great support, thank you!".to_owned(),
        ..comment(5_000, Lang::En, "great support thank", None)
    });
    comments.push(Comment {
        text: "Terrible. Still broken.".to_owned(),
        ..comment(5_001, Lang::En, "terribl broken", None)
    });
    let docs = docs(&comments);
    let (labels, models) = score(&docs);
    for lang in [Lang::Ko, Lang::Ru] {
        let model = model_of(&models, lang);
        assert_eq!(model.method, SentimentMethod::None, "{model:?}");
        assert_eq!((model.accuracy, model.vader_accuracy), (None, None));
        assert_eq!(model.n_train + model.n_test, 40);
        assert_eq!(model.train_good + model.train_bad, model.n_train);
        assert!(
            model.train_good.min(model.train_bad) < model.min_per_class,
            "says why: {model:?}"
        );
    }
    assert_eq!(model_of(&models, Lang::En).method, SentimentMethod::Vader);
    for (doc, label) in docs.iter().zip(&labels) {
        match (doc.lang, doc.id) {
            (Lang::En, 5_000) => assert_eq!(*label, Polarity::Positive),
            (Lang::En, 5_001) => assert_eq!(*label, Polarity::Negative),
            (Lang::En, _) => assert_eq!(*label, Polarity::Neutral, "empty text"),
            _ => assert_eq!(*label, Polarity::Unknown),
        }
    }
}

#[test]
fn english_keeps_vader_when_the_classifier_is_no_better() {
    // The texts say how the customer felt; the tokens are noise unrelated to the rating.
    let [_, _, neutral] = words(Lang::En);
    let comments: Vec<Comment> = (0..400)
        .map(|id| {
            let good = mix(id, 0) % 10 < 7;
            let text = if good {
                "Great help, thank you!"
            } else {
                "Terrible, nobody answered."
            };
            let spec = format!("{} {}", pick(neutral, id, 1), pick(neutral, id, 2));
            Comment {
                text: text.to_owned(),
                ..comment(id, Lang::En, &spec, Some(good))
            }
        })
        .collect();
    let (labels, models) = score(&docs(&comments));
    let english = model_of(&models, Lang::En);
    assert_eq!(english.method, SentimentMethod::Vader, "{english:?}");
    assert_eq!(english.balanced_accuracy, Some(1.0));
    assert_eq!(english.accuracy, english.vader_accuracy);
    for (c, label) in comments.iter().zip(&labels) {
        let expected = if c.rating == Some(true) {
            Polarity::Positive
        } else {
            Polarity::Negative
        };
        assert_eq!(*label, expected);
    }
}

#[test]
fn the_same_docs_give_the_same_result() {
    let mut comments = Vec::new();
    for (k, lang) in Lang::ALL.into_iter().enumerate() {
        comments.extend(rated(lang, 1_000 * k as i64, 250));
        for id in 0..50 {
            let [praise, complaint, _] = words(lang);
            let spec = format!("{} {}", pick(praise, id, 7), pick(complaint, id, 8));
            comments.push(comment(9_000 + id, lang, &spec, None));
        }
    }
    let docs = docs(&comments);
    let first = score(&docs);
    for _ in 0..3 {
        assert_eq!(score(&docs), first);
    }
    let json = |r: &(Vec<Polarity>, Vec<SentimentModel>)| serde_json::to_string(r).unwrap();
    assert_eq!(json(&score(&docs)), json(&first));
}

#[test]
fn only_languages_with_comments_are_reported() {
    assert_eq!(score(&[]), (vec![], vec![]));
    let comments = [comment(1, Lang::Ru, "заказ", None)];
    let (labels, models) = score(&docs(&comments));
    assert_eq!(labels, [Polarity::Unknown]);
    let langs: Vec<Lang> = models.iter().map(|m| m.lang).collect();
    assert_eq!(langs, [Lang::Ru]);
    assert_eq!((models[0].n_train, models[0].n_test), (0, 0));
}

#[test]
fn labels_and_methods_serialise_as_the_ui_expects() {
    let json = serde_json::to_string(&[Polarity::Positive, Polarity::Unknown]).unwrap();
    assert_eq!(json, r#"["positive","unknown"]"#);
    let methods = [
        SentimentMethod::Vader,
        SentimentMethod::Classifier,
        SentimentMethod::None,
    ];
    let json = serde_json::to_string(&methods).unwrap();
    assert_eq!(json, r#"["vader","classifier","none"]"#);
}

#[test]
fn method_codes_are_the_json_names() {
    for method in [
        SentimentMethod::Vader,
        SentimentMethod::Classifier,
        SentimentMethod::None,
    ] {
        assert_eq!(serde_json::to_value(method).unwrap(), method.code());
    }
}
