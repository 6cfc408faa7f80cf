// Package exampledata holds what every example program does the same way: finding its policy
// files, reading one with the validation rules of its kind, and running from the command line.
package exampledata

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/iamgo/iam/policy"
)

// Dir returns dir if set, otherwise the first of examples/NAME/policies (the repository root)
// and policies (the example's own directory, where go test runs) that exists.
func Dir(name, dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	for _, d := range []string{filepath.Join("examples", name, "policies"), "policies"} {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d, nil
		}
	}
	return "", errors.New("cannot find the policies directory; run from the repository root or pass -dir")
}

// Load reads and parses the policy file dir/file, applying the validation rules of its kind.
func Load(dir, file string, kind policy.Kind) (*policy.Policy, error) {
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		return nil, err
	}
	return policy.Options{Name: file, Kind: kind}.Parse(data)
}

// File names a policy file and the kind whose validation rules it is read with.
type File struct {
	Name string
	Kind policy.Kind
}

// LoadAll finds example name's policy directory (Dir) and loads files from it, in order.
func LoadAll(name, dir string, files ...File) ([]*policy.Policy, error) {
	dir, err := Dir(name, dir)
	if err != nil {
		return nil, err
	}
	ps := make([]*policy.Policy, len(files))
	for i, f := range files {
		if ps[i], err = Load(dir, f.Name, f.Kind); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

// DirFlag defines the -dir flag of example name.
func DirFlag(name string) *string {
	return flag.String("dir", "", "directory holding the policy files (default: examples/"+name+"/policies, else ./policies)")
}

// Main runs example name: run writes to standard output with the policies of the -dir flag;
// an error is printed and ends the program with status 1.
func Main(name string, run func(w io.Writer, dir string) error) {
	dir := DirFlag(name)
	flag.Parse()
	if err := run(os.Stdout, *dir); err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}
