package account

import (
	"sync"
	"testing"

	"github.com/iamgo/iam/eval"
)

// TestConcurrentQueries shares one model between goroutines asking every kind of question
// (run under -race: the model is immutable once loaded).
func TestConcurrentQueries(t *testing.T) {
	m := handModel(t)
	want, err := m.Can(Request{Principal: arnOf(acctA, "user", "alice"), Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/q1.csv"})
	if err != nil || want.Decision != eval.Allow {
		t.Fatalf("%v %v", want.Decision, err)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				a, err := m.Can(Request{Principal: arnOf(acctA, "user", "alice"), Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/q1.csv"})
				if err != nil || a.Decision != want.Decision {
					t.Errorf("can: %v %v", a.Decision, err)
				}
				if _, err := m.WhoCan(WhoCanRequest{Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/q1.csv"}); err != nil {
					t.Error(err)
				}
				if _, err := m.WhoCanBecome(BecomeRequest{Role: arnOf(acctA, "role", "admin")}); err != nil {
					t.Error(err)
				}
				if _, err := m.WhatCan(WhatCanRequest{Principal: arnOf(acctA, "user", "bob")}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}
