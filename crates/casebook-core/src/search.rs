//! Search: ranked full-text search over everything written in the notebook, inside the encrypted
//! store (issue 14).
//!
//! The index is the FTS5 table `search_index` of migration 8, in the same SQLCipher file, kept
//! by triggers in the same transaction as the write it reflects. It holds no copy of the text:
//! a hit's snippet is cut from the record itself, through a throw-away FTS5 table in the
//! connection's memory-only temp store, so the highlighted words are exactly the ones the index
//! matched (accents and case folded the same way). Nothing about a search is logged, stored or
//! audited: searching only reads.
//!
//! The therapist types words, "a quoted phrase", or a prefix (`vagin*`), optionally `OR`
//! between two of them; [`parse`] turns that into an FTS5 expression of quoted strings, so no
//! text reaches FTS5's own query syntax and a typing slip is a clear `invalid`, never an SQLite
//! error. Process notes are searched only when asked for, and marked private.
//!
//! What does not belong here: what the records mean (each domain module), opening a record (the
//! window, from [`SearchHit::kind`] and its ids).

use crate::case::{CaseId, CaseStatus};
use crate::columns::{TextEnum, text_enum};
use crate::error::{Error, Result};
use crate::notebook::OpenNotebook;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params_from_iter, types::Value};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// The longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 300;
/// The most words and phrases in one query.
pub const MAX_TERMS: usize = 16;
/// The most hits one search returns (and the default).
pub const MAX_HITS: u32 = 100;
const DEFAULT_HITS: u32 = 50;
/// How many matching session-note entries are ranked, newest first, when the words are common.
pub const RANK_WINDOW: i64 = 4_000;
/// The rowids of session-note entries (kind 1 in migration 8's numbering, the lowest).
const SESSIONS: std::ops::Range<i64> = (1 << 48)..(2 << 48);
/// How many words a snippet shows around the match.
const SNIPPET_WORDS: i32 = 18;
/// Private-use characters marking a match inside a snippet, split out before it leaves.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

text_enum! {
    /// The kind of record a hit is in.
    pub enum SearchKind {
        /// The case itself: the client's and the partner's names, the referral source.
        Case = "case",
        Intake = "intake",
        Session = "session",
        Formulation = "formulation",
        Plan = "plan",
        PlanGoal = "plan_goal",
        Consent = "consent",
        Referral = "referral",
        RuleOut = "rule_out",
        Addendum = "addendum",
        /// Private process notes: searched only when asked for.
        ProcessNote = "process_note",
        /// A closing (its reason and discharge summary) or a reopening.
        CaseEvent = "case_event",
        Diagnosis = "diagnosis",
        /// A measure's administration: the action taken on the risk its answers raised.
        Measure = "measure",
    }
}

/// What to search for, and where.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(optional_fields = nullable)]
pub struct SearchRequest {
    /// Words, "quoted phrases", prefixes (`vagin*`) and `OR`.
    pub text: String,
    /// One case, or every case.
    pub case_id: Option<CaseId>,
    /// Only these kinds of record; none or empty means every kind.
    pub kinds: Option<Vec<SearchKind>>,
    /// Records dated on or after this day.
    pub from: Option<NaiveDate>,
    /// Records dated on or before this day.
    pub to: Option<NaiveDate>,
    /// Open or closed cases only.
    pub status: Option<CaseStatus>,
    /// Search process notes too (they are private: off unless ticked).
    pub include_process_notes: Option<bool>,
    /// At most this many hits (1 to [`MAX_HITS`], default 50).
    pub limit: Option<u32>,
}

/// A piece of a snippet: matched words are `hit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// One place the words were found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub case_id: CaseId,
    pub client_name: String,
    pub case_status: CaseStatus,
    pub kind: SearchKind,
    /// The record's id (for an intake, the case's id).
    pub record_id: i64,
    /// For an addendum, the record it corrects: `session_note`, `intake`, `formulation`, `plan`.
    pub parent_kind: Option<String>,
    pub parent_id: Option<i64>,
    /// The field the words are in, as stored (`subjective`, `nodal_point`).
    pub field: String,
    /// What the therapist calls the record and the field ("Session note", "Subjective").
    pub kind_label: String,
    pub field_label: String,
    pub dated: NaiveDate,
    pub private: bool,
    pub snippet: Vec<SnippetPart>,
}

