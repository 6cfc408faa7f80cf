package eval

import (
	"strconv"
	"time"
	"unsafe"

	"github.com/iamgo/iam/condition"
	"github.com/iamgo/iam/internal/ascii"
)

// The time keys deriveContext adds, and the context lookups that read only certain values. Kept
// apart from derive.go: they run only on the slow paths (a decision that derives keys, a role
// session's aws:PrincipalArn, a unique-ID principal's aws:userid).

// deriveTime adds aws:CurrentTime and aws:EpochTime (S9.7, S9.2 2026-12). Both name the time of
// the request. When the request gives neither, they come from the clock, if there is one. When
// it gives one, the other names the same second; when the one it gives holds no single
// readable value (several values, none, marked Multi or Unknown, a form the Date operators
// cannot read), the other is unknown. The clock is never read when the request gives a time.
func (d *derived) deriveTime(keys []condition.Entry, now func() time.Time) {
	cur, epoch := findEntry(keys, "aws:CurrentTime"), findEntry(keys, "aws:EpochTime")
	var t time.Time
	switch {
	case cur != nil && epoch != nil:
		return
	case cur == nil && epoch == nil:
		if now == nil {
			return
		}
		t = now()
	default:
		given := cur
		if given == nil {
			given = epoch
		}
		ok := len(given.Values) == 1 && !given.Multi && !given.Unknown
		if ok {
			t, ok = condition.ParseRequestDate(given.Values[0])
		}
		if !ok {
			if cur == nil {
				d.unknown("aws:CurrentTime")
			} else {
				d.unknown("aws:EpochTime")
			}
			return
		}
	}
	t = t.UTC()
	b := t.AppendFormat(d.timeBuf[:0], "2006-01-02T15:04:05Z")
	n := len(b)
	b = strconv.AppendInt(b, t.Unix(), 10)
	var curText, epochText string
	if len(b) <= len(d.timeBuf) { // always, for years 0000-9999
		curText, epochText = unsafe.String(&d.timeBuf[0], n), unsafe.String(&d.timeBuf[n], len(b)-n)
	} else {
		curText, epochText = string(b[:n]), string(b[n:])
	}
	if cur == nil {
		d.add("aws:CurrentTime", curText)
	}
	if epoch == nil {
		d.add("aws:EpochTime", epochText)
	}
}

// findEntry returns the entry of entries whose key equals key without ASCII case (as
// condition.Context finds it), or nil.
func findEntry(entries []condition.Entry, key string) *condition.Entry {
	for i := range entries {
		if ascii.EqualFoldWords(entries[i].Key, key) {
			return &entries[i]
		}
	}
	return nil
}

// certain returns the one value of key in entries, when the entry holds exactly one value
// and is marked neither Multi nor Unknown (C5.0, C5.15: anything else is no certain value).
func certain(entries []condition.Entry, key string) (string, bool) {
	e := findEntry(entries, key)
	if e == nil || len(e.Values) != 1 || e.Multi || e.Unknown {
		return "", false
	}
	return e.Values[0], true
}
