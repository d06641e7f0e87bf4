package main

import (
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func (a *app) quotaCommand() *cobra.Command {
	l := (&lookupFlags{}).defaults()
	cmd := &cobra.Command{
		Use:   "quota",
		Short: "Show the API key's quotas and today's use",
		Long: `quota asks VirusTotal for the key's request quotas (GET /api/v3/users/{key}/overall_quotas)
and shows them with the requests this machine's cache ledger counted today (UTC).`,
		Example: "  VT_API_KEY=... vtenrich quota",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			env, err := a.openLookups(l, false)
			if err != nil {
				return err
			}
			defer env.close()
			q, err := env.client.Quotas(cmd.Context())
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "QUOTA\tUSED\tALLOWED")
			names := make([]string, 0, len(q.All))
			for name := range q.All {
				names = append(names, name)
			}
			sort.Strings(names)
			for _, name := range names {
				fmt.Fprintf(tw, "%s\t%d\t%d\n", name, q.All[name].Used, q.All[name].Allowed)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			limit := "no limit"
			if q.DailyQuota > 0 {
				limit = fmt.Sprintf("--daily-quota %d", q.DailyQuota)
			}
			_, err = fmt.Fprintf(a.stdout, "today (%s UTC): %d requests counted by this machine's ledger (%s)\n", q.Day, q.LedgerUsed, limit)
			return err
		},
	}
	l.registerAccount(cmd.Flags())
	return cmd
}
