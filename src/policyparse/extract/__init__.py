"""Extractors: read values (metadata, citations, targets, tasks) out of segmented text."""
