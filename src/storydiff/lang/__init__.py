"""Language: small readers of an English parse that compare and verify share.

- ``negation``: the word that negates a clause (two readers, and the cue words);
- ``modality``: the force a word gives what it governs (obligation, permission, request);
- ``realis``: whether a verb reports what happened, whether a value is only supposed or
  required, and the verbs of expectation;
- ``clauses``: the subject of the clause a word sits in.

Calendar and number words are reference data, not here.
"""
