//! The list of templates for one filter and fail2ban's choice among them for a line:
//! the last template first, anchored templates at once, else the earliest match.

use super::template::{DEFAULT_TEMPLATES, DateTemplate};
use crate::Result;

#[derive(Clone)]
struct Slot {
    t: std::sync::Arc<DateTemplate>,
    hits: u64,
    distance: usize,
    /// Group spans of this template's last successful `locate` search.
    spans: Vec<Option<(usize, usize)>>,
    caps: Option<crate::filter::plain::DualCaps>,
}

impl Slot {
    /// Search `line`, recording group spans; the start of the match.
    fn locate(&mut self, line: &str) -> Option<usize> {
        if let Some(f) = &self.t.fast
            && let Some(c) = f.captures(line, self.caps.get_or_insert_with(Default::default))
        {
            if !c.is_match() {
                return None;
            }
            self.spans.clear();
            self.spans
                .extend((0..c.group_len()).map(|g| c.get_group(g).map(|m| (m.start, m.end))));
        } else {
            let c = self.t.search(line)?;
            self.spans.clear();
            self.spans
                .extend(c.iter().map(|m| m.map(|m| (m.start(), m.end()))));
        }
        self.spans.first().copied().flatten().map(|(s, _)| s)
    }
}

/// Which template a [`DateDetector`] chose for a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// (template index, start of its match in the line); None: no template matched.
    pub found: Option<(usize, usize)>,
    /// Chosen on the detector's last template alone (see [`DateDetector::accept`]).
    pub on_last: bool,
}

/// The list of templates for one filter, with fail2ban's search preferences.
#[derive(Clone)]
pub struct DateDetector {
    slots: Vec<Slot>,
    last_idx: Option<usize>,
    last_pos: usize,
    /// `{NONE}`: never look for a date; lines get "now".
    pub none: bool,
}

fn default_templates() -> Result<(Vec<DateTemplate>, Vec<DateTemplate>)> {
    // fail2ban caches an anchored copy (weight 100, tried first) of every template that
    // is not anchored itself.
    let mut anchored = Vec::new();
    let mut plain = Vec::new();
    for spec in DEFAULT_TEMPLATES {
        let t = DateTemplate::from_spec(spec)?;
        if !spec.starts_with("{^LN-BEG}") && !spec.starts_with('^') {
            let a = DateTemplate::anchored(spec)?;
            if a.name != t.name {
                anchored.push(a);
            }
        }
        plain.push(t);
    }
    Ok((anchored, plain))
}

impl DateDetector {
    /// Build from a filter's `datepattern` (None = fail2ban's defaults). Several
    /// patterns may be given, one per line.
    pub fn new(datepattern: Option<&str>) -> Result<DateDetector> {
        let mut det = DateDetector {
            slots: Vec::new(),
            last_idx: None,
            last_pos: 1,
            none: false,
        };
        let push = |det: &mut DateDetector, t: DateTemplate| {
            if !det.slots.iter().any(|s| s.t.name == t.name) {
                det.slots.push(Slot {
                    t: std::sync::Arc::new(t),
                    hits: 0,
                    distance: usize::MAX,
                    spans: Vec::new(),
                    caps: None,
                });
            }
        };
        let patterns: Vec<&str> = match datepattern {
            None => vec!["{DEFAULT}"],
            Some(p) => p
                .split('\n')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect(),
        };
        for p in patterns {
            let key = if p.contains('%') {
                p.to_string()
            } else {
                p.to_uppercase()
            };
            match key.as_str() {
                "{^LN-BEG}" | "{DEFAULT}" => {
                    let (a, plain) = default_templates()?;
                    for t in a.into_iter().chain(plain) {
                        if key == "{DEFAULT}" || t.line_begin {
                            push(&mut det, t);
                        }
                    }
                }
                "{NONE}" => det.none = true,
                _ if key.contains("{DATE}") => {
                    for spec in DEFAULT_TEMPLATES {
                        if matches!(*spec, "EPOCH" | "TAI64N") {
                            continue;
                        }
                        let inner = spec.trim_start_matches("{^LN-BEG}").trim_start_matches('^');
                        let full = format!("{{UNB}}{}", p.replace("{DATE}", inner));
                        let t = DateTemplate::pattern(&full)?;
                        t.check()?;
                        push(&mut det, t);
                    }
                }
                _ => {
                    let t = DateTemplate::from_spec(p)?;
                    t.check()?;
                    push(&mut det, t);
                }
            }
        }
        Ok(det)
    }

