//! End-to-end tests of the search module: documents go through the real index and the
//! Swedish analysis, queries through the parser, ranking and highlighting.
//!
//! Long because it is only tests, one per search behaviour through the real index.

use tantivy::schema::Schema;
use tantivy::{doc, Index, IndexWriter, TantivyDocument};

use crate::search::compound::Vocabulary;
use crate::search::execute::{Hint, SearchFilter, SearchPage, SearchResults};
use crate::search::index::{OpenState, SearchDoc, SearchIndex};
use crate::search::query::{self, UserQuery};
use crate::search::synonyms::Synonyms;

fn doc(key: &str, title: &str, body: &str) -> SearchDoc {
    let (kind, id) = key.split_once(':').expect("kind:id");
    SearchDoc {
        key: key.to_string(),
        kind: kind.to_string(),
        entity_id: id.parse().expect("numeric id"),
        title: title.to_string(),
        body: body.to_string(),
        acl: vec!["all".to_string()],
        updated_at_ms: 1_700_000_000_000 + id.parse::<i64>().unwrap_or(0),
        ..SearchDoc::default()
    }
}

fn index_with(docs: Vec<SearchDoc>) -> SearchIndex {
    let index = SearchIndex::in_memory(Vocabulary::with_domain_words()).expect("index");
    index.upsert(docs).expect("upsert");
    index.commit(1).expect("commit");
    index
}

