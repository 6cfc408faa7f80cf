package account

import "github.com/iamgo/iam/catalog"

// Catalog lists the actions AWS defines, with their access levels. AWSCatalog adapts the
// catalog package's; any type with this method will do. Without a catalog,
// WhatCan answers for the actions named in the principal's policies only, and action patterns
// given to WhoCan are expanded over the actions named anywhere in the model.
type Catalog interface {
	// Actions calls yield for every action, service:Name as AWS spells it, with its access
	// level (List, Read, Write, Permissions management, Tagging), until yield returns false.
	Actions(yield func(action, accessLevel string) bool)
}

// AWSCatalog adapts a catalog.Catalog (the embedded one: catalog.Default()) to Catalog, so that
// what-can enumerates every action AWS defines, by service and access level.
func AWSCatalog(c *catalog.Catalog) Catalog { return awsCatalog{c} }

type awsCatalog struct{ c *catalog.Catalog }

// Actions implements Catalog.
func (a awsCatalog) Actions(yield func(action, accessLevel string) bool) {
	for act := range a.c.All().Actions() {
		if !yield(act.FullName(), act.Level.String()) {
			return
		}
	}
}
