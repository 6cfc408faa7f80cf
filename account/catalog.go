package account

// Catalog lists the actions AWS defines, with their access levels. The catalog package (being
// written separately) will provide one; any type with this method will do. Without a catalog,
// WhatCan answers for the actions named in the principal's policies only, and action patterns
// given to WhoCan are expanded over the actions named anywhere in the model.
type Catalog interface {
	// Actions calls yield for every action, service:Name as AWS spells it, with its access
	// level (List, Read, Write, Permissions management, Tagging), until yield returns false.
	Actions(yield func(action, accessLevel string) bool)
}