fn grants(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn search_with(index: &SearchIndex, q: &str, filter: &SearchFilter, who: &[&str]) -> SearchResults {
    let synonyms = Synonyms::glossary();
    index
        .search(
            &query::parse(q),
            filter,
            &grants(who),
            &synonyms,
            SearchPage::first(20),
        )
        .expect("search")
}

fn search(index: &SearchIndex, q: &str) -> SearchResults {
    search_with(index, q, &SearchFilter::default(), &["all"])
}

fn keys(results: &SearchResults) -> Vec<String> {
    results.hits.iter().map(|h| h.key.clone()).collect()
}

fn sorted_keys(results: &SearchResults) -> Vec<String> {
    let mut keys = keys(results);
    keys.sort();
    keys
}

#[test]
fn vattenskydd_finds_vattenskyddsomradet() {
    let index = index_with(vec![
        doc(
            "thread:1",
            "Brunn nära väg",
            "Brunnen ligger i vattenskyddsområdet.",
        ),
        doc("thread:2", "Annat", "Handlar om buller."),
    ]);
    assert_eq!(keys(&search(&index, "vattenskydd")), vec!["thread:1"]);
    assert_eq!(keys(&search(&index, "skyddsområde")), vec!["thread:1"]);
    let r = search(&index, "vattenskydd");
    assert!(r.hits[0]
        .snippet_html
        .contains("<mark>vattenskyddsområdet</mark>"));
}

#[test]
fn inflected_and_folded_forms_find_each_other() {
    let index = index_with(vec![
        doc(
            "document:1",
            "Anläggning för slam",
            "En anläggning tar emot slam.",
        ),
        doc(
            "document:2",
            "Skyddsnivå för brunnar",
            "Vilken skyddsnivå gäller?",
        ),
        doc("document:3", "Enkelt avlopp", "Om avlopp på landet."),
        doc(
            "document:4",
            "Föreläggande om åtgärder",
            "Föreläggandet skickades.",
        ),
    ]);
    assert_eq!(keys(&search(&index, "anläggningen")), vec!["document:1"]);
    assert_eq!(keys(&search(&index, "anläggningarna")), vec!["document:1"]);
    assert_eq!(keys(&search(&index, "skyddsniva")), vec!["document:2"]);
    assert_eq!(keys(&search(&index, "avloppet")), vec!["document:3"]);
    assert_eq!(keys(&search(&index, "forelaggande")), vec!["document:4"]);
    assert_eq!(keys(&search(&index, "slammet")), vec!["document:1"]);
}

#[test]
fn typo_falls_back_to_fuzzy_and_suggests_a_spelling() {
    let index = index_with(vec![
        doc(
            "document:1",
            "Kemikalieinspektionen om PFAS",
            "Vägledning från myndigheten.",
        ),
        doc("document:2", "Naturvårdsverket", "Annan myndighet."),
    ]);
    let r = search(&index, "kemikalieinspektonen");
    assert_eq!(keys(&r), vec!["document:1"]);
    assert!(r.fuzzy);
    assert_eq!(r.did_you_mean.as_deref(), Some("kemikalieinspektionen"));
    assert!(r.hits[0]
        .title_html
        .contains("<mark>Kemikalieinspektionen</mark>"));
    let exact = search(&index, "kemikalieinspektionen");
    assert!(!exact.fuzzy && exact.did_you_mean.is_none());
    assert!(search(&index, "xyzzy").hits.is_empty());
}

#[test]
fn synonyms_join_enskilda_and_sma_avlopp() {
    let index = index_with(vec![
        doc("thread:1", "Små avlopp i glesbygd", "Krav på rening."),
        doc(
            "thread:2",
            "Enskilda avlopp och fosfor",
            "Hur mycket fosfor?",
        ),
        doc("thread:3", "Dricksvatten", "Provtagning av brunnar."),
        doc(
            "thread:4",
            "Markbädd eller infiltration?",
            "Vilket väljer man?",
        ),
    ]);
    let found = sorted_keys(&search(&index, "enskilda avlopp"));
    assert_eq!(found, vec!["thread:1", "thread:2", "thread:4"]);
    let r = search(&index, "små avlopp");
    assert_eq!(sorted_keys(&r), vec!["thread:1", "thread:2", "thread:4"]);
    assert_eq!(r.hits[0].key, "thread:1", "the words as typed rank first");
    let quoted = keys(&search(&index, "\"enskilda avlopp\""));
    assert!(quoted.iter().any(|k| k == "thread:1") && quoted.iter().any(|k| k == "thread:2"));
}

#[test]
fn documents_tagged_with_a_synonym_group_match() {
    let mut tagged = doc("document:5", "Checklista", "Punkter att kontrollera.");
    tagged.tags = vec!["Små avlopp".to_string()];
    let index = index_with(vec![tagged, doc("document:6", "Checklista", "Annat.")]);
    assert_eq!(keys(&search(&index, "enskilt avlopp")), vec!["document:5"]);
    assert_eq!(
        keys(&search(&index, "tag:\"enskilda avlopp\"")),
        vec!["document:5"]
    );
}

#[test]
fn phrases_need_words_in_order_and_exclusions_remove() {
    let index = index_with(vec![
        doc("thread:1", "Slam", "Slam i brunnen måste tömmas."),
        doc(
            "thread:2",
            "Brunn",
            "Brunnen har inget slam, men tömmas ändå.",
        ),
        doc("thread:3", "Markbädd", "Slam från markbädd."),
    ]);
    assert_eq!(
        keys(&search(&index, "\"slam i brunnen\"")),
        vec!["thread:1"]
    );
    let found = sorted_keys(&search(&index, "slam -markbädd"));
    assert_eq!(found, vec!["thread:1", "thread:2"]);
    assert_eq!(
        keys(&search(&index, "slam -\"i brunnen\" -brunn")),
        vec!["thread:3"]
    );
    assert!(keys(&search(&index, "slam -markbadd -brunn")).is_empty());
}

#[test]
fn negations_are_searchable() {
    let index = index_with(vec![
        doc("thread:1", "Utsläpp", "Det får inte släppas ut orenat."),
        doc("thread:2", "Utsläpp", "Det får släppas ut efter rening."),
    ]);
    assert_eq!(keys(&search(&index, "\"inte släppas\"")), vec!["thread:1"]);
}

#[test]
fn operators_and_filters_narrow_results() {
    let mut a = doc("thread:1", "Slam", "slam");
    a.tags = vec!["Lantbruk".to_string()];
    a.network = Some("avlopp".to_string());
    a.solved = Some(true);
    let mut b = doc("document:2", "Slam", "slam");
    b.network = Some("vatten".to_string());
    b.project = Some("slam-2024".to_string());
    b.organisation = Some("Jönköping".to_string());
    let mut c = doc("thread:3", "Slam", "slam");
    c.solved = Some(false);
    c.updated_at_ms = 5;
    let index = index_with(vec![a, b, c]);
    assert_eq!(keys(&search(&index, "slam tag:lantbruk")), vec!["thread:1"]);
    assert_eq!(
        keys(&search(&index, "slam typ:dokument")),
        vec!["document:2"]
    );
    assert_eq!(
        keys(&search(&index, "slam nätverk:vatten")),
        vec!["document:2"]
    );
    assert_eq!(
        keys(&search(&index, "slam natverk:Avlopp")),
        vec!["thread:1"]
    );
    assert_eq!(
        keys(&search(&index, "projekt:slam-2024")),
        vec!["document:2"]
    );
    assert_eq!(keys(&search(&index, "slam löst:ja")), vec!["thread:1"]);
    assert_eq!(keys(&search(&index, "löst:nej")), vec!["thread:3"]);
    let by_org = SearchFilter {
        organisations: vec!["jönköping".to_string()],
        ..SearchFilter::default()
    };
    assert_eq!(
        keys(&search_with(&index, "slam", &by_org, &["all"])),
        vec!["document:2"]
    );
    let old = SearchFilter {
        to_ms: Some(10),
        ..SearchFilter::default()
    };
    assert_eq!(
        keys(&search_with(&index, "", &old, &["all"])),
        vec!["thread:3"]
    );
    let recent = SearchFilter {
        from_ms: Some(11),
        kinds: vec!["thread".to_string()],
        ..SearchFilter::default()
    };
    assert_eq!(
        keys(&search_with(&index, "slam", &recent, &["all"])),
        vec!["thread:1"]
    );
    let r = search(&index, "slam");
    assert_eq!(
        r.facets.kind,
        vec![("thread".to_string(), 2), ("document".to_string(), 1)]
    );
    assert_eq!(r.facets.organisation, vec![("Jönköping".to_string(), 1)]);
    assert_eq!(r.facets.tag, vec![("Lantbruk".to_string(), 1)]);
}

#[test]
fn unreadable_documents_never_show_in_hits_totals_or_facets() {
    let mut secret = doc("thread:1", "Slam hemligt", "slam i en fosforfälla");
    secret.acl = vec!["net:9".to_string()];
    secret.network = Some("hemlig".to_string());
    secret.tags = vec!["Avfall".to_string()];
    let mut open = doc("thread:2", "Slam öppet", "slam");
    open.acl = vec!["net:3".to_string()];
    open.network = Some("oppen".to_string());
    let index = index_with(vec![secret, open]);
    let filter = SearchFilter::default();
    for q in [
        "slam",
        "",
        "hemligt",
        "tag:avfall",
        "nätverk:hemlig",
        "slamm",
        "typ:tråd",
    ] {
        let r = search_with(&index, q, &filter, &["all", "net:3", "user:12"]);
        assert!(!keys(&r).iter().any(|k| k == "thread:1"), "{q}: hit leaked");
        assert!(r.total <= 1, "{q}: total leaked");
        let f = &r.facets;
        assert!(
            f.network.iter().all(|(n, _)| n != "hemlig"),
            "{q}: facet leaked"
        );
        assert!(f.tag.is_empty(), "{q}: tag facet leaked");
        assert!(
            f.kind.iter().all(|(_, n)| *n <= 1),
            "{q}: kind count leaked"
        );
    }
    let member = search_with(&index, "slam", &filter, &["net:9"]);
    assert_eq!(keys(&member), vec!["thread:1"]);
    assert_eq!(search_with(&index, "slam", &filter, &[]).total, 0);
    // A near spelling of a word only the secret thread has: no hit and no "menade du".
    let typo = search_with(&index, "fosforfällla", &filter, &["all", "net:3"]);
    assert_eq!((typo.total, typo.did_you_mean), (0, None));
    let typo = search_with(&index, "fosforfällla", &filter, &["net:9"]);
    assert_eq!(
        typo.did_you_mean.as_deref(),
        Some("fosforfälla"),
        "{typo:?}"
    );
}

#[test]
fn cached_permission_sets_follow_new_segments_and_other_grants() {
    let mut secret = doc("thread:1", "Slam hemligt", "slam");
    secret.acl = vec!["net:9".to_string()];
    let index = index_with(vec![secret, doc("thread:2", "Slam öppet", "slam")]);
    let filter = SearchFilter::default();
    let outsider = ["all", "net:3"];
    assert_eq!(
        keys(&search_with(&index, "slam", &filter, &outsider)),
        vec!["thread:2"]
    );
    // The same grants in another order are the same set; other grants are another.
    search_with(&index, "slam", &filter, &["net:3", "all", "all"]);
    let segments = index.num_segments();
    assert_eq!(index.grants.len(), segments);
    let member = search_with(&index, "slam", &filter, &["all", "net:9"]);
    assert_eq!(member.total, 2);
    assert_eq!(index.grants.len(), 2 * segments);
    // A document made members-only in a new segment is hidden at once; the old segment's
    // copy is deleted, the new segment gets sets of its own.
    let mut now_secret = doc("thread:2", "Slam öppet", "slam");
    now_secret.acl = vec!["net:9".to_string()];
    index.upsert(vec![now_secret]).expect("upsert");
    index.commit(2).expect("commit");
    assert_eq!(search_with(&index, "slam", &filter, &outsider).total, 0);
    assert_eq!(search_with(&index, "slam", &filter, &["net:9"]).total, 2);
}

#[test]
fn title_and_accepted_answer_outrank_body() {
    let mut accepted = doc("thread:2", "Fråga", "Svar finns.");
    accepted.accepted = Some("Använd en fosforfälla.".to_string());
    let index = index_with(vec![
        doc(
            "thread:3",
            "Fråga",
            "Någon nämnde fosforfälla en gång i en lång tråd om mycket.",
        ),
        accepted,
        doc("thread:1", "Fosforfälla", "Erfarenheter."),
    ]);
    assert_eq!(
        keys(&search(&index, "fosforfälla")),
        vec!["thread:1", "thread:2", "thread:3"]
    );
}

#[test]
fn exact_form_outranks_folded_form() {
    let index = index_with(vec![
        doc("thread:1", "Fråga", "Det gäller en mark."),
        doc("thread:2", "Fråga", "Det gäller en märk."),
    ]);
    let found = keys(&search(&index, "märk"));
    assert_eq!(found, vec!["thread:2", "thread:1"]);
}

#[test]
fn a_query_without_words_lists_by_its_filters_newest_first() {
    let index = index_with(vec![
        doc("thread:1", "Äldst", "a"),
        doc("thread:3", "Nyast", "c"),
        doc("document:2", "Mitten", "b"),
    ]);
    let any_time = SearchFilter {
        from_ms: Some(0),
        ..SearchFilter::default()
    };
    let r = search_with(&index, "", &any_time, &["all"]);
    assert_eq!(keys(&r), vec!["thread:3", "document:2", "thread:1"]);
    assert_eq!(r.total, 3);
    assert!(r.hits.iter().all(|h| h.score == 0.0));
    assert_eq!(
        keys(&search(&index, "typ:tråd och")),
        vec!["thread:3", "thread:1"]
    );
    let page = index
        .search(
            &UserQuery::default(),
            &any_time,
            &grants(&["all"]),
            &Synonyms::default(),
            SearchPage {
                offset: 1,
                limit: 1,
                facets: true,
            },
        )
        .expect("page");
    assert_eq!(keys(&page), vec!["document:2"]);
    assert_eq!(page.total, 3);
}

#[test]
fn a_query_with_nothing_to_search_for_answers_nothing_and_says_why() {
    let index = index_with(vec![
        doc("thread:1", "Avlopp", "slam å ä ö"),
        doc("thread:2", "Buller", "värmepump"),
    ]);
    let long = "ö".repeat(300);
    for (q, hint) in [
        ("", Hint::Empty),
        ("   ", Hint::Empty),
        ("-", Hint::NoWords),
        ("tag:", Hint::NoWords),
        ("((", Hint::NoWords),
        ("\"\"", Hint::NoWords),
        ("🦀", Hint::NoWords),
        (long.as_str(), Hint::WordTooLong),
        ("och det att", Hint::OnlyStopWords),
        ("avlopp typ:okänd", Hint::UnknownKind("okänd".to_string())),
        ("lag:hallonsylt", Hint::UnknownLaw("hallonsylt".to_string())),
    ] {
        let r = search(&index, q);
        assert_eq!((r.total, r.hits.len()), (0, 0), "{q:?}");
        assert_eq!(r.hint.as_ref(), Some(&hint), "{q:?}");
        assert!(!r.hint.unwrap().message().is_empty());
    }
    assert_eq!(search(&index, "avlopp").hint, None);
    assert_eq!(search(&index, "löst:nej").hint, None);
}

#[test]
fn snippets_escape_stored_markup() {
    let index = index_with(vec![doc(
        "thread:1",
        "<b>Slam</b>",
        "<script>alert(1)</script> slam & brunn",
    )]);
    let hit = &search(&index, "slam").hits[0];
    assert_eq!(hit.title_html, "&lt;b&gt;<mark>Slam</mark>&lt;/b&gt;");
    assert!(hit
        .snippet_html
        .starts_with("&lt;script&gt;alert(1)&lt;/script&gt; <mark>slam</mark> &amp;"));
}

#[test]
fn upserting_a_key_twice_keeps_one_document_and_delete_removes_it() {
    let index = index_with(vec![doc("thread:1", "Gammal", "slam")]);
    index
        .upsert(vec![
            doc("thread:1", "Ny", "slam"),
            doc("thread:1", "Nyare", "slam"),
        ])
        .unwrap();
    index.commit(2).unwrap();
    assert_eq!(index.num_docs(), 1);
    let r = search(&index, "slam");
    assert_eq!((r.total, r.hits[0].title_html.as_str()), (1, "Nyare"));
    index.delete(&["thread:1"]);
    index.commit(3).unwrap();
    assert_eq!(index.num_docs(), 0);
    index.upsert(vec![doc("thread:2", "x", "y")]).unwrap();
    index.clear().unwrap();
    index.commit(4).unwrap();
    assert_eq!(index.num_docs(), 0);
}

#[test]
fn payload_seq_survives_reopen() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (index, state) = SearchIndex::open_or_create(dir.path(), Vocabulary::new()).unwrap();
        assert_eq!(state, OpenState::Created);
        assert!(state.needs_rebuild());
        assert_eq!(index.last_seq(), None);
        index
            .upsert(vec![doc("thread:1", "Slam", "Slamtömning")])
            .unwrap();
        index.commit(42).unwrap();
        assert_eq!(index.last_seq(), Some(42));
    }
    let (index, state) = SearchIndex::open_or_create(dir.path(), Vocabulary::new()).unwrap();
    assert_eq!(state, OpenState::Opened);
    assert_eq!(index.last_seq(), Some(42));
    assert_eq!(index.num_docs(), 1);
    assert!(!index.vocabulary().contains("slamtömning"));
    assert_eq!(index.relearn_vocabulary().unwrap(), 1);
    assert!(index.vocabulary().contains("slamtömning"));
}

