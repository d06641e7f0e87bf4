// Package vtclient looks observables up in the VirusTotal API v3 and maps
// the answers to the VT columns of vtenrich (Result).
//
// Quota is the scarcest resource of a free key (4 requests a minute, 500 a
// day), so the Client spends it exactly once per request it sends: every
// attempt, retries included, waits on one rate limiter and then takes one
// unit from a Ledger shared across runs, given back when the request never
// left (no connection, or the run stopped first); net/http is kept from
// resending a request on its own; 429 answers back off and, once they
// outlast a minute window, stop all requests (or wait for 00:00 UTC)
// instead of burning more; and per-item failures come back as Results, so
// nothing fetched is ever lost to an error elsewhere. An answer that is not
// for the observable asked is Error: MismatchedAnswer, and the bytes of
// answers all requests hold at once are bounded (Config.BodyBudget). Only a refused key (*FatalError), the
// context, or a Ledger failure end a run. The API key never appears in a
// message, an error, a Result or Stats.
//
// Package vtfake holds a fake server for tests; see its documentation for
// testing the client under testing/synctest.
package vtclient