/// A term of the query, for highlighting the match once the record is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchTerm {
    /// One word or a phrase's words, lower case, accents kept as typed.
    pub words: Vec<String>,
    /// The last word is a prefix.
    pub prefix: bool,
}

/// The hits, best first, and the terms they matched.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub terms: Vec<SearchTerm>,
    /// More hits exist than were returned.
    pub more: bool,
    /// The words are in so many session notes that those were ranked among the newest
    /// [`RANK_WINDOW`] that hold them (every other kind of record was ranked whole).
    pub recent_only: bool,
}

/// A parsed query: the FTS5 expression and its terms. Empty when nothing searchable was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub expression: String,
    pub terms: Vec<SearchTerm>,
}

fn invalid(message: impl Into<String>) -> Error {
    Error::invalid("text", message)
}

/// Turns what the therapist typed into an FTS5 expression made only of quoted strings, `*` and
/// `OR`, or says plainly what is wrong with it.
pub fn parse(text: &str) -> Result<Parsed> {
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(invalid(format!("A search is at most {MAX_QUERY_CHARS} characters.")));
    }
    if text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return Err(invalid("The search holds control characters."));
    }
    // Tokens: a quoted phrase, `OR`, or a word (with an optional `*` at its end).
    enum Token {
        Term(SearchTerm),
        Or,
    }
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if matches!(c, '"' | '\u{201C}' | '\u{201D}') {
            chars.next();
            let mut phrase = String::new();
            let mut closed = false;
            for c in chars.by_ref() {
                if matches!(c, '"' | '\u{201C}' | '\u{201D}') {
                    closed = true;
                    break;
                }
                phrase.push(c);
            }
            if !closed {
                return Err(invalid("Close the quotation marks around the phrase."));
            }
            if phrase.contains('*') {
                return Err(invalid("A * goes right after a word outside quotation marks, as in vagin*."));
            }
            let prefix = chars.peek() == Some(&'*');
            if prefix {
                chars.next();
            }
            let words = words_of(&phrase);
            if prefix && words.last().is_none_or(|w| w.chars().count() < 2) {
                return Err(invalid("A prefix needs at least 2 letters before the *."));
            }
            if !words.is_empty() {
                tokens.push(Token::Term(SearchTerm { words, prefix }));
            }
            continue;
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || matches!(c, '"' | '\u{201C}' | '\u{201D}') {
                break;
            }
            word.push(c);
            chars.next();
        }
        if word == "OR" {
            tokens.push(Token::Or);
            continue;
        }
        if word.contains(['(', ')']) {
            return Err(invalid("Search has no brackets: put a phrase in quotation marks instead."));
        }
        let stars = word.matches('*').count();
        let prefix = stars == 1 && word.ends_with('*');
        if stars > 1 || (stars == 1 && !prefix) {
            return Err(invalid("A * goes at the end of a word, as in vagin*."));
        }
        let words = words_of(word.trim_end_matches('*'));
        if prefix && words.last().is_none_or(|w| w.chars().count() < 2) {
            return Err(invalid("A prefix needs at least 2 letters before the *, as in vagin*."));
        }
        if !words.is_empty() {
            // A word with punctuation inside ("post-partum") is the phrase of its parts.
            tokens.push(Token::Term(SearchTerm { words, prefix }));
        }
    }
    let terms_count = tokens.iter().filter(|t| matches!(t, Token::Term(_))).count();
    if terms_count > MAX_TERMS {
        return Err(invalid(format!("A search is at most {MAX_TERMS} words and phrases.")));
    }
    let mut expression = String::new();
    let mut terms = Vec::new();
    let mut pending_or = false;
    for token in tokens {
        match token {
            Token::Or => {
                if terms.is_empty() || pending_or {
                    return Err(invalid("OR goes between two words, as in libido OR desire."));
                }
                pending_or = true;
            }
            Token::Term(term) => {
                if !expression.is_empty() {
                    expression.push_str(if pending_or { " OR " } else { " " });
                }
                pending_or = false;
                expression.push('"');
                expression.push_str(&term.words.join(" "));
                expression.push('"');
                if term.prefix {
                    expression.push('*');
                }
                terms.push(term);
            }
        }
    }
    if pending_or {
        return Err(invalid("OR goes between two words, as in libido OR desire."));
    }
    Ok(Parsed { expression, terms })
}