#[test]
fn version_mismatch_or_missing_payload_resets_the_index() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut builder = Schema::builder();
        let title = builder.add_text_field("title", tantivy::schema::TEXT);
        let index = Index::create_in_dir(dir.path(), builder.build()).unwrap();
        let mut writer: IndexWriter<TantivyDocument> = index.writer(15_000_000).unwrap();
        writer.add_document(doc!(title => "gammalt")).unwrap();
        let mut prepared = writer.prepare_commit().unwrap();
        prepared.set_payload(r#"{"seq":7,"schema":0,"analyzer":1}"#);
        prepared.commit().unwrap();
    }
    let (index, state) = SearchIndex::open_or_create(dir.path(), Vocabulary::new()).unwrap();
    assert!(matches!(&state, OpenState::Reset(why) if why.contains("schema version 0")));
    assert_eq!((index.last_seq(), index.num_docs()), (None, 0));
    drop(index);
    // Never committed: no payload, so the next open resets again.
    let (_, state) = SearchIndex::open_or_create(dir.path(), Vocabulary::new()).unwrap();
    assert_eq!(state, OpenState::Reset("no commit payload".to_string()));
}

#[test]
fn garbage_queries_never_break_search() {
    let index = index_with(vec![doc("thread:1", "Avlopp", "slam å ä ö")]);
    for input in crate::search::query::tests::garbage(0xBAD_5EED, 400) {
        let r = search(&index, &input);
        assert!(r.total <= 1);
    }
}

