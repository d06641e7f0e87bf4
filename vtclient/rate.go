package vtclient

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// DefaultRate is the request rate of a free VirusTotal key: 4 per minute.
const DefaultRate = "4/min"

// DefaultDailyQuota is the daily request quota of a free VirusTotal key.
const DefaultDailyQuota = 500

// rateUnits maps the unit names ParseRate accepts to their length.
var rateUnits = map[string]time.Duration{
	"s": time.Second, "sec": time.Second, "second": time.Second,
	"m": time.Minute, "min": time.Minute, "minute": time.Minute,
	"h": time.Hour, "hour": time.Hour,
	"d": 24 * time.Hour, "day": 24 * time.Hour,
}

// ParseRate parses a request rate written "<count>/<unit>": 4/min (the
// default for ""), 1000/min, 10/s, 2/h, 20000/d. Units: s, sec, second, m,
// min, minute, h, hour, d, day (plural forms too).
func ParseRate(s string) (rate.Limit, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		s = DefaultRate
	}
	count, unit, ok := strings.Cut(s, "/")
	if !ok {
		return 0, fmt.Errorf("invalid rate %q: want <count>/<unit>, e.g. 4/min, 10/s, 20000/d", s)
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(count), 64)
	if err != nil || n <= 0 || n != n || n > 1e9 {
		return 0, fmt.Errorf("invalid rate %q: the count must be a positive number", s)
	}
	unit = strings.ToLower(strings.TrimSpace(unit))
	per, ok := rateUnits[unit]
	if !ok {
		per, ok = rateUnits[strings.TrimSuffix(unit, "s")]
	}
	if !ok {
		return 0, fmt.Errorf("invalid rate %q: unknown unit %q (want s, min, h or d)", s, unit)
	}
	return rate.Limit(n / per.Seconds()), nil
}
