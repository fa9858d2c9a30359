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
use rusqlite::{Connection, params_from_iter, types::Value};
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
        return Ok(SearchResults { hits: Vec::new(), terms: parsed.terms, more: false });
    }

    let mut sql = String::from(
        "SELECT s.case_id, s.kind, s.record_id, s.field, s.dated, c.status, p.full_name
         FROM search_index s JOIN case_file c ON c.id = s.case_id JOIN person p ON p.id = c.client_id
         WHERE search_index MATCH ?",
    );
    let mut args: Vec<Value> = vec![Value::Text(parsed.expression.clone())];
    if let Some(case_id) = request.case_id {
        sql.push_str(" AND s.case_id = ?");
        args.push(Value::Integer(case_id.0));
    }
    let kinds = request.kinds.clone().unwrap_or_default();
    let private = request.include_process_notes.unwrap_or(false);
    let wanted: Vec<SearchKind> = if kinds.is_empty() { SearchKind::ALL.to_vec() } else { kinds };
    let wanted: Vec<SearchKind> =
        wanted.into_iter().filter(|k| private || *k != SearchKind::ProcessNote).collect();
    if wanted.is_empty() {
        return Ok(SearchResults { hits: Vec::new(), terms: parsed.terms, more: false });
    }
    if wanted.len() < SearchKind::ALL.len() {
        sql.push_str(" AND s.kind IN (");
        sql.push_str(&vec!["?"; wanted.len()].join(", "));
        sql.push(')');
        args.extend(wanted.iter().map(|k| Value::Text(k.as_str().into())));
    }
    if let Some(from) = request.from {
        sql.push_str(" AND s.dated >= ?");
        args.push(Value::Text(crate::columns::date_text(from)));
    }
    if let Some(to) = request.to {
        sql.push_str(" AND s.dated <= ?");
        args.push(Value::Text(crate::columns::date_text(to)));
    }
    if let Some(status) = request.status {
        sql.push_str(" AND c.status = ?");
        args.push(Value::Text(status.as_str().into()));
    }
    sql.push_str(" ORDER BY s.rank LIMIT ?");
    args.push(Value::Integer(i64::from(limit) + 1));

    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
        Ok(Row {
            case_id: r.get(0)?,
            kind: r.get(1)?,
            record_id: r.get(2)?,
            field: r.get(3)?,
            dated: crate::columns::date(r, 4)?,
            status: r.get(5)?,
            client_name: r.get(6)?,
        })
    });
    let mut found: Vec<Row> = match rows.and_then(|rows| rows.collect::<rusqlite::Result<_>>()) {
        Ok(found) => found,
        // The expression is quoted strings only; if FTS5 still refuses it, say so plainly.
        Err(error) if error.to_string().contains("fts5") => {
            return Err(invalid("Casebook could not read that search. Try plain words."));
        }
        Err(error) => return Err(error.into()),
    };
    let more = found.len() > limit as usize;
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
    Ok(SearchResults { hits, terms: parsed.terms, more })
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
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_snippet
         USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')",
    )?;
    let mut parents = Vec::with_capacity(rows.len());
    let mut texts = Vec::with_capacity(rows.len());
    for row in rows {
        let view = format!("search_src_{}", row.kind.as_str());
        let body: Option<String> = conn
            .query_row(
                &format!("SELECT body FROM {view} WHERE record_id = ?1 AND field = ?2"),
                rusqlite::params![row.record_id, row.field],
                |r| r.get(0),
            )
            .or_else(|e| if e == rusqlite::Error::QueryReturnedNoRows { Ok(None) } else { Err(e) })?;
        texts.push(body.unwrap_or_default().replace([OPEN, CLOSE], ""));
        parents.push(if row.kind == SearchKind::Addendum {
            Some(conn.query_row(
                "SELECT record_kind, record_id FROM addendum WHERE id = ?1",
                [row.record_id],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
            )?)
        } else {
            None
        });
    }
    let result = (|| -> Result<Vec<(Vec<SnippetPart>, Parent)>> {
        {
            let mut insert = conn.prepare("INSERT INTO temp.search_snippet (rowid, body) VALUES (?1, ?2)")?;
            for (i, text) in texts.iter().enumerate() {
                insert.execute(rusqlite::params![i as i64, text])?;
            }
        }
        let mut cut: HashMap<i64, String> = HashMap::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT rowid, snippet(search_snippet, 0, '{OPEN}', '{CLOSE}', '…', {SNIPPET_WORDS})
             FROM temp.search_snippet WHERE search_snippet MATCH ?1"
        ))?;
        let mut rows_out = stmt.query([expression])?;
        while let Some(r) = rows_out.next()? {
            cut.insert(r.get(0)?, r.get(1)?);
        }
        Ok(texts
            .iter()
            .enumerate()
            .zip(parents.iter().cloned())
            .map(|((i, text), parent)| {
                let marked = cut.remove(&(i as i64)).unwrap_or_else(|| lead(text));
                (split_marked(&marked), parent)
            })
            .collect())
    })();
    conn.execute("DELETE FROM temp.search_snippet", [])?;
    result
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