#[test]
fn one_index_serves_searches_while_another_thread_writes() {
    fn shared<T: Send + Sync>() {}
    shared::<SearchIndex>();
    let index = std::sync::Arc::new(index_with(vec![doc("thread:1", "Slam", "slam")]));
    let writer = {
        let index = index.clone();
        std::thread::spawn(move || {
            for i in 2..20 {
                let key = format!("thread:{i}");
                index.upsert(vec![doc(&key, "Slam", "slam")]).unwrap();
                index.commit(i).unwrap();
            }
        })
    };
    for _ in 0..20 {
        assert!(search(&index, "slam").total >= 1);
    }
    writer.join().unwrap();
    assert_eq!(search(&index, "slam").total, 19);
    assert_eq!(index.last_seq(), Some(19));
}

/// The search module's imports go one way (see `mod.rs`): every file imports only modules
/// ranked below its own, so no two of them import each other, directly or round a loop.
#[test]
fn search_modules_import_one_way() {
    const RANKED: &[(&str, u8, &str)] = &[
        ("words", 0, include_str!("words.rs")),
        ("query", 0, include_str!("query.rs")),
        ("results", 0, include_str!("results.rs")),
        ("grants", 0, include_str!("grants.rs")),
        ("compound", 1, include_str!("compound.rs")),
        ("highlight", 1, include_str!("highlight.rs")),
        ("analysis", 2, include_str!("analysis.rs")),
        ("synonyms", 3, include_str!("synonyms.rs")),
        ("schema", 3, include_str!("schema.rs")),
        ("index", 4, include_str!("index.rs")),
        ("plan", 4, include_str!("plan.rs")),
        ("coverage", 5, include_str!("coverage.rs")),
        ("execute", 6, include_str!("execute.rs")),
        ("sources", 7, include_str!("sources.rs")),
        ("service", 8, include_str!("service.rs")),
    ];
    let rank = |name: &str| RANKED.iter().find(|(n, _, _)| *n == name).map(|r| r.1);
    for (name, own, source) in RANKED {
        // Only the module's own code: its unit tests may use anything.
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        for (at, _) in code.match_indices("search::") {
            for used in first_segments(&code[at + "search::".len()..]) {
                if let Some(theirs) = rank(&used) {
                    assert!(
                        theirs < *own,
                        "search::{name} imports search::{used}, which is not below it"
                    );
                }
            }
        }
    }
}

