package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"golang.org/x/time/rate"

	"github.com/vtenrich/vtenrich/pipeline"
	"github.com/vtenrich/vtenrich/vtclient"
	"github.com/vtenrich/vtenrich/vtclient/cache"
)

// lookupFlags configure the cache and the VirusTotal client.
type lookupFlags struct {
	apiKey, apiKeyFile, vtURL, rate string
	workers, dailyQuota, retries    int
	timeout                         time.Duration
	waitQuota                       bool
	cachePath                       string
	cacheTTL, cacheTTLNotFound      string
	refresh, noCache, offline       bool
	detectedURLs                    bool
	lease                           time.Duration
}

func (f *lookupFlags) register(fs *pflag.FlagSet) {
	f.registerAccount(fs)
	d := (&lookupFlags{}).defaults()
	fs.StringVar(&f.rate, "rate", d.rate, "request rate: N/s, N/min, N/h or N/d (free keys: "+vtclient.DefaultRate+")")
	fs.IntVar(&f.workers, "workers", d.workers, "the most requests in flight; within it, vtenrich keeps --rate × the measured time of a request in flight (one for a free key)")
	fs.IntVar(&f.retries, "retries", d.retries, "retries of a transient failure (503, 5xx, timeouts, resets)")
	fs.BoolVar(&f.waitQuota, "wait-quota", false, "when the daily quota is used up, sleep until 00:00 UTC instead of stopping")
	fs.StringVar(&f.cacheTTL, "cache-ttl", d.cacheTTL, "how long a found result stays fresh (0: forever)")
	fs.StringVar(&f.cacheTTLNotFound, "cache-ttl-not-found", d.cacheTTLNotFound, "how long a not-found answer stays fresh (0: forever)")
	fs.BoolVar(&f.refresh, "refresh", false, "fetch again what the cache holds, and overwrite it")
	fs.BoolVar(&f.noCache, "no-cache", false, "neither read nor write the cache")
	fs.DurationVar(&f.lease, "lease", 0, "how long a claim on an observable outlives its process (default 30s); shorter makes others take over sooner after a kill -9")
	fs.MarkHidden("lease") // for tests and the rare tuning; the README says why 30 s
	fs.BoolVar(&f.detectedURLs, "detected-urls", false, "fill vt_detected_urls: one more request per domain and IP (counted on the quota; premium API keys only)")
	fs.BoolVar(&f.offline, "offline", false, "answer from the cache only, however old the answers; make no network connection (misses: NotInCache, exit 3)")
}

// registerAccount registers what names the key, the API and the ledger: all
// that vtenrich quota uses.
func (f *lookupFlags) registerAccount(fs *pflag.FlagSet) {
	fs.StringVar(&f.apiKeyFile, "api-key-file", "", "read the VirusTotal API key from the first line of FILE (default: $VT_API_KEY, then vt-cli's $VTCLI_APIKEY and ~/.vt.toml)")
	fs.StringVar(&f.apiKey, "api-key", "", "the VirusTotal API key (visible in the process list: prefer $VT_API_KEY or --api-key-file)")
	fs.StringVar(&f.vtURL, "vt-url", vtclient.DefaultBaseURL, "VirusTotal API base URL")
	fs.DurationVar(&f.timeout, "timeout", vtclient.DefaultTimeout, "timeout of one request")
	fs.StringVar(&f.cachePath, "cache", "", "cache file, or postgres:// URL of a cache shared by many machines; it holds the daily-quota ledger (default: "+defaultCacheHelp()+")")
	fs.IntVar(&f.dailyQuota, "daily-quota", vtclient.DefaultDailyQuota, "requests per UTC day, counted across runs and processes sharing the cache (0: no limit)")
}

// defaults sets the lookup flags to their defaults, which are the
// defaults of the layers they configure: the flags' registered defaults
// and commands that do not register them (quota) both read them here.
func (f *lookupFlags) defaults() *lookupFlags {
	f.rate, f.workers, f.retries = vtclient.DefaultRate, pipeline.DefaultWorkers, vtclient.DefaultRetries
	f.cacheTTL, f.cacheTTLNotFound = days(cache.DefaultFoundTTL), days(cache.DefaultNotFoundTTL)
	return f
}

// days writes a whole number of days the way parseDuration reads it.
func days(d time.Duration) string { return fmt.Sprintf("%dd", d/(24*time.Hour)) }

func defaultCacheHelp() string {
	p, err := cache.DefaultPath()
	if err != nil {
		p = "<user cache dir>/vtenrich/cache.db"
	}
	return "$" + cache.EnvTarget + ", else " + p
}

