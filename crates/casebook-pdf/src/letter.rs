//! The referral letter on paper: sender and date, the recipient, the client it is about, the
//! three parts the release consent covers, the consent it relies on, and the signature.

use crate::blocks::{self, LEADING};
use crate::fonts::{Face, Fonts};
use crate::layout::{BODY, Flow, INK, MUTED, Run, Style};
use crate::paint::{self, Running};
use casebook_core::Result;
use casebook_core::export::{PaperSize, ReferralLetter, Text};

fn long_date(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

fn lines(flow: &mut Flow<'_>, lines: &[String], style: Style) {
    let (x, w) = (flow.geo.left, flow.geo.text_width());
    for line in lines.iter().filter(|l| !l.trim().is_empty()) {
        flow.paragraph(&[Run::new(line.trim(), style)], x, w, LEADING);
    }
}

fn part(flow: &mut Flow<'_>, label: &str, text: &str) {
    blocks::label(flow, label);
    let (x, w) = (flow.geo.left, flow.geo.text_width());
    blocks::paragraph(flow, &Text::plain(text), BODY, x, w);
    flow.space(10.0);
}

pub(crate) fn render(fonts: &Fonts, letter: &ReferralLetter, paper: PaperSize) -> Result<Vec<u8>> {
    let mut flow = Flow::new(fonts, paper);
    let date = long_date(letter.written_on);
    let right = flow.geo.right;
    let dw = fonts.width(Face::Regular, BODY.size, &date);
    flow.text(right - dw, flow.y + 11.0, &date, BODY);
    let from = if letter.from.trim().is_empty() { "The treating therapist" } else { letter.from.as_str() };
    lines(&mut flow, &[from.to_string()], Style::new(Face::Bold, 11.0, INK));
    lines(&mut flow, &letter.letterhead, Style::new(Face::Regular, 9.5, MUTED));
    flow.space(18.0);
    let mut to = vec![letter.to_name.clone()];
    to.push(match &letter.to_practice {
        Some(practice) => format!("{}, {practice}", letter.to_role),
        None => letter.to_role.clone(),
    });
    if let Some(address) = &letter.to_address {
        to.extend(address.lines().map(str::to_string));
    }
    lines(&mut flow, &to, BODY);
    flow.space(18.0);
    let re = match &letter.client_age {
        Some(age) => format!("Re: {} ({age})", letter.client_name),
        None => format!("Re: {}", letter.client_name),
    };
    lines(&mut flow, &[re], Style::new(Face::Bold, 11.5, INK));
    flow.space(12.0);
    lines(&mut flow, std::slice::from_ref(&letter.salutation), BODY);
    flow.space(6.0);
    let (x, w) = (flow.geo.left, flow.geo.text_width());
    let opening = "Thank you for seeing the client named above. I would value your assessment. With the client's consent, this letter shares only what that consent covers.";
    flow.paragraph(&[Run::new(opening, BODY)], x, w, LEADING);
    flow.space(12.0);
    part(&mut flow, "Presenting problem", &letter.presenting_problem);
    if let Some(history) = &letter.relevant_history {
        part(&mut flow, "Relevant history", history);
    }
    part(&mut flow, "The question for you", &letter.question);
    flow.paragraph(&[Run::new(letter.consent.as_str(), Style::new(Face::Italic, 9.5, MUTED))], x, w, 13.0);
    flow.space(18.0);
    flow.keep(4.0 * LEADING + 30.0);
    lines(&mut flow, &["Kind regards,".to_string()], BODY);
    flow.space(34.0);
    let signature =
        if letter.from.trim().is_empty() { "____________________________" } else { letter.from.as_str() };
    lines(&mut flow, &[signature.to_string()], Style::new(Face::Bold, 10.5, INK));
    let running = Running {
        header: "Confidential: medical referral".into(),
        header_right: String::new(),
        footer: format!("Referral letter, {date}"),
        identified: false,
        title: "Referral letter".into(),
        date: letter.written_on,
    };
    paint::finish(flow, &running)
}