/// The first path segment of each path after `search::`: one for `a::X`, each of the group's
/// for `{a::X, b::{Y, Z}, c}` (commas inside nested braces do not split).
fn first_segments(after: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let Some(inner) = after.strip_prefix('{') else {
        return vec![ident(after)];
    };
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                out.push(ident(&inner[start..i]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(ident(&inner[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    out
}

#[test]
fn too_few_hits_on_every_word_fall_back_to_hits_on_some_ranked_by_how_many() {
    let index = index_with(vec![
        doc(
            "thread:1",
            "Avloppsanläggning vid husförsäljning",
            "Köparen frågar om avloppsanläggningen.",
        ),
        doc(
            "thread:2",
            "Ny avloppsanläggning",
            "Tillstånd för markbädd.",
        ),
        doc(
            "thread:3",
            "Besiktning",
            "Avloppsanläggningen besiktigas vart tionde år.",
        ),
        doc("thread:4", "Buller från fläkt", "Värmepumpen låter."),
    ]);
    let r = search(&index, "avloppsanläggning husförsäljning besiktning");
    assert!(r.partial, "{r:?}");
    let found = keys(&r);
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(!found.contains(&"thread:4".to_string()));
    // Two of three words before one of three.
    assert!(found[..2].contains(&"thread:1".to_string()), "{found:?}");
    assert!(found[..2].contains(&"thread:3".to_string()), "{found:?}");
    assert_eq!(found[2], "thread:2");
    assert_eq!(r.hits[2].missing, vec!["husförsäljning", "besiktning"]);
    assert_eq!(r.dropped, r.hits[0].missing);
    assert_eq!(r.dropped.len(), 1);
    // Enough items with every word: no fallback, no missing words.
    let r = search(&index, "avloppsanläggning");
    assert!(!r.partial && r.dropped.is_empty());
    assert!(r.hits.iter().all(|h| h.missing.is_empty()));
    // A word found nowhere is dropped, and the rest is still found.
    let r = search(&index, "avloppsanläggning xyzzyqq");
    assert!(r.partial);
    assert_eq!(r.total, 3);
    assert_eq!(r.dropped, vec!["xyzzyqq"]);
    assert!(
        !r.fuzzy,
        "a word that is not there is dropped, not misspelt"
    );
}

#[test]
fn the_fallback_keeps_every_word_hits_first_and_never_widens_filters() {
    let mut other = doc("document:5", "Fosforfälla", "Byte av fosforfälla.");
    other.network = Some("annat".to_string());
    let index = index_with(vec![
        doc(
            "thread:1",
            "Hur ofta byts fosforfällan?",
            "Fosforfällan byts vartannat år.",
        ),
        doc("thread:2", "Fosforfälla", "Om filtermaterial."),
        other,
    ]);
    let r = search(&index, "hur ofta ska fosforfällan bytas");
    assert_eq!(keys(&r)[0], "thread:1", "{r:?}");
    let r = search(&index, "fosforfällan bytas kalk nätverk:annat");
    assert!(keys(&r).iter().all(|k| k == "document:5"), "{r:?}");
}

#[test]
fn harder_compounds_are_found_by_their_parts() {
    let index = index_with(vec![
        doc(
            "thread:1",
            "Tillsynsbesöket i maj",
            "Vi gick igenom rutinerna.",
        ),
        doc(
            "thread:2",
            "Ventilation",
            "Ventilationsflödena var för låga.",
        ),
        doc("thread:3", "Mätning", "Radonhalterna i källaren."),
        doc("thread:4", "Lekplats", "Sandlådan på förskolegården."),
        doc(
            "thread:5",
            "Tillstånd",
            "Ny avloppsanläggning för fem hushåll.",
        ),
        doc("thread:6", "Annat", "Helt orelaterat om buller."),
    ]);
    for (q, want) in [
        ("tillsyn", "thread:1"),
        ("besök", "thread:1"),
        ("ventilationsflöde", "thread:2"),
        ("radon", "thread:3"),
        ("radonhalt", "thread:3"),
        ("forskolegard", "thread:4"),
        ("forskola", "thread:4"),
        ("förskola", "thread:4"),
        ("avloppsanlägning", "thread:5"),
        ("anlägning", "thread:5"),
    ] {
        let r = search(&index, q);
        assert_eq!(
            keys(&r).first().map(String::as_str),
            Some(want),
            "{q}: {r:?}"
        );
    }
    let r = search(&index, "avloppsanlägning");
    assert!(r.fuzzy);
    assert_eq!(r.did_you_mean.as_deref(), Some("avloppsanläggning"));
}

#[test]
fn every_spelling_of_a_reference_finds_the_same_items() {
    let index = index_with(vec![
        doc(
            "thread:1",
            "Föreläggande",
            "Vi förelade enligt 26 kap. 9 § miljöbalken.",
        ),
        doc(
            "document:2",
            "Mall",
            "Beslut med stöd av MB 26:9 och 26:21 MB.",
        ),
        doc("thread:3", "Tillsynsavgift", "Avgift enligt MB 27:1."),
        doc(
            "thread:4",
            "Anmälan",
            "Anmälan enligt 9 § förordningen (1998:899).",
        ),
        doc(
            "thread:5",
            "Kapitel",
            "Här står det 26 kapitlet och 9 § om annat.",
        ),
    ]);
    for q in [
        "MB 26:9",
        "26:9 MB",
        "26 kap. 9 § miljöbalken",
        "\"26 kap 9 § MB\"",
        "lag:\"MB 26:9\"",
        "lag:\"26 kap. 9 § miljöbalken\"",
    ] {
        let r = search(&index, q);
        assert_eq!(
            sorted_keys(&r),
            vec!["document:2", "thread:1"],
            "{q}: {r:?}"
        );
    }
    assert_eq!(
        sorted_keys(&search(&index, "lag:MB")),
        vec!["document:2", "thread:1", "thread:3"]
    );
    assert_eq!(keys(&search(&index, "lag:\"FMH 9 §\"")), vec!["thread:4"]);
    assert_eq!(keys(&search(&index, "lag:SFS 1998:899")), vec!["thread:4"]);
    let r = search(&index, "lag:\"MB 26:9\"");
    let thread = r.hits.iter().find(|h| h.key == "thread:1").unwrap();
    assert!(
        thread
            .snippet_html
            .contains("<mark>26 kap. 9 § miljöbalken</mark>"),
        "{}",
        thread.snippet_html
    );
    assert!(search(&index, "föreläggande lag:\"MB 27:1\"")
        .hits
        .is_empty());
}