/// The words of a piece of text as the index's tokenizer sees them (letters and digits; every
/// other character separates), lower case.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Searches the open notebook.
pub fn search(open: &OpenNotebook, request: &SearchRequest) -> Result<SearchResults> {
    search_in(open.store().conn(), request)
}

/// Searches any connection with the notebook's schema: the open notebook, or (in the bench) a
/// plain copy of it.
pub fn search_in(conn: &Connection, request: &SearchRequest) -> Result<SearchResults> {
    let parsed = parse(&request.text)?;
    let limit = match request.limit {
        None => DEFAULT_HITS,
        Some(n) if (1..=MAX_HITS).contains(&n) => n,
        Some(_) => return Err(Error::invalid("limit", format!("Ask for 1 to {MAX_HITS} hits."))),
    };
    if let (Some(from), Some(to)) = (request.from, request.to)
        && from > to
    {
        return Err(Error::invalid("to", "The end of the date range is before its start."));
    }
    if parsed.expression.is_empty() {
        return Ok(SearchResults { hits: Vec::new(), terms: parsed.terms, more: false, recent_only: false });
    }

    // The therapist's words are matched in the text only; one case is a word of its own, so a
    // search in one case reads only that case's entries.
    let mut expression = format!("body : ({})", parsed.expression);
    if let Some(case_id) = request.case_id {
        expression.push_str(&format!(" AND scope : \"case{}\"", case_id.0));
    }
    // Filters on the entries' stored columns; a status is a set of cases, not a join, so the
    // ranking never waits on a row-by-row lookup of every match.
    let mut filters = String::new();
    let mut args: Vec<Value> = Vec::new();
    let kinds = request.kinds.clone().unwrap_or_default();
    let private = request.include_process_notes.unwrap_or(false);
    let wanted: Vec<SearchKind> = if kinds.is_empty() { SearchKind::ALL.to_vec() } else { kinds };
    let wanted: Vec<SearchKind> =
        wanted.into_iter().filter(|k| private || *k != SearchKind::ProcessNote).collect();
    if wanted.is_empty() {
        return Ok(SearchResults { hits: Vec::new(), terms: parsed.terms, more: false, recent_only: false });
    }
    if wanted.len() < SearchKind::ALL.len() {
        filters.push_str(" AND kind IN (");
        filters.push_str(&vec!["?"; wanted.len()].join(", "));
        filters.push(')');
        args.extend(wanted.iter().map(|k| Value::Text(k.as_str().into())));
    }
    if let Some(from) = request.from {
        filters.push_str(" AND dated >= ?");
        args.push(Value::Text(crate::columns::date_text(from)));
    }
    if let Some(to) = request.to {
        filters.push_str(" AND dated <= ?");
        args.push(Value::Text(crate::columns::date_text(to)));
    }
    if let Some(status) = request.status {
        filters.push_str(" AND case_id IN (SELECT id FROM case_file WHERE status = ?)");
        args.push(Value::Text(status.as_str().into()));
    }

    let fts = |error: rusqlite::Error| -> Error {
        // The expression is quoted strings only; if FTS5 still refuses it, say so plainly.
        if error.to_string().contains("fts5") {
            invalid("Casebook could not read that search. Try plain words.")
        } else {
            error.into()
        }
    };
    // Ranking reads every match. Where the words are in more than RANK_WINDOW entries of the
    // whole notebook, session notes (most of any notebook) are ranked among the RANK_WINDOW
    // newest that match; every other kind of record is ranked whole. Session notes have the
    // lowest rowids, so that is one range: from the oldest of those newest notes to the end.
    let mut from = i64::MIN;
    if request.case_id.is_none() && matches_more_than(conn, &expression, RANK_WINDOW).map_err(fts)? {
        from = newest_sessions_from(conn, &expression).map_err(fts)?;
    }
    let recent_only = from > SESSIONS.start;
    // FTS5 answers in rank order (bm25 negated: lower is better).
    let sql = format!(
        "SELECT case_id, kind, record_id, field, dated FROM search_index
         WHERE search_index MATCH ? AND rowid >= ?{filters} ORDER BY rank LIMIT ?"
    );
    let mut all: Vec<Value> = vec![Value::Text(expression.clone()), Value::Integer(from)];
    all.extend(args);
    all.push(Value::Integer(i64::from(limit) + 1));
    let mut found: Vec<Row> = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(all.iter()), |r| {
            Ok(Row {
                case_id: r.get(0)?,
                kind: r.get(1)?,
                record_id: r.get(2)?,
                field: r.get(3)?,
                dated: crate::columns::date(r, 4)?,
                status: CaseStatus::Open,
                client_name: String::new(),
            })
        })
        .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
        .map_err(fts)?;
    let more = found.len() > limit as usize;
    found.truncate(limit as usize);
    let mut cases: HashMap<CaseId, (CaseStatus, String)> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT c.status, p.full_name FROM case_file c JOIN person p ON p.id = c.client_id WHERE c.id = ?1",
        )?;
        for row in &mut found {
            let (status, name) = match cases.entry(row.case_id) {
                std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(stmt.query_row([row.case_id], |r| Ok((r.get(0)?, r.get(1)?)))?)
                }
            };
            row.status = *status;
            row.client_name = name.clone();
        }
    }
    found.truncate(limit as usize);

    let snippets = snippets(conn, &parsed.expression, &found)?;
    let hits = found
        .into_iter()
        .zip(snippets)
        .map(|(row, (snippet, parent))| SearchHit {
            kind_label: kind_label(row.kind).into(),
            field_label: field_label(row.kind, &row.field),
            private: row.kind == SearchKind::ProcessNote,
            parent_kind: parent.as_ref().map(|(k, _)| k.clone()),
            parent_id: parent.map(|(_, id)| id),
            case_id: row.case_id,
            client_name: row.client_name,
            case_status: row.status,
            kind: row.kind,
            record_id: row.record_id,
            field: row.field,
            dated: row.dated,
            snippet,
        })
        .collect();
    Ok(SearchResults { hits, terms: parsed.terms, more, recent_only })
}

