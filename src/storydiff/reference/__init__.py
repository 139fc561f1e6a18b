"""Reference data, apart from the extractors that read text with it.

Each module holds one kind of data and how it is loaded; nothing here reads an article.

- ``calendar``: month and weekday names with their abbreviations;
- ``numbers``: number words ("three", "twenty", "million");
- ``wordnet``: Princeton WordNet 3.0 through NLTK, its index kept in the user's cache;
- ``names``: standard variants of personal names (nicknames, romanisations);
- ``gazetteer``: countries, regions and cities, with what contains what;
- ``units``: quantulum3, the unit reader;
- ``cache``: where prepared data is kept (the user's cache directory, keyed by versions);
- ``progress``: a line on a terminal's stderr while something slow loads.

Slow data loads on first need only, so a command whose texts do not need it never pays for
it (benchmarks/results/cold_start.md). Import the modules, not this package's namespace: it
imports nothing, so that loading one kind of data never loads another.
"""
