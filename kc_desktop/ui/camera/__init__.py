"""The camera views: record a dataset (Data tab) and classify live (Classify tab)."""
