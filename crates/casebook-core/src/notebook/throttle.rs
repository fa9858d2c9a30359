//! A growing delay between failed unlock attempts, after the first five.

use crate::error::{Error, Result};
use chrono::{DateTime, Duration, Utc};

const FREE_ATTEMPTS: u32 = 5;
const MAX_DELAY_SECS: i64 = 60;

#[derive(Debug, Default)]
pub(super) struct Throttle {
    failures: u32,
    last_failure: Option<DateTime<Utc>>,
}

impl Throttle {
    /// Refuses an attempt made before the delay since the last failure has passed.
    pub(super) fn check(&self, now: DateTime<Utc>) -> Result<()> {
        let (Some(last), Some(delay)) = (self.last_failure, self.delay()) else { return Ok(()) };
        let ready = last + delay;
        if now < ready {
            let wait = (ready - now).num_milliseconds();
            let secs = u64::try_from((wait + 999) / 1000).unwrap_or(1).max(1);
            return Err(Error::Throttled { retry_after_secs: secs });
        }
        Ok(())
    }

    /// 1 s after the fifth failure, doubling with each further one, at most a minute.
    fn delay(&self) -> Option<Duration> {
        let extra = self.failures.checked_sub(FREE_ATTEMPTS)?;
        let secs = 1i64.checked_shl(extra).unwrap_or(MAX_DELAY_SECS).min(MAX_DELAY_SECS);
        Some(Duration::seconds(secs))
    }

    pub(super) fn fail(&mut self, now: DateTime<Utc>) {
        self.failures = self.failures.saturating_add(1);
        self.last_failure = Some(now);
    }

    pub(super) fn succeed(&mut self) {
        *self = Throttle::default();
    }

    pub(super) fn failures(&self) -> u32 {
        self.failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_are_free_then_the_delay_grows_to_a_minute() {
        let t0 = crate::clock::test_start();
        let mut throttle = Throttle::default();
        for _ in 0..5 {
            throttle.check(t0).unwrap();
            throttle.fail(t0);
        }
        assert!(matches!(throttle.check(t0), Err(Error::Throttled { retry_after_secs: 1 })));
        throttle.check(t0 + Duration::seconds(1)).unwrap();
        throttle.fail(t0);
        assert!(matches!(throttle.check(t0), Err(Error::Throttled { retry_after_secs: 2 })));
        for _ in 0..20 {
            throttle.fail(t0);
        }
        assert!(matches!(throttle.check(t0), Err(Error::Throttled { retry_after_secs: 60 })));
        throttle.succeed();
        throttle.check(t0).unwrap();
    }
}
