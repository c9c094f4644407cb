"""Ingestion: turn files, feeds and URLs into cleaned articles, then chunk and index them."""
