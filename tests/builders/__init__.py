"""Builders that write small .docx and .pdf fixtures from code (no binary files in the repo)."""