// cacheTarget is the cache a run uses: --cache, else $VTENRICH_CACHE, else
// the file in the user's cache folder.
func cacheTarget(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	target, err := cache.DefaultTarget()
	if err != nil {
		return "", fmt.Errorf("finding the cache folder: %w (use --cache PATH or $%s)", err, cache.EnvTarget)
	}
	return target, nil
}

// key finds the API key: --api-key-file, then --api-key (with a warning:
// every user of the machine can read the process list), then $VT_API_KEY,
// then vt-cli's $VTCLI_APIKEY and ~/.vt.toml (vtclient.LoadAPIKey).
func (f *lookupFlags) key(a *app) (string, error) {
	key, warning, err := vtclient.LoadAPIKey(os.Getenv, f.apiKeyFile, f.apiKey)
	if warning != "" {
		fmt.Fprintf(a.stderr, "vtenrich: %s\n", warning)
	}
	return key, err
}

func (f *lookupFlags) check() error {
	if f.offline && f.refresh {
		return usageError("--offline and --refresh exclude each other: refreshing needs the network")
	}
	if f.noCache && (f.offline || f.refresh) {
		return usageError("--no-cache excludes --offline and --refresh")
	}
	if f.workers < 1 {
		return usageError("--workers must be at least 1")
	}
	if f.retries < 0 || f.dailyQuota < 0 {
		return usageError("--retries and --daily-quota cannot be negative")
	}
	return nil
}

// openCache opens the cache unless --no-cache: a file, or a PostgreSQL
// database shared by many machines. warn receives what the cache works
// around (a corrupt entry, a database that went away and came back). A
// file is opened at its first use (lazyCache), so that a run failing
// before its first lookup leaves none behind; the flags are checked now.
func (f *lookupFlags) openCache(warn func(string)) (cache.Store, error) {
	if f.noCache {
		return nil, nil
	}
	found, err := parseDuration(f.cacheTTL)
	if err != nil {
		return nil, usageError("--cache-ttl: %v", err)
	}
	notFound, err := parseDuration(f.cacheTTLNotFound)
	if err != nil {
		return nil, usageError("--cache-ttl-not-found: %v", err)
	}
	target, err := cacheTarget(f.cachePath)
	if err != nil {
		return nil, err
	}
	opts := cache.Options{FoundTTL: ttl(found), NotFoundTTL: ttl(notFound), Normalize: normalizeObservable, Lease: f.lease, Warn: warn}
	if f.offline {
		// Offline there is no fresher answer to be had: a stale one beats
		// NotInCache. The fetch time stays in the cache for whoever asks.
		opts.FoundTTL, opts.NotFoundTTL = cache.Forever, cache.Forever
	}
	if cache.IsDatabase(target) {
		return cache.Open(target, opts) // no file to leave behind
	}
	return &lazyCache{name: target, open: func() (cache.Store, error) { return cache.Open(target, opts) }}, nil
}

// ttl maps the CLI's "0 keeps forever" onto the cache's convention.
func ttl(d time.Duration) time.Duration {
	if d == 0 {
		return cache.Forever
	}
	return d
}

// newClient builds the VirusTotal client, nil under --offline. The
// ledger counts the day's requests; limiter, when not nil, makes the rate
// limiter (a shared cache's, so that --rate is the key's across processes
// and machines).
func (f *lookupFlags) newClient(a *app, ledger vtclient.Ledger, limiter vtclient.LimiterFunc) (*vtclient.Client, rate.Limit, error) {
	limit, err := vtclient.ParseRate(f.rate)
	if err != nil {
		return nil, 0, usageError("--rate: %v", err)
	}
	if f.offline {
		return nil, limit, nil
	}
	key, err := f.key(a)
	if err != nil {
		return nil, limit, err
	}
	if key == "" {
		return nil, limit, fmt.Errorf("no VirusTotal API key: set $VT_API_KEY (or vt-cli's $VTCLI_APIKEY or ~/.vt.toml) or --api-key-file, or use --offline to answer from the cache only")
	}
	retries := f.retries
	if retries == 0 {
		retries = vtclient.NoRetries // the client reads 0 as "the default"
	}
	c, err := vtclient.New(vtclient.Config{
		BaseURL: f.vtURL, APIKey: key, Rate: limit, Workers: f.workers,
		DailyQuota: f.dailyQuota, Ledger: ledger, Limiter: limiter, Retries: retries, Timeout: f.timeout,
		WaitQuota: f.waitQuota, UserAgent: "vtenrich/" + userAgentVersion(), DetectedURLs: f.detectedURLs,
		Notify: func(msg string) { fmt.Fprintf(a.stderr, "vtenrich: %s\n", msg) },
	})
	return c, limit, err
}

// userAgentVersion is the version for the User-Agent header: one token.
func userAgentVersion() string {
	v, _, _ := strings.Cut(versionString(), " ")
	return v
}
