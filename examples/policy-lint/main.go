// Command policy-lint lints every policy of a folder the way IAM Access Analyzer's
// ValidatePolicy does, offline, with the public API alone (package lint over the embedded
// catalog), and exits non-zero when a policy has an ERROR finding.
//
// Run it from the repository root:
//
//	go run ./examples/policy-lint
//	go run ./examples/policy-lint -dir path/to/policies
//
// Each finding prints as FILE:LINE:COL: PATH: SEVERITY CODE: message.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/iamgo/iam/examples/internal/exampledata"
	"github.com/iamgo/iam/lint"
	"github.com/iamgo/iam/policy"
)

const name = "policy-lint"

// lintDir lints every *.json file of dir as an identity policy and writes the findings to w; it
// returns how many files have an ERROR finding.
func lintDir(w io.Writer, dir string) (int, error) {
	dir, err := exampledata.Dir(name, dir)
	if err != nil {
		return 0, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return 0, err
	}
	sort.Strings(files)
	bad := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return 0, err
		}
		errs := false
		for _, x := range (lint.Options{Kind: policy.KindIdentity}).Lint(data) {
			fmt.Fprintf(w, "%s:%v\n", filepath.Base(f), x)
			errs = errs || x.Severity == lint.Error
		}
		if errs {
			bad++
		}
	}
	return bad, nil
}

func main() {
	exampledata.Main(name, func(w io.Writer, dir string) error {
		bad, err := lintDir(w, dir)
		if err == nil && bad > 0 {
			err = fmt.Errorf("%d policies with ERROR findings", bad)
		}
		return err
	})
}
