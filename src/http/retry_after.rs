//! `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, in any of the three date
//! formats a recipient must accept (§5.6.7).

use crate::prelude::*;
/// What a `Retry-After` header said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryAfter {
    /// Wait this many seconds (saturated at `u32::MAX`; 0 for a date in the past).
    Seconds(u32),
    /// Present but not a number of seconds nor a date: the provider asked for a wait we cannot
    /// read, so the call ends rather than guess.
    Unreadable,
}

/// Reads the header value, given the current time in Unix milliseconds.
pub fn parse(value: &str, now_ms: u64) -> RetryAfter {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        let seconds = value.bytes().fold(0u64, |acc, b| acc.saturating_mul(10).saturating_add(u64::from(b - b'0')));
        return RetryAfter::Seconds(u32::try_from(seconds).unwrap_or(u32::MAX));
    }
    match http_date(value) {
        Some(at) => {
            let wait_ms = at.saturating_mul(1000).saturating_sub(now_ms);
            RetryAfter::Seconds(u32::try_from(wait_ms.div_ceil(1000)).unwrap_or(u32::MAX))
        }
        None => RetryAfter::Unreadable,
    }
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// An HTTP-date as Unix seconds: `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate),
/// `Sunday, 06-Nov-94 08:49:37 GMT` (RFC 850) or `Sun Nov  6 08:49:37 1994` (asctime).
pub fn http_date(value: &str) -> Option<u64> {
    let words: Vec<&str> = value.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let (day, month, year, time) = match words.as_slice() {
        [weekday, day, month, year, time, "GMT"] if weekday.ends_with(',') => (*day, *month, *year, *time),
        [_weekday, month, day, time, year] => (*day, *month, *year, *time),
        _ => return None,
    };
    let month = MONTHS.iter().position(|m| *m == month)? as u64 + 1;
    let mut year = number(year, 2..=4)?;
    if year < 100 {
        // RFC 850's two-digit year: §5.6.7 says a year more than 50 years ahead is in the past.
        year += if year < 70 { 2000 } else { 1900 };
    }
    let day = number(day, 1..=2).filter(|d| (1..=31).contains(d))?;
    let mut clock = time.split(':').map(|part| number(part, 2..=2));
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    if clock.next().is_some() || hour > 23 || minute > 59 || second > 60 || year < 1970 {
        return None;
    }
    Some(days_since_epoch(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

fn number(text: &str, digits: core::ops::RangeInclusive<usize>) -> Option<u64> {
    if !digits.contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (year >= 1970).
fn days_since_epoch(year: u64, month: u64, day: u64) -> u64 {
    // Count from March, so the leap day is the last day of the counted year.
    let (year, month) = if month <= 2 { (year - 1, month + 9) } else { (year, month - 3) };
    let era_days = year * 365 + year / 4 - year / 100 + year / 400;
    let day_of_year = (153 * month + 2) / 5 + day - 1;
    era_days + day_of_year - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOV_6_1994: u64 = 784_111_777; // 1994-11-06T08:49:37Z

    #[test]
    fn the_three_date_formats_agree() {
        for text in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
            assert_eq!(http_date(text), Some(NOV_6_1994), "{text}");
        }
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(http_date("Tue, 29 Feb 2028 23:59:59 GMT"), Some(1_835_481_599));
    }

    #[test]
    fn seconds_and_dates_become_a_wait() {
        let now_ms = NOV_6_1994 * 1000;
        assert_eq!(parse("3", now_ms), RetryAfter::Seconds(3));
        assert_eq!(parse(" 0 ", now_ms), RetryAfter::Seconds(0));
        assert_eq!(parse("99999999999999999999", now_ms), RetryAfter::Seconds(u32::MAX));
        assert_eq!(parse("Sun, 06 Nov 1994 08:49:39 GMT", now_ms), RetryAfter::Seconds(2));
        assert_eq!(parse("Sun, 06 Nov 1994 08:49:39 GMT", now_ms + 500), RetryAfter::Seconds(2));
        assert_eq!(parse("Sun, 06 Nov 1994 08:00:00 GMT", now_ms), RetryAfter::Seconds(0));
    }

    #[test]
    fn anything_else_is_unreadable() {
        for text in [
            "",
            "-1",
            "1.5",
            "soon",
            "Sun, 06 Nov 1994 08:49:37 PST",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
        ] {
            assert_eq!(parse(text, 0), RetryAfter::Unreadable, "{text:?}");
        }
    }
}
