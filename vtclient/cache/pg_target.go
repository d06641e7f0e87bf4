package cache

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// DefaultSchema is the PostgreSQL schema the cache's tables live in unless
// the URL's schema parameter names another.
const DefaultSchema = "vtenrich"

// pgTarget is a postgres:// URL taken apart: what pgx connects with, the
// schema, and what messages may show.
type pgTarget struct {
	conn     string // the URL for pgx: without the schema parameter
	schema   string
	display  string // the URL without its password
	host     string // host[:port], for messages
	password string // redacted from every message, when there is one
}

// schemaName is what a schema parameter may be: a plain lower-case SQL
// identifier, so that it never needs quoting to be read back in psql.
var schemaName = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// parsePGTarget reads a postgres:// or postgresql:// URL. Its query may
// hold schema=NAME (the cache's schema, DefaultSchema when absent) besides
// what libpq and pgx read (sslmode, connect_timeout, pool_max_conns...).
func parsePGTarget(target string) (pgTarget, error) {
	u, err := url.Parse(target)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // its URL field may hold the password
		}
		return pgTarget{}, fmt.Errorf("cache: cannot read the database URL: %v", err)
	}
	t := pgTarget{schema: DefaultSchema, host: u.Host}
	if pw, ok := u.User.Password(); ok {
		t.password = pw
	}
	q := u.Query()
	if s, ok := q["schema"]; ok {
		if len(s) != 1 || !schemaName.MatchString(s[0]) {
			return pgTarget{}, fmt.Errorf("cache: schema=%q in the database URL: want one lower-case name of letters, digits and _ (at most 63)", strings.Join(s, ","))
		}
		t.schema = s[0]
		q.Del("schema")
	}
	if pw := q.Get("password"); pw != "" {
		t.password = pw
	}
	u.RawQuery = q.Encode()
	t.conn = u.String()
	q.Del("password")
	if t.schema != DefaultSchema {
		q.Set("schema", t.schema)
	}
	shown := *u
	shown.RawQuery = q.Encode()
	if shown.User != nil {
		shown.User = url.User(shown.User.Username())
	}
	t.display = shown.String()
	return t, nil
}

// redact removes the password from a message.
func (t *pgTarget) redact(msg string) string {
	if len(t.password) < 2 {
		return msg // a one-letter password would garble every word
	}
	return strings.NewReplacer(t.password, "[REDACTED]", url.QueryEscape(t.password), "[REDACTED]",
		url.PathEscape(t.password), "[REDACTED]").Replace(msg)
}

// redacted is err with the password removed from its text; errors.Is and
// errors.As still see the original.
func (t *pgTarget) redacted(err error) error {
	if err == nil {
		return nil
	}
	if msg := t.redact(err.Error()); msg != err.Error() {
		return &redactedError{msg: msg, err: err}
	}
	return err
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }
