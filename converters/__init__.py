"""Recueil converters: seed texts -> typed documents -> Markdown, with instrument citations.

Never imports MkDocs: the site hooks call into this package, not the other way round.
"""
