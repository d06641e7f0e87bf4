package pipeline

import "github.com/vtenrich/vtenrich/pipeline/ioc"

// rowCandidates knows the candidates kept so far for the row being
// scanned, so that a value repeated in a row is kept once (the join lists
// each observable once per row anyway). A row's first few candidates are
// compared one by one; past rowCandidatesLinear a set takes over.
type rowCandidates struct {
	row   int32
	start int                 // index in cands of the row's first candidate
	set   map[string]struct{} // type byte + value, once the row has many
}

// rowCandidatesLinear is how many candidates a row has before a set is
// cheaper than comparing each.
const rowCandidatesLinear = 16

// repeated reports whether row already has the candidate (t, value).
func (rc *rowCandidates) repeated(s *scanned, row int32, t ioc.Type, value []byte) bool {
	if row != rc.row {
		rc.row, rc.start, rc.set = row, len(s.cands), nil
	}
	kept := s.cands[rc.start:]
	if len(kept) < rowCandidatesLinear {
		for i := range kept {
			if c := &kept[i]; c.typ == t && string(s.value(c)) == string(value) {
				return true
			}
		}
		return false
	}
	if rc.set == nil {
		rc.set = make(map[string]struct{}, 2*len(kept))
		for i := range kept {
			rc.set[rowKey(kept[i].typ, s.value(&kept[i]))] = struct{}{}
		}
	}
	key := rowKey(t, value)
	if _, ok := rc.set[key]; ok {
		return true
	}
	rc.set[key] = struct{}{}
	return false
}

// rowKey is the set key of a candidate.
func rowKey(t ioc.Type, value []byte) string {
	return string(append([]byte{byte(t)}, value...))
}
