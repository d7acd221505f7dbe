"""The audit record: the hash-chained store of review events, its verification and exports."""
