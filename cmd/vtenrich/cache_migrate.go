package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/vtenrich/vtenrich/vtclient/cache"
)

func (a *app) cacheMigrate() *cobra.Command {
	var from, to string
	cmd := &cobra.Command{
		Use:   "migrate --from SRC --to DST",
		Short: "Copy every answer from one cache to another: a file to a postgres:// database, or back",
		Long: `migrate copies every answer of the cache SRC into the cache DST, as an export
piped into an import: the same checks, and an answer already in DST that was
fetched later is kept. Each of SRC and DST is a cache file or a postgres:// URL,
so a team can start its shared database from one analyst's cache, or take a
copy of the shared one onto a laptop. SRC is only read. The daily-quota ledger
is not copied: it counts requests, not answers.`,
		Example: `  vtenrich cache migrate --from ~/.cache/vtenrich/cache.db --to 'postgres://vt@db.internal/vt?sslmode=require'
  vtenrich cache migrate --from 'postgres://vt@db.internal/vt' --to laptop-cache.db`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if from == "" || to == "" {
				return usageError("migrate needs --from SRC and --to DST (cache files or postgres:// URLs)")
			}
			if from == to {
				return usageError("--from and --to name the same cache")
			}
			if !cache.IsDatabase(from) {
				if _, err := os.Stat(from); err != nil {
					return fmt.Errorf("no cache to migrate from: %w", err)
				}
			}
			src, err := cache.Open(from, cache.Options{Normalize: normalizeObservable, ReadOnly: true})
			if err != nil {
				return err
			}
			defer src.Close()
			dst, err := cache.Open(to, cache.Options{Normalize: normalizeObservable})
			if err != nil {
				return err
			}
			exported, rep, err := migrate(cmd, src, dst)
			if cerr := dst.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "vtenrich: migrated %d answers from %s to %s: %d imported, %d skipped (older than what %s holds), %d refused, %d bad\n",
				exported, src.Name(), dst.Name(), rep.Imported, rep.Skipped, dst.Name(), rep.Refused, rep.Bad)
			if rep.Refused+rep.Bad > 0 {
				a.printImportReport(src.Name(), rep)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&from, "from", "", "the cache to copy from: a file or a postgres:// URL")
	cmd.Flags().StringVar(&to, "to", "", "the cache to copy into: a file or a postgres:// URL")
	return cmd
}

// migrate pipes src's export into dst's import and returns how many
// answers were exported and what the import made of them.
func migrate(cmd *cobra.Command, src, dst cache.Store) (int, cache.ImportReport, error) {
	ctx := cmd.Context()
	pr, pw := io.Pipe()
	exported := make(chan int, 1)
	go func() {
		n, err := src.Export(ctx, pw)
		exported <- n
		pw.CloseWithError(err)
	}()
	rep, err := dst.Import(ctx, pr, src.Name())
	pr.CloseWithError(errors.New("the import stopped")) // unblocks the export if it did
	n := <-exported
	if err != nil {
		return n, rep, fmt.Errorf("migrating %s to %s: %w", src.Name(), dst.Name(), err)
	}
	return n, rep, nil
}
