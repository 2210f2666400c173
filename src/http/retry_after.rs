//! `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, in any of the three date
//! formats a recipient must accept (§5.6.7). The npm package's facade reads a date with the
//! runtime's `Date` and hands the wasm the seconds (`js/transport.mjs`), so the date parser here
//! is built for the Rust client only (feature `client`): it was ~900 B gzip of the npm wasm.

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
    let value = value.trim_ascii();
    if let Some(seconds) = number(value, 1..=usize::MAX) {
        return RetryAfter::Seconds(u32::try_from(seconds).unwrap_or(u32::MAX));
    }
    #[cfg(feature = "client")]
    if let Some(at) = http_date(value, now_ms) {
        let wait_ms = at.saturating_mul(1000).saturating_sub(now_ms);
        return RetryAfter::Seconds(u32::try_from(wait_ms.div_ceil(1000)).unwrap_or(u32::MAX));
    }
    #[cfg(not(feature = "client"))]
    let _ = now_ms;
    RetryAfter::Unreadable
}

#[cfg(feature = "client")]
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// An HTTP-date as Unix seconds: `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate),
/// `Sunday, 06-Nov-94 08:49:37 GMT` (RFC 850) or `Sun Nov  6 08:49:37 1994` (asctime), read at
/// `now_ms` (Unix milliseconds). A date before 1970, such as a four-digit year below 100, is read
/// as 0, the epoch: it is in the past all the same, and a date in the past means no wait.
#[cfg(feature = "client")]
pub fn http_date(value: &str, now_ms: u64) -> Option<u64> {
    // At most six words: without a `Vec`, and without `str::split`'s searcher (bytes of wasm).
    let mut words = [""; 6];
    let mut count = 0;
    #[allow(clippy::manual_pattern_char_comparison)] // a closure is 29 B gzip smaller than `[' ', '-']`
    for word in value.split(|c| c == ' ' || c == '-').filter(|w| !w.is_empty()) {
        *words.get_mut(count)? = word;
        count += 1;
    }
    let (day, month, year_text, time) = match words.get(..count)? {
        [weekday, day, month, year, time, "GMT"] if weekday.ends_with(',') => (*day, *month, *year, *time),
        [_weekday, month, day, time, year] => (*day, *month, *year, *time),
        _ => return None,
    };
    let month = MONTHS.iter().position(|m| *m == month)? as u64 + 1;
    // Four digits as written, or the two of RFC 850 (below); never three.
    let mut year = number(year_text, 2..=4).filter(|_| year_text.len() != 3)?;
    let day = number(day, 1..=2).filter(|d| (1..=31).contains(d))?;
    // `hh:mm:ss`, two digits each.
    if !matches!(time.as_bytes(), [_, _, b':', _, _, b':', _, _]) {
        return None;
    }
    let clock = |at: usize| time.get(at..at + 2).and_then(|part| number(part, 2..=2));
    let (hour, minute, second) = (clock(0)?, clock(3)?, clock(6)?);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    if year_text.len() == 2 {
        // §5.6.7: a two-digit year that appears to be more than 50 years in the future is the
        // most recent past year with those digits; so the latest year with them that is at
        // most 50 years after the current one (counted in whole years of mean length).
        let latest = 1970 + now_ms / MEAN_YEAR_MS + 50;
        year = latest - (latest - year) % 100;
    }
    Some(if year < 1970 { 0 } else { days_since_epoch(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second })
}

/// The Gregorian calendar's mean year (365.2425 days), in milliseconds.
#[cfg(feature = "client")]
const MEAN_YEAR_MS: u64 = 31_556_952_000;

/// `text` as a number, if it is as many ASCII digits as `digits` allows (saturating at `u64::MAX`).
fn number(text: &str, digits: core::ops::RangeInclusive<usize>) -> Option<u64> {
    let all_digits = digits.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    all_digits.then(|| text.bytes().fold(0u64, |acc, b| acc.saturating_mul(10).saturating_add(u64::from(b - b'0'))))
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (year >= 1970).
#[cfg(feature = "client")]
fn days_since_epoch(year: u64, month: u64, day: u64) -> u64 {
    // Count from March, so the leap day is the last day of the counted year.
    let (year, month) = if month <= 2 { (year - 1, month + 9) } else { (year, month - 3) };
    let era_days = year * 365 + year / 4 - year / 100 + year / 400;
    let day_of_year = (153 * month + 2) / 5 + day - 1;
    era_days + day_of_year - 719_468
}

#[cfg(all(test, feature = "client"))]
mod tests {
    use super::*;

    const NOV_6_1994: u64 = 784_111_777; // 1994-11-06T08:49:37Z

    #[test]
    fn the_three_date_formats_agree() {
        for text in ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"] {
            assert_eq!(http_date(text, NOV_6_1994 * 1000), Some(NOV_6_1994), "{text}");
        }
        assert_eq!(http_date("Thu, 01 Jan 1970 00:00:00 GMT", 0), Some(0));
        assert_eq!(http_date("Tue, 29 Feb 2028 23:59:59 GMT", 0), Some(1_835_481_599));
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

    const DEC_5_2026_MS: u64 = 1_796_428_800_000;

    #[test]
    fn dates_before_1970_are_in_the_past_so_no_wait() {
        for text in [
            // Four-digit years below 100 are years of the first century, not two-digit years.
            "Sun, 06 Nov 0094 08:49:37 GMT",
            "Sun, 06 Nov 0030 08:49:37 GMT",
            "Sat, 01 Jan 0000 00:00:00 GMT",
            "Sun Nov  6 08:49:37 0030",
            "Wed, 31 Dec 1969 23:59:59 GMT",
            "Sun, 06 Nov 1904 08:49:37 GMT",
        ] {
            assert_eq!(parse(text, DEC_5_2026_MS), RetryAfter::Seconds(0), "{text}");
            assert_eq!(parse(text, 0), RetryAfter::Seconds(0), "{text}");
        }
    }

    #[test]
    fn two_digit_years_are_at_most_50_years_ahead() {
        // RFC 9110 §5.6.7: a year more than 50 years in the future is the century before's.
        let at_2026 = |text: &str| http_date(text, DEC_5_2026_MS);
        assert_eq!(at_2026("Sunday, 06-Nov-94 08:49:37 GMT"), Some(NOV_6_1994));
        // 2077 is 51 years ahead: 1977. 2076 is 50: 2076. 2070 is 44: 2070.
        assert_eq!(at_2026("Sunday, 06-Nov-77 08:49:37 GMT"), Some(247_654_177));
        assert_eq!(at_2026("Friday, 06-Nov-76 08:49:37 GMT"), Some(3_371_878_177));
        assert_eq!(at_2026("Thursday, 06-Nov-70 08:49:37 GMT"), Some(3_182_489_377));
        // 1980 is in the past, so no wait; 2060 is 34 years ahead.
        assert_eq!(parse("Thursday, 06-Nov-80 08:49:37 GMT", DEC_5_2026_MS), RetryAfter::Seconds(0));
        assert_eq!(parse("Saturday, 06-Nov-60 08:49:37 GMT", DEC_5_2026_MS), RetryAfter::Seconds(1_070_527_777));
        // The same rule read in 2060: 2105 is 45 years ahead.
        assert_eq!(http_date("Tuesday, 06-Nov-05 08:49:37 GMT", 2_840_140_800_000), Some(4_286_940_577));
        // And from 1970, the earliest clock: 2010 is 40 years ahead, 2030 is 60 (so 1930).
        assert_eq!(http_date("Sat, 06-Nov-10 00:00:00 GMT", 0), Some(1_289_001_600));
        assert_eq!(parse("Wed, 06-Nov-30 00:00:00 GMT", 0), RetryAfter::Seconds(0));
        // A clock as far ahead as it goes still finds a year.
        assert!(http_date("Sun, 06-Nov-94 08:49:37 GMT", u64::MAX).is_some());
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
            "Sun, 06 Nov 094 08:49:37 GMT",
            "Sun, 06 Nov 19940 08:49:37 GMT",
            "Sun, 06 Nov 0094 24:00:00 GMT",
        ] {
            assert_eq!(parse(text, 0), RetryAfter::Unreadable, "{text:?}");
        }
    }
}
