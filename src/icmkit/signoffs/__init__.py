"""Sign-offs: a person approved the content of some items, recorded by fingerprint in
signoffs.yaml. Here: the fingerprint of an item, the latest sign-off of each item, the check
that warns when a signed item changed (SGN001), and writing a new record.

The record's model stays with the other models (:mod:`icmkit.model.signoffs`), where loading
reads it; the commit that last changed signoffs.yaml is found in :mod:`icmkit.git.versions`.
"""
