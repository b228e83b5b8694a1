//! The state a filter keeps across lines: the `maxlines` buffer that multi-line
//! regexes search and trim, and the mlfid cache that merges lines of one connection.

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::groups::{
    Fail, MLFFORGET, MLFGAINED, MLFPENDING, NOFAIL, USER, Vals, get, pop_truthy, truthy, with_pre,
};
use super::scan::ignore_hit;
use super::{FilterEngine, LineOutcome};
use crate::filter::regex::{CompiledRegex, Spans};

const MLFID_CACHE_MAX: usize = 100;

#[derive(Debug, Clone, PartialEq)]
pub(super) struct BufLine {
    pub(super) id: u64,
    pub(super) text: String,
}

impl FilterEngine {
    fn join(lines: &[BufLine]) -> String {
        let mut s = String::new();
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                s.push('\n');
            }
            s.push_str(&l.text);
        }
        s
    }

    /// Which buffered lines a match covers (fail2ban's `Regex.search` bookkeeping).
    fn split_matched(
        re: &CompiledRegex,
        spans: &Spans,
        buf: &str,
        org: &[BufLine],
    ) -> (Vec<BufLine>, Vec<BufLine>) {
        if org.len() <= 1 {
            return (org.to_vec(), Vec::new());
        }
        let Some((m_start, m_end)) = spans.get(0) else {
            return (org.to_vec(), Vec::new());
        };
        // Python's buffer has a trailing newline. Python counts characters
        // and the spans are bytes: search for the newline byte in bytes, so
        // a match that starts or ends in a multi-byte character (a
        // non-breaking space, `josé`) never cuts one.
        let s = format!("{buf}\n");
        let b = s.as_bytes();
        let upto = (m_start + 1).min(b.len());
        let line_start = memchr::memrchr(b'\n', &b[..upto]).map_or(0, |p| p + 1);
        let from = m_end.saturating_sub(1).min(b.len());
        let line_end = memchr::memchr(b'\n', &b[from..]).map_or(b.len(), |p| from + p + 1);
        let lc1 = memchr::memchr_iter(b'\n', &b[..line_start])
            .count()
            .min(org.len());
        let lc2 = memchr::memchr_iter(b'\n', &b[..line_end])
            .count()
            .min(org.len())
            .max(lc1);
        let mut matched: Vec<BufLine> = org[lc1..lc2].to_vec();
        let mut unmatched: Vec<BufLine> = org[..lc1].to_vec();
        let mut n = 0;
        for skipped in re.skipped_lines_of(buf, spans) {
            if let Some(p) = matched[n.min(matched.len())..]
                .iter()
                .position(|l| l.text == skipped)
            {
                unmatched.push(matched.remove(n + p));
                n += p;
            }
        }
        unmatched.extend_from_slice(&org[lc2..]);
        (matched, unmatched)
    }

    /// `findFailure` over the multi-line buffer, which each match trims.
    pub(super) fn find_failure_multi(
        &mut self,
        text: String,
        date: Option<f64>,
        out: &mut LineOutcome,
    ) {
        let id = self.next_id;
        self.next_id += 1;
        let before = self.buffer.clone();
        self.buffer.push(BufLine { id, text });
        if self.buffer.len() > self.maxlines() {
            let cut = self.buffer.len() - self.maxlines();
            self.buffer.drain(..cut);
        }
        let org = self.buffer.clone();
        let full = Self::join(&org);
        let c = self.scanner.c.clone();
        let mut ignored = |i| out.ignore_hits.push(i);
        if !c.ignoreregex.is_empty()
            && c.ignoreregex.len() + 2 < c.failregex.len()
            && ignore_hit(
                &c.ignoreregex,
                &mut self.scanner.ign_spans,
                &full,
                &mut ignored,
            )
        {
            self.note_consumed(&before, out);
            return;
        }
        let mut cur: Cow<'_, str> = Cow::Borrowed(&full);
        let mut pre: Option<Vals> = None;
        if let Some(p) = &c.prefregex {
            if !p.find(&full, &mut self.scanner.pre_spans) {
                self.note_consumed(&before, out);
                return;
            }
            if let Some((s, e)) = p
                .group_index("content")
                .and_then(|i| self.scanner.pre_spans.get(i))
                .filter(|(s, e)| e > s)
            {
                self.buffer = vec![BufLine {
                    id,
                    text: full[s..e].to_string(),
                }];
                cur = Cow::Owned(Self::join(&self.buffer));
            }
        }
        for (i, fr) in c.failregex.iter().enumerate() {
            let spans = &mut self.scanner.fail_spans[i];
            if !fr.find(&cur, spans) {
                continue;
            }
            let plan = &c.fail_plans[i];
            let (matched, unmatched) = Self::split_matched(fr, spans, &cur, &org);
            let (own, fid_from_regex) = c.own_groups(plan, &cur, spans);
            let ignore = !c.ignoreregex.is_empty()
                && ignore_hit(
                    &c.ignoreregex,
                    &mut self.scanner.ign_spans,
                    &Self::join(&matched),
                    &mut |i| out.ignore_hits.push(i),
                );
            self.buffer = unmatched;
            cur = Cow::Owned(Self::join(&self.buffer));
            if ignore {
                continue;
            }
            if pre.is_none() && c.prefregex.is_some() {
                pre = Some(c.pre_groups(&full, &self.scanner.pre_spans));
            }
            let groups = with_pre(pre.as_ref(), own, plan);
            self.emit(i, groups, fid_from_regex, date, out);
        }
        self.note_consumed(&before, out);
    }

    /// fail2ban-regex re-counts earlier missed lines that a multi-line match used up.
    fn note_consumed(&self, before: &[BufLine], out: &mut LineOutcome) {
        if self.maxlines() <= 1 {
            return;
        }
        let full = before.len() >= self.maxlines();
        for l in before.iter().skip(usize::from(full)) {
            if !self.buffer.contains(l) {
                out.consumed.push(l.id);
            }
        }
    }

    /// fail2ban's `_mergeFailure`: combine lines of one connection (mlfid).
    pub(super) fn merge_failure(&mut self, mlfid: &str, mut fail: Fail) -> Fail {
        let mut nfflgs = 0u8;
        if truthy(&fail.groups, MLFGAINED) {
            nfflgs |= 8 | 1;
            if !truthy(&fail.groups, NOFAIL) {
                fail.groups[NOFAIL] = fail.groups[MLFGAINED].clone();
            }
        } else if truthy(&fail.groups, NOFAIL) {
            nfflgs |= 1;
        }
        if pop_truthy(&mut fail.groups, MLFFORGET) {
            nfflgs |= 2;
        }
        let user = get(&fail.groups, USER).filter(|u| !u.is_empty());
        let users;
        let in_cache;
        let mut merged = if let Some(cached) = self.mlfid_cache.get_mut(mlfid) {
            if let Some(u) = &user {
                cached
                    .users
                    .get_or_insert_with(BTreeSet::new)
                    .insert(u.clone());
            }
            users = cached.users.as_ref().map(BTreeSet::len);
            if pop_truthy(&mut cached.groups, NOFAIL) {
                nfflgs |= 4;
            }
            if pop_truthy(&mut cached.groups, MLFGAINED) {
                nfflgs |= 4;
            }
            if nfflgs & 8 != 0 {
                cached.groups[MLFPENDING] = None;
            }
            for (k, v) in fail.groups.into_iter().enumerate() {
                if v.is_some() {
                    cached.groups[k] = v;
                }
            }
            in_cache = nfflgs & 2 == 0;
            let m = cached.clone();
            if nfflgs & 2 != 0 {
                self.mlfid_cache.remove(mlfid);
                self.mlfid_order.retain(|k| k != mlfid);
            }
            m
        } else if nfflgs & 2 == 0 {
            if let Some(u) = &user {
                fail.users
                    .get_or_insert_with(BTreeSet::new)
                    .insert(u.clone());
            }
            users = fail.users.as_ref().map(BTreeSet::len);
            while self.mlfid_cache.len() >= MLFID_CACHE_MAX {
                let Some(old) = self.mlfid_order.pop_front() else {
                    break;
                };
                self.mlfid_cache.remove(&old);
            }
            self.mlfid_order.push_back(mlfid.to_string());
            self.mlfid_cache.insert(mlfid.to_string(), fail.clone());
            in_cache = true;
            fail
        } else {
            users = None;
            in_cache = false;
            fail
        };
        let pending = pop_truthy(&mut merged.groups, MLFPENDING);
        // Python pops from the dict it shares with the cache.
        if in_cache && let Some(c) = self.mlfid_cache.get_mut(mlfid) {
            c.groups[MLFPENDING] = None;
        }
        if pending || users.is_some_and(|u| u > 1) {
            merged.groups[NOFAIL] = None;
            merged.groups[MLFGAINED] = None;
            if in_cache && let Some(c) = self.mlfid_cache.get_mut(mlfid) {
                c.groups[MLFPENDING] = None;
                c.groups[NOFAIL] = None;
                c.groups[MLFGAINED] = None;
            }
        }
        merged
    }
}
