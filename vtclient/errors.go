package vtclient

import (
	"encoding/json"
	"strings"
)

// VirusTotal error codes the client acts on, and the codes it makes up for
// failures that carry none (see StatusError).
const (
	CodeNotFound               = "NotFoundError"
	CodeWrongCredentials       = "WrongCredentialsError"
	CodeAuthenticationRequired = "AuthenticationRequiredError"
	CodeUserNotActive          = "UserNotActiveError"
	CodeForbidden              = "ForbiddenError"
	CodeQuotaExceeded          = "QuotaExceededError"
	CodeTooManyRequests        = "TooManyRequestsError"
	CodeTransient              = "TransientError"
	CodeDeadlineExceeded       = "DeadlineExceededError"

	// CodeTimeout: no answer within Config.Timeout.
	CodeTimeout = "Timeout"
	// CodeConnectionReset: the connection broke before a full answer.
	CodeConnectionReset = "ConnectionReset"
	// CodeConnectionError: no connection could be made (DNS, refused, TLS, proxy).
	CodeConnectionError = "ConnectionError"
	// CodeBadResponse: a truncated, non-JSON or otherwise unreadable answer.
	CodeBadResponse = "BadResponse"
)

// ExitFatal is the exit code for a FatalError; ExitQuota the one for a run
// that stopped because the quota was spent (Client.QuotaExhausted).
const (
	ExitFatal = 1
	ExitQuota = 3
)

// FatalError stops a whole run: the key is wrong, missing, disabled or lacks
// the privilege to look anything up, so every later request would fail the
// same way and only waste the user's time. Its message never holds the key.
type FatalError struct {
	// Code is the VirusTotal error code (WrongCredentialsError, ...).
	Code string
	// Message explains what to do, including the API's own message.
	Message string
}

// Error implements error.
func (e *FatalError) Error() string { return e.Message }

// ExitCode is the process exit code the CLI uses for e: ExitFatal.
func (e *FatalError) ExitCode() int { return ExitFatal }

// apiError is the body of an API error answer.
type apiError struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// parseAPIError extracts the VirusTotal code and message of an error body;
// ok is false when the body is not a VirusTotal error (a proxy's HTML page).
func parseAPIError(body []byte) (code, msg string, ok bool) {
	var e apiError
	if json.Unmarshal(body, &e) != nil || e.Error.Code == "" {
		return "", "", false
	}
	return e.Error.Code, e.Error.Message, true
}

// fatalFor builds the FatalError for a 401 answer or for a key that is
// refused everything.
func fatalFor(code, apiMsg string) *FatalError {
	var hint string
	switch code {
	case CodeWrongCredentials:
		hint = "VirusTotal rejected the API key: check VT_API_KEY or --api-key-file"
	case CodeAuthenticationRequired:
		hint = "VirusTotal received no API key: set VT_API_KEY or --api-key-file"
	case CodeUserNotActive:
		hint = "the VirusTotal account of this API key is not active"
	case CodeForbidden:
		hint = "VirusTotal refused the first three lookups: the API key lacks the privilege for these lookups"
	default:
		hint = "VirusTotal refused the API key"
	}
	msg := hint + " (" + code
	if apiMsg = strings.TrimSpace(apiMsg); apiMsg != "" {
		msg += ": " + apiMsg
	}
	return &FatalError{Code: code, Message: msg + ")"}
}
