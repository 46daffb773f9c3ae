"""Text stages: reading files (encodings, formats), splitting articles, spoken forms, chunking.

Nothing here knows about translation, audio or publishing: text in, text out.
"""
