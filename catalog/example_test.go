package catalog_test

import (
	"fmt"

	"github.com/iamgo/iam/catalog"
)

func ExampleCatalog_Action() {
	c := catalog.Default()
	a := c.Action("s3:getobject")
	fmt.Println(a.FullName(), a.Level)
	for _, r := range a.Resources {
		fmt.Println(r.Type.Name, r.Type.ARN)
	}
	fmt.Println(c.Action("s3:GetObjct") == nil)
	// Output:
	// s3:GetObject Read
	// accesspointobject arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}
	// object arn:${Partition}:s3:::${BucketName}/${ObjectName}
	// true
}

func ExampleCatalog_Expand() {
	c := catalog.Default()
	get := c.Expand("s3:Get*")
	fmt.Println(get.Contains("s3:GetObject"), get.Contains("s3:PutObject"))

	// The actions a NotAction element grants are the complement.
	notGet := get.Complement()
	fmt.Println(notGet.Contains("s3:GetObject"), notGet.Contains("ec2:RunInstances"))

	// s3:* also covers s3 actions newer than the catalog.
	fmt.Println(c.Expand("s3:*").Contains("s3:SomeFutureAction"))

	n := 0
	for a := range c.Expand("s3:GetBucketPolicy*").Actions() {
		fmt.Println(a.FullName(), a.Level)
		n++
	}
	// Output:
	// true false
	// false true
	// true
	// s3:GetBucketPolicy Read
	// s3:GetBucketPolicyStatus Read
}

func ExampleCatalog_KeyType() {
	c := catalog.Default()
	for _, k := range []string{"aws:SourceIp", "aws:RequestTag/team", "s3:ExistingObjectTag/owner", "s3:max-keys", "aws:TagKeys"} {
		t, ok := c.KeyType(k)
		fmt.Println(k, t, ok)
	}
	// Output:
	// aws:SourceIp IPAddress true
	// aws:RequestTag/team String true
	// s3:ExistingObjectTag/owner String true
	// s3:max-keys Numeric true
	// aws:TagKeys ArrayOfString true
}

func ExampleAction_ResourceTypesFor() {
	a := catalog.Default().Action("s3:GetObject")
	fmt.Println(len(a.ResourceTypesFor("arn:aws:s3:::example-bucket"))) // a bucket is not an object
	for _, rt := range a.ResourceTypesFor("arn:aws:s3:::example-bucket/*") {
		fmt.Println(rt.Name)
	}
	// Output:
	// 0
	// object
}
