"""kc_desktop: a desktop deep-learning studio."""