/// Whether the expression matches more than `n` entries (reads at most n + 1, unranked).
fn matches_more_than(conn: &Connection, expression: &str, n: i64) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT count(*) FROM (SELECT 1 FROM search_index WHERE search_index MATCH ?1 LIMIT ?2)",
    )?
    .query_row(rusqlite::params![expression, n + 1], |r| r.get::<_, i64>(0))
    .map(|count| count > n)
}

/// The lowest rowid among the RANK_WINDOW newest session-note entries that match.
fn newest_sessions_from(conn: &Connection, expression: &str) -> rusqlite::Result<i64> {
    let found: Option<i64> = conn
        .prepare_cached(
            "SELECT rowid FROM search_index WHERE search_index MATCH ?1 AND rowid BETWEEN ?2 AND ?3
             ORDER BY rowid DESC LIMIT 1 OFFSET ?4",
        )?
        .query_row(rusqlite::params![expression, SESSIONS.start, SESSIONS.end - 1, RANK_WINDOW - 1], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(found.unwrap_or(SESSIONS.start))
}

struct Row {
    case_id: CaseId,
    kind: SearchKind,
    record_id: i64,
    field: String,
    dated: NaiveDate,
    status: CaseStatus,
    client_name: String,
}

type Parent = Option<(String, i64)>;

/// Each hit's snippet, cut from the record's own text, and an addendum's parent record.
fn snippets(conn: &Connection, expression: &str, rows: &[Row]) -> Result<Vec<(Vec<SnippetPart>, Parent)>> {
    // A scratch database in memory, for this search only: the notebook's own connection may be
    // read-only (while the whole-file check of R7 runs after unlock), and nothing of the texts
    // should outlive the search. Closing it frees (and the app's allocator wipes) its pages.
    let scratch = Connection::open_in_memory()?;
    scratch.execute_batch(
        "CREATE VIRTUAL TABLE search_snippet USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')",
    )?;
    let mut parents = Vec::with_capacity(rows.len());
    let mut texts = Vec::with_capacity(rows.len());
    for row in rows {
        let body: Option<String> = conn
            .prepare_cached(&source_sql(row.kind, &row.field))?
            .query_row(rusqlite::params![row.record_id, row.field], |r| r.get(0))
            .optional()?
            .flatten();
        texts.push(body.unwrap_or_default().replace([OPEN, CLOSE], ""));
        parents.push(if row.kind == SearchKind::Addendum {
            Some(
                conn.prepare_cached("SELECT record_kind, record_id FROM addendum WHERE id = ?1")?
                    .query_row([row.record_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?,
            )
        } else {
            None
        });
    }
    {
        let mut insert = scratch.prepare("INSERT INTO search_snippet (rowid, body) VALUES (?1, ?2)")?;
        for (i, text) in texts.iter().enumerate() {
            insert.execute(rusqlite::params![i as i64, text])?;
        }
    }
    let mut cut: HashMap<i64, String> = HashMap::new();
    {
        let mut stmt = scratch.prepare(&format!(
            "SELECT rowid, snippet(search_snippet, 0, '{OPEN}', '{CLOSE}', '…', {SNIPPET_WORDS})
             FROM search_snippet WHERE search_snippet MATCH ?1"
        ))?;
        let mut rows_out = stmt.query([expression])?;
        while let Some(r) = rows_out.next()? {
            cut.insert(r.get(0)?, r.get(1)?);
        }
    }
    Ok(texts
        .iter()
        .enumerate()
        .zip(parents)
        .map(|((i, text), parent)| {
            let marked = cut.remove(&(i as i64)).unwrap_or_else(|| lead(text));
            (split_marked(&marked), parent)
        })
        .collect())
}

/// The statement that reads one field's text (`?1` the record's id, `?2` the field): the column
/// itself where the field is a column, else the kind's search_src view, which composes it.
fn source_sql(kind: SearchKind, field: &str) -> String {
    let view =
        || format!("SELECT body FROM search_src_{} WHERE record_id = ?1 AND field = ?2", kind.as_str());
    // The field comes from the index, which only the migration's views fill; a name of any other
    // shape goes through the view, where it simply finds nothing.
    if !field.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
        return view();
    }
    let (table, id) = match (kind, field) {
        (SearchKind::Case, _)
        | (SearchKind::Formulation, "factors")
        | (SearchKind::Plan, "interventions")
        | (SearchKind::Referral, "practitioner") => return view(),
        (SearchKind::Session, _) => ("session_note", "id"),
        (SearchKind::Intake, _) => ("intake", "case_id"),
        (SearchKind::Formulation, _) => ("formulation", "id"),
        (SearchKind::Plan, _) => ("plan", "id"),
        (SearchKind::PlanGoal, _) => ("plan_goal", "id"),
        (SearchKind::Consent, _) => ("consent", "id"),
        (SearchKind::Referral, _) => ("referral", "id"),
        (SearchKind::RuleOut, _) => ("rule_out", "id"),
        (SearchKind::Addendum, _) => ("addendum", "id"),
        (SearchKind::ProcessNote, _) => ("process_note", "id"),
        (SearchKind::CaseEvent, _) => ("case_event", "id"),
        (SearchKind::Diagnosis, _) => ("diagnosis", "id"),
        (SearchKind::Measure, _) => ("measure_administration", "id"),
    };
    format!("SELECT {field} FROM {table} WHERE {id} = ?1 AND ?2 IS NOT NULL")
}

/// The first words of a text, when no match can be marked in it.
fn lead(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words.iter().take(SNIPPET_WORDS as usize).copied().collect::<Vec<_>>().join(" ");
    if words.len() > SNIPPET_WORDS as usize {
        out.push('…');
    }
    out
}

fn split_marked(marked: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut hit = false;
    for c in marked.chars() {
        if c == OPEN || c == CLOSE {
            if !current.is_empty() {
                parts.push(SnippetPart { text: std::mem::take(&mut current), hit });
            }
            hit = c == OPEN;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        parts.push(SnippetPart { text: current, hit });
    }
    parts
}

/// Empties the index and builds it again from the records, as migration 8 does for a notebook
/// written before it. For the bench's build figure, and for an index that needs rebuilding.
pub fn rebuild_index(conn: &Connection) -> Result<()> {
    conn.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')", [])?;
    let union = SearchKind::ALL
        .iter()
        .map(|k| format!("SELECT * FROM search_src_{}", k.as_str()))
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    conn.execute(
        &format!(
            "INSERT INTO search_index (rowid, body, scope, case_id, kind, record_id, field, dated)
             SELECT key, body, 'case' || case_id, case_id, kind, record_id, field, dated FROM ({union})
             WHERE body <> ''"
        ),
        [],
    )?;
    Ok(())
}

/// What the therapist calls a kind of record.
pub fn kind_label(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Case => "Case",
        SearchKind::Intake => "Intake",
        SearchKind::Session => "Session note",
        SearchKind::Formulation => "Formulation",
        SearchKind::Plan => "Treatment plan",
        SearchKind::PlanGoal => "Plan goal",
        SearchKind::Consent => "Consent",
        SearchKind::Referral => "Referral",
        SearchKind::RuleOut => "Medical rule-out",
        SearchKind::Addendum => "Addendum",
        SearchKind::ProcessNote => "Process note",
        SearchKind::CaseEvent => "Closing or reopening",
        SearchKind::Diagnosis => "Diagnosis",
        SearchKind::Measure => "Measure",
    }
}

/// What the therapist calls a field, as the forms label it.
pub fn field_label(kind: SearchKind, field: &str) -> String {
    let label = match (kind, field) {
        (SearchKind::Case, "client") => "Client",
        (SearchKind::Case, "partner") => "Partner",
        (SearchKind::Case, "referral_source") => "Referral source",
        (SearchKind::Case, "other_difficulty") => "Other difficulty",
        (SearchKind::Intake, "presenting_problem") => "Presenting problem",
        (SearchKind::Intake, "onset_course") => "Onset and course",
        (SearchKind::Intake, "lifelong_or_acquired") => "Lifelong or acquired",
        (SearchKind::Intake, "generalized_or_situational") => "Generalised or situational",
        (SearchKind::Intake, "phases_affected") => "Phases of the sexual response affected",
        (SearchKind::Intake, "psychological_functioning") => "Psychological functioning",
        (SearchKind::Intake, "partner_violence_screen") => "Partner-violence screen",
        (SearchKind::Intake, "developmental_history") => "Developmental and sexual history",
        (SearchKind::Intake, "body_image") => "Body image",
        (SearchKind::Intake, "mental_health_risk") => "Mental health and risk",
        (SearchKind::Intake, "goals_expectations") => "Goals and expectations",
        (SearchKind::Session, "others_present") => "Others present",
        (SearchKind::Session, "homework_reviewed") => "Homework reviewed",
        (SearchKind::Session, "homework_set") => "Homework set",
        (SearchKind::Session, "measures_given") => "Measures given",
        (SearchKind::Session, "risk_action") => "Risk action",
        (SearchKind::Measure, "risk_action") => "Action taken on the risk item",
        (SearchKind::Session, "medical_updates") => "Medical updates",
        (SearchKind::Formulation, "problem_statement") => "Problem statement",
        (SearchKind::Formulation, "nodal_point") => "Nodal point",
        (SearchKind::Formulation, "biomedical_note") => "Biomedical note",
        (SearchKind::Formulation, "treatment_implications") => "Treatment implications",
        (SearchKind::Formulation, "shared_response") => "Client's response",
        (SearchKind::Formulation, "factors") => "Contributing factors",
        (SearchKind::PlanGoal, "description") => "Goal",
        (SearchKind::PlanGoal, "measure") => "Measured by",
        (SearchKind::PlanGoal, "status_reason") => "Status reason",
        (SearchKind::Consent, "shared_information") => "Information shared",
        (SearchKind::Consent, "withdrawal_reason") => "Withdrawal reason",
        (SearchKind::Referral, "reason") => "Reason",
        (SearchKind::CaseEvent, "discharge_summary") => "Discharge summary",
        (_, other) => return sentence_case(other),
    };
    label.to_string()
}

fn sentence_case(field: &str) -> String {
    let spaced = field.replace('_', " ");
    let mut chars = spaced.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests;
