//! How far a long reading has come, for a caller that shows it (the
//! page's progress bar while a 100 MB node dump is read).
//!
//! A [`Progress`] reports `(done, total)` to a callback: `total` is fixed
//! when it is made, `done` only rises and ends at `total`. The work is cut
//! into phases (reading the text, decoding its objects, ...), each
//! covering a share of `total` and counting its own positions (a byte
//! offset, an object's offset); the readers call [`Progress::at`] at
//! natural points (a closed JSON container, a closed YAML collection, an
//! object decoded), never per byte. `at` is one comparison with the next
//! position worth a report; the arithmetic and the callback run only
//! there, about once per percent of `total`. Without a callback
//! ([`Progress::none`]) that position is never reached.

/// Reports at most about this many times (one per percent).
const REPORTS: usize = 100;

/// The progress of one reading and where its reports go.
pub struct Progress<'a> {
    sink: Option<&'a mut dyn FnMut(usize, usize)>,
    total: usize,
    /// The current phase: its positions `0..=len` cover `from..=to` of
    /// `total`.
    from: usize,
    to: usize,
    len: usize,
    /// The next position of the phase worth a report (`usize::MAX`:
    /// none, as without a callback).
    next: usize,
    /// Positions of the phase that make one percent of `total`.
    step: usize,
    /// The last value reported.
    done: Option<usize>,
}

impl std::fmt::Debug for Progress<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.debug_struct("Progress")
            .field("done", &self.done)
            .field("total", &self.total)
            .finish()
    }
}

/// `x * num / den` without overflow (`den` > 0).
pub(crate) fn scale(x: usize, num: usize, den: usize) -> usize {
    (x as u128 * num as u128 / den.max(1) as u128) as usize
}

impl<'a> Progress<'a> {
    /// No reports.
    pub fn none() -> Progress<'static> {
        Progress {
            sink: None,
            total: 1,
            from: 0,
            to: 0,
            len: 1,
            next: usize::MAX,
            step: 1,
            done: None,
        }
    }

    /// Reports to `sink` as `(done, total)`; `total` is at least 1.
    pub fn new(total: usize, sink: &'a mut dyn FnMut(usize, usize)) -> Progress<'a> {
        Progress {
            sink: Some(sink),
            total: total.max(1),
            ..Progress::none()
        }
    }

    /// The total every report gives.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Where the current phase ends (0 before the first).
    pub fn phase_end(&self) -> usize {
        self.to
    }

    /// `per_mille` thousandths of `span`: where a phase that takes that
    /// share of the work ends.
    pub fn share(span: usize, per_mille: usize) -> usize {
        scale(span, per_mille, 1000)
    }

    /// Starts a phase: its positions `0..=len` cover the units from where
    /// the last phase ended up to `to` (at most `total`).
    pub fn phase(&mut self, to: usize, len: usize) {
        self.from = self.to;
        self.to = to.clamp(self.from, self.total);
        self.len = len.max(1);
        // one percent of the total in the phase's positions
        let width = (self.to - self.from).max(1);
        self.step = scale(self.len, self.total, width * REPORTS).max(1);
        self.next = if self.sink.is_some() { 0 } else { usize::MAX };
    }

    /// The phase has come to position `pos` (positions may repeat or go
    /// back; only a rise is reported).
    #[inline]
    pub fn at(&mut self, pos: usize) {
        if pos >= self.next {
            self.report(pos);
        }
    }

    #[cold]
    #[inline(never)]
    fn report(&mut self, pos: usize) {
        let pos = pos.min(self.len);
        let done = self.from + scale(self.to - self.from, pos, self.len);
        self.next = pos.saturating_add(self.step);
        // about one percent apart, whatever the phases' positions do
        if self
            .done
            .is_none_or(|last| done >= last + self.total / REPORTS)
        {
            self.emit(done);
        }
    }

    /// The whole work is done: reports `total` (once).
    pub fn finish(&mut self) {
        self.from = self.total;
        self.to = self.total;
        self.next = usize::MAX;
        self.emit(self.total);
    }

    fn emit(&mut self, done: usize) {
        if self.done.is_some_and(|last| done <= last) {
            return;
        }
        self.done = Some(done);
        if let Some(sink) = &mut self.sink {
            sink(done, self.total);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(total: usize, work: impl FnOnce(&mut Progress)) -> Vec<(usize, usize)> {
        let mut seen = Vec::new();
        let mut sink = |d, t| seen.push((d, t));
        {
            let mut p = Progress::new(total, &mut sink);
            work(&mut p);
            p.finish();
        }
        seen
    }

    #[test]
    fn rises_about_once_per_percent_and_ends_at_total() {
        let seen = run(10_000, |p| {
            p.phase(6_000, 1_000_000);
            for i in (0..=1_000_000).step_by(7) {
                p.at(i);
            }
            p.phase(9_900, 50);
            for i in 0..50 {
                p.at(i);
                p.at(i / 2); // going back reports nothing
            }
        });
        assert!(seen.iter().all(|&(_, t)| t == 10_000));
        assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "{seen:?}");
        assert!(seen
            .windows(2)
            .all(|w| w[1].0 - w[0].0 >= 100 || w[1].0 == 10_000));
        assert_eq!(seen.last(), Some(&(10_000, 10_000)));
        assert!(seen.len() <= 102, "{}", seen.len());
        assert!(seen.len() >= 80, "{}", seen.len());
        // the first phase ended at its share
        assert!(seen.iter().any(|&(d, _)| (5_900..=6_000).contains(&d)));
    }

    #[test]
    fn tiny_and_empty_work() {
        assert_eq!(run(0, |_| {}), vec![(1, 1)]);
        let start = |p: &mut Progress| {
            p.phase(2, 0);
            p.at(0);
            p.at(0);
        };
        assert_eq!(run(3, start), vec![(0, 3), (3, 3)]);
        let mut none = Progress::none();
        none.phase(10, 10);
        none.at(5);
        none.finish();
    }
}