    /// Find the date: (template index, captures). Follows fail2ban's preferences: the
    /// last anchored template first, anchored templates win at once, otherwise the
    /// earliest match in the line.
    pub fn find<'t>(&mut self, line: &'t str) -> Option<(usize, fancy_regex::Captures<'t, str>)> {
        let c = self.choose(line, |slot, line| {
            slot.t
                .search(line)
                .map(|c| c.get(0).map(|m| m.start()).unwrap_or(0))
        });
        self.commit(&c);
        let i = c.found?.0;
        let c = self.slots[i].t.search(line)?;
        Some((i, c))
    }

    /// `find` without fancy-regex captures: the template index; its group spans are
    /// then in [`DateDetector::spans`].
    pub fn locate(&mut self, line: &str) -> Option<usize> {
        let c = self.probe(line);
        self.commit(&c);
        c.found.map(|(i, _)| i)
    }

    /// The template fail2ban would choose for `line` in the detector's present state,
    /// without recording it (see [`DateDetector::accept`]); its group spans are then in
    /// [`DateDetector::spans`].
    pub fn probe(&mut self, line: &str) -> Choice {
        self.choose(line, |slot, line| slot.locate(line))
    }

    /// Group spans of template `i` from the last `locate` that returned it.
    pub fn spans(&self, i: usize) -> &[Option<(usize, usize)>] {
        self.slots.get(i).map(|s| s.spans.as_slice()).unwrap_or(&[])
    }

    /// Record `c`, a choice made by this detector or by a copy of it, when it is the
    /// choice this detector makes in its present state; false (nothing recorded) when
    /// that cannot be told without searching again.
    ///
    /// A choice holds whatever the state when no template matched (every one was
    /// tried), and when it was made on the last template alone and that template is
    /// still the last one and still qualifies.
    pub fn accept(&mut self, c: &Choice) -> bool {
        let Some((i, start)) = c.found else {
            return true;
        };
        if !c.on_last || self.last_idx != Some(i) {
            return false;
        }
        let n = self.slots.len();
        let Some(slot) = self.slots.get(i) else {
            return false;
        };
        if !(slot.t.line_begin || n == 1 || start == slot.distance) {
            return false;
        }
        self.hit(i, start);
        true
    }

    /// fail2ban's template choice; `search` gives a template's match start in the line.
    /// Nothing is recorded: the detector after `choose` + `accept` is as before `pick`.
    fn choose(
        &mut self,
        line: &str,
        mut search: impl FnMut(&mut Slot, &str) -> Option<usize>,
    ) -> Choice {
        let mut choice = Choice {
            found: None,
            on_last: false,
        };
        if self.none || self.slots.is_empty() {
            return choice;
        }
        let mut skip = None;
        let n = self.slots.len();
        // A collision of the last template is kept as the fallback, as fail2ban does.
        let mut best: Option<(usize, usize)> = None;
        if let Some(i) = self.last_idx
            && let Some(slot) = self.slots.get_mut(i)
        {
            if let Some(start) = search(slot, line) {
                if slot.t.line_begin || n == 1 || start == slot.distance {
                    choice.found = Some((i, start));
                    choice.on_last = true;
                    return choice;
                }
                best = Some((i, start));
            }
            skip = Some(i);
        }
        for i in 0..n {
            if Some(i) == skip {
                continue;
            }
            let Some(distance) = search(&mut self.slots[i], line) else {
                continue;
            };
            if i + 1 >= n || self.slots[i].t.line_begin {
                choice.found = Some((i, distance));
                return choice;
            }
            if distance == 0 && self.slots[i].hits > 0 && self.slots[i + 1].hits == 0 {
                choice.found = Some((i, distance));
                return choice;
            }
            if (self.slots[i].distance != usize::MAX && distance > self.slots[i].distance)
                || distance > self.last_pos
            {
                if best.is_none_or(|(_, d)| distance < d) {
                    best = Some((i, distance));
                }
                continue;
            }
            choice.found = Some((i, distance));
            return choice;
        }
        if let Some((i, _)) = best
            && let Some(start) = search(&mut self.slots[i], line)
        {
            choice.found = Some((i, start));
        }
        choice
    }

    /// Record a choice this detector made (by `probe`) in its present state.
    pub fn commit(&mut self, c: &Choice) {
        if let Some((i, start)) = c.found {
            self.hit(i, start);
        }
    }

    fn hit(&mut self, i: usize, start: usize) {
        if let Some(s) = self.slots.get_mut(i) {
            s.hits += 1;
            s.distance = start;
        }
        self.last_pos = start;
        self.last_idx = Some(i);
    }

    pub fn template(&self, i: usize) -> Option<&DateTemplate> {
        self.slots.get(i).map(|s| s.t.as_ref())
    }

    /// (template name, hits) for templates that matched at least once, list order.
    pub fn hits(&self) -> Vec<(String, u64)> {
        self.slots
            .iter()
            .filter(|s| s.hits > 0)
            .map(|s| (s.t.name.clone(), s.hits))
            .collect()
    }
}
