package main

import (
	"github.com/spf13/pflag"

	"github.com/vtenrich/vtenrich/pipeline"
	"github.com/vtenrich/vtenrich/vtclient"
)

// columnFlags choose the VT columns and how the verdict is reached: the
// flags enrichment and lookup share.
type columnFlags struct {
	fields       []string
	include      []string
	raw          bool
	maliciousAt  int64
	suspiciousAt int64
}

func (c *columnFlags) register(fs *pflag.FlagSet, fieldsHelp string) {
	fs.StringSliceVar(&c.fields, "fields", nil, fieldsHelp)
	fs.StringSliceVar(&c.include, "include", nil, "attribute paths of the VirusTotal object added as columns, as vt-cli's --include: pe_info.imphash, last_analysis_results.*.result, size:int (PATH[:string|json|int|float|bool|time])")
	fs.BoolVar(&c.raw, "raw", false, "add the raw VirusTotal object as JSON (vt_raw_response)")
	fs.Int64Var(&c.maliciousAt, "malicious-at", vtclient.DefaultVerdictRule.MaliciousAt, "verdict malicious from this many engines calling it malicious")
	fs.Int64Var(&c.suspiciousAt, "suspicious-at", vtclient.DefaultVerdictRule.SuspiciousAt, "verdict suspicious from this many engines calling it malicious or suspicious")
}

// apply checks the flags and sets them in cfg; cfg.DetectedURLs is set
// already (a lookup flag: it changes what the client asks).
func (c *columnFlags) apply(cfg *pipeline.Config) error {
	cfg.Fields, cfg.Include, cfg.Raw = c.fields, c.include, c.raw
	cfg.Verdict = vtclient.VerdictRule{MaliciousAt: c.maliciousAt, SuspiciousAt: c.suspiciousAt}
	if err := pipeline.CheckColumns(*cfg); err != nil {
		return usageError("%v", err)
	}
	return nil
}
