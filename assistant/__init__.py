"""Kabar: answers questions about the news in Indonesian and English, citing its passages."""
