"""Sign-offs: a person approved the content of some items, recorded by fingerprint in
signoffs.yaml.

- :mod:`~icmkit.signoffs.fingerprints`: the fingerprint of an item, the latest sign-off of
  each item, and SGN001, the check that warns when a signed item changed since;
- :mod:`~icmkit.signoffs.recording`: which items a scope covers, a new record, and the text
  of signoffs.yaml with it.

The record's model stays with the other models (:mod:`icmkit.model.signoffs`), where loading
reads it; the commit that last changed signoffs.yaml is found in :mod:`icmkit.git.versions`.
"""
