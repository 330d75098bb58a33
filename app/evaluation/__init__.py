"""Quality measured against a generated data set's ground truth."""
