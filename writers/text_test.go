package writers

import (
	"math"
	"testing"

	"github.com/apache/arrow/go/v17/arrow"
)

func TestAppendTimeOfDay(t *testing.T) {
	for _, tc := range []struct {
		ns   int64
		unit arrow.TimeUnit
		want string
	}{
		{0, arrow.Second, "00:00:00"},
		{3723 * 1e9, arrow.Second, "01:02:03"},
		{3723004 * 1e6, arrow.Millisecond, "01:02:03.004"},
		{3723000005 * 1e3, arrow.Microsecond, "01:02:03.000005"},
		{43200123456789, arrow.Nanosecond, "12:00:00.123456789"},
		{86399999999999, arrow.Nanosecond, "23:59:59.999999999"},
		{86400 * 1e9, arrow.Microsecond, "24:00:00.000000"}, // SQL's end of day, not midnight
		{-1e9, arrow.Second, "-00:00:01"},
		{math.MinInt64, arrow.Nanosecond, "-2562047:47:16.854775808"}, // corrupt, but no garbage
	} {
		if got := string(appendTimeOfDay([]byte("x"), tc.ns, tc.unit)); got != "x"+tc.want {
			t.Errorf("%d %s: got %q, want %q", tc.ns, tc.unit, got, "x"+tc.want)
		}
	}
}
