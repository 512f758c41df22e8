// Every test here runs several silo processes, Redis and sometimes DynamoDB Local: one at a time, so a 2-core machine
// is not asked to run two clusters at once and timing bounds stay meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
