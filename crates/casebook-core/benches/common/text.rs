//! Session-note text for the scale notebook: 1 to 2 KB per note, made of the sentences a sex
//! therapist writes (with their words' uneven frequencies), a long tail of ordinary English words
//! drawn with a Zipf-like skew from the de-identifier's dictionary, and a few rare clinical
//! phrases in a small share of notes, so that a search meets common, middling and rare words as
//! it would in a real practice. Deterministic: the same seed gives the same notebook.

const SENTENCES: &[&str] = &[
    "Client reports less performance anxiety before intimacy this week.",
    "Reviewed the sensate focus homework; both found non-demand touch easier than expected.",
    "Discussed the intercourse ban and what it frees them to notice.",
    "Partner attended and described feeling rejected when touch is avoided.",
    "Explored spectatoring: watching herself from the outside during sex.",
    "Psychoeducation on the sexual response cycle and responsive desire.",
    "Anticipatory anxiety remains the nodal point that maintains the avoidance.",
    "Erections are firmer during masturbation than with the partner, which points to a psychological component.",
    "Pelvic floor physiotherapy has started; dilator practice three times a week.",
    "Pain at penetration is lower, rated four out of ten against seven at intake.",
    "Stop-start practice continued; latency is longer with slow breathing.",
    "They argued about household chores and the argument carried into the bedroom.",
    "Low desire is more marked when she is tired after work and the children are awake.",
    "Explored messages about sex from a religious upbringing and the guilt that followed.",
    "Body image came up: she avoids being seen undressed in the light.",
    "Mood is steady; sleep has improved since the medication was reviewed with the GP.",
    "No risk identified on screening today.",
    "Set homework: two sessions of sensate focus stage one, no genital touch.",
    "He noticed catastrophic thoughts about losing the erection and practised defusing them.",
    "Couple communication exercise: each spoke for five minutes without interruption.",
    "Discussed unfinished business from a previous relationship that still colours trust.",
    "Plan review: goals partly met; agreed to continue for six more sessions.",
    "Medical liaison: the urologist confirmed normal hormone levels and vascular findings.",
    "Referred to the gynaecologist to rule out a medical cause for the pain.",
    "She described orgasm as within reach during self-touch but not yet with the partner.",
    "Mindfulness practice before touch helped them stay with sensation rather than outcome.",
    "Reported a setback after a stressful week; normalised setbacks as part of change.",
    "Explored how each partner initiates and how refusals are heard.",
    "Directed masturbation homework was completed on three evenings.",
    "The partner asked about medication; explained it can help but does not address the anxiety.",
];

/// Rare phrases, each in about the given share of notes.
const RARE: &[(&str, u32)] = &[
    ("She first noticed vaginismus after childbirth, when penetration became frightening.", 300),
    ("Peyronie curvature was mentioned and referred for a urology opinion.", 1_000),
    ("They agreed with the urologist to pause tadalafil until the next review.", 150),
    ("Persistent genital arousal was described and is being assessed medically.", 2_000),
    ("Postpartum depression was screened for and not identified.", 500),
    ("An episode of priapism last year was discussed with the GP.", 20_000),
];

pub struct NoteText {
    seed: u64,
    words: Vec<String>,
}

impl NoteText {
    pub fn new(seed: u64) -> NoteText {
        let list = include_str!("../../../../assets/dictionary/english-words.txt");
        let mut words: Vec<String> = list
            .lines()
            .filter(|w| w.len() >= 4 && w.chars().all(|c| c.is_ascii_lowercase()))
            .map(String::from)
            .collect();
        // A fixed shuffle, so the most frequent words of the tail are not all at the start of
        // the alphabet.
        let mut rng = Rng(0x5eed_1234_abcd_0001);
        for i in (1..words.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            words.swap(i, j);
        }
        NoteText { seed: seed | 1, words }
    }

    /// The next note's text, 1 to 2 KB.
    pub fn next_note(&mut self) -> String {
        let mut rng = Rng(self.seed);
        self.seed = rng.next() | 1;
        let target = 1_000 + (rng.next() % 1_000) as usize;
        let mut out = String::with_capacity(target + 200);
        for (phrase, one_in) in RARE {
            if rng.next().is_multiple_of(u64::from(*one_in)) {
                out.push_str(phrase);
                out.push(' ');
            }
        }
        while out.len() < target {
            if rng.next().is_multiple_of(3) {
                // A sentence of everyday words from the long tail.
                out.push_str("Spoke about ");
                let n = 4 + rng.next() % 6;
                for k in 0..n {
                    if k > 0 {
                        out.push_str(if k + 1 == n { " and " } else { ", " });
                    }
                    out.push_str(&self.words[self.zipf(&mut rng)]);
                }
                out.push_str(". ");
            } else {
                // Clinical sentences, the first ones more often (squared uniform skews low).
                let u = (rng.next() % 1_000) as f64 / 1_000.0;
                let i = ((u * u) * SENTENCES.len() as f64) as usize;
                out.push_str(SENTENCES[i.min(SENTENCES.len() - 1)]);
                out.push(' ');
            }
        }
        out.truncate(out.trim_end().len());
        out
    }

    /// An index into the word list with a Zipf-like skew: rank r with weight about 1/r.
    fn zipf(&self, rng: &mut Rng) -> usize {
        let n = self.words.len() as f64;
        let u = (rng.next() % 1_000_000) as f64 / 1_000_000.0;
        // The inverse of the harmonic CDF approximated by exp(u * ln n).
        let r = (u * n.ln()).exp() as usize;
        r.saturating_sub(1).min(self.words.len() - 1)
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}
