package vtclient

// SetMaxBodyForTest lowers the largest answer the client reads, so that a
// test of endless answers does not stream gigabytes; call the returned
// func to restore it.
func SetMaxBodyForTest(n int64) (restore func()) {
	old := maxBody
	maxBody = n
	return func() { maxBody = old }
}
