package readers

import "context"

// newTSVSource reads tab-separated values: the CSV parser with a tab as the
// delimiter. Quotes are honoured as Excel does when it saves "Text (Tab
// delimited)", so a TSV field may hold tabs and newlines inside quotes.
func newTSVSource(ctx context.Context, in *input, opts Options, bad *badRowLog) (source, error) {
	return newDelimitedSource(ctx, in, opts, bad, '\t')
}
