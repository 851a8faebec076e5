//! The index schema: its fields, how each is analysed and stored, and the form filter
//! values take. Index, planner and executor all read the fields from here, so none of them
//! has to import another for them.
//!
//! Owns the shape of the index (bump [`SCHEMA_VERSION`] on any change). It must not open,
//! write or search an index.

use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
    FAST, INDEXED, STORED, STRING,
};
use tantivy::IndexSettings;

use crate::search::analysis::{SV_COMPOUND, SV_FOLD, SV_STEM};

/// Bump whenever the schema changes: a stored index with another version is rebuilt.
pub const SCHEMA_VERSION: u32 = 3;

/// Field handles of the schema.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    pub key: Field,
    pub kind: Field,
    pub entity_id: Field,
    pub title: Field,
    pub title_fold: Field,
    pub title_compound: Field,
    pub body: Field,
    pub body_fold: Field,
    pub body_compound: Field,
    pub accepted: Field,
    pub extra: Field,
    pub acl: Field,
    pub network: Field,
    pub project: Field,
    pub tags: Field,
    pub organisation: Field,
    /// Keys of the references to law the item cites ("MB 26:9", "MB 26 kap.", "MB").
    pub laws: Field,
    pub solved: Field,
    pub updated_at: Field,
    pub facets: Field,
}

/// Name of the `updated_at` fast field, for sorting.
pub(crate) const UPDATED_AT: &str = "updated_at";

fn text(tokenizer: &str, positions: bool, stored: bool) -> TextOptions {
    let record = if positions {
        IndexRecordOption::WithFreqsAndPositions
    } else {
        IndexRecordOption::WithFreqs
    };
    let options = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(record),
    );
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Index settings of [`SCHEMA_VERSION`]: stored documents in small blocks, so showing a hit
/// decompresses about that document only (a thread's text is a few kB; tantivy's default
/// 16 kB blocks made every hit decompress three or four documents).
pub(crate) fn settings() -> IndexSettings {
    IndexSettings {
        docstore_blocksize: 4096,
        ..IndexSettings::default()
    }
}

/// The schema of [`SCHEMA_VERSION`].
pub(crate) fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        key: b.add_text_field("key", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        entity_id: b.add_i64_field("entity_id", STORED | INDEXED | FAST),
        title: b.add_text_field("title", text(SV_STEM, true, true)),
        title_fold: b.add_text_field("title_fold", text(SV_FOLD, false, false)),
        title_compound: b.add_text_field("title_compound", text(SV_COMPOUND, false, false)),
        body: b.add_text_field("body", text(SV_STEM, true, true)),
        body_fold: b.add_text_field("body_fold", text(SV_FOLD, false, false)),
        body_compound: b.add_text_field("body_compound", text(SV_COMPOUND, false, false)),
        accepted: b.add_text_field("accepted", text(SV_STEM, true, false)),
        extra: b.add_text_field("extra", text(SV_STEM, true, false)),
        acl: b.add_text_field("acl", STRING),
        network: b.add_text_field("network", STRING),
        project: b.add_text_field("project", STRING),
        tags: b.add_text_field("tags", STRING),
        organisation: b.add_text_field("organisation", STRING),
        laws: b.add_text_field("laws", STRING),
        solved: b.add_u64_field("solved", NumericOptions::default() | INDEXED | FAST),
        updated_at: b.add_i64_field(UPDATED_AT, INDEXED | FAST | STORED),
        facets: b.add_facet_field("facets", FacetOptions::default()),
    };
    (b.build(), fields)
}

/// The form network, project, tag and organisation values are indexed and filtered in.
pub(crate) fn filter_value(value: &str) -> String {
    value.trim().to_lowercase()
}
